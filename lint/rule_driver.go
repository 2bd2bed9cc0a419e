package lint

// The rules the driver reports itself: they are about files as a whole or
// about the run, not about one well-formed guide.

// File reports a file found while walking that cannot be read as a guide.
var File = &Rule{
	ID:       "file",
	Summary:  "file cannot be read as text",
	Severity: Error,
	Doc: `Reports a file that guidelint found but could not read: it is unreadable,
a dangling symbolic link or part of a link loop, larger than the size limit
(10 MB by default), or not text (it holds NUL bytes).

The diagnostic is at 1:1 of the file. The run goes on with the other files.

Bad: a symlink ` + "`guides/old.yaml -> ../removed.yaml`" + ` whose target is gone.

Good: remove the dangling link, or exclude it in .guidelint.yaml.`,
}

// Parse reports a file that is not one YAML or JSON mapping.
var Parse = &Rule{
	ID:       "parse",
	Summary:  "file is not one YAML or JSON mapping",
	Severity: Error,
	Doc: `Reports a file that is not valid YAML or JSON, whose top level is not a
mapping, that holds more than one document, or that repeats a key in one
mapping (at the second key). Nothing else is checked in a file that does not
parse, except that a duplicate key still lets the rest of the file be linted.

Bad:

` + "```yaml" + `
id: ml-systems
title: ML Systems
title: Machine Learning Systems   # duplicate key
` + "```" + `

Good: each key once per mapping, one guide per file.`,
}

// Schema reports violations of the SkillGuide v1 JSON Schema.
var Schema = &Rule{
	ID:       "schema",
	Summary:  "guide does not match the SkillGuide v1 schema",
	Severity: Error,
	Doc: `Reports each violation of the SkillGuide v1 JSON Schema (` + "`guidelint schema`" + `
prints it): a missing required key (at the start of the mapping that lacks
it), an unknown key (at that key, with a suggestion when a known key is
close), a value of the wrong type, a blank string, a value outside its enum.

Bad:

` + "```yaml" + `
sub_skills:
  - name: ML Infrastructure
    wieght: 25        # unknown key "wieght" (did you mean "weight"?)
` + "```" + `

Good:

` + "```yaml" + `
sub_skills:
  - name: ML Infrastructure
    weight: 25
` + "```",
}

// IDUnique reports two guides of one run that share an id.
var IDUnique = &Rule{
	ID:       "id-unique",
	Summary:  "two guides share an id",
	Severity: Error,
	Doc: `Reports a guide whose ` + "`id`" + ` is already used by another guide in the same
run. The first file in sorted path order keeps the id; each later one is
reported at its ` + "`id`" + ` value, naming the first file and line.

When guidelint is given files rather than folders, as pre-commit does with the
changed files, their ids are also compared with every other guide in scope:
the ` + "`files`" + ` globs of .guidelint.yaml when it has them, else the whole
repository. Those guides are only scanned for their top-level id, not linted.
A guide of the run is reported when one of them comes first ("already used
by"), and also when it comes first itself and no other guide of the run shares
the id ("also used by"), since the later guide is not linted in that run.

Bad: guides/ml.yaml and guides/ml-systems.yaml both say ` + "`id: ml-systems`" + `.

Good: one id per guide, equal to the file's stem.`,
}

// UnusedIgnore reports suppression comments that suppress nothing.
var UnusedIgnore = &Rule{
	ID:       "unused-ignore",
	Summary:  "guidelint:ignore comment suppresses nothing",
	Severity: Warning,
	Doc: `Reports a ` + "`# guidelint:ignore RULE`" + ` comment that suppressed no diagnostic,
and one that names no rule or a rule that does not exist. Stale suppressions
hide the next real finding on their line.

Bad:

` + "```yaml" + `
title: ML Systems  # guidelint:ignore placeholder
` + "```" + `

Good: remove the comment once the finding it silenced is fixed.`,
}

func init() { register(File, Parse, Schema, IDUnique, UnusedIgnore) }
