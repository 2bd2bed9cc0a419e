// Package guide parses skill guides, YAML or JSON, into a tree of values
// that each know their line and column, and decodes the typed SkillGuide
// from whatever part of the tree is well-formed.
//
// Parse and Load return a Document: its Root (the positioned tree), its
// Guide (the typed, lenient view), its JSON-shaped Value (for schema
// validation) and lookups of any JSON pointer's position. A Parser parses
// one document after another reusing the memory of the last. Bad input is
// an ErrorList of positioned errors, never a panic.
package guide
