package guide

// arena hands out the nodes of a document's tree, and for YAML the
// backing arrays of its lists and mappings (the JSON reader learns their
// lengths only at their ends, and appends), from blocks: a guide has
// hundreds of values, and an allocation for each was a tenth of the
// parse. A Parser keeps its arena and reuses the blocks for the next
// document; Parse uses a fresh one each time.
type arena struct {
	nodes  pool[Node]
	ptrs   pool[*Node] // Node.Items
	fields pool[Field] // Node.Fields
	values pool[any]   // the validator value's lists
}

// blockLen is the number of elements in a block; maxKeptBlocks bounds what
// a Parser keeps between documents, so that one huge file does not pin its
// memory for the rest of a run.
const (
	blockLen      = 256
	maxKeptBlocks = 64
)

// pool is an arena of one element type.
type pool[T any] struct {
	free   []T   // the unused rest of the current block
	blocks [][]T // the blocks kept for reuse (a Parser's arena only)
	used   int   // blocks[:used] hold the current document
	keep   bool  // keep blocks for reuse
}

// take returns an empty slice with room for n elements. Its capacity is
// exactly n, so appending more moves it out of the block instead of
// overwriting a neighbour's elements.
func (p *pool[T]) take(n int) []T {
	switch {
	case n == 0:
		return []T{} // empty, not nil: an empty list is a list
	case n > blockLen/4:
		return make([]T, 0, n) // large: a block would waste too much
	}
	if len(p.free) < n {
		p.free = p.block()
	}
	s := p.free[:0:n]
	p.free = p.free[n:]
	return s
}

// one returns a pointer to a new element set to v.
func (p *pool[T]) one(v T) *T {
	if len(p.free) == 0 {
		p.free = p.block()
	}
	e := &p.free[0]
	*e = v
	p.free = p.free[1:]
	return e
}

func (p *pool[T]) block() []T {
	if !p.keep {
		return make([]T, blockLen)
	}
	if p.used < len(p.blocks) {
		b := p.blocks[p.used]
		p.used++
		return b
	}
	b := make([]T, blockLen)
	p.blocks = append(p.blocks, b)
	p.used++
	return b
}

// reset makes every block free again. The blocks are cleared so that the
// last document's strings and nodes can be collected.
func (p *pool[T]) reset() {
	if len(p.blocks) > maxKeptBlocks {
		clear(p.blocks[maxKeptBlocks:]) // dropped whole, left to the collector
		p.blocks = p.blocks[:maxKeptBlocks]
	}
	for _, b := range p.blocks[:min(p.used, len(p.blocks))] {
		clear(b)
	}
	p.used, p.free = 0, nil
}

func (a *arena) reset() {
	a.nodes.reset()
	a.ptrs.reset()
	a.fields.reset()
	a.values.reset()
}

func newReusedArena() *arena {
	a := &arena{}
	a.nodes.keep, a.ptrs.keep, a.fields.keep, a.values.keep = true, true, true, true
	return a
}

// A Parser parses one document after another, reusing the memory of each
// document's tree for the next. A program that is done with a guide before
// it reads the next, as a linter is, spares the garbage collector most of
// the parse. The zero Parser is ready to use; it is not safe for
// concurrent use.
type Parser struct {
	a *arena
}

// Parse is like the package's Parse, but the Document it returns, and the
// nodes and values reachable from it, are valid only until the next call
// of p.Parse: that call overwrites them. Use the package's Parse for a
// Document to keep.
func (p *Parser) Parse(name string, data []byte) (*Document, error) {
	if p.a == nil {
		p.a = newReusedArena()
	} else {
		p.a.reset()
	}
	return parseWith(name, data, p.a)
}
