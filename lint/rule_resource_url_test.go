package lint

import "testing"

func TestResourceURL(t *testing.T) { runFixtures(t, ResourceURL) }
