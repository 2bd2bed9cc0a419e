// Package lint is guidelint's engine: rules as values, a Linter a caller
// configures, and the diagnostics it finds in skill guides.
//
// The data of one document flows one way:
//
//	file → bytes → guide.Document → rules (schema among them) → []Diagnostic → report writer
//
// A Rule is a value with an ID, a summary, a doc, a default Severity and a
// Run function that reports through a Pass. DefaultRules makes the
// built-in catalogue afresh (docs/rules.md and "guidelint rules" describe
// it); a program adds rules of its own, and a configuration adds house
// rules (a JSON pointer and a JSON Schema fragment in .guidelint.yaml).
// Every rule, whatever its origin, is suppressed by "# guidelint:ignore
// ID", set by the config's severities, listed to report writers and
// cached the same way.
//
// New builds a Linter from Options; Linter.Lint lints one document held in
// memory, and Linter.Run walks files and folders, lints them on a pool of
// workers through the cache, then lets the rules that compare guides
// (a Rule with a Check, fed the facts each document's Run recorded)
// compare them. A Linter holds no state between calls and is safe for
// concurrent use; the package holds none that a caller could change.
//
// Rules are tested with the fixtures of package lint/linttest; report
// writers live in package report.
package lint
