package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
)

// TestFileProblemsFailTheRun: files that cannot be linted (a dangling
// link, a link loop, binary data, one over --max-file-size, one that is
// not valid UTF-8) are reported where they are, the other files (odd names
// included) are still linted, and the exit status is 1 even when every
// guide that could be read is clean.
func TestFileProblemsFailTheRun(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("symbolic links need privileges on Windows")
	}
	clean, err := os.ReadFile("../../examples/ml-systems.yaml")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name  string
		setup func(t *testing.T, dir string)
		args  []string
		want  map[string]string // file → fragment of its diagnostic
	}{
		{
			name:  "dangling link",
			setup: func(t *testing.T, dir string) { symlink(t, "gone.yaml", filepath.Join(dir, "guides", "dangling.yaml")) },
			want:  map[string]string{"guides/dangling.yaml": `1:1: error: dangling symbolic link: target "gone.yaml" does not exist (file)`},
		},
		{
			name: "link loop",
			setup: func(t *testing.T, dir string) {
				symlink(t, "b.yaml", filepath.Join(dir, "guides", "a.yaml"))
				symlink(t, "a.yaml", filepath.Join(dir, "guides", "b.yaml"))
				symlink(t, "..", filepath.Join(dir, "guides", "sub", "up"))
			},
			want: map[string]string{
				"guides/a.yaml": "1:1: error: symbolic link loop",
				"guides/b.yaml": "1:1: error: symbolic link loop",
				"guides/sub/up": "1:1: error: symbolic link loop: folder is guides again",
			},
		},
		{
			// Reading /proc/self/mem fails with EIO at offset 0, even for root.
			name: "unreadable",
			setup: func(t *testing.T, dir string) {
				if _, err := os.Stat("/proc/self/mem"); err != nil {
					t.Skip("no /proc/self/mem")
				}
				symlink(t, "/proc/self/mem", filepath.Join(dir, "guides", "mem.yaml"))
			},
			want: map[string]string{"guides/mem.yaml": "1:1: error: cannot read file: input/output error (file)"},
		},
		{
			name: "binary",
			setup: func(t *testing.T, dir string) {
				writeFiles(t, dir, map[string]string{"guides/logo.yaml": "\x89PNG\r\n\x1a\n\x00\x00"})
			},
			want: map[string]string{"guides/logo.yaml": "1:1: error: file is not text: it holds a NUL byte at offset 8 (file)"},
		},
		{
			name: "not UTF-8",
			setup: func(t *testing.T, dir string) {
				writeFiles(t, dir, map[string]string{"guides/latin1.yaml": "id: caf\xe9\n"})
			},
			want: map[string]string{"guides/latin1.yaml": "1:8: error: invalid UTF-8 byte 0xe9; guides must be UTF-8 text (parse)"},
		},
		{
			name: "over --max-file-size",
			setup: func(t *testing.T, dir string) {
				writeFiles(t, dir, map[string]string{"guides/big.yaml": "id: big\n" + strings.Repeat("# padding\n", 3000)})
			},
			args: []string{"--max-file-size", "25000"},
			want: map[string]string{"guides/big.yaml": "1:1: error: file is 29.3 KB, over the 24.4 KB size limit (file)"},
		},
	} {
		tc := tc
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			writeFiles(t, dir, map[string]string{
				"guides/ml-systems.yaml":           string(clean),
				"guides/sub/ok/ml-systems.yaml":    string(clean),
				"guides/with space/ml-systems.yml": string(clean),
				"guides/ünïcödé/ml-systems.yaml":   string(clean),
			})
			tc.setup(t, dir)
			args := append([]string{"--no-config", "--no-cache", "--disable", "id-unique,title-unique", "--format", "json"}, tc.args...)
			args = append(args, "guides")
			stdout, stderr, code := runIn(t, dir, nil, args)
			if code != exitFindings {
				t.Errorf("exit %d, want %d; stderr:\n%s", code, exitFindings, stderr)
			}
			var report struct {
				Diagnostics []struct {
					Path         string
					Line, Column int
					Severity     string
					Rule         string
					Message      string
				}
				Summary struct {
					Files int
				}
			}
			if err := json.Unmarshal([]byte(stdout), &report); err != nil {
				t.Fatalf("%v\n%s", err, stdout)
			}
			got := map[string]string{}
			for _, d := range report.Diagnostics {
				p := filepath.ToSlash(d.Path)
				got[p] = strconv.Itoa(d.Line) + ":" + strconv.Itoa(d.Column) + ": " + d.Severity + ": " + d.Message + " (" + d.Rule + ")"
			}
			for path, frag := range tc.want {
				if !strings.Contains(got[path], frag) {
					t.Errorf("%s: got %q, want %q", path, got[path], frag)
				}
			}
			for path, msg := range got {
				if _, ok := tc.want[path]; !ok {
					t.Errorf("unexpected diagnostic on %s: %s", path, msg)
				}
			}
			// The four clean guides were read and linted.
			if min := 4 + len(tc.want); report.Summary.Files < 4 || report.Summary.Files > min {
				t.Errorf("summary counts %d files, want 4 clean ones and the problem files (at most %d)", report.Summary.Files, min)
			}
		})
	}
}

func symlink(t *testing.T, target, link string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(link), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(target, link); err != nil {
		t.Fatal(err)
	}
}
