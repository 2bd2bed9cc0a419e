package lint

import "testing"

func TestHoursTotal(t *testing.T) { runFixtures(t, HoursTotal) }
