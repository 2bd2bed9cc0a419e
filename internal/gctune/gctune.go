// Package gctune sets the process's garbage collector for the throughput
// of a lint while one runs: no collection until the heap reaches a limit
// that grows with the largest file read (a base plus room for each worker
// to hold a parse of that file). A lint keeps little alive and allocates
// fast, so GOGC's default collects almost constantly; peak memory then
// depends on the largest file, not on how many there are.
//
// The collector's settings belong to the process, so this package holds
// the one piece of package-level state of the engine: concurrent tuned
// runs share one budget, the first saves the settings, the limit only
// grows while any run is tuned, and the last restores them.
package gctune

import (
	"runtime/debug"
	"sync"
)

// The memory budget of a tuned run: a fixed base, plus for each worker
// parseBytesPerByte times the largest file (a parse tree and the
// validator's value take about that much per byte of YAML).
const (
	baseLimit         = 64 << 20
	parseBytesPerByte = 40
)

// Budget is a tuned run's hold on the process's collector settings. A nil
// Budget does nothing.
type Budget struct {
	jobs    int
	largest int   // the largest file read (Grow), under state's lock
	held    int64 // what the run keeps alive throughout (Hold)
}

var state struct {
	sync.Mutex
	runs        int
	limit       int64
	held        int64 // the sum of the tuned runs' Holds
	prevPercent int
	prevLimit   int64
}

// Start tunes the collector for a run of jobs workers until Stop.
func Start(jobs int) *Budget {
	state.Lock()
	defer state.Unlock()
	if state.runs == 0 {
		state.prevLimit = debug.SetMemoryLimit(baseLimit)
		state.limit = baseLimit
		state.prevPercent = debug.SetGCPercent(-1) // collect only at the limit
	}
	state.runs++
	return &Budget{jobs: jobs}
}

// Grow raises the limit, before a file of n bytes is parsed, if it is the
// largest this run has read.
func (g *Budget) Grow(n int) {
	if g == nil {
		return
	}
	state.Lock()
	defer state.Unlock()
	if n > g.largest {
		g.largest = n
		g.raise()
	}
}

// Hold raises the limit by n bytes that the run keeps alive until it ends
// (its list of files, their results, an index): without it a run over
// 100,000 files, whose results alone outgrow the base, would collect
// without pause at the limit (a cold run took 6 times as long per file
// as one over 10,000).
func (g *Budget) Hold(n int64) {
	if g == nil || n <= 0 {
		return
	}
	state.Lock()
	defer state.Unlock()
	g.held += n
	state.held += n
	g.raise()
}

// raise sets the limit to what the run needs now, if that is higher.
// Called with state locked.
func (g *Budget) raise() {
	limit := int64(baseLimit) + state.held + int64(g.jobs)*int64(parseBytesPerByte)*int64(g.largest)
	if limit > state.limit {
		state.limit = limit
		debug.SetMemoryLimit(limit)
	}
}

// Stop ends the run's hold; the last run restores the settings.
func (g *Budget) Stop() {
	if g == nil {
		return
	}
	state.Lock()
	defer state.Unlock()
	state.held -= g.held
	if state.runs--; state.runs == 0 {
		debug.SetGCPercent(state.prevPercent)
		debug.SetMemoryLimit(state.prevLimit)
	}
}
