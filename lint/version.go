package lint

import "runtime/debug"

// version is set by release builds (scripts/release.sh) with
// -ldflags "-X github.com/skillguides/guidelint/lint.version=v1.2.3": a
// prebuilt binary has no module version in its build information.
var version string

// Version is guidelint's version: the release tag for a release archive,
// the module version when built with "go install ...@vX.Y.Z", "devel" in
// a checkout. It names the tool in SARIF output and keys the result cache.
var Version = func() string {
	if version != "" {
		return version
	}
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Path == "github.com/skillguides/guidelint" && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return "devel"
}()
