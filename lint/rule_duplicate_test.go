package lint

import "testing"

func TestDuplicate(t *testing.T) { runFixtures(t, Duplicate) }
