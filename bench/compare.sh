#!/usr/bin/env bash
# Compare guidelint with the validators a team would use instead, on the
# same generated corpus, alternating the tools run by run.
#
#   bench/compare.sh [N_FILES] [RUNS]      (defaults: 10000 files, 3 runs)
#   BIG=100000 BIG_RUNS=3 bench/compare.sh  (adds a table for a corpus of
#                                           BIG guides: some 15 minutes)
#
# Peers are installed here when missing: ajv-cli@5 from npm (into
# bench/out), Debian's python3-jsonschema and python3-yaml. Python is run
# on at most PY_LIMIT files (default 1000) since it is ~20x slower; its
# files/s is comparable, its wall time is not. Prints a Markdown table:
# median wall time, files/s, peak RSS, and ratios to ajv-cli and to the
# parse-only floor (bench/floor, with GOGC=400; it is built without PGO,
# so guidelint is also timed built without it). Then the in-process ratio
# of linting one guide to parsing it (BenchmarkLintOverParse), RUNS times.
# Each corpus is a git repository (as a content repository is), so that
# walks go through git's listing and pre-commit's run can use --staged.
# Wall times are medians with their range over the runs.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-10000}
RUNS=${2:-3}
BIG=${BIG:-0}
BIG_RUNS=${BIG_RUNS:-$RUNS}
PY_LIMIT=${PY_LIMIT:-1000}
OUT=bench/out
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)

echo "# building" >&2
go build -o "$OUT/guidelint" ./cmd/guidelint           # with cmd/guidelint/default.pgo
go build -pgo=off -o "$OUT/guidelint-nopgo" ./cmd/guidelint
go -C bench build -o "$OUT/floor" ./floor        # bench/ is a module of its own
"$OUT/guidelint" schema >"$OUT/schema.json"

# corpus N: the folder of a generated corpus of N guides, a git
# repository with every guide committed (made once, kept in bench/out).
corpus() {
	local dir=$OUT/corpus-$1
	if [ ! -d "$dir/.git" ]; then
		rm -rf "$dir"
		go -C bench run ./corpus -n "$1" -from ../examples/ml-systems.yaml "$dir" >&2
		printf 'files: ["*.yaml"]\n' >"$dir/.guidelint.yaml"
		git -C "$dir" init -q
		git -C "$dir" add -A
		git -C "$dir" -c user.name=bench -c user.email=bench@localhost -c commit.gpgsign=false commit -q -m corpus
	fi
	echo "$dir"
}

if [ ! -x "$OUT/npm/node_modules/.bin/ajv" ]; then
	echo "# installing ajv-cli@5" >&2
	npm install --silent --no-audit --no-fund --prefix "$OUT/npm" ajv-cli@5 >&2
fi
AJV=$OUT/npm/node_modules/.bin/ajv
PY=/usr/bin/python3
if ! $PY -c 'import jsonschema, yaml' 2>/dev/null; then
	echo "# installing python3-jsonschema python3-yaml" >&2
	(apt-get install -y -qq python3-jsonschema python3-yaml >/dev/null 2>&1 ||
		{ apt-get update -qq >/dev/null && apt-get install -y -qq python3-jsonschema python3-yaml >/dev/null; }) ||
		echo "# could not install Python peers; skipping them" >&2
fi
TIME=/usr/bin/time
[ -x "$TIME" ] || { apt-get install -y -qq time >/dev/null; }

# measure NAME FILES CMD...: append "name wall_s rss_kb files" to $RESULTS.
measure() {
	local name=$1 files=$2
	shift 2
	local t
	# The command's own output and exit status are ignored: some runs find
	# problems on purpose (the edited files).
	$TIME -f '%e %M' -o "$OUT/time.txt" "$@" >/dev/null 2>&1 || true
	t=$(tail -1 "$OUT/time.txt")
	echo "$name $t $files" >>"$RESULTS"
}

# bench N RUNS: every row for a corpus of N guides, RUNS times, the tools
# alternating, into $RESULTS.
bench() {
	local n=$1 runs=$2 dir cache sel run f
	dir=$(corpus "$n")
	git -C "$dir" checkout -q -- . # undo the edits of an earlier run
	cache=$OUT/cache-$n
	rm -rf "$cache"
	echo "# filling the cache for $n guides" >&2
	(cd "$dir" && "$OUT/guidelint" --cache-dir "$cache" . >/dev/null 2>&1) || true
	sel=$(ls "$dir" | grep '\.yaml$' | sed -n '1,5p')
	for run in $(seq "$runs"); do
		echo "# $n guides: run $run of $runs" >&2
		measure floor "$n" env GOGC=400 "$OUT/floor" "$dir"
		measure guidelint-cold "$n" "$OUT/guidelint" --no-cache "$dir"
		[ "$n" -gt 10000 ] || measure guidelint-cold-nopgo "$n" "$OUT/guidelint-nopgo" --no-cache "$dir"
		(cd "$dir" && measure guidelint-warm "$n" "$OUT/guidelint" --cache-dir "$cache" .)
		measure ajv-cli "$n" "$AJV" validate --spec=draft2020 --strict=false -s "$OUT/schema.json" -d "$dir/*.yaml"
		if [ "$n" -le 10000 ] && $PY -c 'import jsonschema' 2>/dev/null; then
			measure python-jsonschema "$PY_LIMIT" $PY bench/pyjsonschema.py "$OUT/schema.json" "$dir" "$PY_LIMIT"
		fi
		# Ten guides changed since the warm run: the stat index answers for
		# the others, so this costs what changed, not the repository.
		for f in $(ls "$dir" | grep '\.yaml$' | sed -n '101,110p'); do printf '# changed in run %s\n' "$run" >>"$dir/$f"; done
		(cd "$dir" && measure guidelint-changed-10 "$n" "$OUT/guidelint" --cache-dir "$cache" .)
		# The pre-commit case: 5 files changed and staged, the rest cached;
		# id-unique still compares against every guide in the config's
		# scope: in the work tree (stat'ing every guide), and as staged
		# (the hook's --staged: known by blob id, nothing stat'ed).
		for f in $sel; do printf '# edited in run %s\n' "$run" >>"$dir/$f"; done
		git -C "$dir" add $sel
		(cd "$dir" && measure precommit-5-worktree 5 "$OUT/guidelint" --cache-dir "$cache" $sel)
		(cd "$dir" && measure precommit-5-staged 5 "$OUT/guidelint" --staged --cache-dir "$cache" $sel)
	done
	git -C "$dir" reset -q
	git -C "$dir" checkout -q -- .
}

