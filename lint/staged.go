package lint

import (
	"bytes"
	"path/filepath"
	"slices"
	"strings"
)

// stagedScope reads the guides of the scope folder dir (absolute: abs) as
// git's index lists them (Options.Staged), and returns false when dir is
// not in a git work tree. It is pre-commit's path, so it does per file
// only what a file needs: a guide whose staged blob is the one the stat
// index recorded is answered from the index as git's listing streams by
// (the listing comes in key order, so the index is read in step with it),
// and is added to known with its facts; any other guide is added to found,
// to be stat'ed and perhaps read (factsFor). The run's own files are
// among them (the listing may run while they are linted): scopeFacts
// drops them. hold is told what the listing will keep alive, before it
// grows. index loads the stat index: only once git has started, so that
// git reads its index while this process reads its own.
func (l *Linter) stagedScope(dir, abs string, index func() *statIndex, found *[]input, known *[]scopeFile, hold func(int64)) bool {
	cfg := l.opts.Config
	root := filepath.ToSlash(abs)
	if !strings.HasSuffix(root, "/") {
		root += "/"
	}
	nFound, nKnown := len(*found), len(*known)
	var idx *statIndex
	var buf []byte    // the key of the file listed: root + path
	var hint nearHint // where the index's next entries are likely to be
	var keys stringArena
	ok := l.opts.Staged(abs, func(path, blob []byte) {
		if buf == nil { // the first file listed
			idx = index()
			// As many as the index has below the folder, about: grown
			// once, rather than doubled from nothing (a copy of
			// megabytes each time).
			*known = slices.Grow(*known, idx.countPrefix(root))
			hold(int64(cap(*known)-nKnown) * heldPerFile)
			buf = make([]byte, 0, 256)
		}
		if !stagedCandidate(path) {
			return
		}
		buf = append(append(buf[:0], root...), path...)
		if !cleanSlashRel(path) {
			// Not as git lists paths (a library's StagedFunc): made
			// clean, and kept only if it stays inside dir.
			rel := filepath.ToSlash(filepath.Clean(string(path)))
			if !filepath.IsLocal(filepath.FromSlash(rel)) {
				return
			}
			buf = append(buf[:len(root)], rel...)
		}
		key := keys.make(buf)
		ap := filepath.FromSlash(key)
		if cfg.excludedAbs(ap) {
			return
		}
		in, byGlob := cfg.includedAbs(key, ap)
		if !in {
			return
		}
		sniff := !byGlob
		if len(blob) > 0 {
			if e, ok := idx.getNear(key, &hint); ok && bytes.Equal(e.Blob, blob) && (e.Flags&entryNotGuide == 0 || sniff) {
				*known = append(*known, scopeFile{key: key, path: stagedPath(l.wd, dir, key, len(root)), raw: e.Raw, sniff: sniff})
				return
			}
			blob = bytes.Clone(blob)
		} else {
			blob = nil // names nothing: the file is compared through its stat
		}
		*found = append(*found, input{path: joinClean(dir, filepath.FromSlash(key[len(root):])), sniff: sniff, key: key, blob: blob})
	})
	if !ok { // what it listed before it failed is not a listing
		*found, *known = (*found)[:nFound], (*known)[:nKnown]
	}
	return ok
}

// stagedCandidate says whether the file at path (relative, slash form)
// of git's listing could be a guide a walk finds: not in a hidden folder,
// not the config file.
func stagedCandidate(path []byte) bool {
	base := path[bytes.LastIndexByte(path, '/')+1:]
	return string(base) != ConfigFileName && !inHiddenFolder(path, '/')
}

// cleanSlashRel says whether path is a clean relative slash path below
// its folder, as git lists paths: no empty, "." or ".." element.
func cleanSlashRel(path []byte) bool {
	upFirst := bytes.HasPrefix(path, []byte("..")) && (len(path) == 2 || path[2] == '/')
	return len(path) > 0 && path[0] != '/' && string(path) != "." && !upFirst && cleanSlash(path)
}

// stagedPath shows the file whose key is key, listed in the scope folder
// dir (its key's first n bytes are the folder's), as a walk of dir would
// (displayKey), making the walk's path only when the key does not do.
func stagedPath(wd, dir, key string, n int) string {
	if p := displayKey(wd, key, ""); p != "" {
		return p
	}
	return displayPath(wd, joinClean(dir, filepath.FromSlash(key[n:])))
}

// stringArena makes strings of byte slices a block at a time: 100,000
// keys are a few dozen allocations, not 100,000. A strings.Builder never
// changes the bytes it has given out as a string, so each string stays
// as made.
type stringArena struct{ b *strings.Builder }

func (a *stringArena) make(p []byte) string {
	if a.b == nil || a.b.Cap()-a.b.Len() < len(p) {
		a.b = new(strings.Builder)
		a.b.Grow(max(len(p), 64<<10))
	}
	n := a.b.Len()
	a.b.Write(p)
	return a.b.String()[n:]
}
