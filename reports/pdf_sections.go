package reports

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/jung-kurt/gofpdf"

	q "github.com/ssrm/ssrm/questionnaire"
	"github.com/ssrm/ssrm/scoring"
)

// The sections of the PDF, in the order of the five-step plan. Each one
// starts on a new page and is a level-0 bookmark; the titles are the ones
// the tests look for.
const (
	titleCover    = "Cover"
	titleSummary  = "Executive summary"
	titleMatrix   = "Shared responsibility"
	titleStep1    = "Step 1 — Maturity"
	titleStep2    = "Step 2 — Kill chain"
	titleStep3    = "Step 3 — Prioritized action plan"
	titleStep4    = "Step 4 — Fortify"
	titleStep5    = "Step 5 — Socialize"
	titleEvidence = "Evidence"
	titleAnswers  = "Answers and notes"
	titleMethod   = "Methodology"
	titleGlossary = "Glossary"
)

// SectionTitles lists the titles of the PDF's sections in order (the
// appendices without their letters); the live-evidence appendix is there
// only when the assessment has evidence.
func SectionTitles(r *scoring.Result) []string {
	var out []string
	for _, s := range BuildDocument(r, Meta{}, DocOptions{}).Sections {
		out = append(out, s.Title)
	}
	return out
}

func hasEvidence(r *scoring.Result) bool { return r.HasEvidence() }

// --- cover ---

const coverBand = 112.0

func (d *pdfDoc) cover() {
	f := d.f
	r := d.r
	d.noHeader = true
	f.AddPage()
	d.noHeader = false
	f.Bookmark(titleCover, 0, 0)
	d.fillColor(colNavy)
	f.Rect(0, 0, pageW, coverBand, "F")
	d.fillColor(colTeal)
	f.Rect(0, coverBand, pageW, 2.2, "F")

	textW := contentW
	if len(d.m.Logo) > 0 && d.logo(pageW-marginR-46, 16, 46, 24) {
		textW = contentW - 52
	}
	d.font("B", 8.5)
	d.textColor(rgb{140, 206, 208})
	f.SetXY(marginL, 26)
	f.CellFormat(textW, 5, "AZURE SHARED SECURITY RESPONSIBILITY MODEL", "", 0, "L", false, 0, "")
	d.font("B", 28)
	d.textColor(colWhite)
	f.SetXY(marginL, 34)
	f.CellFormat(contentW, 13, "Security action plan", "", 0, "L", false, 0, "")
	d.font("", 17)
	f.SetXY(marginL, 51)
	f.MultiCell(contentW, 8, d.org, "", "L", false)
	d.font("", 10)
	d.textColor(rgb{200, 214, 230})
	f.SetXY(marginL, 88)
	f.MultiCell(contentW, 5, "Maturity per SSRM layer, gaps against the cyber kill chain, a prioritized\n30/60/90-day plan, and how to fortify and socialize it.", "", "L", false)

	// details
	y := coverBand + 10
	assessor := d.user(r.Profile.Assessor)
	if assessor == "" {
		assessor = "—"
	}
	// the organization is in the band above; these say who, when, what
	// and with which bank and tool
	details := [][2]string{
		{"Prepared by", assessor},
		{"Report date", d.date.Format("2 January 2006")},
		{"Assessment", AssessmentPeriod(r).String()},
		{"Scope", d.safe(modelNames(r.Profile.Models) + " · " + serviceNames(r))},
		{"Profile", d.profileLine()},
		{"Target maturity", fmt.Sprintf("%d of 5 (%s)", r.Target, q.LevelName(r.Target))},
		{"Live findings", FindingCounts(r).String()},
		{"Question bank", d.safe(BankLine(r))},
		{"Tool", d.safe(ToolLine(r, d.m))},
	}
	for _, kv := range details {
		d.font("B", 7.2)
		d.textColor(colMuted)
		f.SetXY(marginL, y+0.6)
		f.CellFormat(38, 4, strings.ToUpper(kv[0]), "", 0, "L", false, 0, "")
		d.font("", 9.5)
		d.textColor(colText)
		f.SetXY(marginL+38, y)
		ls := d.lines(kv[1], contentW-38)
		if len(ls) > 2 {
			ls = ls[:2]
			ls[1] = d.clip(ls[1]+" …", contentW-38)
		}
		for _, l := range ls {
			f.SetXY(marginL+38, y)
			f.CellFormat(contentW-38, 4.8, l, "", 0, "L", false, 0, "")
			y += 4.8
		}
		y += 2.2
		d.drawColor(colRule)
		f.SetLineWidth(0.15)
		f.Line(marginL, y-1.3, pageW-marginR, y-1.3)
	}

	d.tocY = y + 3
	// confidential: the box grows with the text, so a long organization
	// name never runs onto its border
	d.confidentialBox(240)
	d.reset()
}

// confidentialBox draws the cover's CONFIDENTIAL box from y, sized to
// its text; it returns the box's height.
func (d *pdfDoc) confidentialBox(y float64) float64 {
	f := d.f
	const pad, lineH = 4.0, 4.0
	d.font("", 8.5)
	msg := fmt.Sprintf("Prepared for %s. It describes security weaknesses: share it only with the people who will act on it, and store it as you would a password list.", d.org)
	ls := d.lines(msg, contentW-2*pad)
	h := 3 + 5 + 0.6 + float64(len(ls))*lineH + 3
	if y+h > 262 {
		y = 262 - h
	}
	d.drawColor(colRed)
	f.SetLineWidth(0.5)
	f.RoundedRect(marginL, y, contentW, h, 1.5, "1234", "D")
	d.font("B", 11)
	d.textColor(colRed)
	f.SetXY(marginL+pad, y+3)
	f.CellFormat(contentW-2*pad, 5, "CONFIDENTIAL", "", 0, "L", false, 0, "")
	d.font("", 8.5)
	d.textColor(colText)
	for i, l := range ls {
		f.SetXY(marginL+pad, y+8.6+float64(i)*lineH)
		f.CellFormat(contentW-2*pad, lineH, l, "", 0, "L", false, 0, "")
	}
	d.reset()
	return h
}

