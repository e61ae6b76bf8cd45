package reports

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/ssrm/ssrm/internal/safetext"
	q "github.com/ssrm/ssrm/questionnaire"
	"github.com/ssrm/ssrm/scoring"
)

// The XLSX workbook: the plan as a consultant and the client edit it
// together. One sheet per list, each with its header row frozen, a filter
// on every column, widths set and dates stored as dates (so the client's
// sorting and "due this month" filters work).

// Sheet names, as the tests and the README call them.
const (
	SheetFindings = "Findings"
	SheetPlan     = "Plan 30-60-90"
	SheetBacklog  = "Backlog"
	SheetRisks    = "Risk register"
	SheetEvidence = "Evidence"
	SheetAnswers  = "Answers"
	SheetAbout    = "About"
)

// xlsxKind is how a column's cells are stored and shown.
type xlsxKind int

const (
	xText     xlsxKind = iota // one line
	xWrap                     // long text, wrapped
	xInt                      // a whole number
	xNum                      // a number with two decimals
	xDate                     // a day (yyyy-mm-dd)
	xDateTime                 // a moment (yyyy-mm-dd hh:mm, UTC)
	xBool                     // yes / no, as text a filter lists
)

type xlsxCol struct {
	Head  string
	Width float64
	Kind  xlsxKind
}

// xlsxSheet is one sheet: its columns and rows. A row's cells are string,
// int, float64, time.Time (zero: empty) or bool.
type xlsxSheet struct {
	Name string
	Cols []xlsxCol
	Rows [][]any
	// Choices puts a drop-down list on a column (by header) for the
	// client to fill in.
	Choices map[string][]string
}

// maxCellText is Excel's limit on the characters of one cell.
const maxCellText = 32767

// WriteXLSX writes the workbook: findings, the 30/60/90 plan, the backlog,
// the risk register, the evidence per resource and the answers.
func WriteXLSX(w io.Writer, r *scoring.Result, m Meta) error {
	r, m = Prepare(r, m)
	f := excelize.NewFile()
	defer f.Close()
	sheets := append(XLSXSheets(r), aboutSheet(r, m))
	st, err := newXLSXStyles(f, m)
	if err != nil {
		return err
	}
	for i, s := range sheets {
		if i == 0 {
			if err := f.SetSheetName("Sheet1", s.Name); err != nil {
				return err
			}
		} else if _, err := f.NewSheet(s.Name); err != nil {
			return err
		}
		if err := writeXLSXSheet(f, s, st); err != nil {
			return fmt.Errorf("xlsx sheet %s: %w", s.Name, err)
		}
	}
	f.SetActiveSheet(0)
	stamp := r.Date.UTC().Format(time.RFC3339)
	if r.Date.IsZero() {
		stamp = "2000-01-01T00:00:00Z"
	}
	org := safetext.Line(r.Profile.Organization)
	props := &excelize.DocProperties{
		Title:       org + ": Azure shared responsibility action plan",
		Subject:     "Azure Shared Security Responsibility Model assessment and five-step action plan",
		Creator:     safetext.Line(m.Tool),
		Created:     stamp,
		Modified:    stamp,
		Description: "Written by " + safetext.Line(m.Tool) + ". Fill in the management response columns of the Findings sheet; ssrm respond reads them back into the assessment.",
	}
	if note := RedactionNote(m); note != "" {
		props.Description += " " + note
		props.Keywords = "redacted"
	}
	if m.Brand != nil {
		props.Creator = m.Brand.Firm
		props.LastModifiedBy = m.Brand.Firm
	}
	if err := f.SetDocProps(props); err != nil {
		return err
	}
	_, err = f.WriteTo(w)
	return err
}

// xlsxStyles are the cell styles of the workbook.
type xlsxStyles struct {
	head, text, wrap, num, date, dateTime int
}

