#!/usr/bin/env bash
# Render a guide to HTML with "guidelint render" and take a screenshot of
# the page in headless Chromium, to check by eye that it lays out and that
# its charts (the proficiency journey, the skill weights) show. The checks
# a machine can make (text sizes, a phone's width, the table of contents,
# accessibility) are scripts/test-page/run.sh.
#
# Usage: scripts/screenshot-render.sh [GUIDE] [OUT.png]
#   GUIDE   default examples/ml-systems.yaml
#   OUT.png default render-screenshot.png (the HTML page is written beside
#           it, as OUT.html)
#
# Needs Go and Debian's chromium; installs it with apt-get when it is
# missing and the script runs as root. No emoji font: the page's icons are
# inline SVG. The browser gets a throw-away profile and no network
# features, so it works offline, as the page must.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
guide=${1:-$root/examples/ml-systems.yaml}
png=${2:-$PWD/render-screenshot.png}
case $guide in /*) ;; *) guide=$PWD/$guide ;; esac
case $png in /*) ;; *) png=$PWD/$png ;; esac
html=${png%.png}.html

need=()
browser=$(command -v chromium || command -v chromium-browser || true)
[ -n "$browser" ] || need+=(chromium)
if [ ${#need[@]} -gt 0 ]; then
	if [ "$(id -u)" -ne 0 ]; then
		echo "screenshot-render: missing ${need[*]}; run: sudo apt-get install ${need[*]}" >&2
		[ -n "$browser" ] || exit 1
	else
		echo "screenshot-render: installing ${need[*]} with apt-get" >&2
		apt-get update -qq
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
		browser=$(command -v chromium || command -v chromium-browser)
	fi
fi

(cd "$root" && go run ./cmd/guidelint render --format html -o "$html" "$guide")

profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
rm -f "$png"
"$browser" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
	--disable-background-networking --disable-component-update --disable-sync \
	--hide-scrollbars --user-data-dir="$profile" \
	--screenshot="$png" --window-size=1280,4000 "file://$html" 2>"$profile/chromium.log" || {
	cat "$profile/chromium.log" >&2
	exit 1
}
if [ ! -s "$png" ]; then
	cat "$profile/chromium.log" >&2
	echo "screenshot-render: chromium wrote no screenshot" >&2
	exit 1
fi
echo "screenshot-render: $png (page: $html)"
