#!/usr/bin/env bash
# Installs a released guidelint binary, checksum-verified, for the Action
# (action.yml) or any CI:
#
#   GUIDELINT_VERSION=v1.2.3 bash scripts/install.sh
#
# It downloads guidelint_1.2.3_OS_ARCH.tar.gz (.zip on Windows), the
# archive scripts/release.sh builds, and checksums.txt from the GitHub
# release of the tag, checks the archive's SHA-256 against it (a mismatch,
# or an archive checksums.txt does not list, fails before anything is
# unpacked), and unpacks the binary into GUIDELINT_INSTALL_DIR (default
# $RUNNER_TEMP/guidelint-bin), added to $GITHUB_PATH when set.
#
# The platform is the runner's (RUNNER_OS Linux|macOS|Windows, RUNNER_ARCH
# X64|ARM64), else this machine's (uname). GUIDELINT_DOWNLOAD_URL replaces
# the release's download address (a folder holding the archives and
# checksums.txt), for mirrors and for scripts/test-install.sh.
set -euo pipefail

fail() {
	if [ -n "${GITHUB_ACTIONS:-}" ]; then echo "::error title=guidelint install::$*"; fi
	echo "install: $*" >&2
	exit 1
}

version="${GUIDELINT_VERSION:-}"
[[ "$version" =~ ^v[0-9]+\.[0-9]+\.[0-9]+([-+][0-9A-Za-z.+-]+)?$ ]] ||
	fail "GUIDELINT_VERSION must be a release tag such as v1.2.3, not \"$version\""

os="${RUNNER_OS:-$(uname -s)}"
case "$os" in
Linux) os=linux ;;
macOS | Darwin) os=darwin ;;
Windows | MINGW* | MSYS* | CYGWIN*) os=windows ;;
*) fail "no release archive for the operating system \"$os\"; build from source with Go instead" ;;
esac
arch="${RUNNER_ARCH:-$(uname -m)}"
case "$arch" in
X64 | x86_64 | amd64) arch=amd64 ;;
ARM64 | aarch64 | arm64) arch=arm64 ;;
*) fail "no release archive for the architecture \"$arch\"; build from source with Go instead" ;;
esac

name="guidelint_${version#v}_${os}_${arch}"
exe=guidelint
if [ "$os" = windows ]; then
	archive="$name.zip"
	exe=guidelint.exe
else
	archive="$name.tar.gz"
fi
base="${GUIDELINT_DOWNLOAD_URL:-https://github.com/skillguides/guidelint/releases/download/$version}"
base="${base%/}"
dest="${GUIDELINT_INSTALL_DIR:-${RUNNER_TEMP:-${TMPDIR:-/tmp}}/guidelint-bin}"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

fetch() { # URL FILE
	curl -fsSL --retry 3 --retry-delay 2 -o "$2" "$1" ||
		fail "cannot download $1 (is $version released, with an archive for $os/$arch?)"
}
fetch "$base/checksums.txt" "$work/checksums.txt"
fetch "$base/$archive" "$work/$archive"

want="$(awk -v f="$archive" '$2 == f || $2 == "*" f { print $1; exit }' "$work/checksums.txt")"
[ -n "$want" ] || fail "checksums.txt of $version does not list $archive"
if command -v sha256sum >/dev/null; then
	got="$(sha256sum "$work/$archive" | awk '{print $1}')"
elif command -v shasum >/dev/null; then
	got="$(shasum -a 256 "$work/$archive" | awk '{print $1}')"
else
	fail "neither sha256sum nor shasum is installed: cannot verify $archive"
fi
[ "$got" = "$want" ] ||
	fail "checksum mismatch for $archive: checksums.txt says $want, the download is $got; not installed"

mkdir -p "$work/unpack" "$dest"
if [ "$os" = windows ]; then
	if command -v unzip >/dev/null; then
		unzip -q -o "$work/$archive" "$exe" -d "$work/unpack"
	else
		winpath() { if command -v cygpath >/dev/null; then cygpath -w "$1"; else echo "$1"; fi; }
		powershell -NoProfile -Command "Expand-Archive -LiteralPath '$(winpath "$work/$archive")' -DestinationPath '$(winpath "$work/unpack")'"
	fi
else
	tar -xzf "$work/$archive" -C "$work/unpack" "$exe"
fi
[ -f "$work/unpack/$exe" ] || fail "$archive holds no $exe"
chmod +x "$work/unpack/$exe"
mv -f "$work/unpack/$exe" "$dest/$exe"
if [ -n "${GITHUB_PATH:-}" ]; then echo "$dest" >>"$GITHUB_PATH"; fi
"$dest/$exe" version
