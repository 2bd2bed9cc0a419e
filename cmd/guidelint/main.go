// Command guidelint validates and lints skill guides: structured learning
// guides in YAML or JSON. Run "guidelint help" for usage.
package main

import "os"

func main() {
	os.Exit(Command{Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr}.Main(os.Args[1:]))
}