func newXLSXStyles(f *excelize.File, m Meta) (xlsxStyles, error) {
	fill := "162B48" // the PDF's navy
	if m.Brand != nil && m.Brand.Accented {
		fill = m.Brand.HexAccent()
	}
	var s xlsxStyles
	var err error
	top := &excelize.Alignment{Vertical: "top"}
	styles := []struct {
		dst *int
		st  *excelize.Style
	}{
		{&s.head, &excelize.Style{Font: &excelize.Font{Bold: true, Color: "FFFFFF"},
			Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{fill}},
			Alignment: &excelize.Alignment{Vertical: "center", WrapText: true}}},
		{&s.text, &excelize.Style{Alignment: top}},
		{&s.wrap, &excelize.Style{Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}}},
		{&s.num, &excelize.Style{NumFmt: 2, Alignment: top}}, // 0.00
		{&s.date, &excelize.Style{CustomNumFmt: strPtr("yyyy-mm-dd"), Alignment: top}},
		{&s.dateTime, &excelize.Style{CustomNumFmt: strPtr("yyyy-mm-dd hh:mm"), Alignment: top}},
	}
	for _, x := range styles {
		if *x.dst, err = f.NewStyle(x.st); err != nil {
			return s, err
		}
	}
	return s, nil
}

func strPtr(s string) *string { return &s }
func intPtr(n int) *int       { return &n }
func boolPtr(b bool) *bool    { return &b }

// wrappedLines estimates the lines a text takes in a wrapped column of
// the given width (in Excel's units, about one digit each): proportional
// text fits about 1.15 characters per unit.
func wrappedLines(s string, width float64) int {
	per := max(int(width*1.15), 1)
	n := 0
	for _, para := range strings.Split(s, "\n") {
		n += max((len([]rune(para))+per-1)/per, 1)
	}
	return n
}

