package main

// The authoring commands are being built (issue 5); until they land they
// say so instead of pretending to work.

func (c Command) fmt(args []string) int      { return c.usageError("fmt is not available yet") }
func (c Command) newGuide(args []string) int { return c.usageError("new is not available yet") }
func (c Command) render(args []string) int   { return c.usageError("render is not available yet") }
