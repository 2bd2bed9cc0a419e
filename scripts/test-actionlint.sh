#!/usr/bin/env bash
# Checks the GitHub workflows and action.yml with the real actionlint
# (v1.7.12), which runs shellcheck on every run: script when it is on the
# PATH. actionlint reads action.yml only through the workflows that use it
# (the dogfood job's inputs), so the Action's steps are also checked as
# the steps of a workflow made from them: workflow_call inputs standing
# for the Action's inputs, so that ${{ inputs.x }} is checked too.
# Installs actionlint (go install, into GOPATH/bin), shellcheck (apt) and
# python3-yaml (apt) when missing.
set -euo pipefail
cd "$(dirname "$0")/.."

version=v1.7.12
bin="$(go env GOPATH)/bin/actionlint"
if ! "$bin" -version 2>/dev/null | grep -qx "$version"; then
	go install "github.com/rhysd/actionlint/cmd/actionlint@$version"
fi
"$bin" -version | head -1

apt_install() {
	local sudo=""
	if [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1; then sudo="sudo"; fi
	export DEBIAN_FRONTEND=noninteractive
	$sudo apt-get install -y -qq "$@" >/dev/null 2>&1 ||
		{ $sudo apt-get update -qq && $sudo apt-get install -y -qq "$@" >/dev/null; }
}
command -v shellcheck >/dev/null 2>&1 || apt_install shellcheck
python3 -c 'import yaml' 2>/dev/null || apt_install python3-yaml

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
python3 - action.yml >"$work/action-as-workflow.yml" <<'PY'
import sys, yaml
action = yaml.safe_load(open(sys.argv[1]))
runs = action["runs"]
assert runs["using"] == "composite", "action.yml: a composite action is expected"
# Scripts as block scalars, so that a finding's line is readable.
yaml.SafeDumper.add_representer(str, lambda d, s: d.represent_scalar(
    "tag:yaml.org,2002:str", s, style="|" if "\n" in s else None))
inputs = {
    name: {"description": spec.get("description", ""), "type": "string",
           "required": bool(spec.get("required", False)), "default": str(spec.get("default", ""))}
    for name, spec in action.get("inputs", {}).items()
}
print(yaml.safe_dump({
    "name": "action.yml steps, as a workflow for actionlint",
    "on": {"workflow_call": {"inputs": inputs}},
    "jobs": {"action": {"runs-on": "ubuntu-latest", "steps": runs["steps"]}},
}, sort_keys=False, width=1000))
PY

status=0
echo "-- .github/workflows"
"$bin" -no-color .github/workflows/*.yml || status=1
echo "-- action.yml's steps (line numbers are those of the generated workflow)"
"$bin" -no-color -stdin-filename action.yml - <"$work/action-as-workflow.yml" || {
	status=1
	cat -n "$work/action-as-workflow.yml" >&2
}
[ "$status" -eq 0 ] && echo "actionlint: no problems"
exit "$status"
