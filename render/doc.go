// Package render previews a skill guide as a page: Markdown for
// pull-request previews, or one self-contained HTML page (inline CSS, a
// table of contents, charts in HTML and CSS, no scripts, no external
// assets) to open in a browser, on a phone too.
//
// Both follow the published guide pages: the same sections in the same
// order, with the same headings and fixed sentences and the guide's title
// in them ("What is ML Systems?", "Learning Path for ML Systems", ...), so
// that the Markdown render of examples/ml-systems.yaml holds every line of
// the seed page's text. A section the guide lacks is left out, so drafts
// and partial guides render too; text from the guide is always escaped.
package render
