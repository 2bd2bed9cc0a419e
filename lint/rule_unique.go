package lint

import (
	"bytes"
	"fmt"
	"hash/maphash"
	"slices"
)

// idUnique reports two guides of one run that share an id.
func idUnique() *Rule {
	return &Rule{
		ID:       "id-unique",
		Summary:  "two guides share an id",
		Severity: Error,
		Doc: `Reports a guide whose ` + "`id`" + ` is already used by another guide in the same
run. The first file in sorted path order keeps the id; each later one is
reported at its ` + "`id`" + ` value, naming the first file and line.

When guidelint is given files rather than folders, as pre-commit does with the
changed files, their ids are also compared with every other guide in scope:
the ` + "`files`" + ` globs of .guidelint.yaml when it has them, else the whole
repository. Those guides are not linted, only read for their id (from the
cache when unchanged). A guide of the run is reported when one of them comes
first, and also when it comes first itself and no other guide of the run
shares the id, since the later guide is not linted in that run. Either way
the message says the id "is already used by" the other guide and where.

Bad: guides/ml.yaml and guides/ml-systems.yaml both say ` + "`id: ml-systems`" + `.

Good: one id per guide, equal to the file's stem.`,
		Run: func(pass *Pass) {
			if id := pass.Guide.ID; id != nil && id.Value != "" {
				pass.SetFact(uniqueFact{Key: nfc(id.Value), Text: id.Value, Line: id.Pos.Line, Col: id.Pos.Col})
			}
		},
		Check:   func(c *CheckPass) { checkUnique(c, "id") },
		factKey: rawKey,
	}
}

// titleUnique reports two guides of one run whose titles are the same
// after folding.
func titleUnique() *Rule {
	return &Rule{
		ID:       "title-unique",
		Summary:  "two guides share a title",
		Severity: Warning,
		Doc: `Reports a guide whose ` + "`title`" + ` is the same as another guide's in the same
run, after Unicode normalization and case and white-space folding: readers
pick a guide from a list of titles, and two entries that read alike send half
of them to the wrong one. The first file in sorted path order keeps the
title; each later one is reported at its ` + "`title`" + ` value, naming the first file
and line. Like id-unique, a run on a few named files (pre-commit) compares
them with every guide in scope.

Bad: guides/ml-systems.yaml has ` + "`title: ML Systems`" + ` and guides/mlops.yaml has
` + "`title: ml  systems`" + `.

Good: a title that tells the guides apart (` + "`title: MLOps`" + `).`,
		Run: func(pass *Pass) {
			t := pass.Guide.Title
			if t == nil || blank(t) {
				return // the schema reports it
			}
			pass.SetFact(uniqueFact{Key: fold(t.Value), Text: t.Value, Line: t.Pos.Line, Col: t.Pos.Col})
		},
		Check:   func(c *CheckPass) { checkUnique(c, "title") },
		factKey: rawKey,
	}
}

// uniqueFact is what id-unique and title-unique know of a guide: the
// value compared (Key) and where it is written.
type uniqueFact struct {
	Key  string `json:"key"`
	Text string `json:"text"`
	Line int    `json:"line"`
	Col  int    `json:"col"`
}

