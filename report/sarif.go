package report

import (
	"encoding/json"
	"io"
	"net/url"
	"path/filepath"
	"strings"
	"unicode"

	"github.com/skillguides/guidelint/lint"
)

// SARIFVersion is the version of the SARIF format the "sarif" format
// writes.
const SARIFVersion = "2.1.0"

// SARIFSchemaURI names the schema in the $schema of SARIF output: the one
// GitHub code scanning documents.
const SARIFSchemaURI = "https://json.schemastore.org/sarif-2.1.0.json"

// SRCROOT is the uriBaseId of the artifact locations in SARIF output:
// their URIs are relative to the folder it stands for, Options.Root.
const SRCROOT = "%SRCROOT%"

// InformationURI is guidelint's home page, as SARIF output names it.
const InformationURI = "https://github.com/skillguides/guidelint"

func init() {
	register("sarif", func(opts Options) Formatter {
		return sarifFormat{root: opts.Root, exitCode: opts.ExitCode, category: opts.Category}
	})
}

// sarifFormat writes a SARIF 2.1.0 log that GitHub code scanning accepts:
// one run whose driver lists every rule (with its documentation and
// default level) and one result per diagnostic, located by a URI relative
// to %SRCROOT% and a region in Unicode code points. A diagnostic's
// EndColumn, when set, is the column just after the node, as SARIF's
// endColumn is.
type sarifFormat struct {
	// root is the folder %SRCROOT% stands for, the repository root in CI:
	// a diagnostic path under it becomes a relative URI. Empty means the
	// working directory. Paths outside it become absolute file:// URIs.
	root string
	// exitCode, when known, is the command's exit status (Options.ExitCode).
	exitCode *int
	// category tells this run apart from others (Options.Category).
	category string
}

// The SARIF 2.1.0 objects guidelint writes; field names follow the
// standard, and every optional field is omitted when empty.
type (
	sarifLog struct {
		Schema  string     `json:"$schema"`
		Version string     `json:"version"`
		Runs    []sarifRun `json:"runs"`
	}
	sarifRun struct {
		Tool               sarifTool                   `json:"tool"`
		Invocations        []sarifInvocation           `json:"invocations"`
		OriginalURIBaseIDs map[string]sarifArtifactLoc `json:"originalUriBaseIds,omitempty"`
		Results            []sarifResult               `json:"results"`
		ColumnKind         string                      `json:"columnKind"`
		AutomationDetails  *sarifAutomation            `json:"automationDetails,omitempty"`
	}
	// sarifAutomation identifies a run among runs of one tool: its id
	// ends with "/", the part before it being the category.
	sarifAutomation struct {
		ID string `json:"id"`
	}
	sarifTool struct {
		Driver sarifDriver `json:"driver"`
	}
	sarifDriver struct {
		Name            string      `json:"name"`
		Version         string      `json:"version,omitempty"`
		SemanticVersion string      `json:"semanticVersion,omitempty"`
		InformationURI  string      `json:"informationUri"`
		Rules           []sarifRule `json:"rules"`
	}
	sarifRule struct {
		ID                   string            `json:"id"`
		Name                 string            `json:"name"`
		ShortDescription     sarifText         `json:"shortDescription"`
		FullDescription      sarifText         `json:"fullDescription"`
		Help                 sarifText         `json:"help"`
		HelpURI              string            `json:"helpUri,omitempty"`
		DefaultConfiguration sarifRuleDefaults `json:"defaultConfiguration"`
		Properties           *sarifProperties  `json:"properties,omitempty"`
	}
	sarifText struct {
		Text     string `json:"text"`
		Markdown string `json:"markdown,omitempty"`
	}
	sarifRuleDefaults struct {
		Level string `json:"level"`
	}
	sarifInvocation struct {
		ExecutionSuccessful        bool                `json:"executionSuccessful"`
		ExitCode                   *int                `json:"exitCode,omitempty"`
		ToolExecutionNotifications []sarifNotification `json:"toolExecutionNotifications,omitempty"`
	}
	// sarifNotification tells code scanning that a file could not be
	// linted (file, parse) or that guidelint failed (an internal error).
	sarifNotification struct {
		Level      string          `json:"level"`
		Message    sarifText       `json:"message"`
		Locations  []sarifLocation `json:"locations,omitempty"`
		Descriptor *sarifRef       `json:"descriptor,omitempty"`
	}
	sarifRef struct {
		ID string `json:"id"`
	}
	sarifSuppression struct {
		Kind          string `json:"kind"`
		Justification string `json:"justification,omitempty"`
	}
	sarifProperties struct {
		Tags []string `json:"tags,omitempty"`
	}
	sarifResult struct {
		RuleID    string          `json:"ruleId"`
		RuleIndex *int            `json:"ruleIndex,omitempty"`
		Level     string          `json:"level"`
		Message   sarifText       `json:"message"`
		Locations []sarifLocation `json:"locations"`
		// PartialFingerprints lets code scanning follow a finding that
		// moves: {"guidelint/v1": lint.Fingerprint}.
		PartialFingerprints map[string]string `json:"partialFingerprints,omitempty"`
		// Suppressions mark a finding a guidelint:ignore comment hid
		// (inSource) or the baseline accepts (external).
		Suppressions []sarifSuppression `json:"suppressions,omitempty"`
	}
	sarifLocation struct {
		PhysicalLocation sarifPhysicalLocation `json:"physicalLocation"`
	}
	sarifPhysicalLocation struct {
		ArtifactLocation sarifArtifactLoc `json:"artifactLocation"`
		Region           sarifRegion      `json:"region"`
	}
	sarifArtifactLoc struct {
		URI       string `json:"uri"`
		URIBaseID string `json:"uriBaseId,omitempty"`
	}
	sarifRegion struct {
		StartLine   int `json:"startLine"`
		StartColumn int `json:"startColumn"`
		EndLine     int `json:"endLine,omitempty"`
		EndColumn   int `json:"endColumn,omitempty"`
	}
)

