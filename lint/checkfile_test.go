package lint

import (
	"sync"

	"github.com/skillguides/guidelint/guide"
)

// Only tests and benchmarks lint a file on its own; a run goes through
// Run's workers, each with its own Parser.

// checkFile lints one file's bytes on its own: parse, schema, every enabled
// rule, inline suppression and severities.
func checkFile(path string, data []byte, s *settings) fileResult {
	p := parsers.Get().(*guide.Parser)
	res := lintFile(p, path, data, s)
	parsers.Put(p)
	res.finish(s, nil)
	return res
}

// parsers are the Parsers of checkFile's callers, whose memory each call
// reuses.
var parsers = sync.Pool{New: func() any { return new(guide.Parser) }}
