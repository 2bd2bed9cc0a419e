package lint

import "testing"

func TestFileStem(t *testing.T) {
	for path, want := range map[string]string{
		"guides/ml-systems.yaml":         "ml-systems",
		"ml-systems.verbatim.yaml":       "ml-systems.verbatim",
		"/abs/path/data-engineering.yml": "data-engineering",
		"noext":                          "noext",
		`C:\guides\ml-systems.json`:      "ml-systems",
		"-":                              "",
		"<stdin>":                        "",
		"":                               "",
	} {
		if got := fileStem(path); got != want {
			t.Errorf("fileStem(%q) = %q, want %q", path, got, want)
		}
	}
}

// TestIDFilenameStdin checks that a guide without a file name is not
// checked.
func TestIDFilenameStdin(t *testing.T) {
	for _, name := range []string{"-", "<stdin>", ""} {
		for _, d := range checkFile(defaultLinter(), name, []byte("id: ml-systems\n")).Diags {
			if d.Rule == "id-filename" {
				t.Errorf("checkFile(%q): %s", name, d)
			}
		}
	}
}
