package reports

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"time"

	q "github.com/ssrm/ssrm/questionnaire"
	"github.com/ssrm/ssrm/scoring"
)

// The facilitator pack as PDF: the agenda, a question sheet per layer and
// the kickoff one-pager. Tick boxes are drawn squares: the Go fonts have no
// check-mark glyphs.

// write finishes a document into w.
func (d *pdfDoc) write(w io.Writer) error {
	if err := d.f.Error(); err != nil {
		return fmt.Errorf("pdf: %w", err)
	}
	var buf bytes.Buffer
	if err := d.f.Output(&buf); err != nil {
		return fmt.Errorf("pdf: %w", err)
	}
	_, err := w.Write(buf.Bytes())
	return err
}

// packDoc starts a pack document with its running-header title.
func packDoc(r *scoring.Result, m Meta, title string) *pdfDoc {
	d := newPDF(r, m)
	d.org = d.safe(PackOrganization(r))
	d.title = title
	d.f.SetTitle(d.org+": "+title, true)
	d.f.SetSubject("Workshop on the Azure Shared Security Responsibility Model", true)
	return d
}

// packTitle starts the first page of a pack document with a navy title bar.
func (d *pdfDoc) packTitle(kicker, title, sub string) {
	f := d.f
	d.noHeader = true
	f.AddPage()
	d.noHeader = false
	d.reset()
	f.Bookmark(title, 0, 0)
	const band = 34.0
	d.fillColor(colNavy)
	f.Rect(0, 0, pageW, band, "F")
	d.fillColor(colTeal)
	f.Rect(0, band, pageW, 1.4, "F")
	d.font("B", 7.5)
	d.textColor(rgb{140, 206, 208})
	f.SetXY(marginL, 9)
	f.CellFormat(contentW, 4, kicker, "", 0, "L", false, 0, "")
	d.font("B", 17)
	d.textColor(colWhite)
	f.SetXY(marginL, 14)
	f.CellFormat(contentW, 8, d.clip(title, contentW), "", 0, "L", false, 0, "")
	d.font("", 9)
	d.textColor(rgb{200, 214, 230})
	f.SetXY(marginL, 23.5)
	f.CellFormat(contentW, 5, d.clip(sub, contentW), "", 0, "L", false, 0, "")
	f.SetXY(marginL, band+6)
	d.reset()
}

// WriteAgendaPDF writes the workshop agenda: one page with the timed
// blocks, coloured by step, and what to bring.
func WriteAgendaPDF(w io.Writer, r *scoring.Result, a Agenda, start time.Time, m Meta) error {
	d := packDoc(r, m, "Workshop agenda")
	f := d.f
	d.packTitle("WORKSHOP · AZURE SHARED SECURITY RESPONSIBILITY MODEL", "Workshop agenda: "+d.org,
		fmt.Sprintf("%s, %s–%s · %d questions for %s", r.Date.Format("Monday 2 January 2006"), clock(start, 0), clock(start, a.Minutes), a.Questions, modelNames(r.Profile.Models)))
	d.para(fmt.Sprintf("%d h %02d min over the five steps of the defence plan, each question given about %.1f minutes. The facilitator reads the question and its prompt from the layer's sheet; the note-taker ticks the level agreed, writes what was said and by whom.",
		a.Minutes/60, a.Minutes%60, a.PerQuestion))
	if a.Minutes > agendaMax {
		d.callout("More than three hours", []string{"Split the workshop over two sittings at the break; resume the saved assessment with ssrm resume."})
	}
	// a strip of the whole session, proportional to time
	y := f.GetY() + 1
	const stripH = 6.0
	for _, it := range a.Items {
		x := marginL + contentW*float64(it.Start)/float64(a.Minutes)
		wd := contentW * float64(it.Minutes) / float64(a.Minutes)
		c := stepColour(it.Step)
		d.fillColor(c)
		f.Rect(x+0.2, y, wd-0.4, stripH, "F")
		if it.Step > 0 && wd > 5 {
			d.font("B", 6.5)
			d.textColor(colWhite)
			f.SetXY(x, y)
			f.CellFormat(wd, stripH, fmt.Sprint(it.Step), "", 0, "C", false, 0, "")
		}
	}
	d.font("", 6.5)
	d.textColor(colMuted)
	for h := 0; h <= a.Minutes; h += 30 {
		x := marginL + contentW*float64(h)/float64(a.Minutes)
		// centred under its tick, but never past a margin
		lx := min(max(x-8, marginL), pageW-marginR-16)
		align := "C"
		switch lx {
		case marginL:
			align = "L"
		case pageW - marginR - 16:
			align = "R"
		}
		f.SetXY(lx, y+stripH+0.5)
		m := f.GetCellMargin()
		if align != "C" {
			f.SetCellMargin(0)
		}
		f.CellFormat(16, 3, clock(start, h), "", 0, align, false, 0, "")
		f.SetCellMargin(m)
	}
	f.SetXY(marginL, y+stripH+4.5)
	cols := []col{{"Time", 22, "L"}, {"Min", 10, "C"}, {"Block", 50, "L"}, {"What happens", contentW - 82, "L"}}
	var rows []row
	step := 0
	for _, it := range a.Items {
		c := stepColour(it.Step)
		if it.Step > 0 && it.Step != step {
			info := r.Bank.StepInfo(it.Step)
			rows = append(rows, row{group: d.safe(fmt.Sprintf("Step %d — %s", it.Step, info.Name))})
		}
		if it.Step > 0 || it.Title != "Break" {
			step = it.Step
		}
		block := cell{text: d.safe(it.Title), bold: true}
		switch {
		case it.Layer != "":
			block.text = d.safe(r.Bank.LayerInfo(it.Layer).Name)
		case it.Step > 0:
			block.text = d.safe(strings.TrimSpace(it.Title[strings.Index(it.Title, "—")+len("—"):]))
		default:
			block.color = ptr(colNavy)
		}
		detail := cell{text: d.safe(it.Detail)}
		if n := len(it.Questions); n > 0 {
			detail.text = fmt.Sprintf("%d question%s, %s", n, plural(n), it.Questions[0])
			if n > 1 {
				detail.text += " to " + it.Questions[n-1]
			}
		}
		rows = append(rows, row{cells: []cell{
			{text: clock(start, it.Start) + "–" + clock(start, it.Start+it.Minutes), bold: true, color: ptr(c)},
			textCell(fmt.Sprint(it.Minutes)), block, detail,
		}})
	}
	d.table(cols, rows)
	d.note("Bring: the kickoff sheet for everyone; the question sheets for the facilitator and the note-taker; someone who can open the Azure portal and the Microsoft 365 admin centre, to check rather than guess; and the people who know: whoever accepts risk, runs IT and built the applications.")
	return d.write(w)
}

