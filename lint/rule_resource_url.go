package lint

import (
	"net/url"
	"strings"
)

// resourceURL reports a resource url that is not an absolute http(s) URL,
// and, as a warning, one that uses plain http.
func resourceURL() *Rule {
	return &Rule{
		ID:       "resource-url",
		Summary:  "resource url is not an absolute https URL",
		Severity: Error,
		Doc: "Reports a `resources.items[].url` that is not an absolute `http` or\n" +
			"`https` URL with a host: a bare domain, a relative path, another scheme\n" +
			"(`ftp:`, `javascript:`), or text with spaces in it. A plain `http://` URL\n" +
			"is reported as a warning. The diagnostic is at the `url` value.\n" +
			"\n" +
			"The page turns each url into a link; a relative or malformed one links\n" +
			"nowhere, and an `http` link is open to tampering and warned about by\n" +
			"browsers. Most sites serve https today.\n" +
			"\n" +
			"Bad:\n" +
			"\n" +
			"```yaml\n" +
			"resources:\n" +
			"  items:\n" +
			"    - title: MLflow Documentation\n" +
			"      url: mlflow.org/docs/latest/index.html   # no scheme\n" +
			"      kind: docs\n" +
			"      cost: free\n" +
			"```\n" +
			"\n" +
			"Good:\n" +
			"\n" +
			"```yaml\n" +
			"resources:\n" +
			"  items:\n" +
			"    - title: MLflow Documentation\n" +
			"      url: https://mlflow.org/docs/latest/index.html\n" +
			"      kind: docs\n" +
			"      cost: free\n" +
			"```",
		Run: runResourceURL,
	}
}

const wantURL = "want an absolute URL like \"https://example.com/page\""

func runResourceURL(pass *Pass) {
	r := pass.Guide.Resources
	if r == nil {
		return
	}
	for _, it := range r.Items.Items {
		if blank(it.URL) {
			continue // missing or blank: the schema reports it
		}
		raw := it.URL.Value
		if msg := urlProblem(raw); msg != "" {
			pass.Report(it.URL.Pos, "resource url "+quote(raw)+" "+msg)
			continue
		}
		if strings.HasPrefix(strings.ToLower(raw), "http:") {
			pass.ReportDiagnostic(Diagnostic{Line: it.URL.Pos.Line, Column: it.URL.Pos.Col, Severity: Warning,
				Message: "resource url uses http; use https"})
		}
	}
}

// urlProblem says what is wrong with raw as a link, or "" when it is an
// absolute http(s) URL with a host.
func urlProblem(raw string) string {
	if strings.ContainsAny(raw, " \t\r\n") {
		return "contains white space; escape spaces as %20 and remove line breaks"
	}
	u, err := url.Parse(raw)
	if err != nil {
		return "does not parse as a URL; " + wantURL
	}
	switch {
	case u.Scheme == "":
		return "has no scheme; " + wantURL
	case u.Scheme != "http" && u.Scheme != "https":
		return "uses scheme " + quote(u.Scheme) + "; want https"
	case u.Opaque != "" || u.Hostname() == "":
		return "has no host; " + wantURL
	}
	return ""
}
