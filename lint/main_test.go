package lint

import "flag"

// update makes golden-file tests (TestRulesDoc among them) rewrite their
// golden files instead of comparing: go test ./lint -run TestRulesDoc -update.
var update = flag.Bool("update", false, "rewrite golden files")
