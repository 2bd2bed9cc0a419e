// Command corpus writes N distinct, valid skill guides derived from
// examples/ml-systems.yaml into a folder, for benchmarks:
//
//	go -C bench run ./corpus -n 10000 /tmp/corpus
//
// Each guide gets its own id (matching its file name) and title, so every
// file's bytes differ and each lints clean.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
)

func main() {
	n := flag.Int("n", 1000, "number of guides to write")
	src := flag.String("from", "../examples/ml-systems.yaml", "guide to derive the corpus from")
	flag.Usage = func() {
		fmt.Fprintln(os.Stderr, "usage: corpus [-n N] [-from FILE] DIR")
		flag.PrintDefaults()
	}
	flag.Parse()
	if flag.NArg() != 1 {
		flag.Usage()
		os.Exit(2)
	}
	if err := write(*src, flag.Arg(0), *n); err != nil {
		fmt.Fprintln(os.Stderr, "corpus:", err)
		os.Exit(1)
	}
}

func write(src, dir string, n int) error {
	base, err := os.ReadFile(src)
	if err != nil {
		return err
	}
	id, title := []byte("id: ml-systems\n"), []byte("\ntitle: ML Systems\n")
	if !bytes.HasPrefix(base, id) || !bytes.Contains(base, title) {
		return fmt.Errorf("%s must start with %q and hold %q", src, id, title)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	for i := 0; i < n; i++ {
		name := fmt.Sprintf("guide-%06d", i)
		data := bytes.Replace(base, id, []byte("id: "+name+"\n"), 1)
		data = bytes.Replace(data, title, []byte(fmt.Sprintf("\ntitle: ML Systems %d\n", i)), 1)
		if err := os.WriteFile(filepath.Join(dir, name+".yaml"), data, 0o644); err != nil {
			return err
		}
	}
	return nil
}