// coverNotes adds, once the whole document is drawn, the notes about what
// was redacted or could not be shown.
func (d *pdfDoc) coverNotes() {
	var notes []string
	if d.m.Redact {
		notes = append(notes, RedactionNote(d.m))
	}
	if d.replaced {
		notes = append(notes, "Some characters (for example Chinese, Japanese or Korean text) have no glyph in this document's fonts and are shown as "+missingMark+"; the saved assessment keeps them intact.")
	}
	if len(notes) == 0 {
		return
	}
	f := d.f
	last := f.PageNo()
	f.SetPage(1)
	y := 263.0
	d.font("I", 7.5)
	d.textColor(colMuted)
	for _, n := range notes {
		f.SetXY(marginL, y)
		f.MultiCell(contentW, 3.6, n, "", "L", false)
		y = f.GetY() + 0.8
	}
	f.SetPage(last)
	d.reset()
}

func (d *pdfDoc) profileLine() string {
	p := d.r.Profile
	var parts []string
	if p.Size != "" {
		parts = append(parts, capitalizeWord(p.Size)+" organization")
	}
	if p.Sector != "" {
		parts = append(parts, d.user(p.Sector))
	}
	if p.Sensitivity != "" {
		parts = append(parts, p.Sensitivity+" data sensitivity")
	}
	if len(parts) == 0 {
		return "—"
	}
	return strings.Join(parts, " · ")
}

// logo draws the logo fitted into the box; false when it cannot be read.
func (d *pdfDoc) logo(x, y, w, h float64) bool {
	kind := imageType(d.m.Logo)
	if kind == "" {
		return false
	}
	f := d.f
	opt := gofpdf.ImageOptions{ImageType: kind}
	info := f.RegisterImageOptionsReader("logo", opt, bytes.NewReader(d.m.Logo))
	if f.Err() || info == nil {
		return false
	}
	iw, ih := info.Extent()
	if iw <= 0 || ih <= 0 {
		return false
	}
	const pad = 2.5
	scale := min((w-2*pad)/iw, (h-2*pad)/ih)
	dw, dh := iw*scale, ih*scale
	d.fillColor(colWhite)
	f.RoundedRect(x, y, w, h, 1.5, "1234", "F")
	f.ImageOptions("logo", x+(w-dw)/2, y+(h-dh)/2, dw, dh, false, opt, 0, "")
	return true
}

// imageType tells a PNG from a JPEG by its first bytes; "" for neither.
func imageType(b []byte) string {
	switch {
	case bytes.HasPrefix(b, []byte("\x89PNG\r\n\x1a\n")):
		return "PNG"
	case bytes.HasPrefix(b, []byte{0xFF, 0xD8, 0xFF}):
		return "JPG"
	}
	return ""
}

// LogoType returns "PNG" or "JPG" for image data the PDF can show as a logo,
// and an error for anything else.
func LogoType(b []byte) (string, error) {
	if t := imageType(b); t != "" {
		return t, nil
	}
	return "", fmt.Errorf("not a PNG or JPEG image")
}

// --- executive summary ---

func (d *pdfDoc) executiveSummary() {
	f := d.f
	r := d.r
	d.section(titleSummary, "")
	y := f.GetY()
	d.font("B", 8)
	d.textColor(colMuted)
	f.SetXY(marginL, y)
	f.CellFormat(75, 4, "OVERALL MATURITY (YOUR SIDE OF THE MODEL)", "", 0, "L", false, 0, "")
	f.SetXY(marginL+88, y)
	f.CellFormat(80, 4, "LAYERS AGAINST THE TARGET", "", 0, "L", false, 0, "")
	d.gauge(marginL+38, y+46, 31, r.Overall, float64(r.Target))
	d.radar(marginL+130, y+45, 24, r.Layers)
	f.SetXY(marginL, y+84)

	d.callout("Verdict", Verdict(r))

	d.tiles()

	d.heading("Top 5 actions", 30)
	d.topActions(r.Top(5))
	if len(r.Bank.Facts) > 0 && d.space() > 40 {
		d.heading("Why it matters", 20)
		facts := r.Bank.Facts
		var items []string
		for _, ft := range facts {
			items = append(items, d.safe(FactText(ft)))
			if len(items) == 3 {
				break
			}
		}
		for _, it := range items {
			d.font("", 8.5)
			if d.space() < 4.2*float64(len(d.lines(it, contentW-6)))+2 {
				break
			}
			d.bullets([]string{it}, false)
		}
	}
}

// tiles draws the key counts as a row of boxes.
func (d *pdfDoc) tiles() {
	r := d.r
	c := r.Counts
	fc := FindingCounts(r)
	// Phases on the attacker's side (weaponization) are not counted: the
	// tile counts the phases the organization can act on (the verdict
	// says why weaponization is left out).
	open, actable := 0, 0
	for _, p := range r.KillChain {
		if r.Bank.AttackerSide(p.Phase) {
			continue
		}
		actable++
		if p.Open {
			open++
		}
	}
	active, quick := 0, len(r.QuickWins())
	for _, it := range r.Actions {
		if it.Status != "done" {
			active++
		}
	}
	ts := []tile{
		{fmt.Sprintf("%d / %d", c.Answered+c.Unknown+c.NotApplicable, c.Asked), "questions answered", colNavy},
		{fmt.Sprint(c.Unknown), "\"don't know\": to verify", colAmber},
		{fmt.Sprintf("%d / %d", fc.Fail(), fc.Fail()+fc.Pass), "live checks failing", colRed},
		{fmt.Sprintf("%d / %d", open, actable), "kill-chain phases open", colRed},
		{fmt.Sprintf("%d (%d)", active, quick), "actions (quick wins)", colTeal},
	}
	if fc.Fail()+fc.Pass == 0 {
		if n := len(askedEvidence(r)); n > 0 {
			ts[2] = tile{fmt.Sprint(n), "pieces of evidence", colNavy}
		} else {
			ts[2] = tile{"none", "no live checks run", colMuted}
		}
	}
	if c.Unknown == 0 {
		ts[1].c = colGreen
	}
	if open == 0 {
		ts[3].c = colGreen
	}
	d.drawTiles(ts, 3.0, 14, 2)
}

