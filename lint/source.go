package lint

import (
	"bytes"

	"github.com/skillguides/guidelint/guide"
)

// Source returns the source of the file a diagnostic path names, from
// r.Sources, as the UTF-8 text whose code points diagnostic columns count:
// byte order marks dropped, UTF-16 transcoded, as the parser reads it.
// ok is false when the run kept no source for path.
func (r *Result) Source(path string) (text []byte, ok bool) {
	data, ok := r.Sources[path]
	if !ok {
		return nil, false
	}
	return sourceUTF8(data), true
}

var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// sourceUTF8 returns data as the parser reads it (see guide.Normalize):
// byte order marks dropped, UTF-16 transcoded. Input that is not valid
// UTF-8 or UTF-16 is returned as it is, less its UTF-8 byte order marks.
func sourceUTF8(data []byte) []byte {
	if len(data) < 2 || data[0] != 0xEF && data[0] != 0xFF && data[0] != 0xFE {
		return data // the common case: no byte order mark
	}
	if text, err := guide.Normalize(data); err == nil {
		return text
	}
	for bytes.HasPrefix(data, utf8BOM) {
		data = data[len(utf8BOM):]
	}
	return data
}

// keepData holds on to a file's source for Result.Sources while the run
// goes on, but only for a file that already has findings, or standard
// input, which cannot be read twice: a large run must not keep every file
// in memory.
func (f *fileResult) keepData(data []byte, stdin bool) {
	if stdin || len(f.raw) > 0 {
		f.data = data
	}
}

// keepSource records the source of a file that has findings; a file whose
// only findings came later (id-unique) is read again.
func (r *Result) keepSource(f *fileResult) {
	data := f.data
	f.data = nil
	if len(f.Diags) == 0 {
		return
	}
	if data == nil {
		if hasRule(f.Diags, "file") {
			return // unreadable, too large or binary
		}
		var err error
		if data, err = readLimited(f.Path, DefaultMaxFileSize); err != nil {
			return
		}
	}
	if r.Sources == nil {
		r.Sources = map[string][]byte{}
	}
	r.Sources[f.Path] = data
}
