// Package yamlscan holds the small readings of YAML source text that
// positions need and the parser does not give: whether a line prefix
// leaves a flow collection open, and where the comments are (which a
// parser may drop).
package yamlscan

import "strings"

// InFlow reports whether a line prefix leaves a flow collection ([...] or
// {...}) open, so that a plain scalar after it ends at ",", "]" or "}".
func InFlow(prefix []rune) bool {
	depth := 0
	quote := rune(0)
	for i := 0; i < len(prefix); i++ {
		switch r := prefix[i]; {
		case quote == '"' && r == '\\':
			i++ // the escaped rune
		case quote != 0:
			if r == quote {
				quote = 0
			}
		case (r == '"' || r == '\'') && (i == 0 || strings.ContainsRune(" \t[{,", prefix[i-1])):
			quote = r // a quote opens a scalar only at the start of a token
		case r == '[' || r == '{':
			depth++
		case (r == ']' || r == '}') && depth > 0:
			depth--
		case r == '#' && (i == 0 || prefix[i-1] == ' '):
			return depth > 0
		}
	}
	return depth > 0
}
