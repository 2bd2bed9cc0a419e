package lint

import "testing"

func TestWeightSum(t *testing.T) { runFixtures(t, WeightSum) }