// tile is one figure of a row of summary tiles: a value over its label,
// under a coloured rule.
type tile struct {
	value, label string
	c            rgb
}

// drawTiles draws a row of summary tiles across the page, then moves below
// them by after millimetres.
func (d *pdfDoc) drawTiles(ts []tile, gap, valueSize, after float64) {
	f := d.f
	const h = 17.0
	w := (contentW - gap*float64(len(ts)-1)) / float64(len(ts))
	d.need(h + 4)
	y := f.GetY()
	for i, t := range ts {
		x := marginL + float64(i)*(w+gap)
		d.fillColor(colZebra)
		f.Rect(x, y, w, h, "F")
		d.fillColor(t.c)
		f.Rect(x, y, w, 1.2, "F")
		d.font("B", valueSize)
		d.textColor(t.c)
		f.SetXY(x, y+3)
		f.CellFormat(w, 7, t.value, "", 0, "C", false, 0, "")
		d.font("", 7)
		d.textColor(colMuted)
		f.SetXY(x, y+10.5)
		f.CellFormat(w, 3.5, d.clip(t.label, w), "", 0, "C", false, 0, "")
	}
	f.SetXY(marginL, y+h+after)
	d.reset()
}

func (d *pdfDoc) topActions(items []scoring.PlanItem) {
	if len(items) == 0 {
		d.para(d.noActionText())
		return
	}
	cols := []col{{"#", 8, "C"}, {"Action", 84, "L"}, {"Layer", 24, "L"}, {"Effort", 12, "C"}, {"Owner", 26, "L"}, {"Due", 20, "L"}}
	var rows []row
	for _, it := range items {
		act := cell{text: d.safe(it.Action.Title), bold: true, badges: itemBadges(it)}
		rows = append(rows, row{cells: []cell{
			{text: fmt.Sprint(it.Rank), bold: true},
			act,
			textCell(d.layerNames(it.Layers)),
			textCell(string(it.Action.Effort)),
			textCell(d.user(it.Owner)),
			textCell(shortDay(it.Due)),
		}})
	}
	d.table(cols, rows)
}

func (d *pdfDoc) layerNames(ls []q.Layer) string {
	names := make([]string, len(ls))
	for i, l := range ls {
		names[i] = d.safe(d.r.Bank.LayerInfo(l).Name)
	}
	return strings.Join(names, ", ")
}

func shortDay(t interface{ Format(string) string }) string {
	s := t.Format("2 Jan 2006")
	if s == "1 Jan 0001" {
		return "—"
	}
	return s
}

// --- shared responsibility ---

func partyStyle(p q.Party) (fill, text rgb) {
	switch p {
	case q.Customer:
		return colNavy, colWhite
	case q.Shared:
		return colTealTint, colTeal
	}
	return colNoneTint, colMuted
}

// matrixTable draws the responsibility matrix for the organization's
// service models: layer, who owns it under each model, what it means.
func (d *pdfDoc) matrixTable(layerW, modelW float64) {
	rows := Matrix(d.r)
	if len(rows) == 0 {
		return
	}
	cols := []col{{"Layer", layerW, "L"}}
	for _, c := range rows[0].Cells {
		cols = append(cols, col{q.ModelName(c.Model), modelW, "C"})
	}
	cols = append(cols, col{"What it means for you", contentW - layerW - modelW*float64(len(rows[0].Cells)), "L"})
	var trs []row
	for _, mr := range rows {
		cs := []cell{{text: d.safe(mr.Name), bold: true}}
		for _, c := range mr.Cells {
			fill, text := partyStyle(c.Party)
			cs = append(cs, cell{text: PartyName(c.Party), bold: true, fill: ptr(fill), color: ptr(text)})
		}
		cs = append(cs, textCell(d.safe(strings.TrimSpace(mr.Note))))
		trs = append(trs, row{cells: cs})
	}
	d.table(cols, trs)
}

func (d *pdfDoc) responsibility() {
	r := d.r
	d.section(titleMatrix, fmt.Sprintf("Who secures what under the service models you use (%s). Microsoft always runs the physical foundation; how much sits on your side depends on the model. Whatever the model, your data, your identities and your people are yours to protect.", modelNames(r.Profile.Models)))
	d.matrixTable(28, 19)
	if kept := d.keptDomains(); kept != "" {
		d.para(kept)
	}
	d.rowsTable()
	d.heading("Microsoft's side — what to verify", 20)
	if len(r.Provider) == 0 {
		var shared []scoring.QuestionScore
		for _, s := range r.Questions {
			if strings.TrimSpace(s.Question.ProviderVerify) != "" {
				shared = append(shared, s)
			}
		}
		if len(shared) == 0 {
			d.para("Every question of the bank has a part on your side under your service models, so all of them were asked.")
		} else {
			d.para("Every question has a part on your side under your service models, so all were asked. Where Microsoft carries the other part, this is what to check on its side: in the service terms, the attestations (Service Trust Portal) and Service Health.")
			cols := []col{{"Control", 78, "L"}, {"What you verify with Microsoft", contentW - 78, "L"}}
			var rows []row
			for _, s := range shared {
				rows = append(rows, row{cells: []cell{
					{text: d.safe(s.Question.Text), sub: s.Question.ID + " · " + d.safe(r.Bank.LayerInfo(s.Question.Layer).Name)},
					textCell(d.safe(strings.TrimSpace(s.Question.ProviderVerify))),
				}})
			}
			d.table(cols, rows)
		}
	} else {
		d.para("These controls are Microsoft's under every service model you use, so they were not asked. Your part is to know how Microsoft handles them and to check what it promises.")
		cols := []col{{"Control", 70, "L"}, {"Why it is Microsoft's", 44, "L"}, {"What you verify", contentW - 114, "L"}}
		var rows []row
		for _, it := range r.Provider {
			rows = append(rows, row{cells: []cell{
				{text: d.safe(it.Question.Text), sub: it.Question.ID},
				textCell(d.safe(it.Reason)),
				textCell(d.safe(it.Verify)),
			}})
		}
		d.table(cols, rows)
	}
	if dropped := r.Dropped; len(dropped) > 0 {
		d.heading("Not asked in this assessment", 20)
		cols := []col{{"Question", 100, "L"}, {"Why not", contentW - 100, "L"}}
		var rows []row
		for _, x := range dropped {
			rows = append(rows, row{cells: []cell{{text: d.safe(x.Question.Text), sub: x.Question.ID}, textCell(d.safe(x.Reason))}})
		}
		d.table(cols, rows)
	}
}