func writeXLSXSheet(f *excelize.File, s xlsxSheet, st xlsxStyles) error {
	name := s.Name
	last := len(s.Cols)
	lastCol, _ := excelize.ColumnNumberToName(last)
	for i, c := range s.Cols {
		col, _ := excelize.ColumnNumberToName(i + 1)
		if err := f.SetColWidth(name, col, col, c.Width); err != nil {
			return err
		}
		if err := f.SetCellStr(name, col+"1", c.Head); err != nil {
			return err
		}
	}
	if err := f.SetCellStyle(name, "A1", lastCol+"1", st.head); err != nil {
		return err
	}
	for ri, row := range s.Rows {
		for ci, v := range row {
			cell, _ := excelize.CoordinatesToCellName(ci+1, ri+2)
			var err error
			switch x := v.(type) {
			case string:
				x = safetext.Clean(x)
				if n := len([]rune(x)); n > maxCellText {
					x = string([]rune(x)[:maxCellText-60]) + " … (cut at Excel's cell limit: the JSON report has it whole)"
				}
				if x != "" {
					err = f.SetCellStr(name, cell, x)
				}
			case int:
				err = f.SetCellInt(name, cell, int64(x))
			case float64:
				err = f.SetCellFloat(name, cell, x, 2, 64)
			case bool:
				err = f.SetCellStr(name, cell, map[bool]string{true: "yes", false: "no"}[x])
			case time.Time:
				if !x.IsZero() && s.Cols[ci].Kind == xDate {
					// a day is a whole day number: a filter on
					// 2026-12-16 must find it
					y, mo, d := x.UTC().Date()
					err = f.SetCellValue(name, cell, time.Date(y, mo, d, 0, 0, 0, 0, time.UTC))
				} else if !x.IsZero() {
					// A date is stored as Excel's day number; the wall
					// clock in UTC for a moment, the calendar day for a day.
					err = f.SetCellValue(name, cell, x.UTC())
				}
			case nil:
			default:
				err = fmt.Errorf("cell %s: unexpected %T", cell, v)
			}
			if err != nil {
				return err
			}
		}
	}
	if n := len(s.Rows); n > 0 {
		for i, c := range s.Cols {
			col, _ := excelize.ColumnNumberToName(i + 1)
			style := map[xlsxKind]int{xText: st.text, xWrap: st.wrap, xInt: st.text, xNum: st.num,
				xDate: st.date, xDateTime: st.dateTime, xBool: st.text}[c.Kind]
			if err := f.SetCellStyle(name, col+"2", fmt.Sprintf("%s%d", col, n+1), style); err != nil {
				return err
			}
		}
	}
	for i, c := range s.Cols {
		choices, ok := s.Choices[c.Head]
		if !ok {
			continue
		}
		col, _ := excelize.ColumnNumberToName(i + 1)
		dv := excelize.NewDataValidation(true)
		dv.Sqref = fmt.Sprintf("%s2:%s%d", col, col, max(len(s.Rows)+1, 2)+200)
		if err := dv.SetDropList(choices); err != nil {
			return err
		}
		if err := f.AddDataValidation(name, dv); err != nil {
			return err
		}
	}
	// Row heights: a viewer that does not fit rows to wrapped text on
	// opening (LibreOffice does not for xlsx) would show the lines on top
	// of each other; an estimate from the column widths keeps them apart.
	for ri, row := range s.Rows {
		lines := 1
		for ci, v := range row {
			if x, ok := v.(string); ok && s.Cols[ci].Kind == xWrap {
				lines = max(lines, wrappedLines(x, s.Cols[ci].Width))
			}
		}
		if lines > 1 {
			if err := f.SetRowHeight(name, ri+2, min(15*float64(lines)+2, 409)); err != nil {
				return err
			}
		}
	}
	if err := f.SetRowHeight(name, 1, 30); err != nil {
		return err
	}
	// The used range, which some readers size the sheet by.
	if err := f.SetSheetDimension(name, fmt.Sprintf("A1:%s%d", lastCol, len(s.Rows)+1)); err != nil {
		return err
	}
	// Printing: landscape, a page wide for about 200 units of columns (a
	// wide sheet in readable type over a few pages), the header on each.
	total := 0.0
	for _, c := range s.Cols {
		total += c.Width
	}
	if err := f.SetPageLayout(name, &excelize.PageLayoutOptions{Orientation: strPtr("landscape"),
		FitToWidth: intPtr(max(1, int(total+199)/200)), FitToHeight: intPtr(0)}); err != nil {
		return err
	}
	if err := f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", Scope: name,
		RefersTo: fmt.Sprintf("'%s'!$1:$1", name)}); err != nil {
		return err
	}
	if err := f.SetPanes(name, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft",
		Selection: []excelize.Selection{{SQRef: "A2", ActiveCell: "A2", Pane: "bottomLeft"}}}); err != nil {
		return err
	}
	if err := f.AutoFilter(name, fmt.Sprintf("A1:%s%d", lastCol, max(len(s.Rows)+1, 2)), nil); err != nil {
		return err
	}
	// After the filter, which replaces the sheet's properties.
	return f.SetSheetProps(name, &excelize.SheetPropsOptions{FitToPage: boolPtr(true)})
}

// XLSXSheets builds the workbook's sheets from a result.
func XLSXSheets(r *scoring.Result) []xlsxSheet {
	fs := Findings(r)
	return []xlsxSheet{findingsSheet(r, fs), planSheet(r, fs), backlogSheet(r), riskSheet(r, fs), evidenceSheet(r, fs), answersSheet(r, fs)}
}

// Findings sheet columns the client fills in: the management response.
// ReadXLSXResponses reads them back by these headers.
const (
	colFinding         = "Finding"
	colQuestionID      = "Question ID"
	colResponse        = "Management response"
	colResponseDate    = "Planned date"
	colResponseComment = "Response comment"
	colResponseWho     = "Responded by"
	colResponseWhen    = "Responded on"
)