// checkUnique reports the guides whose fact's key an earlier guide holds
// (facts come sorted by path): each later guide of the run "is already
// used by" the first. A guide of the run that comes first is reported too
// when only guides of the scope, which are not linted, share its key (in
// the same words, naming the later guide), since the duplicate would
// otherwise pass.
func checkUnique(c *CheckPass, what string) {
	// Most keys are held once: find the facts whose key as encoded is
	// held twice or more, by its hash, and decode only those (a full run
	// of 10,000 guides decoded 20,000 facts to learn that none repeats).
	// Hashes, not strings, so that 100,000 keys cost no allocation each,
	// and sorted, not counted in a map, which was a third of what
	// pre-commit's compare of 100,000 guides cost; a collision only
	// decodes a few more facts, grouped by their keys below.
	seed := maphash.MakeSeed()
	hashes := make([]uint64, len(c.Facts))
	plain := make([]bool, len(c.Facts)) // a fact of the usual shape, hashed
	sorted := make([]uint64, 0, len(c.Facts))
	for i := range c.Facts {
		raw, ok := rawKey(c.Facts[i].Data)
		if !ok {
			continue // decoded below, whatever its key
		}
		h := maphash.Bytes(seed, raw)
		hashes[i], plain[i] = h, true
		sorted = append(sorted, h)
	}
	slices.Sort(sorted)
	repeated := map[uint64]bool{} // the hashes held more than once: few
	for i := 1; i < len(sorted); i++ {
		if sorted[i] == sorted[i-1] {
			repeated[sorted[i]] = true
		}
	}
	groups := map[string][]holder{}
	var keys []string
	for i := range c.Facts {
		if plain[i] && !repeated[hashes[i]] {
			continue
		}
		f := &c.Facts[i]
		var u uniqueFact
		if f.Decode(&u) != nil || u.Key == "" {
			continue
		}
		if groups[u.Key] == nil {
			keys = append(keys, u.Key)
		}
		groups[u.Key] = append(groups[u.Key], holder{f, u})
	}
	for _, key := range keys {
		reportUnique(c, what, groups[key])
	}
}

// rawKey returns the key of a uniqueFact as json.Marshal encodes it (the
// same string always encodes the same way): the JSON string that follows
// {"key": at the start of the fact. It returns false for a fact of
// another shape, which is then decoded in full.
func rawKey(data []byte) ([]byte, bool) {
	const prefix = `{"key":"`
	if !bytes.HasPrefix(data, []byte(prefix)) {
		return nil, false
	}
	for i := len(prefix); i < len(data); i++ {
		switch data[i] {
		case '\\':
			i++ // an escaped character, perhaps a quote
		case '"':
			return data[len(prefix):i], i > len(prefix)
		}
	}
	return nil, false
}

// reportUnique reports the guides of g, which hold one key, sorted by
// path, as checkUnique says.
func reportUnique(c *CheckPass, what string, g []holder) {
	if len(g) < 2 {
		return
	}
	for i, h := range g {
		if !h.f.Linted {
			continue
		}
		var other *holder
		for j := range g[:i] {
			if comparable(h.f, g[j].f) {
				other = &g[j]
				break
			}
		}
		if other == nil {
			// The first of its key: reported only when every later
			// holder is outside the run.
			for j := i + 1; j < len(g); j++ {
				if !comparable(h.f, g[j].f) {
					continue
				}
				if g[j].f.Linted {
					other = nil
					break
				}
				if other == nil {
					other = &g[j]
				}
			}
		}
		if other == nil {
			continue
		}
		// The fingerprint is of the value, not the message, which names a
		// line of another file. One wording whichever guide comes first: a
		// reader should not have to learn two (issue 17).
		pointer := "/" + what
		msg := fmt.Sprintf("%s %s is already used by %s:%d:%d", what, quote(h.fact.Text), other.f.Path, other.fact.Line, other.fact.Col)
		if normOnly(h.fact.Text, other.fact.Text) {
			msg += " as " + quote(other.fact.Text) + ", which " + normHint
		}
		c.ReportDiagnostic(Diagnostic{Path: h.f.Path, Line: h.fact.Line, Column: h.fact.Col, Pointer: pointer,
			Fingerprint: c.Fingerprint(h.f.Path, pointer, h.fact.Text),
			Message:     msg})
	}
}

// holder is a guide holding a key, with its fact.
type holder struct {
	f    *Fact
	fact uniqueFact
}

// comparable reports whether two facts may be compared: standard input
// without a name may be any guide of the scope, even the one it is
// compared with.
func comparable(a, b *Fact) bool {
	if a.Anonymous || b.Anonymous {
		return a.Linted && b.Linted
	}
	return true
}
