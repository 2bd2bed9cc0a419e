package format_test

import (
	"fmt"
	"log"
	"os"

	"github.com/skillguides/guidelint/format"
)

func ExampleSource() {
	src := []byte(`title: ML Systems   # the skill's name
id: ml-systems
stats: {sub_skills: 6, learning_phases: 3, estimated_hours: 240}
`)
	out, err := format.Source("ml-systems.yaml", src)
	if err != nil {
		log.Fatal(err)
	}
	os.Stdout.Write(out)
	// Output:
	// id: ml-systems
	// title: ML Systems # the skill's name
	// stats:
	//   learning_phases: 3
	//   estimated_hours: 240
	//   sub_skills: 6
}

func ExampleDiff() {
	before := []byte("title: T\nid: t\n")
	after, err := format.Source("t.yaml", before)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("%s", format.Diff("a/t.yaml", "b/t.yaml", before, after))
	// Output:
	// --- a/t.yaml
	// +++ b/t.yaml
	// @@ -1,2 +1,2 @@
	// -title: T
	//  id: t
	// +title: T
}
