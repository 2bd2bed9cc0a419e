package lint

import "github.com/skillguides/guidelint/guide"

// houseRule is a rule defined in .guidelint.yaml (SPEC §8).
type houseRule struct {
	rule  *Rule
	idPos guide.Pos
}
