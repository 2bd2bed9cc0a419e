#!/usr/bin/env python3
"""Check (or with --write, record) the expected positions of
guide/testdata/parse-positions.json against PyYAML, an independent parser.

Each case holds a YAML source with a writer's mistake; "line" and "col"
are PyYAML's problem_mark (1-based, columns in characters), which
guidelint's parse diagnostic must equal (guide/locate_test.go). Run by
.ci/run, so that the golden file never drifts from PyYAML.
"""
import json
import sys

import yaml

PATH = "guide/testdata/parse-positions.json"


def mark(src):
    try:
        yaml.safe_load(src)
    except yaml.MarkedYAMLError as e:
        m = e.problem_mark
        return m.line + 1, m.column + 1
    return None


def main():
    write = "--write" in sys.argv[1:]
    with open(PATH, encoding="utf-8") as f:
        cases = json.load(f)
    bad = 0
    for c in cases:
        got = mark(c["src"])
        if got is None:
            print(f"{c['name']}: PyYAML parses it; not a mistake", file=sys.stderr)
            bad += 1
            continue
        if write:
            c["line"], c["col"] = got
        elif (c.get("line"), c.get("col")) != got:
            print(f"{c['name']}: recorded {c.get('line')}:{c.get('col')}, PyYAML says {got[0]}:{got[1]}", file=sys.stderr)
            bad += 1
    if write:
        with open(PATH, "w", encoding="utf-8") as f:
            json.dump(cases, f, indent=1, ensure_ascii=False)
            f.write("\n")
    if bad:
        sys.exit(1)
    print(f"{len(cases)} parse positions agree with PyYAML {yaml.__version__}")


if __name__ == "__main__":
    main()
