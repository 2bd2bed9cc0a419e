package lint

import "testing"

func TestEmptySection(t *testing.T) { runFixtures(t, EmptySection) }
