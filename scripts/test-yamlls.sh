#!/usr/bin/env bash
# The schema's hovers in the real yaml-language-server (what VS Code's YAML
# extension and Neovim's yamlls run): a guide whose modeline names this
# checkout's schema gets Markdown hovers in which `id-filename` is code,
# not backticks escaped as text (markdownDescription; issue 17, item 4).
# Installs yaml-language-server (pinned) from npm into a cache folder, and
# Debian's nodejs and npm, when missing.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
	sudo=""
	if [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1; then sudo="sudo"; fi
	export DEBIAN_FRONTEND=noninteractive
	$sudo apt-get install -y -qq nodejs npm >/dev/null 2>&1 ||
		{ $sudo apt-get update -qq && $sudo apt-get install -y -qq nodejs npm >/dev/null; }
fi

version=1.19.2
dir="${XDG_CACHE_HOME:-$HOME/.cache}/guidelint-ci/yaml-language-server-$version"
server="$dir/node_modules/yaml-language-server/bin/yaml-language-server"
if [ ! -f "$server" ]; then
	mkdir -p "$dir"
	npm install --silent --no-audit --no-fund --prefix "$dir" "yaml-language-server@$version" >&2
fi

fail() {
	echo "test-yamlls: FAIL: $*" >&2
	exit 1
}
hover="$(node scripts/yamlls-hover.js "$server" schema/skill-guide.schema.json id)" || fail "no hover from yaml-language-server"
echo "    hover of id: $hover"
grep -q '"kind":"markdown"' <<<"$hover" || fail "the hover is not Markdown"
# shellcheck disable=SC2016 # the backticks are the text looked for
grep -qF '(rule `id-filename`)' <<<"$hover" || fail "the hover does not show id-filename as code"
if grep -qF '\\`' <<<"$hover"; then fail "the hover shows backticks as text"; fi
echo "yaml-language-server: 1 passed, 0 failed"
