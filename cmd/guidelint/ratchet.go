package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/skillguides/guidelint/internal/gitrev"
	"github.com/skillguides/guidelint/lint"
)

// revFindings lints the guides that a run on paths would lint, as they
// were at git revision rev (read with git, nothing checked out), and
// returns their findings, for --new-from-rev. opts are the run's, less
// its baseline.
func revFindings(ctx context.Context, opts lint.Options, paths []string, rev string) ([]lint.Diagnostic, error) {
	wd, err := os.Getwd()
	if err != nil {
		return nil, err
	}
	root, ok := lint.RepoRoot(wd)
	if !ok {
		return nil, &lint.UsageError{Msg: "--new-from-rev needs a git repository: none holds " + wd}
	}
	if len(paths) == 0 {
		paths = []string{"."}
	}
	type want struct {
		prefix string // a folder's path relative to root, with a slash; "" for the root
		exact  bool
	}
	var wants []want
	for _, p := range paths {
		if p == lint.StdinPath {
			continue
		}
		abs, err := filepath.Abs(p)
		if err != nil {
			return nil, err
		}
		rel, err := filepath.Rel(root, abs)
		if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
			continue // outside the repository: nothing of it is in rev
		}
		rel = filepath.ToSlash(rel)
		if fi, err := os.Stat(p); err == nil && !fi.IsDir() {
			wants = append(wants, want{prefix: rel, exact: true})
			continue
		}
		if rel == "." {
			rel = ""
		} else {
			rel += "/"
		}
		wants = append(wants, want{prefix: rel})
	}
	max := opts.MaxFileSize
	if max <= 0 {
		max = lint.DefaultMaxFileSize
	}
	files, err := gitrev.Files(root, rev, func(path string, size int64) bool {
		if size > max {
			return false
		}
		abs := filepath.Join(root, filepath.FromSlash(path))
		for _, w := range wants {
			if w.exact {
				if path == w.prefix && !opts.Config.Excluded(abs) {
					return true
				}
				continue
			}
			if !strings.HasPrefix(path, w.prefix) || hiddenBelow(path[len(w.prefix):]) {
				continue
			}
			if filepath.Base(path) != lint.ConfigFileName && opts.Config.Included(abs) && !opts.Config.Excluded(abs) {
				return true
			}
		}
		return false
	})
	if err != nil {
		return nil, &lint.UsageError{Msg: "--new-from-rev: " + err.Error()}
	}
	docs := make([]lint.Source, len(files))
	for i, f := range files {
		shown, err := filepath.Rel(wd, filepath.Join(root, filepath.FromSlash(f.Path)))
		if err != nil {
			shown = filepath.Join(root, f.Path)
		}
		docs[i] = lint.Source{Path: shown, Data: f.Data}
	}
	opts.Baseline = nil
	l, err := lint.New(opts)
	if err != nil {
		return nil, err
	}
	res, err := l.LintAll(ctx, docs)
	if err != nil {
		return nil, fmt.Errorf("linting %s: %w", rev, err)
	}
	return res.Diagnostics, nil
}

// hiddenBelow reports whether a path below a walked folder passes through
// a hidden folder, which a walk skips.
func hiddenBelow(rel string) bool {
	parts := strings.Split(rel, "/")
	for _, p := range parts[:len(parts)-1] {
		if len(p) > 1 && p[0] == '.' {
			return true
		}
	}
	return false
}
