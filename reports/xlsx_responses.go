package reports

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/ssrm/ssrm/internal/safetext"
	q "github.com/ssrm/ssrm/questionnaire"
)

// Reading the management responses back from a workbook the client
// filled in: the Findings sheet's response columns, found by their
// headers (columns may have been moved), keyed by the question id, so a
// renumbered finding keeps its response.

// ImportedResponse is one response read from the workbook.
type ImportedResponse struct {
	QuestionID string
	Finding    string // the F-number in the workbook, for messages
	Cell       string // e.g. "Findings!S5"
	Response   q.Response
}

// maxResponseRows bounds a sheet a client could not have produced from
// ours (a bank has a few hundred questions).
const maxResponseRows = 10000

// ReadXLSXResponses reads the management responses of the Findings sheet.
// Rows whose response cells are all empty are skipped (no response given
// or kept as it was); a row with any of them filled needs a known status
// and, for planned, a date. Every problem is returned (q.Problems), each
// naming the file, the cell and what to write there.
func ReadXLSXResponses(name string, r io.Reader) (out []ImportedResponse, err error) {
	fail := func(format string, args ...any) error {
		return q.Problems{{File: name, Msg: fmt.Sprintf(format, args...)}}
	}
	// The workbook comes from outside and excelize parses it: a file that
	// trips the parser is a bad workbook, not a crash.
	defer func() {
		if p := recover(); p != nil {
			out, err = nil, fail("not a workbook ssrm can read (%v): give the .xlsx that `ssrm report -o plan.xlsx` wrote", p)
		}
	}()
	f, err := excelize.OpenReader(r)
	if err != nil {
		return nil, fail("not a workbook ssrm can read (%v): give the .xlsx that `ssrm report -o plan.xlsx` wrote", err)
	}
	defer f.Close()
	rows, err := f.Rows(SheetFindings)
	if err != nil {
		return nil, fail("no sheet %q: give the workbook `ssrm report -o plan.xlsx` wrote, with its sheets' names unchanged", SheetFindings)
	}
	defer rows.Close()
	if !rows.Next() {
		return nil, fail("sheet %s is empty", SheetFindings)
	}
	head, err := rows.Columns()
	if err != nil {
		return nil, fail("sheet %s: %v", SheetFindings, err)
	}
	col := map[string]int{}
	for i, h := range head {
		col[strings.TrimSpace(h)] = i
	}
	for _, need := range []string{colQuestionID, colResponse} {
		if _, ok := col[need]; !ok {
			return nil, fail("sheet %s has no column %q in its first row: keep the header row as ssrm wrote it", SheetFindings, need)
		}
	}
	var ps q.Problems
	for n := 2; rows.Next(); n++ {
		if n > maxResponseRows {
			return nil, fail("sheet %s has more than %d rows: this is not a findings sheet ssrm wrote", SheetFindings, maxResponseRows)
		}
		cells, err := rows.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			return nil, fail("sheet %s row %d: %v", SheetFindings, n, err)
		}
		get := func(h string) string {
			i, ok := col[h]
			if !ok || i >= len(cells) {
				return ""
			}
			return strings.TrimSpace(safetext.Clean(cells[i]))
		}
		ref := func(h string) string {
			c, _ := excelize.CoordinatesToCellName(col[h]+1, n)
			return SheetFindings + "!" + c
		}
		status, date, comment, who, when := get(colResponse), get(colResponseDate), get(colResponseComment), get(colResponseWho), get(colResponseWhen)
		if status == "" && date == "" && comment == "" && who == "" && when == "" {
			continue
		}
		if responseStatus(status) == q.ResponseRiskAccepted && strings.HasPrefix(comment, RegisterPrefill) {
			// the workbook's prefill from a risk acceptance in force: the
			// risk register already holds it, and it is no new response
			continue
		}
		qid, fid := get(colQuestionID), get(colFinding)
		label := fid
		if label == "" {
			label = "row " + strconv.Itoa(n)
		}
		add := func(h, format string, args ...any) {
			ps = append(ps, q.Problem{File: name, Msg: fmt.Sprintf("%s (%s): ", ref(h), label) + fmt.Sprintf(format, args...)})
		}
		if qid == "" {
			add(colQuestionID, "the question id is empty: keep the column as ssrm wrote it")
			continue
		}
		resp := q.Response{Status: responseStatus(status), Comment: comment, Who: safetext.Line(who)}
		bad := false
		if date != "" {
			if resp.Date, err = cellDate(date); err != nil {
				add(colResponseDate, "%q is not a date: write it as YYYY-MM-DD", date)
				bad = true
			}
		}
		if when != "" {
			if resp.When, err = cellDate(when); err != nil {
				add(colResponseWhen, "%q is not a date: write it as YYYY-MM-DD", when)
				bad = true
			}
		}
		if status == "" {
			add(colResponse, "a response needs its status: %s", strings.Join(q.ResponseLabels(), ", "))
			continue
		}
		if msg := resp.Problem(); msg != "" && !bad {
			h := colResponse
			switch {
			case strings.Contains(msg, "date"):
				h = colResponseDate
			case strings.Contains(msg, "comment"):
				h = colResponseComment
			}
			add(h, "%s", msg)
			continue
		}
		if !bad {
			out = append(out, ImportedResponse{QuestionID: qid, Finding: fid, Cell: ref(colResponse), Response: resp})
		}
	}
	if err := rows.Error(); err != nil {
		return nil, fail("sheet %s: %v", SheetFindings, err)
	}
	if len(ps) > 0 {
		return nil, ps
	}
	return out, nil
}

// responseStatus reads a status as a person may type it, or as an older
// workbook wrote it: "Agree with plan", "Risk accepted", "risk-accepted",
// "PLANNED" (q.ParseResponseStatus).
func responseStatus(s string) string {
	return q.ParseResponseStatus(s)
}

// cellDate reads a date cell: Excel's day number (what a date cell
// holds) or text as YYYY-MM-DD.
func cellDate(s string) (time.Time, error) {
	if t, err := time.Parse("2006-01-02", s); err == nil {
		return t, nil
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || v < 1 || v > 2958465 { // 9999-12-31
		return time.Time{}, fmt.Errorf("not a date")
	}
	t, err := excelize.ExcelDateToTime(v, false)
	if err != nil {
		return time.Time{}, err
	}
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC), nil
}
