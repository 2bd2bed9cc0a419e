package render_test

import (
	"fmt"
	"log"
	"os"
	"strings"

	"github.com/skillguides/guidelint/guide"
	"github.com/skillguides/guidelint/render"
)

func ExampleMarkdown() {
	doc, err := guide.Parse("git.yaml", []byte(`id: git
title: Git
category: Technical
tagline: Tracking changes to code with *branches* and commits.
overview:
  what: Git is a distributed version control system.
  why: [Every team uses it.]
sub_skills:
  - {name: Branching, weight: 60}
  - {name: History, weight: 40}
`))
	if err != nil {
		log.Fatal(err)
	}
	if err := render.Markdown(os.Stdout, doc.Guide); err != nil {
		log.Fatal(err)
	}
	// Output:
	// Technical
	//
	// # Git Skill Guide
	//
	// Tracking changes to code with \*branches\* and commits.
	//
	// ## Quick Stats
	//
	// | Stat | Value |
	// | --- | --- |
	// | Sub-skills | 2 |
	//
	// ## What is Git?
	//
	// Git is a distributed version control system.
	//
	// ## Why Git Matters
	//
	// - Every team uses it.
	//
	// ## Git Sub-skills Breakdown
	//
	// The key components that make up Git proficiency.
	//
	// ### Branching (60%)
	//
	// ### History (40%)
	//
	// ## Skill Weight Distribution
	//
	// | Sub-skill | Weight | |
	// | --- | ---: | --- |
	// | Branching | 60% | ███████████████ |
	// | History | 40% | ██████████ |
}

func ExampleHTML() {
	doc, err := guide.Load("../examples/ml-systems.yaml")
	if err != nil {
		log.Fatal(err)
	}
	// One self-contained page, with a table of contents: open it in any
	// browser, even offline.
	var page strings.Builder
	if err := render.HTML(&page, doc.Guide); err != nil {
		log.Fatal(err)
	}
	html := page.String()
	fmt.Println(strings.HasPrefix(html, "<!DOCTYPE html>"), strings.Contains(html, `<nav class="toc"`), strings.Contains(html, "<link"))
	// Output:
	// true true false
}
