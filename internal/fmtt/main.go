package main

import (
	"fmt"
	"os"

	"github.com/skillguides/guidelint/format"
)

func main() {
	if os.Args[1] == "new" {
		b, _ := format.Scaffold(os.Args[2])
		os.Stdout.Write(b)
		return
	}
	data, _ := os.ReadFile(os.Args[1])
	out, err := format.Source(os.Args[1], data)
	if err != nil {
		fmt.Fprintln(os.Stderr, "ERR", err)
		os.Exit(1)
	}
	os.Stdout.Write(out)
}
