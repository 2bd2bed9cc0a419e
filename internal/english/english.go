// Package english holds the wording that rule messages and reports share,
// so that both count things the same way.
package english

import "strconv"

// Plural returns n and noun, the noun in the plural unless n is 1:
// "1 file", "3 files".
func Plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return strconv.Itoa(n) + " " + noun + "s"
}
