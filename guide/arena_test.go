package guide

import "testing"

// TestPool checks the arena's promises: slices of exactly the capacity
// asked for, blocks reused after a reset and cleared first, and no more
// than maxKeptBlocks kept.
func TestPool(t *testing.T) {
	p := pool[*Node]{keep: true}
	a := p.take(3)
	b := p.take(2)
	if cap(a) != 3 || cap(b) != 2 || len(a) != 0 {
		t.Fatalf("take: cap %d and %d, len %d; want 3, 2, 0", cap(a), cap(b), len(a))
	}
	x := &Node{Text: "x"}
	a = append(a, x, x, x, x) // past its capacity: must move, not spill into b
	b = append(b, nil)
	if b[0] != nil || a[3] != x {
		t.Fatal("appending past a slice's capacity overwrote its neighbour")
	}
	if s := p.take(0); s == nil || len(s) != 0 {
		t.Fatalf("take(0) = %#v; want an empty, non-nil slice", s)
	}
	if s := p.take(blockLen); cap(s) != blockLen {
		t.Fatalf("take(blockLen) has cap %d", cap(s))
	}

	first := p.blocks[0]
	first[0] = x
	for i := 0; i < 8*maxKeptBlocks; i++ {
		p.take(blockLen / 4) // four to a block
	}
	if len(p.blocks) <= maxKeptBlocks {
		t.Fatalf("only %d blocks after filling more than %d", len(p.blocks), maxKeptBlocks)
	}
	p.reset()
	if len(p.blocks) != maxKeptBlocks {
		t.Errorf("reset kept %d blocks; want %d", len(p.blocks), maxKeptBlocks)
	}
	if first[0] != nil {
		t.Error("reset left a pointer of the last document in a block")
	}
	if e := p.one(nil); e != &first[0] {
		t.Error("after reset, the first block is not handed out again")
	}

	fresh := pool[Node]{}
	fresh.one(Node{})
	fresh.reset()
	if len(fresh.blocks) != 0 {
		t.Error("a pool that does not keep blocks remembered one")
	}
}
