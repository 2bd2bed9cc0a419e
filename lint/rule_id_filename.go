package lint

import (
	"path/filepath"
	"regexp"
	"strings"

	"github.com/skillguides/guidelint/schema"
)

// idFilename reports a guide whose id is not its file's stem.
func idFilename() *Rule {
	return &Rule{
		ID:       "id-filename",
		Summary:  "id differs from the file name",
		Severity: Warning,
		Doc: "Reports a guide whose `id` differs from its file's stem: the file name\n" +
			"without its last extension (`guides/ml-systems.yaml` has the stem\n" +
			"`ml-systems`). The diagnostic is at the `id` value. A guide read from\n" +
			"standard input without `--stdin-filename` has no stem and is not\n" +
			"checked, nor is an id the schema already rejects.\n" +
			"\n" +
			"Sites build a guide's URL from its id, and people find the file from the\n" +
			"URL; when the two drift apart, both the link and the search break.\n" +
			"\n" +
			"Bad: `guides/mlops.yaml` holding\n" +
			"\n" +
			"```yaml\n" +
			"id: ml-systems   # id \"ml-systems\" differs from the file's stem \"mlops\"; rename the file or change the id\n" +
			"```\n" +
			"\n" +
			"Good: `guides/ml-systems.yaml` holding\n" +
			"\n" +
			"```yaml\n" +
			"id: ml-systems\n" +
			"```",
		Run: runIDFilename,
	}
}

// idRE is the schema's pattern for ids; an id not matching it is the
// schema's to report.
var idRE = regexp.MustCompile(schema.IDPattern)

func runIDFilename(pass *Pass) {
	id := pass.Guide.ID
	if id == nil || !idRE.MatchString(id.Value) {
		return
	}
	stem := fileStem(pass.Path)
	if stem == "" || stem == id.Value {
		return
	}
	pass.Report(id.Pos, "id "+quote(id.Value)+" differs from the file's stem "+quote(stem)+"; rename the file or change the id")
}

// fileStem is the base name of path without its last extension, or "" for
// standard input ("-", "<stdin>", or no name).
func fileStem(path string) string {
	if path == "" || path == "-" || (strings.HasPrefix(path, "<") && strings.HasSuffix(path, ">")) {
		return ""
	}
	base := filepath.Base(filepath.FromSlash(path))
	if i := strings.LastIndexByte(base, '\\'); i >= 0 {
		base = base[i+1:] // a Windows path seen on Unix
	}
	return strings.TrimSuffix(base, filepath.Ext(base))
}