// rowsTable draws the responsibility table the question owners follow
// (Microsoft's rows, named with the table's date), with how many asked
// questions each row decides.
func (d *pdfDoc) rowsTable() {
	rows := ResponsibilityRows(d.r)
	if len(rows) == 0 {
		return
	}
	d.heading("Who owns each question", 20)
	d.para(d.safe(fmt.Sprintf("Each question's owner follows a row of %s. The layers above sum the same table up; rows that are not in Microsoft's table say where they come from.", ResponsibilitySource(d.r.Bank))))
	const nameW, modelW, askedW = 62.0, 17.0, 19.0
	cols := []col{{"Responsibility", nameW, "L"}}
	for _, c := range rows[0].Cells {
		cols = append(cols, col{q.ModelName(c.Model), modelW, "C"})
	}
	cols = append(cols, col{"Questions", askedW, "C"}, col{"Note", contentW - nameW - askedW - modelW*float64(len(rows[0].Cells)), "L"})
	var trs []row
	for _, ro := range rows {
		cs := []cell{{text: d.safe(ro.Name), bold: true}}
		for _, c := range ro.Cells {
			fill, text := partyStyle(c.Party)
			cs = append(cs, cell{text: PartyName(c.Party), bold: true, fill: ptr(fill), color: ptr(text)})
		}
		cs = append(cs, textCell(fmt.Sprint(ro.Asked)), textCell(d.safe(strings.TrimSpace(ro.Origin))))
		trs = append(trs, row{cells: cs})
	}
	d.table(cols, trs)
}

// keptDomains says what stays the customer's whatever the model: the
// responsibility rows that are the customer's under every model, or, for a
// bank without rows, the domains that are.
func (d *pdfDoc) keptDomains() string {
	var names []string
	for _, ro := range d.r.Bank.Responsibility.Rows {
		all := len(ro.Owner) > 0
		for _, p := range ro.Owner {
			all = all && p == q.Customer
		}
		if all {
			names = append(names, strings.ToLower(d.safe(ro.Name)))
		}
	}
	if len(names) > 0 {
		return fmt.Sprintf("Whatever the layer and the model, these stay yours: %s.", strings.Join(names, "; "))
	}
	for _, dom := range d.r.Bank.Domains {
		row, ok := d.r.Bank.Responsibility.Domains[dom.ID]
		if !ok || len(row) == 0 {
			continue
		}
		all := true
		for _, p := range row {
			if p != q.Customer {
				all = false
			}
		}
		if all {
			names = append(names, strings.ToLower(d.safe(dom.Name)))
		}
	}
	if len(names) == 0 {
		return ""
	}
	return fmt.Sprintf("Whatever the layer and the model, these stay yours: %s.", joinAnd(names))
}

// --- step 1 ---

func (d *pdfDoc) stepMaturity() {
	r := d.r
	d.section(titleStep1, d.safe(r.Bank.StepInfo(1).Description))
	var doms []scoring.GroupScore
	for _, g := range r.Domains {
		if g.Asked > 0 {
			doms = append(doms, g)
		}
	}
	d.bars([][]scoring.GroupScore{r.Layers, doms}, []string{"Layers", "Domains"})

	d.heading("Layers in numbers", 25)
	cols := []col{{"Layer", 44, "L"}, {"Maturity", 36, "L"}, {"Target", 18, "C"}, {"Answered", 22, "C"}, {"Don't know", 22, "C"}, {"Your share", contentW - 142, "C"}}
	var rows []row
	for _, g := range r.Layers {
		m := cell{text: scoreText(g.Score), bold: true}
		if !g.Score.Empty {
			strong, _ := ragColour(g.Score.Level, g.Score.Target)
			m.color = ptr(strong)
		}
		target := "—"
		if !g.Score.Empty {
			target = fmt.Sprintf("%.1f", g.Score.Target)
		}
		rows = append(rows, row{cells: []cell{
			{text: d.safe(g.Name), bold: true}, m, textCell(target),
			textCell(fmt.Sprintf("%d / %d", given(g), g.Asked)),
			textCell(fmt.Sprint(g.Unknown)),
			textCell(fmt.Sprintf("%.0f%%", g.Share*100)),
		}})
	}
	d.table(cols, rows)
	d.note(d.safe(ShareNote(r)))

	d.heading("Question by question", 30)
	d.questionTable()
}

// byLayer groups scored questions by layer, in the order of the layers and
// of the bank within each.
func byLayer(qs []scoring.QuestionScore) [][]scoring.QuestionScore {
	out := make([][]scoring.QuestionScore, len(q.Layers))
	idx := map[q.Layer]int{}
	for i, l := range q.Layers {
		idx[l] = i
	}
	for _, s := range qs {
		i, ok := idx[s.Question.Layer]
		if !ok {
			continue
		}
		out[i] = append(out[i], s)
	}
	return out
}

func (d *pdfDoc) questionTable() {
	cols := []col{{"Question", 54, "L"}, {"Answer", 28, "L"}, {"Level", 19, "C"}, {"Target", 13, "C"}, {"Gap", 10, "C"}, {"Note", contentW - 124, "L"}}
	var rows []row
	for i, group := range byLayer(d.r.Questions) {
		if len(group) == 0 {
			continue
		}
		rows = append(rows, row{group: d.safe(d.r.Bank.LayerInfo(q.Layers[i]).Name)})
		for _, s := range group {
			gap := cell{text: gapText(s), bold: true}
			if s.Scored() {
				gap.color = ptr(gapColour(s.Gap))
			}
			ans := cell{text: d.safe(AnswerText(s)), badges: exceptionBadges(s)}
			if s.Status == q.Unknown {
				ans.color = ptr(colAmber)
			}
			rows = append(rows, row{cells: []cell{
				{text: d.safe(s.Question.Text), sub: s.Question.ID + " · " + d.safe(d.r.Bank.DomainName(s.Question.Domain))},
				ans,
				textCell(levelText(s)),
				textCell(fmt.Sprint(s.Target)),
				gap,
				textCell(d.user(s.Answer.Note)),
			}, detail: d.user(ExceptionDetail(s))})
		}
	}
	d.table(cols, rows)
}

