package lint

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"

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
	s := defaultSettings()
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if r := checkFile("ml-systems.yaml", data, s); len(r.Diags) > 0 {
			b.Fatal(r.Diags)
		}
	}
}

// BenchmarkRun1000 lints a folder of 1,000 distinct guides.
func BenchmarkRun1000(b *testing.B) {
	data := readExample(b)
	dir := b.TempDir()
	for i := 0; i < 1000; i++ {
		id := fmt.Sprintf("guide-%04d", i)
		d := append([]byte("id: "+id+"\n"), data[len("id: ml-systems\n"):]...)
		if err := os.WriteFile(filepath.Join(dir, id+".yaml"), d, 0o644); err != nil {
			b.Fatal(err)
		}
	}
	b.ResetTimer()
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		res, err := Run(context.Background(), []string{dir}, Options{})
		if err != nil || len(res.Diagnostics) > 0 || res.Files != 1000 {
			b.Fatal(err, res)
		}
	}
}
