package reports

import (
	"fmt"
	"io"
	"strings"

	"github.com/ssrm/ssrm/internal/safetext"
	q "github.com/ssrm/ssrm/questionnaire"
	"github.com/ssrm/ssrm/scoring"
)

// HandoffItems are the questions a hand-off asks: the asked questions
// answered "don't know", in the order of the assessment.
func HandoffItems(r *scoring.Result) []scoring.QuestionScore {
	var out []scoring.QuestionScore
	for _, s := range r.Questions {
		if s.Status == q.Unknown {
			out = append(out, s)
		}
	}
	return out
}

// handoffIntro says what the form is and how to fill it in.
func handoffIntro(org string, n int) string {
	return fmt.Sprintf("%s could not answer these %d question%s about its Microsoft cloud (Azure, Entra ID, Microsoft 365) "+
		"and asks you, as the people who run it, to answer them. For each question tick the one box that is true today "+
		"(\"d\" if you cannot tell either, \"x\" if it does not apply) and add a note if it helps: what you checked, or what "+
		"you would change.", org, n, plural(n))
}

// WriteHandoffMarkdown writes the hand-off form as Markdown: one section a
// question with its ID line, a box per level, "d" and "x", and a note
// line. `ssrm handoff import` (questionnaire.ParseHandoff) reads it back.
func WriteHandoffMarkdown(w io.Writer, r *scoring.Result, source string) error {
	org := safetext.Markdown(r.Profile.Organization)
	items := HandoffItems(r)
	var b strings.Builder
	b.WriteString(q.HandoffMarker + "\n\n")
	fmt.Fprintf(&b, "# Questions for your IT provider: %s\n\n", org)
	fmt.Fprintf(&b, "Prepared %s from %s by ssrm.\n\n", r.Date.Format("2 January 2006"), safetext.Markdown(source))
	b.WriteString(handoffIntro(org, len(items)) + "\n\n")
	b.WriteString("Tick a box by writing an x inside it: `- [x]`. Keep the ID lines; send the file back as it is.\n")
	for i, s := range items {
		qq := s.Question
		fmt.Fprintf(&b, "\n---\n\n### %d. %s\n\nID: %s\n\n", i+1, qq.Text, qq.ID)
		if qq.PlainText != "" && qq.PlainText != qq.Text {
			fmt.Fprintf(&b, "In plain words: %s\n\n", qq.PlainText)
		}
		for _, o := range qq.Options {
			fmt.Fprintf(&b, "- [ ] %d %s: %s\n", o.Level, o.Label, o.Description)
		}
		b.WriteString("- [ ] d Cannot tell\n- [ ] x Does not apply to us\n\nNote: \n")
	}
	if len(items) == 0 {
		b.WriteString("\nNothing to ask: no question is answered \"don't know\".\n")
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// WriteHandoffPDF writes the hand-off as a printable checklist: each
// question with a box per level, "cannot tell" and "does not apply", and a
// line for a note, packed to fit one A4 page where the list allows (about
// seven questions; longer lists go on).
func WriteHandoffPDF(w io.Writer, r *scoring.Result, m Meta, source string) error {
	d := newPDF(r, m)
	d.title = "Questions for your IT provider"
	d.f.SetTitle(d.org+": questions for your IT provider", true)
	f := d.f
	items := HandoffItems(r)
	f.AddPage()
	d.reset()
	d.font("B", 15)
	f.MultiCell(contentW, 7, d.safe("Questions for your IT provider: "+d.org), "", "L", false)
	d.font("", 8)
	d.textColor(colMuted)
	f.MultiCell(contentW, 4, d.safe(fmt.Sprintf("Prepared %s from %s by ssrm. Fill in, then send back: ssrm handoff import reads the Markdown form; on paper, the answers are typed in.", d.date.Format("2 January 2006"), source)), "", "L", false)
	f.Ln(1.5)
	d.reset()
	d.font("", 8.5)
	f.MultiCell(contentW, 4.2, d.safe(handoffIntro(d.org, len(items))), "", "L", false)
	f.Ln(2)
	box := func(x, y float64) {
		d.drawColor(colText)
		f.SetLineWidth(0.25)
		f.Rect(x, y+0.6, 2.8, 2.8, "D")
	}
	for i, s := range items {
		qq := s.Question
		var opts []string
		for _, o := range qq.Options {
			opts = append(opts, fmt.Sprintf("%d %s", o.Level, o.Label))
		}
		opts = append(opts, "d Cannot tell", "x Does not apply")
		rows := (len(opts) + 1) / 2
		d.font("B", 9)
		lines := f.SplitText(d.safe(fmt.Sprintf("%d. %s", i+1, qq.Text)), contentW)
		need := float64(len(lines))*4.3 + 4 + float64(rows)*4 + 8
		d.need(need)
		d.drawColor(colRule)
		f.SetLineWidth(0.2)
		f.Line(marginL, f.GetY(), marginL+contentW, f.GetY())
		f.Ln(1.2)
		d.textColor(colText)
		f.MultiCell(contentW, 4.3, strings.Join(lines, "\n"), "", "L", false)
		d.font("", 7)
		d.textColor(colMuted)
		f.CellFormat(contentW, 3.6, d.safe("ID: "+qq.ID+"  ·  "+d.r.Bank.LayerInfo(qq.Layer).Name+" layer"), "", 1, "L", false, 0, "")
		d.font("", 8)
		d.textColor(colText)
		colW := contentW / 2
		y0 := f.GetY()
		for j, o := range opts {
			x := marginL + float64(j/rows)*colW
			y := y0 + float64(j%rows)*4
			box(x, y)
			f.SetXY(x+4.2, y)
			f.CellFormat(colW-5, 4, d.clip(d.safe(o), colW-5), "", 0, "L", false, 0, "")
		}
		f.SetXY(marginL, y0+float64(rows)*4+0.8)
		d.font("", 8)
		d.textColor(colMuted)
		f.CellFormat(12, 4, "Note:", "", 0, "L", false, 0, "")
		d.drawColor(colRule)
		f.Line(marginL+12, f.GetY()+3.6, marginL+contentW, f.GetY()+3.6)
		f.Ln(6)
	}
	if len(items) == 0 {
		d.para("Nothing to ask: no question is answered \"don't know\".")
	}
	if d.replaced {
		f.Ln(2)
		d.font("I", 7)
		f.MultiCell(contentW, 3.5, "Some characters had no glyph in the font and were replaced with '?'.", "", "L", false)
	}
	return f.Output(w)
}
