"""Validate every .yaml file of a folder against a JSON Schema with Python's
jsonschema and libyaml: the schema-only peer of bench/compare.sh.

usage: python3 pyjsonschema.py SCHEMA DIR [LIMIT]
"""
import json
import os
import sys

import jsonschema
import yaml


def main():
    schema_path, folder = sys.argv[1], sys.argv[2]
    limit = int(sys.argv[3]) if len(sys.argv) > 3 else None
    with open(schema_path) as f:
        validator = jsonschema.Draft202012Validator(json.load(f))
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    files = sorted(n for n in os.listdir(folder) if n.endswith(".yaml"))[:limit]
    invalid = 0
    for name in files:
        with open(os.path.join(folder, name), "rb") as f:
            doc = yaml.load(f, Loader=loader)
        if any(True for _ in validator.iter_errors(doc)):
            invalid += 1
    print(f"validated {len(files)} files, {invalid} invalid")
    return 1 if invalid else 0


if __name__ == "__main__":
    sys.exit(main())
