#!/usr/bin/env bash
# Tests the Action's install step (scripts/install.sh) against a loopback
# HTTP server serving a snapshot release: scripts/release.sh builds the
# archive for this machine only, python3's http.server serves it on
# 127.0.0.1, and install.sh must
#   - install it, and the binary must print the tag (guidelint version,
#     SARIF's semanticVersion);
#   - refuse a corrupted archive with a clear message, installing nothing;
#   - refuse an archive checksums.txt does not list;
#   - name the archive it looked for when the release has none for the
#     runner (RUNNER_OS/RUNNER_ARCH mapping).
# Needs Go, python3, curl and tar.
set -euo pipefail

checkout="$(cd "$(dirname "$0")/.." && pwd)"
for tool in go python3 curl tar; do
	command -v "$tool" >/dev/null || { echo "test-install: $tool is not installed" >&2; exit 1; }
done
work="$(mktemp -d)"
server=""
cleanup() {
	if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; fi
	rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "test-install: FAIL: $*" >&2; exit 1; }

goos="$(go env GOOS)"
goarch="$(go env GOARCH)"
version=v9.8.7
DIST="$work/serve/good" bash "$checkout/scripts/release.sh" "$version" "$goos/$goarch"
ext=tar.gz
[ "$goos" = windows ] && ext=zip
archive="guidelint_9.8.7_${goos}_${goarch}.$ext"
[ -f "$work/serve/good/$archive" ] || fail "release.sh wrote no $archive"

# A corrupted copy (one byte changed, same checksums.txt), and a release
# whose checksums.txt lists another archive only.
cp -r "$work/serve/good" "$work/serve/corrupt"
printf 'X' | dd of="$work/serve/corrupt/$archive" bs=1 seek=100 conv=notrunc status=none
cp -r "$work/serve/good" "$work/serve/unlisted"
sed -i.bak "s/$archive/other.$ext/" "$work/serve/unlisted/checksums.txt"

python3 -c '
import functools, http.server, sys
class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass
handler = functools.partial(Quiet, directory=sys.argv[1])
srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
with open(sys.argv[2] + ".tmp", "w") as f:
    f.write(str(srv.server_address[1]))
import os; os.rename(sys.argv[2] + ".tmp", sys.argv[2])
srv.serve_forever()
' "$work/serve" "$work/port" &
server=$!
for _ in $(seq 50); do [ -s "$work/port" ] && break; sleep 0.1; done
[ -s "$work/port" ] || fail "the loopback server did not start"
url="http://127.0.0.1:$(cat "$work/port")"

# install SERVED-FOLDER DEST [VAR=VALUE ...]: runs install.sh as the Action
# does, with no runner variables unless given.
install() {
	local from="$1" dest="$2"
	shift 2
	env -u RUNNER_OS -u RUNNER_ARCH -u GITHUB_PATH -u GITHUB_ACTIONS "$@" \
		GUIDELINT_VERSION="$version" GUIDELINT_DOWNLOAD_URL="$url/$from" GUIDELINT_INSTALL_DIR="$dest" \
		bash "$checkout/scripts/install.sh"
}

# The good archive installs, and the binary knows its tag.
start=$(date +%s)
out="$(install good "$work/bin" 2>&1)" || fail "install of a good archive failed: $out"
echo "test-install: installed in $(($(date +%s) - start)) s: $out"
exe="$work/bin/guidelint"
[ "$goos" = windows ] && exe="$exe.exe"
got="$("$exe" version)"
grep -q "^guidelint $version " <<<"$got" || fail "guidelint version printed: $got"
sarif="$("$exe" --format sarif "$checkout/examples")"
grep -q '"semanticVersion": "9.8.7"' <<<"$sarif" || fail "SARIF's semanticVersion is not 9.8.7"

# The runner's variables pick the archive: the same one, named as Actions
# names this platform.
case "$goos" in linux) ros=Linux ;; darwin) ros=macOS ;; windows) ros=Windows ;; esac
case "$goarch" in amd64) rarch=X64 ;; arm64) rarch=ARM64 ;; esac
out="$(install good "$work/bin-runner" RUNNER_OS="$ros" RUNNER_ARCH="$rarch" GITHUB_PATH="$work/github_path" 2>&1)" ||
	fail "install with RUNNER_OS=$ros RUNNER_ARCH=$rarch failed: $out"
grep -qx "$work/bin-runner" "$work/github_path" || fail "install did not add its folder to GITHUB_PATH"

# A corrupted archive fails the step, says why, installs nothing.
if out="$(install corrupt "$work/bin-corrupt" GITHUB_ACTIONS=true 2>&1)"; then
	fail "a corrupted archive was installed: $out"
fi
grep -q "checksum mismatch for $archive" <<<"$out" || fail "no clear message for a corrupted archive: $out"
grep -q "^::error " <<<"$out" || fail "no error annotation for a corrupted archive: $out"
[ ! -e "$work/bin-corrupt/guidelint" ] && [ ! -e "$work/bin-corrupt/guidelint.exe" ] ||
	fail "a corrupted archive left a binary behind"

# An archive checksums.txt does not list is not trusted.
if out="$(install unlisted "$work/bin-unlisted" 2>&1)"; then
	fail "an archive missing from checksums.txt was installed: $out"
fi
grep -q "does not list $archive" <<<"$out" || fail "no clear message for an unlisted archive: $out"

# Another runner's archive: named in the message when the release lacks it.
other=Linux
[ "$goos" = linux ] && other=macOS
if out="$(install good "$work/bin-other" RUNNER_OS="$other" RUNNER_ARCH=ARM64 2>&1)"; then
	fail "an archive the release lacks was installed: $out"
fi
case "$other" in Linux) want=linux ;; macOS) want=darwin ;; esac
grep -q "guidelint_9.8.7_${want}_arm64.tar.gz" <<<"$out" || fail "the missing archive is not named: $out"

echo "test-install: 5 cases passed"