// --- step 2 ---

func (d *pdfDoc) stepKillChain() {
	r := d.r
	d.section(titleStep2, d.safe(r.Bank.StepInfo(2).Description))
	d.heading("Phases against the layers", 80)
	d.heatLayers()
	d.heading("Phases against the courses of action", 60)
	d.heatCourses()
	d.heading("Where the chain is open", 15)
	var items []string
	for _, s := range PhaseStories(r) {
		items = append(items, d.safe(s))
	}
	d.bullets(items, false)
}

// --- step 3 ---

var phaseShort = map[q.Phase]string{
	q.Reconnaissance: "Recon", q.Weaponization: "Weaponize", q.Delivery: "Delivery", q.Exploitation: "Exploit",
	q.Installation: "Install", q.CommandControl: "C2", q.ActionsOnObject: "Objectives",
}

func phaseList(ps []q.Phase) string {
	out := make([]string, len(ps))
	for i, p := range ps {
		if s, ok := phaseShort[p]; ok {
			out[i] = s
		} else {
			out[i] = string(p)
		}
	}
	return strings.Join(out, ", ")
}

func (d *pdfDoc) stepPlan() {
	r := d.r
	d.section(titleStep3, d.safe(r.Bank.StepInfo(3).Description))
	d.para(PriorityRule() + " The factors of every action are printed under its priority, so you can see why it ranks where it does.")
	if len(r.Actions) == 0 {
		d.para(d.noActionText())
	} else {
		d.note("Factors under each priority: question: gap × weight × kill-chain factor × evidence factor, then ÷ the effort cost. Phases: Recon = reconnaissance, Weaponize = weaponization, Exploit = exploitation, Install = installation, C2 = command and control, Objectives = actions on objectives.")
		cols := []col{{"#", 7, "C"}, {"Action", 64, "L"}, {"Layer and phases", 25, "L"}, {"Priority and factors", 38, "L"}, {"Effort", 12, "C"}, {"Owner and due date", contentW - 146, "L"}}
		var rows []row
		for _, it := range r.Actions {
			// the factors in short, as the note above the table reads them
			var fs []string
			for _, c := range it.Contributions {
				fs = append(fs, fmt.Sprintf("%s: %d×%g×%g×%g", c.QuestionID, c.Gap, c.Weight, c.KillChain, c.Evidence))
			}
			fs = append(fs, fmt.Sprintf("÷ %g (effort %s)", it.EffortCost, it.Action.Effort))
			due := "due " + shortDay(it.Due)
			if it.Due.IsZero() {
				due = ""
			}
			rows = append(rows, row{cells: []cell{
				{text: rankText(it), bold: true},
				{text: d.safe(it.Action.Title), bold: true, badges: itemBadges(it)},
				{text: d.layerNames(it.Layers), sub: phaseList(it.Phases)},
				{text: fmt.Sprintf("%.2f", it.Priority), bold: true, sub: strings.Join(fs, "\n")},
				textCell(string(it.Action.Effort)),
				{text: d.user(it.Owner), sub: due},
			}, detail: d.safe(strings.TrimSpace(it.Action.Detail))})
		}
		d.table(cols, rows)
	}

	var active []scoring.PlanItem
	for _, days := range []int{30, 60, 90} {
		active = append(active, r.Roadmap(days)...)
	}
	d.heading("30/60/90-day roadmap", 40)
	if len(active) == 0 {
		d.para("Nothing to schedule.")
	} else {
		d.para(fmt.Sprintf("Each 30-day window from %s takes the highest-ranked actions a team of this size can carry: about %d effort points a month (%s).", d.date.Format("2 January 2006"), r.Capacity, effortCosts("a small action is %g, medium %g, large %g")))
		d.timeline(active)
	}
	if later := r.Roadmap(scoring.LaterDays); len(later) > 0 {
		deferred := 0
		for _, it := range later {
			if it.Status == "deferred" {
				deferred++
			}
		}
		why := "for capacity after 90 days"
		if deferred > 0 {
			why += fmt.Sprintf(" (%d of them deferred by you)", deferred)
		}
		d.para(fmt.Sprintf("%d more actions wait in the backlog, in rank order, %s; the ranked table above lists them all. Re-run the assessment at 90 days to re-rank them.", len(later), why))
	}

	d.riskRegister()

	var delivery []scoring.QuestionScore
	for _, s := range r.Questions {
		if s.Question.Step == 3 {
			delivery = append(delivery, s)
		}
	}
	if len(delivery) > 0 {
		d.heading("Security in every stage of delivery", 25)
		d.para("Privacy by design and security at every stage of the delivery pipeline keep new work from reopening the gaps this plan closes.")
		d.answerRows(delivery)
	}
}

// answerRows is a compact table of questions and their answers.
func (d *pdfDoc) answerRows(qs []scoring.QuestionScore) {
	cols := []col{{"Question", 94, "L"}, {"Answer", 46, "L"}, {"Level", 22, "C"}, {"Gap", contentW - 162, "C"}}
	var rows []row
	for _, s := range qs {
		gap := cell{text: gapText(s), bold: true}
		if s.Scored() {
			gap.color = ptr(gapColour(s.Gap))
		}
		rows = append(rows, row{cells: []cell{
			{text: d.safe(s.Question.Text), sub: s.Question.ID},
			textCell(d.safe(AnswerText(s))),
			textCell(levelText(s)),
			gap,
		}})
	}
	d.table(cols, rows)
}

// --- step 4 ---

