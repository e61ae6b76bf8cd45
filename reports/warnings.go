package reports

import (
	"fmt"
	"strings"
	"time"

	"github.com/ssrm/ssrm/scoring"
)

// Warnings are what `ssrm report` tells the consultant before the report
// goes to the client: an assessor naming another firm than the brand, a
// report dated before its bank was released, and every "[to confirm with
// the client]" marker the document prints, by section.
func Warnings(r *scoring.Result, m Meta) []string {
	var out []string
	if _, w := PreparedBy(r.Profile.Assessor, m.Brand); w != "" {
		out = append(out, w)
	}
	if rel, err := time.Parse("2006-01-02", r.Bank.Released); err == nil && !r.Date.IsZero() && rel.After(r.Date) {
		out = append(out, fmt.Sprintf("the report is dated %s, before its question bank was released (%s): the report names the bank by its checksum alone", r.Date.Format("2006-01-02"), r.Bank.Released))
	}
	return append(out, Markers(BuildDocument(r, m, m.DocOptions()))...)
}

// Markers lists every place a document prints ToConfirm, as "Section:
// text around it", for the consultant to settle before the final version.
func Markers(doc Document) []string {
	var out []string
	for _, s := range doc.Sections {
		var texts []string
		texts = append(texts, s.Intro)
		for _, b := range s.Blocks {
			texts = append(texts, b.Text)
			texts = append(texts, b.Items...)
			for _, p := range b.Pairs {
				texts = append(texts, p.Value)
			}
			if b.Table != nil {
				for _, row := range b.Table.Rows {
					for _, c := range row {
						texts = append(texts, c.Text, c.Sub)
					}
				}
				texts = append(texts, b.Table.Details...)
			}
		}
		for _, t := range texts {
			if i := strings.Index(t, ToConfirm); i >= 0 {
				out = append(out, fmt.Sprintf("%s: %q is %s; settle it before the final version", s.Title, around(t, i), ToConfirm))
			}
		}
	}
	return out
}

// around is the few words before a marker, to say which it is.
func around(t string, i int) string {
	words := strings.Fields(t[:i])
	if len(words) > 10 {
		return "…" + strings.Join(words[len(words)-10:], " ")
	}
	return strings.Join(words, " ")
}
