package lint

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/skillguides/guidelint/guide"
	"github.com/skillguides/guidelint/schema"
)

func readExample(b *testing.B) []byte {
	data, err := os.ReadFile("../examples/ml-systems.yaml")
	if err != nil {
		b.Fatal(err)
	}
	return data
}

// BenchmarkParse is the floor the other benchmarks compare against.
func BenchmarkParse(b *testing.B) {
	data := readExample(b)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if _, err := guide.Parse("ml-systems.yaml", data); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkValidate is the schema validation of one parsed guide.
func BenchmarkValidate(b *testing.B) {
	doc, err := guide.Parse("ml-systems.yaml", readExample(b))
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if v := schema.Validate(doc.Value()); len(v) > 0 {
			b.Fatal(v)
		}
	}
}

// BenchmarkLintOne is the whole per-file work: parse, schema, every rule.
func BenchmarkLintOne(b *testing.B) {
	data := readExample(b)
	s := defaultLinter()
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if r := checkFile(s, "ml-systems.yaml", data); len(r.Diags) > 0 {
			b.Fatal(r.Diags)
		}
	}
}

// BenchmarkLintOverParse measures issue 6's in-process target, linting one
// guide (Linter.Lint, what a program or the language server calls) within
// 1.2x of parsing it, without the drift between two separate
// benchmarks on a shared machine: it alternates blocks of parses and lints
// of the same guide and reports both per-op times and their ratio. Each
// block is long enough to run its own garbage collections, so each side
// pays for its own allocations. Run it with -cpu 1 so that the collector
// cannot hide on a second core.
//
// "Parse" compares with guide.Parse, what a program calls to parse a
// guide; "Parser" with a reused guide.Parser, which the lint itself parses
// with: the second ratio leaves out what reusing memory saves.
func BenchmarkLintOverParse(b *testing.B) {
	data := readExample(b)
	s := defaultLinter()
	ctx := context.Background()
	var p guide.Parser
	for _, bc := range []struct {
		name  string
		parse func() (*guide.Document, error)
	}{
		{"Parse", func() (*guide.Document, error) { return guide.Parse("ml-systems.yaml", data) }},
		{"Parser", func() (*guide.Document, error) { return p.Parse("ml-systems.yaml", data) }},
	} {
		b.Run(bc.name, func(b *testing.B) {
			const block = 32
			var parse, lint time.Duration
			b.ReportAllocs()
			for done := 0; done < b.N; done += block {
				t0 := time.Now()
				for i := 0; i < block; i++ {
					if _, err := bc.parse(); err != nil {
						b.Fatal(err)
					}
				}
				t1 := time.Now()
				for i := 0; i < block; i++ {
					if diags, err := s.Lint(ctx, "ml-systems.yaml", data); err != nil || len(diags) > 0 {
						b.Fatal(err, diags)
					}
				}
				t2 := time.Now()
				parse += t1.Sub(t0)
				lint += t2.Sub(t1)
			}
			ops := float64((b.N + block - 1) / block * block)
			b.ReportMetric(0, "ns/op") // the pair's time says nothing by itself
			b.ReportMetric(float64(parse.Nanoseconds())/ops, "parse-ns/op")
			b.ReportMetric(float64(lint.Nanoseconds())/ops, "lint-ns/op")
			b.ReportMetric(float64(lint)/float64(parse), "lint/parse")
		})
	}
}

// BenchmarkRule runs each semantic rule alone on the parsed example, to
// show which rule costs what.
func BenchmarkRule(b *testing.B) {
	doc, err := guide.Parse("ml-systems.yaml", readExample(b))
	if err != nil {
		b.Fatal(err)
	}
	for _, r := range DefaultRules() {
		if r.Run == nil {
			continue
		}
		r := r
		b.Run(r.ID, func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				runRule(r, "ml-systems.yaml", doc, func(d Diagnostic) { b.Fatal(d) })
			}
		})
	}
}

// BenchmarkRun1000 lints a folder of 1,000 distinct guides.
func BenchmarkRun1000(b *testing.B) {
	data := readExample(b)
	dir := b.TempDir()
	for i := 0; i < 1000; i++ {
		id := fmt.Sprintf("guide-%04d", i)
		d := append([]byte("id: "+id+"\n"), data[len("id: ml-systems\n"):]...)
		d = bytes.Replace(d, []byte("title: ML Systems\n"), []byte("title: ML Systems "+id+"\n"), 1) // title-unique
		if err := os.WriteFile(filepath.Join(dir, id+".yaml"), d, 0o644); err != nil {
			b.Fatal(err)
		}
	}
	b.ResetTimer()
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		res, err := runLint(context.Background(), []string{dir}, Options{})
		if err != nil || len(res.Diagnostics) > 0 || res.Files != 1000 {
			b.Fatal(err, res)
		}
	}
}
