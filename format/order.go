package format

import "github.com/skillguides/guidelint/schema"

// The canonical order of keys is the order in which the schema file lists
// each object's properties (SPEC §1): schema.Lookup gives it for each
// shape, and the formatters walk the model beside the document, a nil
// shape standing for a place the format does not define.

// canonicalRank is the place of key in the canonical order of an object
// of shape: its index among the known keys, and after all of them for an
// unknown key.
func canonicalRank(shape *schema.Shape, key string) int {
	if i := shape.Index(key); i >= 0 {
		return i
	}
	return shape.NumKeys()
}