// skippedLevels says which levels between 0 and a question's top level
// it offers no option for ("No option at levels 1 and 4: tick the highest
// level fully in place."), "" when it offers every one.
func skippedLevels(qq *q.Question) string {
	var miss []string
	for l := 0; l <= qq.TopLevel(); l++ {
		if _, ok := qq.Option(l); !ok {
			miss = append(miss, fmt.Sprint(l))
		}
	}
	switch len(miss) {
	case 0:
		return ""
	case 1:
		return "No option at level " + miss[0] + ": tick the highest level fully in place."
	}
	return "No option at levels " + joinAnd(miss) + ": tick the highest level fully in place."
}

// stepColour is the agenda colour of a step; 0 for the blocks between steps.
func stepColour(step int) rgb {
	switch step {
	case 1:
		return colTeal
	case 2:
		return colRed
	case 3:
		return colAmber
	case 4:
		return colNavy
	case 5:
		return colGreen
	}
	return colSlate
}

// WriteQuestionSheetsPDF writes the printable question sheets of one layer:
// each asked question with its options as tick boxes, why it matters, the
// facilitator's prompt, room for notes and a "who said it" line. A question
// never splits across pages.
func WriteQuestionSheetsPDF(w io.Writer, r *scoring.Result, layer q.Layer, m Meta) error {
	info := r.Bank.LayerInfo(layer)
	d := packDoc(r, m, "Question sheets: "+info.Name)
	var qs []scoring.QuestionScore
	for step := 1; step <= 5; step++ {
		for _, s := range r.Questions {
			if s.Question.Layer == layer && s.Question.Step == step {
				qs = append(qs, s)
			}
		}
	}
	d.packTitle("WORKSHOP · QUESTION SHEETS", info.Name+": "+d.org,
		fmt.Sprintf("%d questions · %s · tick one box, note what was said and who said it", len(qs), modelNames(r.Profile.Models)))
	d.note(d.safe(strings.TrimSpace(info.Description)))
	d.note(d.safe(TargetText(r) + " The gap of an answer is how far below the target it sits."))
	for i, s := range qs {
		d.questionSheet(i+1, len(qs), s)
	}
	return d.write(w)
}

