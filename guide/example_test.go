package guide_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"log"

	"github.com/skillguides/guidelint/guide"
)

func ExampleParse() {
	data := []byte(`id: ml-systems
title: ML Systems
sub_skills:
  - name: ML Infrastructure
    weight: 25
  - {name: "Model Serving", weight: 20}
`)
	doc, err := guide.Parse("ml-systems.yaml", data)
	if err != nil {
		log.Fatal(err)
	}
	key, _ := doc.KeyPos("/sub_skills/1/weight")
	val, _ := doc.Pos("/sub_skills/1/weight")
	fmt.Println("key at", key)
	fmt.Println("value at", val)
	fmt.Println("value is", doc.Lookup("/sub_skills/1/weight").Num)
	// Output:
	// key at 6:29
	// value at 6:37
	// value is 20
}

// A duplicate key is an error at the second key, but the rest of the
// document still loads, with the first value.
func ExampleParse_duplicateKey() {
	doc, err := guide.Parse("guide.json", []byte(`{"id": "a", "title": "One", "title": "Two"}`))
	var list guide.ErrorList
	if errors.As(err, &list) {
		for _, e := range list {
			fmt.Printf("guide.json:%v\n", e)
		}
	}
	fmt.Println(doc.Guide.Title.Value)
	// Output:
	// guide.json:1:29: duplicate key "title" (first defined at line 1, column 13)
	// One
}

// Value is the document as JSON-shaped data for a schema validator: an
// unquoted date stays a string and numbers are json.Numbers in JSON's
// spelling.
func ExampleDocument_Value() {
	doc, err := guide.Parse("g.yaml", []byte("id: x\nupdated: 2024-01-01\nhours: 0x10\nok: yes\n"))
	if err != nil {
		log.Fatal(err)
	}
	out, _ := json.Marshal(doc.Value())
	fmt.Println(string(out))
	// Output:
	// {"hours":16,"id":"x","ok":"yes","updated":"2024-01-01"}
}

func ExampleLoad() {
	doc, err := guide.Load("../examples/ml-systems.yaml")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(doc.Format, doc.Guide.ID.Value, doc.Guide.Title.Value)
	pos, _ := doc.Pos("/sub_skills/3/weight")
	fmt.Println("/sub_skills/3/weight is at", pos)
	// Output:
	// yaml ml-systems ML Systems
	// /sub_skills/3/weight is at 106:13
}

func ExampleSkillGuide() {
	doc, err := guide.Load("../examples/ml-systems.yaml")
	if err != nil {
		log.Fatal(err)
	}
	total := 0.0
	for _, s := range doc.Guide.SubSkills.Items {
		if s.Name == nil || s.Weight == nil {
			continue // the schema reports these
		}
		fmt.Printf("%-27s %3s%%  line %d\n", s.Name.Value, s.Weight.Text, s.Weight.Pos.Line)
		total += s.Weight.Value
	}
	fmt.Println("total", total)
	// Output:
	// ML Infrastructure            25%  line 88
	// ML Pipelines                 20%  line 94
	// Model Serving                20%  line 100
	// Monitoring & Observability   15%  line 106
	// ML Security & Governance     10%  line 112
	// Data Engineering for ML      10%  line 118
	// total 100
}

// A Parser suits a program that handles one guide after another and keeps
// only what it takes out of each: it reuses the memory of the last
// document for the next, so each document is valid only until the next
// call. Copy out what must outlive it.
func ExampleParser() {
	files := map[string]string{
		"a.yaml": "id: alpha\ntitle: Alpha\n",
		"b.yaml": "id: beta\ntitle: Beta\n",
	}
	var p guide.Parser
	var ids []string // plain strings outlive the documents
	for _, name := range []string{"a.yaml", "b.yaml"} {
		doc, err := p.Parse(name, []byte(files[name]))
		if err != nil {
			log.Fatal(err)
		}
		ids = append(ids, doc.Guide.ID.Value+" at "+doc.Guide.ID.Pos.String())
	}
	fmt.Println(ids)
	// Output:
	// [alpha at 1:5 beta at 1:5]
}
