package lint

import "runtime/debug"

// Version is guidelint's version: the module version when built with
// "go install ...@vX.Y.Z", "devel" in a checkout. It names the tool in
// SARIF output and keys the result cache.
var Version = func() string {
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Path == "github.com/skillguides/guidelint" && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return "devel"
}()