func (d *pdfDoc) stepFortify() {
	r := d.r
	d.section(titleStep4, d.safe(r.Bank.StepInfo(4).Description))
	for _, area := range FortifyAreas(r) {
		d.heading(area.Name, 30)
		d.statusLine(area.Score, area.Status)
		if len(area.Actions) == 0 {
			if !area.Score.Empty {
				d.note("No open action in this area.")
			}
			continue
		}
		cols := []col{{"#", 8, "C"}, {"Action", 96, "L"}, {"Effort", 12, "C"}, {"Owner", 38, "L"}, {"Due", contentW - 154, "L"}}
		var rows []row
		for _, it := range area.Actions {
			act := cell{text: d.safe(it.Action.Title), bold: true, badges: itemBadges(it)}
			rows = append(rows, row{cells: []cell{
				{text: rankText(it), bold: true}, act,
				textCell(string(it.Action.Effort)), textCell(d.user(it.Owner)), textCell(shortDay(it.Due)),
			}})
		}
		d.table(cols, rows)
	}
	// the questions of step 4 that fit none of the three areas still show
	var qs []scoring.QuestionScore
	for _, s := range r.Questions {
		if s.Question.Step == 4 {
			qs = append(qs, s)
		}
	}
	if len(qs) > 0 {
		d.heading("Where each fortify question stands", 25)
		d.answerRows(qs)
	}
}

// statusLine draws a coloured pill with the score, then the status words.
func (d *pdfDoc) statusLine(s scoring.Score, status string) {
	f := d.f
	d.need(10)
	y := f.GetY()
	label, c := "NOT ASSESSED", colMuted
	if !s.Empty {
		strong, _ := ragColour(s.Level, s.Target)
		label, c = fmt.Sprintf("%.1f / %.1f", s.Level, s.Target), strong
	}
	d.font("B", 8)
	w := f.GetStringWidth(label) + 6
	d.fillColor(c)
	f.RoundedRect(marginL, y, w, 5.4, 1.2, "1234", "F")
	d.textColor(colWhite)
	f.SetXY(marginL, y)
	f.CellFormat(w, 5.4, label, "", 0, "C", false, 0, "")
	d.font("", 9.5)
	d.textColor(colText)
	f.SetXY(marginL+w+2, y+0.2)
	f.MultiCell(contentW-w-2, 5, d.safe(status), "", "L", false)
	f.Ln(1.5)
	d.reset()
}

// --- step 5 ---

func (d *pdfDoc) stepSocialize() {
	r := d.r
	d.section(titleStep5, d.safe(r.Bank.StepInfo(5).Description))
	d.heading("12-month training and communication calendar", 40)
	cal := TrainingCalendar(r)
	d.monthStrip(cal)
	cols := []col{{"Month", 22, "L"}, {"Activity", 104, "L"}, {"Audience", contentW - 126, "L"}}
	var rows []row
	for _, e := range cal {
		rows = append(rows, row{cells: []cell{{text: e.Month, bold: true}, textCell(d.safe(e.Activity)), textCell(d.safe(e.Audience))}})
	}
	d.table(cols, rows)

	d.heading("Train again after every trigger", 20)
	var ts []string
	for _, t := range TrainingTriggers {
		ts = append(ts, capitalizeWord(t)+".")
	}
	d.bullets(ts, false)

	d.heading("Public-facing staff", 25)
	d.para("Reception, sales and support are the people attackers call, e-mail and visit first. Train them to recognise an infiltration attempt (a pretext call, an urgent payment change, a link to \"verify\" an account, a visitor without an appointment), to handle it without confrontation, and to report it at once through the process below. Refresh it with real attempts from the year.")
	var soc []scoring.QuestionScore
	for _, s := range r.Questions {
		if s.Question.Step == 5 {
			soc = append(soc, s)
		}
	}
	if len(soc) > 0 {
		d.answerRows(soc)
	}

	d.heading("Reporting a suspected threat", 50)
	var steps []string
	for _, s := range ReportingProcess(r) {
		steps = append(steps, d.safe(s))
	}
	for i := range steps {
		steps[i] = fmt.Sprintf("%d.  %s", i+1, steps[i])
	}
	d.callout("If you think you have seen an attack (print this and pin it up)", steps)
}

// monthStrip draws the twelve months as a strip of boxes with a short
// label of what happens in each.
func (d *pdfDoc) monthStrip(cal []CalendarEntry) {
	if len(cal) == 0 {
		return
	}
	f := d.f
	const h = 14.0
	d.need(h + 4)
	w := contentW / float64(len(cal))
	y := f.GetY()
	for i, e := range cal {
		x := marginL + float64(i)*w
		c, word := colTealTint, "Comms"
		a := strings.ToLower(e.Activity)
		switch {
		case strings.Contains(a, "yearly"):
			c, word = colNavy, "Training"
		case strings.Contains(a, "phishing"):
			c, word = colAmbTint, "Phishing"
		case strings.Contains(a, "tabletop"), strings.Contains(a, "review of the year"):
			c, word = colSlate, "Exercise"
		case strings.Contains(a, "public-facing") || strings.Contains(e.Audience, "Public-facing"):
			c, word = colGrnTint, "Front desk"
		case strings.Contains(a, "secure coding"), strings.Contains(a, "privileged"), strings.Contains(a, "supplier"):
			c, word = colTeal, "Specialist"
		}
		d.fillColor(c)
		f.Rect(x+0.4, y, w-0.8, h, "F")
		tc := colNavy
		if c == colNavy || c == colSlate || c == colTeal {
			tc = colWhite
		}
		d.textColor(tc)
		d.font("B", 7.4)
		f.SetXY(x, y+2)
		parts := strings.SplitN(e.Month, " ", 2)
		f.CellFormat(w, 3.5, parts[0], "", 0, "C", false, 0, "")
		d.font("", 5.8)
		f.SetXY(x, y+6)
		if len(parts) == 2 {
			f.CellFormat(w, 3, parts[1], "", 0, "C", false, 0, "")
		}
		f.SetXY(x, y+9.4)
		m := f.GetCellMargin()
		f.SetCellMargin(0.3)
		f.CellFormat(w, 3, word, "", 0, "C", false, 0, "")
		f.SetCellMargin(m)
	}
	f.SetXY(marginL, y+h+3)
	d.reset()
}

// --- appendices ---

