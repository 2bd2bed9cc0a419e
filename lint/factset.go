package lint

import (
	"bytes"
	"encoding/json"
	"sort"
)

// factSet is what the rules that compare guides recorded of one guide:
// each rule's fact, by rule ID, as a lint gathers them and the content
// cache stores them (JSON); results and the stat index keep them encoded
// (encodeFacts).
type factSet []ruleFact

// ruleFact is one rule's fact about a guide.
type ruleFact struct {
	rule string
	data json.RawMessage
}

// with returns fs with the fact of the rule id set to data.
func (fs factSet) with(id string, data json.RawMessage) factSet {
	for i := range fs {
		if fs[i].rule == id {
			fs[i].data = data
			return fs
		}
	}
	return append(fs, ruleFact{id, data})
}

// MarshalJSON writes the set as an object by rule ID, as the content
// cache stores it.
func (fs factSet) MarshalJSON() ([]byte, error) {
	m := make(map[string]json.RawMessage, len(fs))
	for _, f := range fs {
		m[f.rule] = f.data
	}
	return json.Marshal(m)
}

// UnmarshalJSON reads an object by rule ID, in key order.
func (fs *factSet) UnmarshalJSON(b []byte) error {
	if bytes.Equal(bytes.TrimSpace(b), []byte("null")) {
		*fs = nil
		return nil
	}
	var m map[string]json.RawMessage
	if err := json.Unmarshal(b, &m); err != nil {
		return err
	}
	out := make(factSet, 0, len(m))
	for id, data := range m {
		out = append(out, ruleFact{id, data})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].rule < out[j].rule })
	*fs = out
	return nil
}
