// Package yamlscan holds the small readings of YAML source text that
// positions need and the parser does not give: whether a line prefix
// leaves a flow collection open, and where the comments are (which a
// parser may drop).
package yamlscan

// InFlow reports whether a line prefix leaves a flow collection ([...] or
// {...}) open, so that a plain scalar after it ends at ",", "]" or "}". It
// reads the prefix as Comments does: a bracket inside a plain scalar
// ("0{:") or a quoted one opens nothing, and a comment ends the reading.
func InFlow(prefix []rune) bool {
	var s scanner
	s.line(1, []byte(string(prefix)))
	return s.flow > 0
}