// questionSheet draws one question.
func (d *pdfDoc) questionSheet(n, of int, s scoring.QuestionScore) {
	f := d.f
	qq := s.Question
	const (
		box    = 3.4
		indent = 8.0
		optW   = contentW - indent
		noteH  = 6.2
		notes  = 3
	)
	// measure
	d.font("B", 10.5)
	textLines := d.lines(d.safe(qq.Text), contentW)
	d.font("I", 8.2)
	var helpLines []string
	if help := strings.TrimSpace(qq.Help); help != "" {
		helpLines = d.lines("Why it matters: "+d.safe(help), contentW)
	}
	d.font("", 8.4)
	promptLines := d.lines(d.safe(strings.TrimSpace(qq.Facilitator)), contentW-10)
	var optLines [][]string
	optH := 0.0
	for _, o := range qq.Options {
		d.font("", 8.4)
		ls := d.lines(fmt.Sprintf("%d %s — %s", o.Level, d.safe(o.Label), d.safe(strings.TrimSpace(o.Description))), optW)
		optLines = append(optLines, ls)
		optH += float64(len(ls))*3.8 + 1.2
	}
	prev := ""
	if s.Answer.Status != "" {
		prev = "Answered before: " + AnswerText(s)
		if w := strings.TrimSpace(s.Answer.Who); w != "" {
			prev += " (" + w + ")"
		}
	}
	// the same steps as the drawing below
	gaps := skippedLevels(qq)
	if gaps != "" {
		optH += 4.2
	}
	h := 7.5 + float64(len(textLines))*5 + 1 + optH + 6 + 4 + notes*noteH + 5 + 1
	if len(helpLines) > 0 {
		h += float64(len(helpLines))*3.7 + 1.5
	}
	if len(promptLines) > 0 {
		h += float64(len(promptLines))*3.9 + 5
	}
	if prev != "" {
		h += 4.5
	}
	d.need(h)
	y := f.GetY()
	// id bar
	d.fillColor(colTealTint)
	f.Rect(marginL, y, contentW, 6, "F")
	d.mono(8)
	d.textColor(colNavy)
	f.SetXY(marginL, y+0.6)
	f.CellFormat(60, 4.8, qq.ID, "", 0, "L", false, 0, "")
	d.font("", 7.5)
	d.textColor(colMuted)
	f.SetXY(marginL+60, y+0.6)
	f.CellFormat(contentW-60, 4.8, fmt.Sprintf("Step %d · %s · question %d of %d", qq.Step, d.safe(d.r.Bank.DomainName(qq.Domain)), n, of), "", 0, "R", false, 0, "")
	y += 7.5
	d.font("B", 10.5)
	d.textColor(colText)
	for _, l := range textLines {
		f.SetXY(marginL, y)
		f.CellFormat(contentW, 5, l, "", 0, "L", false, 0, "")
		y += 5
	}
	y += 1
	if len(helpLines) > 0 {
		d.font("I", 8.2)
		d.textColor(colMuted)
		for _, l := range helpLines {
			f.SetXY(marginL, y)
			f.CellFormat(contentW, 3.7, l, "", 0, "L", false, 0, "")
			y += 3.7
		}
		y += 1.5
	}
	if len(promptLines) > 0 {
		bh := float64(len(promptLines))*3.9 + 3
		d.fillColor(colZebra)
		f.Rect(marginL, y, contentW, bh, "F")
		d.fillColor(colAmber)
		f.Rect(marginL, y, 1.2, bh, "F")
		d.font("B", 7)
		d.textColor(colAmber)
		f.SetXY(marginL+3, y+1.4)
		f.CellFormat(7, 3.9, "ASK", "", 0, "L", false, 0, "")
		d.font("", 8.4)
		d.textColor(colText)
		for i, l := range promptLines {
			f.SetXY(marginL+10, y+1.5+float64(i)*3.9)
			f.CellFormat(contentW-10, 3.9, l, "", 0, "L", false, 0, "")
		}
		y += bh + 2
	}
	// options
	d.drawColor(colNavy)
	for i, o := range qq.Options {
		f.SetLineWidth(0.3)
		d.drawColor(colNavy)
		f.Rect(marginL+1.5, y+0.3, box, box, "D")
		d.font("", 8.4)
		d.textColor(colText)
		for j, l := range optLines[i] {
			if j == 0 {
				d.font("B", 8.4)
				lead := fmt.Sprintf("%d %s", o.Level, d.safe(o.Label))
				if strings.HasPrefix(l, lead) {
					f.SetXY(marginL+indent, y)
					f.CellFormat(f.GetStringWidth(lead)+3, 3.8, lead, "", 0, "L", false, 0, "")
					x := marginL + indent + f.GetStringWidth(lead) + 3 - f.GetCellMargin()
					d.font("", 8.4)
					f.SetXY(x, y)
					f.CellFormat(optW, 3.8, strings.TrimPrefix(l, lead), "", 0, "L", false, 0, "")
					y += 3.8
					continue
				}
				d.font("", 8.4)
			}
			f.SetXY(marginL+indent, y)
			f.CellFormat(optW, 3.8, l, "", 0, "L", false, 0, "")
			y += 3.8
		}
		y += 1.2
	}
	if gaps != "" {
		// a question whose options skip levels says so, so nobody reads
		// the sheet as missing a line
		d.font("I", 7.8)
		d.textColor(colMuted)
		f.SetXY(marginL+indent, y)
		f.CellFormat(optW, 3.8, d.safe(gaps), "", 0, "L", false, 0, "")
		y += 4.2
	}
	// don't know / not applicable
	x := marginL + 1.5
	for _, label := range []string{"Don't know (verify after the workshop)", "Not applicable", "Park for later"} {
		f.SetLineWidth(0.3)
		d.drawColor(colNavy)
		f.Rect(x, y+0.3, box, box, "D")
		d.font("", 8.2)
		d.textColor(colMuted)
		f.SetXY(x+box+1, y)
		f.CellFormat(f.GetStringWidth(label)+4, 3.8, label, "", 0, "L", false, 0, "")
		x += box + 1 + f.GetStringWidth(label) + 10
	}
	y += 6
	if prev != "" {
		d.font("I", 7.8)
		d.textColor(colTeal)
		f.SetXY(marginL, y)
		f.CellFormat(contentW, 3.8, d.clip(d.user(prev), contentW), "", 0, "L", false, 0, "")
		y += 4.5
	}
	// notes
	d.font("B", 7)
	d.textColor(colMuted)
	f.SetXY(marginL, y)
	f.CellFormat(30, 4, "NOTES", "", 0, "L", false, 0, "")
	y += 4
	d.drawColor(colRule)
	f.SetLineWidth(0.2)
	for i := 0; i < notes; i++ {
		y += noteH
		f.Line(marginL, y, marginL+contentW, y)
	}
	y += 5
	d.font("B", 7)
	d.textColor(colMuted)
	f.SetXY(marginL, y-3.6)
	f.CellFormat(28, 4, "WHO SAID IT", "", 0, "L", false, 0, "")
	f.SetXY(marginL+contentW/2+4, y-3.6)
	f.CellFormat(40, 4, "EVIDENCE / TO CHECK", "", 0, "L", false, 0, "")
	d.drawColor(colRule)
	f.Line(marginL+24, y, marginL+contentW/2, y)
	f.Line(marginL+contentW/2+34, y, marginL+contentW, y)
	f.SetXY(marginL, y+9)
	d.reset()
}