// aboutSheet says what the workbook is: whose, when, from which tool and
// bank, how findings are rated, how to answer them, and what --redact
// removed.
func aboutSheet(r *scoring.Result, m Meta) xlsxSheet {
	s := xlsxSheet{Name: SheetAbout, Cols: []xlsxCol{{"Item", 24, xText}, {"Value", 110, xWrap}}}
	add := func(k string, v any) { s.Rows = append(s.Rows, []any{k, v}) }
	add("Organization", strings.TrimSpace(r.Profile.Organization))
	add("Report date", day(r.Date))
	add("Assessment", AssessmentPeriod(r).String())
	if b := m.Brand; b != nil {
		by, _ := PreparedBy(r.Profile.Assessor, b)
		add("Prepared by", by)
		if b.Contact != "" {
			add("Contact", b.Contact)
		}
	} else {
		add("Prepared by", r.Profile.Assessor)
	}
	add("Target maturity", fmt.Sprintf("%d of 5 (%s)", r.Target, q.LevelName(r.Target)))
	add("Question bank", BankLine(r))
	add("Tool", ToolLine(r, m))
	add("Findings", FindingRule)
	add("Risk rating", strings.TrimPrefix(RiskRule(), "Risk rating. "))
	add("Management response", "Fill in the Management response column of the Findings sheet ("+strings.Join(q.ResponseLabels(), ", ")+
		"), with a Planned date for Agree with plan and a Response comment for Accept risk and Disagree; then send the workbook back to your assessor, who reads the responses into the assessment.")
	if note := RedactionNote(m); note != "" {
		add("Redaction", note)
	}
	add("Confidentiality", "CONFIDENTIAL: it describes security weaknesses; share it only with the people who act on it.")
	return s
}

func findingsSheet(r *scoring.Result, fs []Finding) xlsxSheet {
	s := xlsxSheet{Name: SheetFindings, Cols: []xlsxCol{
		{colFinding, 9, xText}, {"Risk", 9, xText}, {"Title", 48, xWrap}, {colQuestionID, 17, xText}, {"Question", 48, xWrap},
		{"Layer", 14, xText}, {"Domain", 24, xText}, {"Observation", 50, xWrap}, {"Level", 7, xInt},
		{"Target", 7, xInt}, {"Gap", 6, xInt}, {"Business impact", 60, xWrap}, {"Risk rule", 36, xWrap},
		{"Recommendation", 50, xWrap}, {"Licences", 28, xWrap}, {"Cost", 16, xWrap}, {"Owner", 22, xWrap},
		{"Window", 13, xText}, {"Due", 12, xDate},
		{colResponse, 16, xText}, {colResponseDate, 12, xDate}, {colResponseComment, 40, xWrap},
		{colResponseWho, 18, xText}, {colResponseWhen, 12, xDate},
	}, Choices: map[string][]string{colResponse: q.ResponseLabels()}}
	for _, f := range fs {
		obs := "Answered: " + f.Answer + "."
		if f.Unknown {
			obs = "Answered \"don't know\": counted as level 0 until verified."
		}
		if f.Note != "" {
			obs += "\nNote: " + f.Note
		}
		if f.Evidence != "" {
			obs += "\nLive evidence: " + f.Evidence + "."
		}
		if f.Contradiction != "" {
			obs += "\n" + f.Contradiction + "."
		}
		var rec []string
		for _, id := range f.Actions {
			if a, ok := r.Bank.Action(id); ok {
				rec = append(rec, id+": "+a.Title)
			}
		}
		var level any = f.Level
		if f.Unknown {
			level = nil
		}
		row := []any{f.ID, string(f.Risk), f.Title, f.QuestionID, f.Question, f.LayerName, f.DomainName, obs, level,
			f.Target, f.Gap, f.Impact, f.RiskWhy, strings.Join(rec, "\n"), strings.Join(f.Licences, ", "), f.Cost,
			f.OwnerText(), f.Window(), f.Due}
		switch a := f.Acceptance; {
		case f.Response != nil:
			p := f.Response
			row = append(row, q.ResponseLabel(p.Status), p.Date, p.Comment, p.Who, p.When)
		case a != nil && !a.Expired:
			// prefilled from the risk register, as every format's response
			// form is: the acceptance in force is the response on record
			// (only "Agree with plan" carries a date: the review date goes
			// in the comment)
			row = append(row, q.ResponseLabel(q.ResponseRiskAccepted), nil,
				fmt.Sprintf("%s%s: %s", RegisterPrefill, a.Review.Format("2006-01-02"), strings.TrimSpace(a.Justification)), a.Owner, nil)
		default:
			row = append(row, nil, nil, nil, nil, nil)
		}
		s.Rows = append(s.Rows, row)
	}
	return s
}

