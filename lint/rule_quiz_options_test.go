package lint

import "testing"

func TestQuizOptions(t *testing.T) { runFixtures(t, QuizOptions) }
