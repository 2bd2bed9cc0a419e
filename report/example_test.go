package report_test

import (
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"strconv"

	"github.com/skillguides/guidelint/lint"
	"github.com/skillguides/guidelint/report"
)

// result stands for what lint.Linter.Run returns.
var result = &lint.Result{Files: 2, Diagnostics: []lint.Diagnostic{
	{Path: "guides/a.yaml", Line: 24, Column: 5, Severity: lint.Error, Rule: "schema", Message: `unknown key "wieght" (did you mean "weight"?)`},
	{Path: "guides/a.yaml", Line: 30, Column: 12, Severity: lint.Warning, Rule: "placeholder", Message: `placeholder "TBD" left in title`},
}}

// A program picks a format by name, as guidelint's --format does, and
// prints the tally on standard error when the format wants one.
func ExampleNew() {
	fmt.Println(report.Names())
	f, err := report.New("text", report.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	if err := f.Format(os.Stdout, result); err != nil {
		fmt.Println(err)
	}
	if t, ok := f.(report.Tallier); ok {
		fmt.Println(t.Tally(result)) // guidelint writes it to standard error
	}
	// Output:
	// [github json rdjson rdjsonl sarif text]
	// guides/a.yaml:24:5: error: unknown key "wieght" (did you mean "weight"?) (schema)
	// guides/a.yaml:30:12: warning: placeholder "TBD" left in title (placeholder)
	// 1 error, 1 warning in 1 file (2 checked)
}

// csvFormat is a writer of a program's own: one CSV record per finding.
type csvFormat struct{}

func (csvFormat) Format(w io.Writer, r *lint.Result) error {
	cw := csv.NewWriter(w)
	for _, d := range r.Diagnostics {
		cw.Write([]string{d.Path, strconv.Itoa(d.Line), strconv.Itoa(d.Column), d.Severity.String(), d.Rule, d.Message})
	}
	cw.Flush()
	return cw.Error()
}

// Any type with a Format method is a Formatter: a program that links the
// lint package can write findings its own way.
func ExampleFormatter() {
	var f report.Formatter = csvFormat{}
	if err := f.Format(os.Stdout, result); err != nil {
		fmt.Println(err)
	}
	// Output:
	// guides/a.yaml,24,5,error,schema,"unknown key ""wieght"" (did you mean ""weight""?)"
	// guides/a.yaml,30,12,warning,placeholder,"placeholder ""TBD"" left in title"
}
