package lint

import "testing"

func TestQuizAnswer(t *testing.T) { runFixtures(t, QuizAnswer) }