func (f sarifFormat) Format(w io.Writer, r *lint.Result) error {
	root := rootDir(f.root)
	rules := r.Rules
	if rules == nil {
		rules = lint.DefaultRules() // a Result made by hand: describe the catalogue
	}
	index := make(map[string]int, len(rules))
	driver := sarifDriver{
		Name:           "guidelint",
		Version:        lint.Version,
		InformationURI: InformationURI,
		Rules:          make([]sarifRule, len(rules)),
	}
	if v := strings.TrimPrefix(lint.Version, "v"); v != lint.Version && isSemver(v) {
		driver.SemanticVersion = v
	}
	for i, rule := range rules {
		index[rule.ID] = i
		doc := strings.TrimSpace(rule.Doc)
		driver.Rules[i] = sarifRule{
			ID:                   rule.ID,
			Name:                 pascalCase(rule.ID),
			ShortDescription:     sarifText{Text: rule.Summary},
			FullDescription:      sarifText{Text: firstParagraph(doc)},
			Help:                 sarifText{Text: doc, Markdown: doc},
			HelpURI:              InformationURI, // a rule passed in without a DocURL: its text is in help
			DefaultConfiguration: sarifRuleDefaults{Level: sarifLevel(rule.Severity)},
			Properties:           &sarifProperties{Tags: ruleTags(rule)},
		}
		if u := rule.URL(); u != "" {
			driver.Rules[i].HelpURI = u
			driver.Rules[i].Help.Markdown += "\n\n[Documentation](" + u + ")"
		}
	}
	inv := sarifInvocation{ExecutionSuccessful: true, ExitCode: f.exitCode}
	run := sarifRun{
		Tool:       sarifTool{Driver: driver},
		Results:    make([]sarifResult, 0, len(r.Diagnostics)),
		ColumnKind: "utf16CodeUnits", // SARIF's default, what GitHub assumes
	}
	if root != "" {
		if u := fileURI(root); u != "" {
			if !strings.HasSuffix(u, "/") {
				u += "/"
			}
			run.OriginalURIBaseIDs = map[string]sarifArtifactLoc{SRCROOT: {URI: u}}
		}
	}
	var src sourceCache // each file's lines split once
	add := func(d lint.Diagnostic, sup *sarifSuppression) {
		loc := sarifLocation{PhysicalLocation: sarifPhysicalLocation{
			ArtifactLocation: artifactLocation(d.Path, root),
			Region:           sarifRegionOf(d, r, &src),
		}}
		res := sarifResult{
			RuleID:    d.Rule,
			Level:     sarifLevel(d.Severity),
			Message:   sarifText{Text: d.Message},
			Locations: []sarifLocation{loc},
		}
		if d.Fingerprint != "" {
			res.PartialFingerprints = map[string]string{"guidelint/v1": d.Fingerprint}
		}
		if i, ok := index[d.Rule]; ok {
			i := i
			res.RuleIndex = &i
		}
		if sup != nil {
			res.Suppressions = []sarifSuppression{*sup}
		}
		run.Results = append(run.Results, res)
		if d.Internal || d.Rule == "file" || d.Rule == "parse" {
			level := "warning"
			if d.Internal {
				level, inv.ExecutionSuccessful = "error", false
			}
			inv.ToolExecutionNotifications = append(inv.ToolExecutionNotifications, sarifNotification{
				Level: level, Message: sarifText{Text: d.Message}, Locations: []sarifLocation{loc}, Descriptor: &sarifRef{ID: d.Rule}})
		}
	}
	for _, d := range r.Diagnostics {
		if d.Baselined {
			continue // written below, with the others the baseline accepts
		}
		add(d, nil)
	}
	for _, d := range r.Baselined {
		add(d, &sarifSuppression{Kind: "external", Justification: "accepted in the baseline"})
	}
	for _, s := range r.Suppressed {
		j := s.Reason
		if s.Until != "" {
			j = strings.TrimSpace(j + " (until " + s.Until + ")")
		}
		kind := "inSource"
		if s.External {
			kind = "external" // the config's ignore list
		}
		add(s.Diagnostic, &sarifSuppression{Kind: kind, Justification: j})
	}
	run.Invocations = []sarifInvocation{inv}
	if f.category != "" {
		run.AutomationDetails = &sarifAutomation{ID: f.category + "/"}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(sarifLog{Schema: SARIFSchemaURI, Version: SARIFVersion, Runs: []sarifRun{run}})
}

// sarifRegionOf is a diagnostic's region with columns in UTF-16 code
// units, counted on the file's source when the result holds it (a column
// past an emoji is one more than in code points).
func sarifRegionOf(d lint.Diagnostic, r *lint.Result, src *sourceCache) sarifRegion {
	reg := sarifRegion{StartLine: max1(d.Line), StartColumn: max1(src.column(r, d.Path, d.Line, d.Column, utf16Units))}
	if d.EndLine >= reg.StartLine {
		reg.EndLine = d.EndLine
		end := src.column(r, d.Path, d.EndLine, d.EndColumn, utf16Units)
		if d.EndColumn > 0 && (d.EndLine > reg.StartLine || end >= reg.StartColumn) {
			reg.EndColumn = end
		}
	}
	return reg
}

// utf16Units is how many UTF-16 code units a character takes.
func utf16Units(r rune) int {
	if r >= 0x10000 {
		return 2 // a surrogate pair
	}
	return 1
}

// ruleTags are a rule's SARIF tags: what it checks.
func ruleTags(r *lint.Rule) []string {
	switch {
	case r.ID == "file" || r.ID == "parse":
		return []string{"skill-guide", "file"}
	case r.ID == "schema":
		return []string{"skill-guide", "schema"}
	case r.ID == "unused-ignore" || r.ID == "expired-ignore" || r.ID == "ignore-reason":
		return []string{"skill-guide", "suppression"}
	case r.Check != nil:
		return []string{"skill-guide", "cross-file"}
	}
	return []string{"skill-guide", "content"}
}

// sarifLevel maps a severity to a SARIF level; info is a "note".
func sarifLevel(s lint.Severity) string {
	switch s {
	case lint.Error:
		return "error"
	case lint.Warning:
		return "warning"
	}
	return "note"
}

// artifactLocation locates a diagnostic path: relative to %SRCROOT% when
// it lies under root, else an absolute file:// URI.
func artifactLocation(path, root string) sarifArtifactLoc {
	if rel, ok := repoPath(path, root); ok {
		return sarifArtifactLoc{URI: escapePath(rel), URIBaseID: SRCROOT}
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		abs = path
	}
	return sarifArtifactLoc{URI: fileURI(abs)}
}

// fileURI returns the file:// URI of an absolute path.
func fileURI(abs string) string {
	p := filepath.ToSlash(abs)
	if !strings.HasPrefix(p, "/") {
		p = "/" + p // a Windows volume: file:///C:/...
	}
	return (&url.URL{Scheme: "file", Path: p}).String()
}

// firstParagraph returns the first paragraph of a rule's doc as one line.
func firstParagraph(doc string) string {
	if i := strings.Index(doc, "\n\n"); i >= 0 {
		doc = doc[:i]
	}
	return strings.Join(strings.Fields(doc), " ")
}

// pascalCase turns a rule ID into the "friendly name" SARIF suggests:
// weight-sum -> WeightSum.
func pascalCase(id string) string {
	var b strings.Builder
	for _, part := range strings.Split(id, "-") {
		if part == "" {
			continue
		}
		r := []rune(part)
		r[0] = unicode.ToUpper(r[0])
		b.WriteString(string(r))
	}
	return b.String()
}

// isSemver reports whether v (without a leading "v") is a semantic
// version: MAJOR.MINOR.PATCH with an optional pre-release and build.
func isSemver(v string) bool {
	if i := strings.IndexAny(v, "-+"); i >= 0 {
		v = v[:i]
	}
	parts := strings.Split(v, ".")
	if len(parts) != 3 {
		return false
	}
	for _, p := range parts {
		if p == "" || strings.Trim(p, "0123456789") != "" {
			return false
		}
	}
	return true
}
