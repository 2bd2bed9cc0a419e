package guide

import (
	"bytes"
	"strconv"
	"strings"
)

// yamlDirectives handles the directives before a YAML document ("%YAML
// 1.2", "%TAG ..."). yaml.v3 accepts only "%YAML 1.1" and refuses the
// current version, "%YAML 1.2", as "found incompatible YAML document",
// although guides are read with YAML 1.2's rules anyway. So a %YAML 1.x
// directive is blanked out (replaced by spaces, so that every position
// stays where it was) before yaml.v3 reads the file; %TAG is left to
// yaml.v3; anything else is an Error in words a writer can act on.
//
// It returns data itself when there is nothing to blank.
func yamlDirectives(data []byte) ([]byte, *Error) {
	out, copied := data, false
	var directive Pos // the first directive, for a missing "---"
	for off := 0; off < len(data); {
		end := bytes.IndexByte(data[off:], '\n')
		if end < 0 {
			end = len(data)
		} else {
			end += off
		}
		line := strings.TrimRight(string(data[off:end]), "\r")
		next := end + 1
		switch {
		case isDocStart(line):
			return out, nil
		case strings.TrimSpace(line) == "" || strings.HasPrefix(strings.TrimLeft(line, " \t"), "#"):
			off = next
			continue
		case !strings.HasPrefix(line, "%"):
			// Content: a directive before it lacks its "---".
			if directive.Line > 0 {
				return data, &Error{directive, `yaml syntax error: a directive must be followed by a line "---" that starts the document; add one, or delete the directive`}
			}
			return data, nil
		}
		if directive.Line == 0 {
			directive = offsetPos(data, off)
		}
		fields := strings.Fields(stripComment(line))
		switch name := fields[0]; {
		case name == "%YAML" && len(fields) == 2 && (fields[1] == "1.1" || fields[1] == "1.2"):
			if !copied {
				out, copied = bytes.Clone(data), true
			}
			for i := off; i < off+len(line); i++ {
				out[i] = ' '
			}
		case name == "%YAML":
			col := off + strings.Index(line, "%YAML") + len("%YAML")
			for col < off+len(line) && (data[col] == ' ' || data[col] == '\t') {
				col++
			}
			return data, &Error{offsetPos(data, col), "yaml syntax error: unsupported %YAML directive " + strconv.Quote(strings.Join(fields[1:], " ")) +
				`; guides are YAML 1.2: write "%YAML 1.2" or delete the line`}
		case name == "%TAG":
			// yaml.v3 reads these, and says what is wrong with one.
		default:
			return data, &Error{offsetPos(data, off), "yaml syntax error: unknown directive " + strconv.Quote(name) +
				"; a line starting with % before the document may only be %YAML or %TAG: delete it, or quote the value it starts"}
		}
		off = next
	}
	if directive.Line > 0 {
		return data, &Error{directive, `yaml syntax error: a directive must be followed by a line "---" that starts the document; add one, or delete the directive`}
	}
	return out, nil
}

// isDocStart reports whether line is a document start marker "---",
// alone or followed by white space and content.
func isDocStart(line string) bool {
	return line == "---" || strings.HasPrefix(line, "--- ") || strings.HasPrefix(line, "---\t")
}

// stripComment removes a " #" comment from a directive line.
func stripComment(line string) string {
	for i := 1; i < len(line); i++ {
		if line[i] == '#' && (line[i-1] == ' ' || line[i-1] == '\t') {
			return line[:i]
		}
	}
	return line
}
