package report

import (
	"net/url"
	"os"
	"path/filepath"
	"strings"
)

// rootDir returns root as an absolute path; "" means the working
// directory. It returns "" when neither can be made absolute.
func rootDir(root string) string {
	if root == "" {
		wd, err := os.Getwd()
		if err != nil {
			return ""
		}
		return wd
	}
	abs, err := filepath.Abs(root)
	if err != nil {
		return ""
	}
	return abs
}

// repoPath returns path (relative to the working directory, or absolute)
// relative to root with slashes; ok is false when it lies outside root or
// root is unknown.
func repoPath(path, root string) (string, bool) {
	if root == "" {
		return "", false
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", false
	}
	rel, err := filepath.Rel(root, abs)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) || filepath.IsAbs(rel) {
		return "", false
	}
	return filepath.ToSlash(rel), true
}

// escapePath escapes each segment of a slash-separated path for a
// relative URI reference. PathEscape keeps ":", which would read as a
// URI scheme, so it is escaped too.
func escapePath(p string) string {
	segs := strings.Split(p, "/")
	for i, s := range segs {
		segs[i] = strings.ReplaceAll(url.PathEscape(s), ":", "%3A")
	}
	return strings.Join(segs, "/")
}

// max1 clamps a line or column to 1, the first one, for formats that
// require a position.
func max1(n int) int {
	if n < 1 {
		return 1
	}
	return n
}
