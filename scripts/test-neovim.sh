#!/usr/bin/env bash
# The language server with a real editor's client: Debian's neovim runs
# headless with scripts/nvim/lsp_test.lua, which starts "guidelint lsp"
# through vim.lsp.start_client, and exits non-zero on any mismatch.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v nvim >/dev/null 2>&1; then
	sudo=""
	if [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1; then sudo="sudo"; fi
	export DEBIAN_FRONTEND=noninteractive
	$sudo apt-get install -y -qq neovim >/dev/null 2>&1 ||
		{ $sudo apt-get update -qq && $sudo apt-get install -y -qq neovim; }
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
go build -o "$work/guidelint" ./cmd/guidelint
mkdir -p "$work/guides"
# The example with two defects: stats that disagree (line 6) and a
# misspelt key (line 10).
sed -e 's/^  learning_phases: 3$/  learning_phases: 4/' -e '10s/^  what:/  whta:/' \
	examples/technical-writing.yaml >"$work/guides/technical-writing.yaml"
GUIDELINT_BIN="$work/guidelint" GUIDE_FILE="$work/guides/technical-writing.yaml" \
	GUIDELINT_CACHE_DIR="$work/cache" \
	timeout 120 nvim --headless --clean -u NONE -c "luafile scripts/nvim/lsp_test.lua"
