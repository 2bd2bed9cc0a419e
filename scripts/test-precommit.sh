#!/usr/bin/env bash
# Runs the real pre-commit client on this checkout's .pre-commit-hooks.yaml.
# `pre-commit try-repo` builds the hook as users get it (language: golang,
# so `go install ./...` of the repository) and runs it in a scratch content
# repository holding a good and a bad guide. It checks that:
#   - the bad guide fails the hook, with its diagnostics printed;
#   - the good guide alone passes;
#   - a changed guide reusing the id of an unchanged one fails (id-unique
#     compares against the whole repository even though pre-commit passes
#     only the changed file);
#   - the hook's environment holds the guidelint command alone (pre-commit
#     installs every command of `./...`).
# Needs git, Go and pre-commit (.ci/run installs Debian's pre-commit).
set -euo pipefail

checkout="$(cd "$(dirname "$0")/.." && pwd)"
command -v pre-commit >/dev/null || { echo "test-precommit: pre-commit is not installed" >&2; exit 1; }
pre-commit --version

work="$(mktemp -d)"
trap 'chmod -R u+w "$work" 2>/dev/null; rm -rf "$work"' EXIT

# Build in the usual module and build caches rather than in pre-commit's
# fresh GOPATH, so the hook builds offline when the modules are cached.
GOMODCACHE="$(go env GOMODCACHE)"
GOCACHE="$(go env GOCACHE)"
export GOMODCACHE GOCACHE
unset GOBIN

git_scratch() { git -c user.name=guidelint-ci -c user.email=ci@localhost -c commit.gpgsign=false "$@"; }

# try-repo on a local path uses its HEAD plus changes to tracked files, not
# new files: snapshot the working tree (tracked and untracked, minus what
# .gitignore ignores) into a repository of its own and try that.
snap="$work/guidelint"
mkdir -p "$snap"
if git -C "$checkout" rev-parse --git-dir >/dev/null 2>&1; then
	(cd "$checkout" && git ls-files -z --cached --others --exclude-standard |
		while IFS= read -r -d '' f; do [ -e "$f" ] && printf '%s\0' "$f"; done |
		tar --null -T - -cf -) | tar -xf - -C "$snap"
else
	(cd "$checkout" && tar --exclude=./.git -cf - .) | tar -xf - -C "$snap"
fi
git_scratch -C "$snap" init -q
git_scratch -C "$snap" add -A
git_scratch -C "$snap" commit -q -m "snapshot of the guidelint checkout"

# The content repository: a good guide and a bad one (a misspelt key, a
# wrong total).
content="$work/content"
mkdir -p "$content/guides"
cp "$checkout/examples/ml-systems.yaml" "$content/guides/ml-systems.yaml"
sed -e 's/^id: ml-systems$/id: bad/' -e 's/^title: ML Systems$/title: Bad Systems/' -e '0,/^    weight:/s//    wieght:/' \
	-e 's/^  total_hours: 240$/  total_hours: 250/' \
	"$checkout/examples/ml-systems.yaml" >"$content/guides/bad.yaml"
git_scratch -C "$content" init -q
git_scratch -C "$content" add -A
git_scratch -C "$content" commit -q -m guides

fail() {
	echo "test-precommit: FAIL: $*" >&2
	exit 1
}

# try runs the hook on the named files; it sets $out and $status.
try() {
	set +e
	out="$(cd "$content" && pre-commit try-repo "$snap" guidelint --color never --files "$@" 2>&1)"
	status=$?
	set -e
	printf '%s\n' "$out" | sed 's/^/    /'
}

echo "-- good and bad guide: must fail, with the bad guide's diagnostics"
try guides/ml-systems.yaml guides/bad.yaml
[ "$status" -ne 0 ] || fail "the hook passed on a bad guide"
grep -Eq '^guides/bad\.yaml:[0-9]+:[0-9]+: error: unknown key "wieght" \(did you mean "weight"\?\) \(schema\)$' <<<"$out" ||
	fail "the bad guide's schema diagnostic is not in the output"
grep -Eq '^guides/bad\.yaml:[0-9]+:[0-9]+: error: phase hours sum to 240, want total_hours 250; change the phases. hours or total_hours so they agree \(hours-total\)$' <<<"$out" ||
	fail "the bad guide's hours-total diagnostic is not in the output"
if grep -q '^guides/ml-systems\.yaml:' <<<"$out"; then fail "the good guide got diagnostics"; fi

echo "-- good guide alone: must pass"
try guides/ml-systems.yaml
[ "$status" -eq 0 ] || fail "the hook failed on a good guide (exit $status)"

echo "-- a new guide reusing an unchanged guide's id and title: must fail"
cp "$checkout/examples/ml-systems.yaml" "$content/guides/copy.yaml"
git_scratch -C "$content" add guides/copy.yaml
try guides/copy.yaml
[ "$status" -ne 0 ] || fail "the hook passed on a duplicate id"
grep -Eq '^guides/copy\.yaml:[0-9]+:[0-9]+: error: id "ml-systems" is already used by guides/ml-systems\.yaml:[0-9]+:[0-9]+ \(id-unique\)$' <<<"$out" ||
	fail "the id-unique diagnostic is not in the output"
grep -Eq '^guides/copy\.yaml:[0-9]+:[0-9]+: warning: title "ML Systems" is already used by guides/ml-systems\.yaml:[0-9]+:[0-9]+ \(title-unique\)$' <<<"$out" ||
	fail "the title-unique diagnostic is not in the output"

echo "-- a new guide sharing its id with an untracked draft only: must pass"
# The hook compares with what the commit holds (--staged): git's index,
# not an untracked scratch file in the work tree.
sed -e 's/^id: ml-systems$/id: fresh/' -e 's/^title: ML Systems$/title: Fresh Systems/' \
	"$checkout/examples/ml-systems.yaml" >"$content/guides/fresh.yaml"
cp "$content/guides/fresh.yaml" "$content/guides/draft.yaml"
git_scratch -C "$content" add guides/fresh.yaml
try guides/fresh.yaml
[ "$status" -eq 0 ] || fail "the hook failed on a clash with an untracked file (exit $status)"
git_scratch -C "$content" rm -q -f guides/fresh.yaml
rm -f "$content/guides/draft.yaml"

echo "-- the hook's environment holds guidelint alone"
# try-repo builds in a store it deletes; a config naming the snapshot, run
# with a pre-commit home of our own, leaves the environment to look at.
git_scratch -C "$content" rm -q -f guides/copy.yaml
printf 'repos:\n  - repo: %s\n    rev: %s\n    hooks:\n      - id: guidelint\n' \
	"$snap" "$(git -C "$snap" rev-parse HEAD)" >"$content/.pre-commit-config.yaml"
set +e
out="$(cd "$content" && PRE_COMMIT_HOME="$work/pre-commit-home" pre-commit run guidelint --color never --files guides/ml-systems.yaml 2>&1)"
status=$?
set -e
printf '%s\n' "$out" | sed 's/^/    /'
[ "$status" -eq 0 ] || fail "pre-commit run failed on a good guide (exit $status)"
bins="$(find "$work/pre-commit-home" -path '*/golangenv-*/bin/*' \( -type f -o -type l \) -printf '%f\n' | sort | tr '\n' ' ')"
echo "    installed: $bins"
[ "$bins" = "guidelint " ] || fail "pre-commit installed more than guidelint: $bins"

echo "pre-commit: 4 passed, 0 failed"