func planSheet(r *scoring.Result, fs []Finding) xlsxSheet {
	refs := FindingRefs(fs)
	s := xlsxSheet{Name: SheetPlan, Cols: []xlsxCol{
		{"Rank", 7, xInt}, {"Action ID", 22, xText}, {"Action", 42, xWrap}, {"Findings", 14, xWrap}, {"Window", 14, xText},
		{"Due", 12, xDate}, {"Owner", 24, xWrap}, {"Effort", 8, xText}, {"Cost band", 16, xText},
		{"Licences", 30, xWrap}, {"Quick win", 10, xBool}, {"Status", 11, xText}, {"Layers", 18, xWrap},
		{"Kill-chain phases", 24, xWrap}, {"Priority score", 10, xNum}, {"Why this rank", 40, xWrap},
		{"Questions", 18, xWrap}, {"Detail", 70, xWrap},
	}}
	step := map[string]int{}
	for k, im := range ImmediateSteps(r, fs) {
		step[im.Action.ID] = k + 1
	}
	for _, it := range r.Actions {
		var rank any = it.Rank
		if it.Rank == 0 {
			rank = nil
		}
		window, status := WhenText(it.Days), openStatus(it.Status)
		switch {
		case it.DoneBy != "":
			// a step of this week stands in for it; the action is the
			// upgrade path, and nothing is done until the step is
			window, status = "upgrade path", CoveredText(step[it.DoneBy])
		case it.Status == "done":
			window = "done"
		case it.Licensing:
			window, status = "licensing decision", "needs a licence"
		}
		s.Rows = append(s.Rows, []any{rank, it.Action.ID, it.Action.Title, strings.Join(refs[it.Action.ID], ", "), window, it.Due, it.Owner,
			string(it.Action.Effort), costBand(r, it.Cost), licenceNames(it.Cost), it.QuickWin, status,
			layerNames(r, it.Layers), phaseNames(r, it.Phases), it.Priority, FactorText(it),
			strings.Join(contributionIDs(it), ", "), it.Action.Detail})
	}
	return s
}

func backlogSheet(r *scoring.Result) xlsxSheet {
	s := xlsxSheet{Name: SheetBacklog, Cols: []xlsxCol{
		{"Kind", 12, xText}, {"Title", 48, xWrap}, {"Work-item priority (1 highest, 4 lowest)", 14, xInt}, {"Owner", 24, xWrap},
		{"Due", 12, xDate}, {"Window", 14, xText}, {"Effort", 8, xText}, {"Status", 11, xText},
		{"Layers", 18, xWrap}, {"Kill-chain phases", 24, xWrap}, {"Questions", 18, xWrap}, {"Detail", 70, xWrap},
	}}
	for _, it := range Backlog(r) {
		qs := make([]string, len(it.Questions))
		for i, bq := range it.Questions {
			qs[i] = bq.ID
		}
		window := ""
		if it.Days > 0 {
			window = WhenText(it.Days)
		}
		s.Rows = append(s.Rows, []any{it.Kind, it.Title, it.Priority, it.Owner, it.Due, window, it.Effort,
			openStatus(it.Status), strings.Join(it.Layers, ", "), strings.Join(it.Phases, ", "), strings.Join(qs, ", "), it.Detail})
	}
	return s
}

