#!/usr/bin/env bash
# The rdjson and rdjsonl formats, read by the real reviewdog (v0.21.0,
# built from the Go module proxy when missing): every finding passes with
# -filter-mode=nofilter, -fail-level=error fails on an error, and with
# -diff only the finding on a line the last commit added remains.
set -euo pipefail
checkout=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

gobin="$(go env GOPATH)/bin"
reviewdog=$(command -v reviewdog || true)
if [ -z "$reviewdog" ] && [ -x "$gobin/reviewdog" ]; then
	reviewdog="$gobin/reviewdog"
fi
if [ -z "$reviewdog" ]; then # (a module-built reviewdog calls itself "master")
	GOBIN="$gobin" go install github.com/reviewdog/reviewdog/cmd/reviewdog@v0.21.0
	reviewdog="$gobin/reviewdog"
fi
(cd "$checkout" && go build -o "$work/guidelint" ./cmd/guidelint)
# guidelint's exit status is 1 for these findings: only its report matters.
gl() { "$work/guidelint" --no-config --no-cache --disable schema "$@" || [ $? -eq 1 ]; }
git_scratch() { git -c user.name=guidelint-ci -c user.email=ci@localhost -c commit.gpgsign=false "$@"; }

fail() {
	echo "test-reviewdog: FAIL: $*" >&2
	exit 1
}

repo="$work/repo"
mkdir -p "$repo"
cd "$repo"
git_scratch init -q
printf 'id: g\ntitle: TBD\ntagline: "\xf0\x9f\x9a\x80: ready"\nstats: {learning_phases: 9, estimated_hours: 10, sub_skills: 0}\nlearning_path:\n  total_hours: 10\n  phases: []\nsub_skills: []\n' >g.yaml
git_scratch add -A
git_scratch commit -q -m first
sed -i 's/ready"/TODO"/' g.yaml
git_scratch commit -q -am second

# reviewdog's local reporter echoes diagnostics as JSON (rdjsonl) or in
# protocol buffer text (rdjson): flatten both before matching.
flat() { tr -d ' ",[]'; }

for f in rdjson rdjsonl; do
	out=$(gl --format "$f" g.yaml | "$reviewdog" -f="$f" -reporter=local -filter-mode=nofilter | flat)
	n=$(grep -c '^{\?message:' <<<"$out" || true)
	[ "$n" -eq 5 ] || fail "$f, nofilter: reviewdog passed on $n findings, want 5:
$out"
	grep -q 'suggestions:{range:{start:{line:4column:26}end:{line:4column:27}}text:0' <<<"$out" || fail "$f: the stats fix is not a suggestion at 4:26"
	if gl --format "$f" g.yaml | "$reviewdog" -f="$f" -reporter=local -filter-mode=nofilter -fail-level=error >/dev/null 2>&1; then
		fail "$f: -fail-level=error passed on a stats-mismatch error"
	fi
done

out=$(gl --format rdjsonl g.yaml | "$reviewdog" -f=rdjsonl -reporter=local -filter-mode=added -diff="git diff HEAD~1" | flat)
n=$(grep -c '^{\?message:' <<<"$out" || true)
[ "$n" -eq 1 ] && grep -q 'TODO' <<<"$out" || fail "-diff HEAD~1: want only the TODO the last commit added, got:
$out"
# The emoji before TODO is 4 bytes, one code point: the quoted value
# ends at code point 18, byte column 21.
grep -q 'start:{line:3column:10}end:{line:3column:22}' <<<"$out" || fail "byte columns: $out"

echo "reviewdog: 3 passed, 0 failed"
