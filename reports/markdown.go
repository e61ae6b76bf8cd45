package reports

import (
	"bufio"
	"fmt"
	"io"
	"math"
	"strings"

	"github.com/ssrm/ssrm/internal/safetext"
	q "github.com/ssrm/ssrm/questionnaire"
	"github.com/ssrm/ssrm/scoring"
)

// WriteMarkdown writes the action plan as Markdown: the same sections as the
// PDF, in the same order, for wikis and tickets.
//
// It writes a fact sheet, then the sections of the document model
// (BuildDocument, with the audience and appendix of m) in order. Every
// string from the bank or the assessment is escaped with safetext.
func WriteMarkdown(w io.Writer, r *scoring.Result, m Meta) error {
	r, m = Prepare(r, m)
	doc := BuildDocument(r, m, m.DocOptions())
	bw := bufio.NewWriter(w)
	p := func(format string, args ...interface{}) { fmt.Fprintf(bw, format, args...) }
	p("# %s: %s\n\n", DocTitle, md(doc.Organization))
	p("| | |\n|---|---|\n")
	by, _ := PreparedBy(r.Profile.Assessor, m.Brand)
	p("| Prepared by | %s |\n", mdCell(orDash(by)))
	p("| Date | %s |\n", day(r.Date))
	p("| Scope | %s; %s |\n", modelNames(r.Profile.Models), mdCell(serviceNames(r)))
	p("| Size, sector, data sensitivity | %s, %s, %s |\n", mdCell(orDash(r.Profile.Size)), mdCell(orDash(r.Profile.Sector)), mdCell(orDash(r.Profile.Sensitivity)))
	p("| Overall maturity | %s against a target of %d (%s) |\n", scoreText(r.Overall), r.Target, q.LevelName(r.Target))
	p("| Assessment | %s |\n", mdCell(AssessmentPeriod(r).String()))
	p("| Live findings | %s |\n", FindingCounts(r))
	if note := RedactionNote(m); note != "" {
		p("| Redaction | %s |\n", mdCell(note))
	}
	appendix := false
	for _, s := range doc.Sections {
		if s.Appendix && !appendix {
			appendix = true
			p("\n---\n\n# Appendices\n")
		}
		p("\n## %s\n", md(s.Title))
		if s.Intro != "" {
			p("\n%s\n", md(s.Intro))
		}
		for _, b := range s.Blocks {
			if b.Kind == BlockChart && b.Chart == ChartProgress {
				// the comparison as the compare report writes it
				if pr := NewProgress(append([]*scoring.Result{r}, m.Baselines...)); pr != nil {
					var buf strings.Builder
					if err := writeProgressMarkdown(&buf, pr); err != nil {
						return err
					}
					_, body, _ := strings.Cut(buf.String(), "\n")
					p("%s", body)
				}
				continue
			}
			writeMarkdownBlock(p, b)
		}
	}
	return bw.Flush()
}

func writeMarkdownBlock(p func(string, ...interface{}), b Block) {
	if b.Title != "" {
		title := md(b.Title)
		if b.Risk != "" {
			title += " (" + string(b.Risk) + ")"
		}
		p("\n### %s\n", title)
	}
	switch b.Kind {
	case BlockPara:
		if b.Callout {
			p("\n> %s\n", md(b.Text))
			return
		}
		p("\n%s\n", md(b.Text))
	case BlockNote:
		p("\n*%s*\n", md(b.Text))
	case BlockBullets:
		p("\n")
		for i, it := range b.Items {
			if b.Numbered {
				p("%d. %s\n", i+1, md(it))
			} else {
				p("- %s\n", md(it))
			}
		}
	case BlockKV:
		p("\n| | |\n|---|---|\n")
		for _, kv := range b.Pairs {
			p("| **%s** | %s |\n", mdCell(kv.Key), mdCell(kv.Value))
		}
	case BlockTable:
		t := b.Table
		p("\n|")
		for _, c := range t.Columns {
			p(" %s |", mdCell(c))
		}
		p("\n|%s\n", strings.Repeat("---|", len(t.Columns)))
		for i, row := range t.Rows {
			p("|")
			for j, c := range row {
				text := mdCell(c.Text)
				if c.Risk == RiskCritical || c.Risk == RiskHigh {
					text = "**" + text + "**"
				}
				if c.Sub != "" {
					text += "<br>" + mdCell(c.Sub)
				}
				if j == 1 && i < len(t.Details) && t.Details[i] != "" {
					text += "<br>" + mdCell(t.Details[i])
				}
				p(" %s |", text)
			}
			p("\n")
		}
	case BlockChart:
		// charts are drawn in the PDF; the tables beside them carry the
		// numbers, or the chart's own fallback table does
		if b.Table != nil {
			writeMarkdownBlock(p, Block{Kind: BlockTable, Table: b.Table})
			if b.Text != "" {
				writeMarkdownBlock(p, Block{Kind: BlockNote, Text: b.Text})
			}
		}
	}
}

// md escapes text for Markdown: a table cell, a list item, a heading.
func md(s string) string { return safetext.Markdown(s) }

// mdCell escapes text for a Markdown table cell.
func mdCell(s string) string { return safetext.MarkdownCell(s) }

func orDash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}

func shortSum(s string) string {
	s = strings.TrimPrefix(s, "sha256:")
	if len(s) > 12 {
		return "sha256 " + s[:12]
	}
	return s
}

func targetText(s scoring.Score) string {
	if s.Empty {
		return "—"
	}
	return WholeTarget(s)
}

// WholeTarget is a group's target as the whole level an owner reads: the
// mean of its questions' targets rounded, marked "*" when some of them
// are lower (TargetFootnote says why), "4*" for 3.9.
func WholeTarget(s scoring.Score) string {
	n := math.Round(s.Target)
	if math.Abs(s.Target-n) > 0.005 {
		return fmt.Sprintf("%.0f*", n)
	}
	return fmt.Sprintf("%.0f", n)
}

// TargetFootnote explains the "*" of WholeTarget.
const TargetFootnote = "* Rounded to the nearest whole level: the controls here do not all have the same target (some are capped for an organization of your size, or set so in the assessment), so the group's average target lies between two levels."

// starredTarget reports whether any group's target is shown rounded.
func starredTarget(gs []scoring.GroupScore) bool {
	for _, g := range gs {
		if !g.Score.Empty && strings.HasSuffix(WholeTarget(g.Score), "*") {
			return true
		}
	}
	return false
}
