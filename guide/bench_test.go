package guide

import (
	"bytes"
	"encoding/json"
	"testing"

	yaml "go.yaml.in/yaml/v3"
)

// The benchmarks parse the largest example guide. BenchmarkYAMLNodeOnly
// and BenchmarkJSONDecodeOnly are the floors: what yaml.v3 and
// encoding/json cost alone, before our tree, values and positions.

func benchData(b *testing.B) (yamlData, jsonData []byte) {
	yamlData = readFile(b, "../examples/ml-systems.yaml")
	doc := mustParse(b, "ml-systems.yaml", yamlData)
	jsonData, err := json.MarshalIndent(doc.Value(), "", "  ")
	if err != nil {
		b.Fatal(err)
	}
	return yamlData, jsonData
}

func BenchmarkParse(b *testing.B) {
	data, _ := benchData(b)
	b.ReportAllocs()
	b.SetBytes(int64(len(data)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := Parse("ml-systems.yaml", data); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkParseJSON(b *testing.B) {
	_, data := benchData(b)
	b.ReportAllocs()
	b.SetBytes(int64(len(data)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := Parse("ml-systems.json", data); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkYAMLNodeOnly(b *testing.B) {
	data, _ := benchData(b)
	b.ReportAllocs()
	b.SetBytes(int64(len(data)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		var n yaml.Node
		if err := yaml.Unmarshal(data, &n); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkJSONDecodeOnly(b *testing.B) {
	_, data := benchData(b)
	b.ReportAllocs()
	b.SetBytes(int64(len(data)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		dec := json.NewDecoder(bytes.NewReader(data))
		dec.UseNumber()
		var v any
		if err := dec.Decode(&v); err != nil {
			b.Fatal(err)
		}
	}
}