func (d *pdfDoc) appendices() {
	letter := 'A'
	next := func(t string) string {
		s := fmt.Sprintf("Appendix %c — %s", letter, t)
		letter++
		return s
	}
	if hasEvidence(d.r) {
		d.section(next(titleEvidence), "Evidence attached to the questions it informs: findings of read-only checks of the Azure tenant (by finding id), and the documents and links named in the workshop. Links open from this document. A failing finding raises the priority of the actions on its question.")
		d.evidence()
	}
	d.section(next(titleAnswers), "Every question asked, the answer given, who gave it and the notes taken.")
	d.answers()
	d.section(next(titleMethod), "How every number in this plan is computed. The scoring is deterministic: the same answers give the same plan.")
	d.bullets(safeAll(d, Methodology(d.r.Bank)), false)
	for _, t := range MethodTables(d.r.Bank) {
		d.minor(t.Title, 20)
		first := 62.0
		rest := (contentW - first) / float64(max(len(t.Head)-1, 1))
		if len(t.Head) == 2 {
			rest = 30
		}
		cols := []col{{t.Head[0], first, "L"}}
		for _, h := range t.Head[1:] {
			cols = append(cols, col{h, rest, "C"})
		}
		var rows []row
		for _, r := range t.Rows {
			cs := []cell{{text: d.safe(r[0]), bold: true}}
			for _, c := range r[1:] {
				cs = append(cs, textCell(d.safe(c)))
			}
			rows = append(rows, row{cells: cs})
		}
		d.table(cols, rows)
	}
	if len(d.r.Bank.Facts) > 0 {
		d.heading("Facts behind the plan", 20)
		cols := []col{{"Fact", 112, "L"}, {"Source", contentW - 112, "L"}}
		var rows []row
		for _, ft := range d.r.Bank.Facts {
			rows = append(rows, row{cells: []cell{textCell(d.safe(FactBody(ft))), {text: d.safe(FactSource(ft)), color: ptr(colMuted)}}})
		}
		d.table(cols, rows)
	}
	d.section(next(titleGlossary), "")
	cols := []col{{"Term", 44, "L"}, {"Meaning", contentW - 44, "L"}}
	var rows []row
	for _, g := range Glossary(d.r.Bank) {
		rows = append(rows, row{cells: []cell{{text: d.safe(g.Term), bold: true}, textCell(d.safe(g.Meaning))}})
	}
	d.table(cols, rows)
	d.coverNotes()
	d.coverContents()
}

func safeAll(d *pdfDoc, xs []string) []string {
	out := make([]string, len(xs))
	for i, x := range xs {
		out[i] = d.safe(x)
	}
	return out
}

func (d *pdfDoc) evidence() {
	cols := []col{{"Question", 34, "L"}, {"Source", 18, "L"}, {"Reference and detail", contentW - 90, "L"}, {"Result", 18, "C"}, {"Collected", 20, "L"}}
	var rows []row
	for _, e := range d.r.Evidence {
		{
			id := e.QuestionID
			st := cell{text: strings.ToUpper(orDash(e.Status)), bold: true}
			switch e.Status {
			case "fail":
				st.color, st.fill = ptr(colRed), ptr(colRedTint)
				if e.Severity != "" {
					st.sub = strings.ToLower(e.Severity)
				}
			case "pass":
				st.color, st.fill = ptr(colGreen), ptr(colGrnTint)
			}
			if e.Status == "" {
				st = cell{text: "—", color: ptr(colMuted)}
			}
			ref := d.evidenceRef(e.Evidence)
			detail := d.user(EvidenceDetail(e))
			if e.Suggested != nil {
				detail = strings.TrimSpace(detail + fmt.Sprintf(" (suggests level %d)", *e.Suggested))
			}
			if e.Check != "" && e.Ref != "" && e.Source != "finding" && e.Check != e.Ref {
				detail = strings.TrimSpace("Check " + d.user(e.Check) + ". " + detail)
			}
			if ref.text == "" {
				ref.text, detail = detail, ""
			}
			ref.sub = detail
			collected := "—"
			if !e.Collected.IsZero() {
				collected = e.Collected.UTC().Format("2 Jan 2006")
			}
			rows = append(rows, row{cells: []cell{
				{text: id, mono: true},
				textCell(sourceName(e.Source)),
				ref,
				st,
				textCell(collected),
			}})
		}
	}
	d.table(cols, rows)
}

// evidenceRef is the reference of a piece of evidence: a link that opens
// from the PDF, a file path, or the id of a live finding.
func (d *pdfDoc) evidenceRef(e q.Evidence) cell {
	ref := d.user(e.Ref)
	switch {
	case e.Source == "url" || strings.HasPrefix(ref, "https://") || strings.HasPrefix(ref, "http://"):
		return cell{text: ref, link: e.Ref, color: ptr(colTeal)}
	case e.Source == "file", e.Source == "finding":
		return cell{text: ref, mono: true}
	case ref == "" && e.Check != "":
		return cell{text: d.user(e.Check), mono: true}
	}
	return cell{text: ref}
}

func (d *pdfDoc) answers() {
	cols := []col{{"Question", 74, "L"}, {"Answer", 50, "L"}, {"Who and notes", contentW - 124, "L"}}
	var rows []row
	for i, group := range byLayer(d.r.Questions) {
		if len(group) == 0 {
			continue
		}
		rows = append(rows, row{group: d.safe(d.r.Bank.LayerInfo(q.Layers[i]).Name)})
		for _, s := range group {
			qc := cell{text: d.safe(s.Question.Text), sub: s.Question.ID}
			if len(s.Question.References) > 0 {
				qc.sub += " · " + strings.Join(s.Question.References, ", ")
			}
			ac := cell{text: d.safe(AnswerText(s)), bold: true}
			if s.Status == q.Answered {
				if o, ok := s.Question.Option(s.Level); ok {
					ac.sub = fmt.Sprintf("Level %d. %s", s.Level, d.safe(strings.TrimSpace(o.Description)))
				}
			}
			var who []string
			if w := d.user(s.Answer.Who); w != "" {
				who = append(who, w)
			}
			if !s.Answer.When.IsZero() {
				who = append(who, s.Answer.When.UTC().Format("2 Jan 2006"))
			}
			nc := textCell(d.user(s.Answer.Note))
			nc.sub = strings.Join(who, ", ")
			if nc.text == "" && nc.sub != "" {
				nc.text, nc.sub = nc.sub, ""
				nc.color = ptr(colMuted)
			}
			ac.badges = exceptionBadges(s)
			rows = append(rows, row{cells: []cell{qc, ac, nc}, detail: d.user(ExceptionDetail(s))})
		}
	}
	d.table(cols, rows)
}