// WriteKickoffPDF writes the one-page kickoff summary: the responsibility
// matrix for the organization's service models, what Microsoft does, what
// the organization does, and the key facts from the source material.
func WriteKickoffPDF(w io.Writer, r *scoring.Result, m Meta) error {
	d := packDoc(r, m, "Kickoff: who secures what")
	f := d.f
	d.packTitle("WORKSHOP KICKOFF · AZURE SHARED SECURITY RESPONSIBILITY MODEL", "Who secures what: "+d.org,
		"Microsoft secures the cloud; you secure what you put in it. Where the line falls depends on the service model.")
	d.matrixTable(26, 18)
	// two columns: Microsoft and you
	y := f.GetY() + 1
	colW := (contentW - 6) / 2
	left := d.dutyColumn(marginL, y, colW, "What Microsoft does", colSlate, MicrosoftDuties(r))
	right := d.dutyColumn(marginL+colW+6, y, colW, "What you do", colNavy, CustomerDuties(r))
	f.SetXY(marginL, max(left, right)+3)
	// facts
	var facts []string
	for _, ft := range r.Bank.Facts {
		if ft.Quotable(r.Date.Year()) {
			facts = append(facts, d.safe(FactText(ft)))
		}
	}
	for len(facts) > 0 {
		d.font("", 9.5)
		h := 2*3.5 + 5.5
		for _, x := range facts {
			h += 4.6*float64(len(d.lines(x, contentW-8.5))) + 1
		}
		if f.GetY()+h+2 <= bottomY {
			break
		}
		facts = facts[:len(facts)-1]
	}
	if len(facts) > 0 {
		d.callout("Why it matters", facts)
	}
	return d.write(w)
}

// dutyColumn draws a titled list in a column and returns where it ends.
func (d *pdfDoc) dutyColumn(x, y, w float64, title string, c rgb, items []string) float64 {
	f := d.f
	d.fillColor(c)
	f.Rect(x, y, w, 6.5, "F")
	d.font("B", 9.5)
	d.textColor(colWhite)
	f.SetXY(x, y+0.7)
	f.CellFormat(w, 5, title, "", 0, "L", false, 0, "")
	y += 8.5
	for _, it := range items {
		d.font("", 8.6)
		ls := d.lines(d.safe(it), w-5)
		d.fillColor(c)
		f.Rect(x+1.2, y+1.4, 1.3, 1.3, "F")
		d.textColor(colText)
		for _, l := range ls {
			f.SetXY(x+4, y)
			f.CellFormat(w-4, 4, l, "", 0, "L", false, 0, "")
			y += 4
		}
		y += 1.4
	}
	d.reset()
	return y
}
