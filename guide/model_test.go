package guide

import "testing"

// TestListKeepsNodeAndCompleteness: a typed list keeps the list's node and
// key position, and says when an item of the wrong type was left out.
func TestListKeepsNodeAndCompleteness(t *testing.T) {
	src := "sub_skills:\n  - name: A\n  - just text\n  - name: B\nlevels: []\nred_flags:\n  - a\n  - b\nfaq: {}\n"
	doc, err := Parse("x.yaml", []byte(src))
	if doc == nil {
		t.Fatal(err)
	}
	g := doc.Guide
	ss := g.SubSkills
	if len(ss.Items) != 2 || ss.Complete() || ss.Node == nil || len(ss.Node.Items) != 3 {
		t.Errorf("sub_skills: %d items of %v, complete %v; want 2 of 3, incomplete", len(ss.Items), ss.Node, ss.Complete())
	}
	if ss.KeyPos != (Pos{1, 1}) || ss.Node.Pos != (Pos{2, 3}) {
		t.Errorf("sub_skills key at %v, list at %v; want 1:1 and 2:3", ss.KeyPos, ss.Node.Pos)
	}
	if !g.Levels.Complete() || len(g.Levels.Items) != 0 {
		t.Errorf("an empty list is complete: %+v", g.Levels)
	}
	if !g.RedFlags.Complete() || len(g.RedFlags.Items) != 2 || g.RedFlags.Items[1].Value != "b" {
		t.Errorf("red_flags: %+v", g.RedFlags)
	}
	if g.FAQ.Complete() || g.FAQ.Node != nil || g.FAQ.Items != nil {
		t.Errorf("faq holds a mapping: %+v; want no list", g.FAQ)
	}
	if g.Misconceptions.Complete() || g.Misconceptions.Node != nil {
		t.Errorf("an absent list is not complete: %+v", g.Misconceptions)
	}
}
