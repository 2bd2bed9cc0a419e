package lint

import "testing"

func TestIDFilename(t *testing.T) { runFixtures(t, IDFilename) }

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
		for _, d := range checkFile(name, []byte("id: ml-systems\n"), defaultSettings()).Diags {
			if d.Rule == IDFilename.ID {
				t.Errorf("checkFile(%q): %s", name, d)
			}
		}
	}
}