// riskSheet is the risk register: every finding as a risk, with its
// treatment as management decided it (an accepted risk on the answer, or
// the management response), so the register is one list to review.
func riskSheet(r *scoring.Result, fs []Finding) xlsxSheet {
	s := xlsxSheet{Name: SheetRisks, Cols: []xlsxCol{
		{colFinding, 9, xText}, {"Risk", 9, xText}, {"Risk description", 60, xWrap}, {"Layer", 14, xText},
		{"Kill-chain steps left open", 26, xWrap}, {"Exposure", 10, xNum}, {"Owner", 22, xWrap},
		{"Treatment", 14, xText}, {"Treatment detail", 44, xWrap}, {"Due or review by", 14, xDate},
		{"Acceptance expired", 11, xBool}, {"Actions", 24, xWrap},
	}}
	for _, f := range fs {
		qs, _ := r.Question(f.QuestionID)
		treatment, detail, due, owner := "open", "no management response yet", f.Due, f.Owner
		switch {
		case qs.Exception != nil && qs.Exception.Kind == q.RiskAccepted && qs.Expired:
			// as the reports' risk acceptances say: lapsed, the finding is
			// back in the plan, and the one who accepted it decides again
			treatment = "lapsed, back in plan"
			detail = fmt.Sprintf("accepted until %s: %s; lapsed: fix it as planned, or renew it only if the reason it was accepted still holds",
				qs.Exception.Review.Format("2006-01-02"), qs.Exception.Justification)
			if o := qs.Exception.Owner; o != "" {
				owner = o
			}
		case qs.Exception != nil && qs.Exception.Kind == q.RiskAccepted:
			treatment, detail, due = "accept", qs.Exception.Justification, qs.Exception.Review
			if o := qs.Exception.Owner; o != "" {
				detail += " (accepted by " + o + ")"
				owner = o
			}
		case f.Response != nil:
			treatment = map[string]string{q.ResponseAccepted: "mitigate", q.ResponsePlanned: "mitigate",
				q.ResponseRiskAccepted: "accept", q.ResponseDisagreed: "disputed"}[f.Response.Status]
			detail = f.ResponseText()
			if !f.Response.Date.IsZero() {
				due = f.Response.Date
			}
		}
		desc := f.Title + ". " + f.Impact
		s.Rows = append(s.Rows, []any{f.ID, string(f.Risk), desc, f.LayerName, phaseNames(r, f.Phases), f.Exposure,
			owner, treatment, detail, due, qs.Expired, strings.Join(f.Actions, ", ")})
	}
	return s
}

// evidenceSheet lists each piece of evidence, one row per check and
// resource: live results with their time, live findings named in a
// workshop (check/resource), documents and links.
func evidenceSheet(r *scoring.Result, fs []Finding) xlsxSheet {
	s := xlsxSheet{Name: SheetEvidence, Cols: []xlsxCol{
		{colFinding, 9, xText}, {"Question", 12, xText}, {"Kind", 12, xText}, {"Check", 30, xText},
		{"Resource", 60, xWrap}, {"Result", 9, xText}, {"Severity", 9, xText}, {"Resources", 10, xInt},
		{"Detail", 60, xWrap}, {"Collected (UTC)", 17, xDateTime}, {"Asked", 8, xBool}, {"Contradicts the answer", 12, xBool},
	}}
	for _, e := range r.Evidence {
		var n any
		if e.Resources > 0 {
			n = e.Resources
		}
		fid := ""
		if f, ok := FindingOf(fs, e.QuestionID); ok {
			fid = f.ID
		}
		check, resource := e.Check, e.Ref
		if e.Source == "finding" && check == "" {
			if c, res, ok := strings.Cut(e.Ref, "/"); ok {
				check, resource = c, res
			}
		}
		s.Rows = append(s.Rows, []any{fid, e.QuestionID, sourceName(e.Source), check, resource, e.Status, e.Severity, n, e.Detail,
			e.Collected, e.Asked, e.Contradiction != nil})
	}
	return dropEmptyCols(s)
}

