#!/usr/bin/env bash
# The browser test of the page "guidelint render --format html" writes:
# renders the shipped examples, edge.yaml and (from the golden tests) a
# malformed guide with the CLI, then checks them in Debian's Chromium
# driven by puppeteer-core, with axe-core (see check.mjs). Screenshots go
# to scripts/test-page/out/ (gitignored), or to the folder in $ARTIFACTS.
#
# Installs what is missing: chromium (and node) with apt-get (as root, or
# with sudo), the npm packages pinned in package-lock.json with npm ci. No
# browser is ever downloaded: puppeteer-core has no download step, and the
# test runs /usr/bin/chromium.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
out=${ARTIFACTS:-$here/out}

need=()
[ -x /usr/bin/chromium ] || need+=(chromium)
command -v npm >/dev/null 2>&1 || need+=(nodejs npm) # Debian 12's node 18 will do
if [ ${#need[@]} -gt 0 ]; then
	sudo=""
	if [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1; then sudo="sudo"; fi
	export DEBIAN_FRONTEND=noninteractive
	echo "test-page: installing ${need[*]} with apt-get" >&2
	$sudo apt-get install -y -qq "${need[@]}" >/dev/null 2>&1 ||
		{ $sudo apt-get update -qq && $sudo apt-get install -y -qq "${need[@]}" >/dev/null; }
fi
# npm ci when node_modules is missing or older than the lock file.
if [ ! -d "$here/node_modules" ] || [ "$here/package-lock.json" -nt "$here/node_modules/.package-lock.json" ]; then
	(cd "$here" && npm ci --no-audit --no-fund --loglevel=error)
fi

rm -rf "$out"
mkdir -p "$out/pages"
(cd "$root" && go build -o "$out/guidelint" ./cmd/guidelint)
# edge.yaml strains the layout: eight levels, long words and links.
for guide in "$root"/examples/*.yaml "$here/edge.yaml"; do
	name=$(basename "$guide" .yaml)
	"$out/guidelint" render --format html -o "$out/pages/$name.html" "$guide"
done
cp "$root/render/testdata/broken.html.golden" "$out/pages/broken-guide.html"
rm "$out/guidelint"

cd "$here"
node check.mjs "$out/screenshots" "$out"/pages/*.html