// itemBadges marks quick wins, decisions and expired risk acceptances.
func itemBadges(it scoring.PlanItem) []badge {
	var out []badge
	if it.QuickWin {
		out = append(out, badge{"QUICK WIN", colAmber})
	}
	if it.ExpiredRisk {
		out = append(out, badge{"RISK ACCEPTANCE EXPIRED", colRed})
	}
	switch it.Status {
	case "accepted":
		out = append(out, badge{"ACCEPTED", colTeal})
	case "deferred":
		out = append(out, badge{"DEFERRED", colSlate})
	case "done":
		out = append(out, badge{"DONE", colGreen})
	}
	return out
}

// rankText is an item's rank, or a dash for done items.
func rankText(it scoring.PlanItem) string {
	if it.Rank == 0 {
		return "—"
	}
	return fmt.Sprint(it.Rank)
}

// exceptionBadges marks an answer's compensating control or accepted risk;
// ExceptionDetail, under the row, says what and why.
func exceptionBadges(s scoring.QuestionScore) []badge {
	switch {
	case s.Exception == nil:
		return nil
	case s.Compensating():
		return []badge{{"COMPENSATING", colTeal}}
	case s.Expired:
		return []badge{{"EXPIRED", colRed}}
	}
	return []badge{{"RISK ACCEPTED", colSlate}}
}

// riskRegister lists the accepted risks (expired first) and the
// compensating controls: the gaps that are not in the plan, and why.
func (d *pdfDoc) riskRegister() {
	r := d.r
	var comp []scoring.QuestionScore
	for _, s := range r.Questions {
		if s.Compensating() {
			comp = append(comp, s)
		}
	}
	d.heading("Risk register and exceptions", 25)
	if len(r.Risks) == 0 {
		d.para("No risk has been accepted: every gap is in the plan above.")
	} else {
		d.para("Accepted risks keep their gap but take their actions out of the plan until the review date. An expired acceptance puts them back, marked.")
		cols := []col{{"Question", 34, "L"}, {"Gap", 10, "C"}, {"Owner", 32, "L"}, {"Review", 20, "L"}, {"Status", 24, "C"}, {"Justification", contentW - 120, "L"}}
		var rows []row
		for _, e := range r.Risks {
			st := cell{text: "In force", bold: true, color: ptr(colTeal)}
			if e.Expired {
				st = cell{text: "EXPIRED", sub: "back in the plan", bold: true, color: ptr(colRed), fill: ptr(colRedTint)}
			}
			rows = append(rows, row{cells: []cell{
				{text: e.QuestionID, mono: true, sub: d.safe(d.r.Bank.LayerInfo(e.Layer).Name)},
				{text: fmt.Sprint(e.Gap), bold: true, color: ptr(gapColour(e.Gap))},
				textCell(d.user(e.Owner)),
				textCell(shortDay(e.Review)),
				st,
				textCell(d.user(e.Justification)),
			}})
		}
		d.table(cols, rows)
	}
	if len(comp) > 0 {
		d.minor("Compensating controls", 15)
		cols := []col{{"Question", 34, "L"}, {"Level granted", 22, "C"}, {"Control", 50, "L"}, {"Justification", contentW - 106, "L"}}
		var rows []row
		for _, s := range comp {
			rows = append(rows, row{cells: []cell{
				{text: s.Question.ID, mono: true},
				textCell(levelText(s)),
				textCell(d.user(s.Exception.Control)),
				textCell(d.user(s.Exception.Justification)),
			}})
		}
		d.table(cols, rows)
	}
}

// tocEntry is a section and where it starts.
type tocEntry struct {
	title string
	page  int
	y     float64
}

// coverContents writes the contents, with page numbers and links, on the
// cover once every section's page is known.
func (d *pdfDoc) coverContents() {
	if len(d.toc) == 0 {
		return
	}
	f := d.f
	last := f.PageNo()
	f.SetPage(1)
	y := d.tocY
	d.font("B", 7.2)
	d.textColor(colMuted)
	f.SetXY(marginL, y)
	f.CellFormat(38, 4, "CONTENTS", "", 0, "L", false, 0, "")
	const lineH = 4.6
	half := (len(d.toc) + 1) / 2
	colW := (contentW - 38 - 8) / 2
	for i, e := range d.toc {
		x := marginL + 38
		row := i
		if i >= half {
			x += colW + 8
			row = i - half
		}
		ey := y + float64(row)*lineH
		d.font("", 8.4)
		d.textColor(colText)
		f.SetXY(x, ey)
		f.CellFormat(colW-10, lineH, d.clip(e.title, colW-10), "", 0, "L", false, 0, "")
		d.textColor(colTeal)
		f.SetXY(x+colW-10, ey)
		f.CellFormat(10, lineH, fmt.Sprint(e.page), "", 0, "R", false, 0, "")
		link := f.AddLink()
		f.SetLink(link, e.y, e.page)
		f.Link(x, ey, colW, lineH, link)
	}
	f.SetPage(last)
	d.reset()
}

// sourceName names where a piece of evidence comes from.
func sourceName(src string) string {
	switch src {
	case "live", "finding":
		return "Live finding"
	case "url":
		return "Link"
	case "file":
		return "File"
	case "note":
		return "Note"
	}
	return capitalizeWord(src)
}

// noActionText says why the plan is empty.
func (d *pdfDoc) noActionText() string {
	if d.r.Counts.Answered+d.r.Counts.Unknown == 0 {
		return "Nothing has been answered yet: the plan fills in as the questions are answered."
	}
	return "No action is needed: every answered question meets its target."
}
