// The benchmark tools (floor, corpus) are a module of their own so that
// `go install ./...` at the root, which pre-commit runs for a golang
// hook, installs guidelint alone.
module github.com/skillguides/guidelint/bench

go 1.21

require go.yaml.in/yaml/v3 v3.0.6
