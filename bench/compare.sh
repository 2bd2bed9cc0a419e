#!/usr/bin/env bash
# Compare guidelint with the validators a team would use instead, on the
# same generated corpus, alternating the tools run by run.
#
#   bench/compare.sh [N_FILES] [RUNS]      (defaults: 10000 files, 3 runs)
#
# Peers are installed here when missing: ajv-cli@5 from npm (into
# bench/out), Debian's python3-jsonschema and python3-yaml. Python is run
# on at most PY_LIMIT files (default 1000) since it is ~20x slower; its
# files/s is comparable, its wall time is not. Prints a Markdown table:
# median wall time, files/s, peak RSS, and ratios to ajv-cli and to the
# parse-only floor (bench/floor, with GOGC=400; it is built without PGO,
# so guidelint is also timed built without it). Then the in-process ratio
# of linting one guide to parsing it (BenchmarkLintOverParse), RUNS times.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-10000}
RUNS=${2:-3}
PY_LIMIT=${PY_LIMIT:-1000}
OUT=bench/out
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
CORPUS=$OUT/corpus-$N

echo "# building" >&2
go build -o "$OUT/guidelint" ./cmd/guidelint           # with cmd/guidelint/default.pgo
go build -pgo=off -o "$OUT/guidelint-nopgo" ./cmd/guidelint
go -C bench build -o "$OUT/floor" ./floor        # bench/ is a module of its own
"$OUT/guidelint" schema >"$OUT/schema.json"
if [ ! -d "$CORPUS" ]; then
	go -C bench run ./corpus -n "$N" -from ../examples/ml-systems.yaml "$CORPUS"
	printf 'files: ["*.yaml"]\n' >"$CORPUS/.guidelint.yaml"
fi

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

# measure NAME FILES CMD...: append "name wall_s rss_kb files" to results.
RESULTS=$OUT/results.txt
: >"$RESULTS"
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

CACHE=$OUT/cache
rm -rf "$CACHE"
"$OUT/guidelint" --cache-dir "$CACHE" "$CORPUS" >/dev/null 2>&1 # fill the cache
CHANGED=$OUT/changed-$N
SEL=$(ls "$CORPUS" | grep '\.yaml$' | sed -n '1,5p')

for run in $(seq "$RUNS"); do
	echo "# run $run of $RUNS" >&2
	measure floor "$N" env GOGC=400 "$OUT/floor" "$CORPUS"
	measure guidelint-cold "$N" "$OUT/guidelint" --no-cache "$CORPUS"
	measure guidelint-cold-nopgo "$N" "$OUT/guidelint-nopgo" --no-cache "$CORPUS"
	measure guidelint-warm "$N" "$OUT/guidelint" --cache-dir "$CACHE" "$CORPUS"
	measure ajv-cli "$N" "$AJV" validate --spec=draft2020 --strict=false -s "$OUT/schema.json" -d "$CORPUS/*.yaml"
	if $PY -c 'import jsonschema' 2>/dev/null; then
		measure python-jsonschema "$PY_LIMIT" $PY bench/pyjsonschema.py "$OUT/schema.json" "$CORPUS" "$PY_LIMIT"
	fi
	# Ten guides changed since the warm run: the stat index answers for
	# the others, so this costs what changed, not the repository.
	for f in $(ls "$CORPUS" | grep '\.yaml$' | sed -n '101,110p'); do printf '# changed in run %s\n' "$run" >>"$CORPUS/$f"; done
	measure guidelint-changed-10 "$N" "$OUT/guidelint" --cache-dir "$CACHE" "$CORPUS"
	# The pre-commit case: 5 files changed, the rest cached; id-unique
	# still compares against every guide in the config's scope.
	for f in $SEL; do printf '# edited in run %s\n' "$run" >>"$CORPUS/$f"; done
	(cd "$CORPUS" && measure precommit-5-changed 5 "$OUT/guidelint" --cache-dir "$CACHE" $SEL)
done

echo
echo "Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(go version | cut -d' ' -f3); corpus: $N guides of $(du -k "$CORPUS/$(echo "$SEL" | sed -n 1p)" | cut -f1) KB; median of $RUNS runs"
echo
awk '
{ wall[$1] = wall[$1] " " $2; rss[$1] = rss[$1] " " $3; files[$1] = $4; if (!($1 in seen)) { order[++n] = $1; seen[$1] = 1 } }
function median(s,   a, k, i, j, t) {
	k = split(s, a, " ")
	for (i = 1; i <= k; i++) for (j = i + 1; j <= k; j++) if (a[j] + 0 < a[i] + 0) { t = a[i]; a[i] = a[j]; a[j] = t }
	return a[int((k + 1) / 2)]
}
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
			printf "| %s | %d | %.2f | — | %.0f | — | — |\n", t, f, w, median(rss[t]) / 1024
			continue
		}
		printf "| %s | %d | %.2f | %.0f | %.0f | %.2f | %.2f |\n", t, f, w, (w > 0 ? f / w : 0), median(rss[t]) / 1024, (ajv > 0 ? per / ajv : 0), (floor > 0 ? per / floor : 0)
	}
}' "$RESULTS"

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
