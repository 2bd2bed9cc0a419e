package lint

import (
	"context"

	"github.com/skillguides/guidelint/guide"
)

// Source is a document held in memory: its path as diagnostics show it
// and its bytes.
type Source struct {
	Path string
	Data []byte
}

// LintAll lints documents held in memory as one run, as Run lints files:
// each as Lint does, on Options.Jobs workers, then the rules that compare
// guides compare them all (and the guides of Options.Scope). It is how a
// tree that is not on disk is linted, such as a git revision
// (--new-from-rev) or an editor's open buffers. The error is the
// context's.
func (l *Linter) LintAll(ctx context.Context, docs []Source) (*Result, error) {
	results := make(resultSlice, len(docs))
	files := make([]input, len(docs))
	all := make([]int, len(docs))
	for i := range docs {
		files[i], all[i] = input{path: docs[i].Path}, i
	}
	l.parallel(ctx, all, func(p *guide.Parser, i int) {
		results[i] = l.lintSource(p, docs[i].Path, docs[i].Data)
	})
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	rs := &runState{scopeSaves: true}
	defer rs.close() // the scope's facts, read through the stat index, are used by then
	return l.result(ctx, results, files, rs, nil, func(i int, r *fileResult, res *Result) {
		if len(r.Diags) > 0 {
			if res.Sources == nil {
				res.Sources = map[string][]byte{}
			}
			res.Sources[r.Path] = docs[i].Data
		}
	})
}

// lintSource is what Lint does to one document before the rules that
// compare guides: the size and text checks, then the cached lint.
func (l *Linter) lintSource(p *guide.Parser, name string, data []byte) fileResult {
	if d := l.checkSize(name, int64(len(data))); d != nil {
		return fileResult{Path: name, raw: []Diagnostic{*d}}
	}
	if d := checkText(name, data); d != nil {
		return fileResult{Path: name, raw: []Diagnostic{*d}}
	}
	return l.lintCached(p, name, data)
}