// dropEmptyCols leaves out the columns no row fills (a check's result,
// severity and time when no live check ran): an empty column reads as
// missing data.
func dropEmptyCols(s xlsxSheet) xlsxSheet {
	if len(s.Rows) == 0 {
		return s
	}
	keep := make([]bool, len(s.Cols))
	for _, row := range s.Rows {
		for i, v := range row {
			switch x := v.(type) {
			case nil:
			case string:
				keep[i] = keep[i] || strings.TrimSpace(x) != ""
			case time.Time:
				keep[i] = keep[i] || !x.IsZero()
			default:
				keep[i] = true
			}
		}
	}
	out := xlsxSheet{Name: s.Name, Choices: s.Choices}
	for i, c := range s.Cols {
		if keep[i] {
			out.Cols = append(out.Cols, c)
		}
	}
	for _, row := range s.Rows {
		var nr []any
		for i, v := range row {
			if keep[i] {
				nr = append(nr, v)
			}
		}
		out.Rows = append(out.Rows, nr)
	}
	return out
}

func answersSheet(r *scoring.Result, fs []Finding) xlsxSheet {
	s := xlsxSheet{Name: SheetAnswers, Cols: []xlsxCol{
		{"Question", 12, xText}, {colFinding, 9, xText}, {"Step", 6, xInt}, {"Layer", 16, xText}, {"Domain", 20, xText},
		{"Question text", 60, xWrap}, {"Answer", 36, xWrap}, {"Level", 7, xInt}, {"Target", 7, xInt},
		{"Gap", 6, xInt}, {"Status", 13, xText}, {"Exception", 30, xWrap}, {"Note", 60, xWrap},
		{"Answered by", 20, xText}, {"Answered on", 17, xDateTime}, {"Live evidence", 14, xText},
	}}
	for _, qs := range r.Questions {
		var level, gap any
		if qs.Status == q.Answered {
			level = qs.Level
		}
		if qs.Scored() {
			gap = qs.Gap
		}
		ev := ""
		if e := qs.Evidence; e.Pass+e.Fail+e.NA > 0 {
			ev = fmt.Sprintf("%d pass, %d fail", e.Pass, e.Fail)
		}
		status := strings.ReplaceAll(statusWord(qs.Status), "_", " ")
		if qs.Answer.Parked {
			status = "parked"
		}
		fid := ""
		if f, ok := FindingOf(fs, qs.Question.ID); ok {
			fid = f.ID
		}
		s.Rows = append(s.Rows, []any{qs.Question.ID, fid, qs.Question.Step, r.Bank.LayerInfo(qs.Question.Layer).Name,
			r.Bank.DomainName(qs.Question.Domain), qs.Question.Text, AnswerText(qs), level, qs.Target, gap, status,
			ExceptionText(qs), qs.Answer.Note, qs.Answer.Who, qs.Answer.When, ev})
	}
	return s
}

// openStatus names an action's status, "open" when nothing was decided.
// RegisterPrefill starts the comment of a Findings row the workbook
// prefills from a risk acceptance in force; ReadXLSXResponses leaves such
// a row out (the risk register already holds it).
const RegisterPrefill = "risk register, review "

func openStatus(s string) string {
	if s == "" {
		return "open"
	}
	return s
}

func costBand(r *scoring.Result, c q.Cost) string {
	switch c.Band {
	case "":
		if len(c.Unsourced) > 0 {
			return "no sourced price"
		}
		return ""
	case "none":
		return "no licence"
	}
	return r.Bank.CostBandName(c.Band)
}

func licenceNames(c q.Cost) string {
	names := make([]string, len(c.Licences))
	for i, l := range c.Licences {
		names[i] = l.Name
	}
	return strings.Join(names, ", ")
}

func layerNames(r *scoring.Result, ls []q.Layer) string {
	names := make([]string, len(ls))
	for i, l := range ls {
		names[i] = r.Bank.LayerInfo(l).Name
	}
	return strings.Join(names, ", ")
}

func phaseNames(r *scoring.Result, ps []q.Phase) string {
	names := make([]string, len(ps))
	for i, p := range ps {
		names[i] = r.Bank.PhaseName(p)
	}
	return strings.Join(names, ", ")
}

func contributionIDs(it scoring.PlanItem) []string {
	ids := make([]string, len(it.Contributions))
	for i, c := range it.Contributions {
		ids[i] = c.QuestionID
	}
	return ids
}