# table N: the Markdown table of $RESULTS.
table() {
	local n=$1 sel
	sel=$(ls "$OUT/corpus-$n" | grep '\.yaml$' | sed -n 1p)
	echo
	echo "Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(go version | cut -d' ' -f3); corpus: $n guides of $(du -k "$OUT/corpus-$n/$sel" | cut -f1) KB; median (range) of the runs"
	echo
	awk '
	{ wall[$1] = wall[$1] " " $2; rss[$1] = rss[$1] " " $3; files[$1] = $4; if (!($1 in seen)) { order[++n] = $1; seen[$1] = 1 } }
	function sorted(s, a,   k, i, j, t) {
		k = split(s, a, " ")
		for (i = 1; i <= k; i++) for (j = i + 1; j <= k; j++) if (a[j] + 0 < a[i] + 0) { t = a[i]; a[i] = a[j]; a[j] = t }
		return k
	}
	function median(s,   a, k) { k = sorted(s, a); return a[int((k + 1) / 2)] }
	function spread(s,   a, k) { k = sorted(s, a); return k > 1 ? sprintf(" (%.2f–%.2f)", a[1], a[k]) : "" }
	END {
		ajv = median(wall["ajv-cli"]) / files["ajv-cli"]
		floor = median(wall["floor"]) / files["floor"]
		print "| tool | files | wall s | files/s | peak RSS MB | time/file vs ajv-cli | vs floor |"
		print "|---|---:|---:|---:|---:|---:|---:|"
		for (i = 1; i <= n; i++) {
			t = order[i]; w = median(wall[t]); f = files[t]; per = w / f
			if (t ~ /^precommit/) {
				# A few files against a cached repository: its time is the
				# point, a time per file means nothing.
				printf "| %s | %d | %.2f%s | — | %.0f | %.3f× ajv-cli wall | — |\n", t, f, w, spread(wall[t]), median(rss[t]) / 1024, (ajv > 0 ? w / median(wall["ajv-cli"]) : 0)
				continue
			}
			printf "| %s | %d | %.2f%s | %.0f | %.0f | %.3f | %.2f |\n", t, f, w, spread(wall[t]), (w > 0 ? f / w : 0), median(rss[t]) / 1024, (ajv > 0 ? per / ajv : 0), (floor > 0 ? per / floor : 0)
		}
	}' "$RESULTS"
}

RESULTS=$OUT/results-$N.txt
: >"$RESULTS"
bench "$N" "$RUNS"
table "$N"
if [ "$BIG" -gt 0 ]; then
	RESULTS=$OUT/results-$BIG.txt
	: >"$RESULTS"
	bench "$BIG" "$BIG_RUNS"
	table "$BIG"
fi

# In process: one guide, lint against parse, alternating in one benchmark
# (see BenchmarkLintOverParse); -cpu 1 so the collector cannot hide on the
# other core.
echo
echo "In process, examples/ml-systems.yaml, lint/parse over $RUNS runs of \`go test -bench LintOverParse -cpu 1 ./lint\`:"
echo
go test -run XXX -bench LintOverParse -cpu 1 -count "$RUNS" -benchtime 2s ./lint |
	awk '/^BenchmarkLintOverParse/ {
		for (i = 2; i <= NF; i++) if ($i == "lint/parse") r[$1] = r[$1] " " $(i - 1)
	}
	function median(s,   a, k, i, j, t) {
		k = split(s, a, " ")
		for (i = 1; i <= k; i++) for (j = i + 1; j <= k; j++) if (a[j] + 0 < a[i] + 0) { t = a[i]; a[i] = a[j]; a[j] = t }
		return a[int((k + 1) / 2)] " (" a[1] "–" a[k] ")"
	}
	END {
		print "| compared with | lint/parse, median (range) |"
		print "|---|---|"
		print "| guide.Parse | " median(r["BenchmarkLintOverParse/Parse"]) " |"
		print "| a reused guide.Parser | " median(r["BenchmarkLintOverParse/Parser"]) " |"
	}'
