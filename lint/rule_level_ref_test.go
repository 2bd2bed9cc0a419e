package lint

import "testing"

func TestLevelRef(t *testing.T) { runFixtures(t, LevelRef) }
