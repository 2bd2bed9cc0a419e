#!/usr/bin/env bash
# Builds guidelint's release archives, as GoReleaser names them, for the
# release workflow and the Action's installer (scripts/install.sh):
#
#   bash scripts/release.sh VERSION [GOOS/GOARCH ...]
#
# VERSION is the tag, such as v1.2.3. For each platform (default: linux,
# darwin and windows, each amd64 and arm64) it writes
# guidelint_1.2.3_OS_ARCH.tar.gz (.zip for windows: the tag without its
# "v", as GoReleaser does) holding the guidelint binary, README.md and,
# when present, LICENSE and CHANGELOG.md; then checksums.txt, the SHA-256
# of every archive in sha256sum's format. The binary is built with
# -trimpath and the tag linked in as lint.version, so "guidelint version"
# and SARIF's semanticVersion print it. Archives are reproducible: entries
# sorted, owned by root, dated at the commit.
#
# Output goes to dist/ at the checkout's root (DIST=DIR to choose), which
# is emptied first.
set -euo pipefail

die() { echo "release: $*" >&2; exit 2; }

[ $# -ge 1 ] || die "usage: release.sh VERSION [GOOS/GOARCH ...]"
version="$1"
shift
[[ "$version" =~ ^v[0-9]+\.[0-9]+\.[0-9]+([-+][0-9A-Za-z.+-]+)?$ ]] ||
	die "VERSION must be a release tag such as v1.2.3, not \"$version\""
plain="${version#v}"
platforms=("$@")
if [ ${#platforms[@]} -eq 0 ]; then
	platforms=(linux/amd64 linux/arm64 darwin/amd64 darwin/arm64 windows/amd64 windows/arm64)
fi

root="$(cd "$(dirname "$0")/.." && pwd)"
dist="${DIST:-$root/dist}"
mkdir -p "$dist"
dist="$(cd "$dist" && pwd)"
rm -f "$dist"/guidelint_* "$dist/checksums.txt"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# The archives' dates: the commit's, so that one tag builds the same bytes.
epoch="${SOURCE_DATE_EPOCH:-$(git -C "$root" log -1 --format=%ct 2>/dev/null || echo 0)}"

for platform in "${platforms[@]}"; do
	goos="${platform%/*}"
	goarch="${platform#*/}"
	[ -n "$goos" ] && [ -n "$goarch" ] && [ "$goos/$goarch" = "$platform" ] ||
		die "platform \"$platform\" is not GOOS/GOARCH"
	name="guidelint_${plain}_${goos}_${goarch}"
	stage="$work/$name"
	mkdir -p "$stage"
	exe=guidelint
	[ "$goos" = windows ] && exe=guidelint.exe
	echo "release: $name" >&2
	(cd "$root" && CGO_ENABLED=0 GOOS="$goos" GOARCH="$goarch" go build -trimpath \
		-ldflags "-s -w -X github.com/skillguides/guidelint/lint.version=$version" \
		-o "$stage/$exe" ./cmd/guidelint)
	for f in README.md LICENSE CHANGELOG.md; do
		if [ -f "$root/$f" ]; then cp "$root/$f" "$stage/"; fi
	done
	touch -d "@$epoch" "$stage"/*
	files=()
	while IFS= read -r f; do files+=("$f"); done < <(cd "$stage" && ls | LC_ALL=C sort)
	if [ "$goos" = windows ]; then
		command -v zip >/dev/null || die "zip is needed for the windows archives"
		(cd "$stage" && TZ=UTC zip -q -X "$dist/$name.zip" "${files[@]}") # zip stores local times
	else
		(cd "$stage" && tar --owner=0 --group=0 --numeric-owner -cf - "${files[@]}") |
			gzip -n -9 >"$dist/$name.tar.gz"
	fi
done

shopt -s nullglob
archives=("$dist"/guidelint_*.tar.gz "$dist"/guidelint_*.zip)
[ ${#archives[@]} -gt 0 ] || die "no archives were written"
(cd "$dist" && sha256sum "${archives[@]##*/}" | LC_ALL=C sort -k2 >checksums.txt)
echo "release: $(wc -l <"$dist/checksums.txt") archives and checksums.txt in $dist" >&2
