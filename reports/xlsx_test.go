package reports

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"os"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/ssrm/ssrm/scoring"
)

func renderXLSX(t testing.TB, r *scoring.Result, m Meta) *excelize.File {
	t.Helper()
	var buf bytes.Buffer
	if err := WriteXLSX(&buf, r, m); err != nil {
		t.Fatal(err)
	}
	if dir := os.Getenv("SSRM_PDF_OUT"); dir != "" {
		name := strings.NewReplacer("/", "-", " ", "-").Replace(t.Name()) + ".xlsx"
		_ = os.WriteFile(dir+"/"+name, buf.Bytes(), 0o644)
	}
	f, err := excelize.OpenReader(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatalf("excelize cannot read the workbook: %v", err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

// header maps each column title of a sheet's first row to its letter.
func header(t *testing.T, f *excelize.File, sheet string) map[string]string {
	t.Helper()
	rows, err := f.GetRows(sheet)
	if err != nil || len(rows) == 0 {
		t.Fatalf("%s: no rows (%v)", sheet, err)
	}
	out := map[string]string{}
	for i, h := range rows[0] {
		col, _ := excelize.ColumnNumberToName(i + 1)
		out[h] = col
	}
	return out
}

// Every sheet has its header frozen, a filter over its columns and set
// widths; the rows match the result.
func TestXLSXSheets(t *testing.T) {
	for _, tc := range []struct {
		name string
		r    *scoring.Result
	}{{"demo", demoResult(t)}, {"rich", richResult(t)}} {
		t.Run(tc.name, func(t *testing.T) {
			r := tc.r
			f := renderXLSX(t, r, Meta{Tool: "ssrm test"})
			want := []string{SheetFindings, SheetPlan, SheetBacklog, SheetRisks, SheetEvidence, SheetAnswers, SheetAbout}
			if got := f.GetSheetList(); strings.Join(got, "|") != strings.Join(want, "|") {
				t.Fatalf("sheets %q, want %q", got, want)
			}
			filters := map[string]string{}
			for _, dn := range f.GetDefinedName() {
				if dn.Name == "_xlnm._FilterDatabase" {
					filters[dn.Scope] = dn.RefersTo
				}
			}
			fs := Findings(r)
			rowsWant := map[string]int{SheetFindings: len(fs), SheetPlan: len(r.Actions), SheetBacklog: len(Backlog(r)), SheetRisks: len(fs),
				SheetEvidence: len(r.Evidence), SheetAnswers: len(r.Questions), SheetAbout: len(aboutSheet(r, Meta{Tool: "ssrm test"}).Rows)}
			for _, s := range want {
				p, err := f.GetPanes(s)
				if err != nil || !p.Freeze || p.YSplit != 1 || p.TopLeftCell != "A2" {
					t.Errorf("%s: header not frozen: %+v %v", s, p, err)
				}
				if !strings.Contains(filters[s], "$A$1:") {
					t.Errorf("%s: no filter on the header (%q)", s, filters[s])
				}
				if w, _ := f.GetColWidth(s, "B"); w < 5 || w > 9 && w < 9.2 {
					t.Errorf("%s: column B width %v not set", s, w)
				}
				rows, _ := f.GetRows(s)
				if got := len(rows) - 1; got != rowsWant[s] {
					t.Errorf("%s: %d rows, want %d", s, got, rowsWant[s])
				}
			}
			// The plan: each action once, in rank order, with its due date as a date.
			h := header(t, f, SheetPlan)
			for i, it := range r.Actions {
				row := i + 2
				id, _ := f.GetCellValue(SheetPlan, fmt.Sprintf("%s%d", h["Action ID"], row))
				if id != it.Action.ID {
					t.Fatalf("plan row %d is %s, want %s", row, id, it.Action.ID)
				}
				checkDate(t, f, SheetPlan, fmt.Sprintf("%s%d", h["Due"], row), it.Due.Format("2006-01-02"))
			}
			if tc.name == "rich" {
				he := header(t, f, SheetEvidence)
				for i, e := range r.Evidence {
					cell := fmt.Sprintf("%s%d", he["Collected (UTC)"], i+2)
					if !e.Collected.IsZero() {
						checkDate(t, f, SheetEvidence, cell, e.Collected.UTC().Format("2006-01-02 15:04"))
					}
					res, _ := f.GetCellValue(SheetEvidence, fmt.Sprintf("%s%d", he["Result"], i+2))
					if res != e.Status {
						t.Errorf("evidence row %d result %q, want %q", i+2, res, e.Status)
					}
				}
				if len(r.Evidence) == 0 {
					t.Error("the rich result has no evidence to check")
				}
			}
			// Findings: each once, in order, with id and title.
			hf := header(t, f, SheetFindings)
			for i, fd := range fs {
				id, _ := f.GetCellValue(SheetFindings, fmt.Sprintf("%s%d", hf["Finding"], i+2))
				title, _ := f.GetCellValue(SheetFindings, fmt.Sprintf("%s%d", hf["Title"], i+2))
				question, _ := f.GetCellValue(SheetFindings, fmt.Sprintf("%s%d", hf["Question"], i+2))
				if id != fd.ID || title != fd.Title || question != fd.Question {
					t.Fatalf("findings row %d: %s %q %q, want %s %q %q", i+2, id, title, question, fd.ID, fd.Title, fd.Question)
				}
			}
			if len(fs) == 0 {
				t.Error("no findings to check")
			}
			dvs, _ := f.GetDataValidations(SheetFindings)
			if len(dvs) != 1 || !strings.HasPrefix(dvs[0].Sqref, hf["Management response"]+"2:") || !strings.Contains(dvs[0].Formula1, "Agree with plan") {
				t.Errorf("no drop-down on the management response column: %+v", dvs)
			}
			// Notes come whole, Unicode and all.
			ha := header(t, f, SheetAnswers)
			for i, s := range r.Questions {
				note, _ := f.GetCellValue(SheetAnswers, fmt.Sprintf("%s%d", ha["Note"], i+2))
				if want := strings.TrimSpace(s.Answer.Note); strings.TrimSpace(note) != want {
					t.Fatalf("answers row %d note %q, want %q", i+2, note, want)
				}
			}
		})
	}
}

// checkDate asserts a cell holds a number formatted as the given date.
func checkDate(t *testing.T, f *excelize.File, sheet, cell, want string) {
	t.Helper()
	raw, _ := f.GetCellValue(sheet, cell, excelize.Options{RawCellValue: true})
	shown, _ := f.GetCellValue(sheet, cell)
	if want == "0001-01-01" {
		if raw != "" {
			t.Errorf("%s!%s: %q for no date", sheet, cell, raw)
		}
		return
	}
	var serial float64
	if _, err := fmt.Sscan(raw, &serial); err != nil || serial < 40000 {
		t.Errorf("%s!%s holds %q, not a date serial", sheet, cell, raw)
	}
	if shown != want {
		t.Errorf("%s!%s shows %q, want %q", sheet, cell, shown, want)
	}
}

// The brand's accent fills the header rows.
func TestXLSXBrandAccent(t *testing.T) {
	f := renderXLSX(t, demoResult(t), Meta{Tool: "ssrm test", Brand: testBrand(t)})
	id, err := f.GetCellStyle(SheetPlan, "A1")
	if err != nil {
		t.Fatal(err)
	}
	st, err := f.GetStyle(id)
	if err != nil || len(st.Fill.Color) == 0 || !strings.EqualFold(st.Fill.Color[0], "1F5FA8") {
		t.Errorf("header fill %+v (%v), want the accent 1F5FA8", st.Fill, err)
	}
}

// BenchmarkXLSXDemo writes the demo's workbook (bound: 250 ms).
func BenchmarkXLSXDemo(b *testing.B) {
	r := demoResult(b)
	var size int
	b.ReportAllocs()
	for b.Loop() {
		var buf bytes.Buffer
		if err := WriteXLSX(&buf, r, Meta{Tool: "ssrm bench"}); err != nil {
			b.Fatal(err)
		}
		size = buf.Len()
	}
	b.ReportMetric(float64(size), "bytes/xlsx")
}

// --redact reaches the editable formats: no resource ID or address left
// in any part or cell, and each says what it removed.
func TestOfficeRedact(t *testing.T) {
	r := richResult(t)
	m := Meta{Tool: "ssrm test", Redact: true, Appendix: AppendixFull}
	const id, ip = "3f2a9c1e-58b7-4d2e-9a61-0c5b7e2d4f10", "52.174.10.9"
	var docx bytes.Buffer
	if err := WriteDOCX(&docx, r, m); err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(docx.Bytes()), int64(docx.Len()))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range zr.File {
		rc, _ := f.Open()
		b, _ := io.ReadAll(rc)
		rc.Close()
		if bytes.Contains(b, []byte(id)) || bytes.Contains(b, []byte(ip)) {
			t.Errorf("docx %s keeps a subscription id or an address", f.Name)
		}
	}
	x := renderXLSX(t, r, m)
	for _, sh := range x.GetSheetList() {
		rows, _ := x.GetRows(sh)
		for i, row := range rows {
			for _, c := range row {
				if strings.Contains(c, id) || strings.Contains(c, ip) {
					t.Fatalf("xlsx %s row %d keeps %q", sh, i+1, c)
				}
			}
		}
	}
	rows, _ := x.GetRows(SheetAbout)
	found := false
	for _, row := range rows {
		if len(row) > 1 && row[0] == "Redaction" && strings.Contains(row[1], "removed") {
			found = true
		}
	}
	if !found {
		t.Error("the workbook does not say what was redacted")
	}
	text := docxText(mustPart(t, docx.Bytes(), "word/document.xml"))
	if !strings.Contains(text, "Redacted (") {
		t.Error("the DOCX does not say what was redacted")
	}
	// the unredacted result does hold them, or the test proves nothing
	var plain bytes.Buffer
	if err := WriteDOCX(&plain, r, Meta{Tool: "ssrm test", Appendix: AppendixFull}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(docxText(mustPart(t, plain.Bytes(), "word/document.xml")), ip) {
		t.Error("the rich result's DOCX lacks the address to redact")
	}
}

func mustPart(t *testing.T, data []byte, name string) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range zr.File {
		if f.Name == name {
			rc, _ := f.Open()
			defer rc.Close()
			b, _ := io.ReadAll(rc)
			return b
		}
	}
	t.Fatalf("no part %s", name)
	return nil
}

// The signer's workbook defects: real used ranges, due dates as whole
// days, an About sheet without a clock time or a repeated label, no
// evidence column left empty by checks that never ran, and two priority
// scales with two names.
func TestXLSXSignerDefects(t *testing.T) {
	r := demoResult(t)
	f := renderXLSX(t, r, Meta{Tool: "ssrm test"})
	for _, name := range f.GetSheetList() {
		rows, err := f.GetRows(name)
		if err != nil {
			t.Fatal(err)
		}
		cols := 0
		for _, row := range rows {
			cols = max(cols, len(row))
		}
		dim, err := f.GetSheetDimension(name)
		if err != nil {
			t.Fatal(err)
		}
		last, _ := excelize.CoordinatesToCellName(cols, len(rows))
		if dim != "A1:"+last {
			t.Errorf("sheet %s: dimension %q, want A1:%s", name, dim, last)
		}
		if name == SheetEvidence {
			for c := 0; c < cols; c++ {
				filled := false
				for _, row := range rows[1:] {
					filled = filled || c < len(row) && strings.TrimSpace(row[c]) != ""
				}
				if !filled {
					t.Errorf("evidence column %q is empty in every row", rows[0][c])
				}
			}
			if strings.Contains(strings.Join(rows[0], "|"), "Collected") {
				t.Error("no live check ran in the demo, yet the evidence sheet has a Collected column")
			}
		}
	}
	for _, sheet := range []string{SheetPlan, SheetFindings} {
		h := header(t, f, sheet)
		n := 0
		for row := 2; ; row++ {
			id, _ := f.GetCellValue(sheet, fmt.Sprintf("A%d", row))
			if id == "" {
				break
			}
			raw, _ := f.GetCellValue(sheet, fmt.Sprintf("%s%d", h["Due"], row), excelize.Options{RawCellValue: true})
			if raw == "" {
				continue
			}
			n++
			if strings.Contains(raw, ".") {
				t.Errorf("%s row %d: due %s carries a time of day", sheet, row, raw)
			}
		}
		if n == 0 {
			t.Errorf("%s: no due date checked", sheet)
		}
	}
	about, _ := f.GetRows(SheetAbout)
	for _, row := range about {
		if len(row) < 2 {
			continue
		}
		if strings.HasPrefix(row[1], row[0]+".") {
			t.Errorf("About %q repeats its label: %q", row[0], row[1][:40])
		}
		if row[0] == "Report date" && row[1] != day(r.Date) {
			t.Errorf("About report date %q, want %s", row[1], day(r.Date))
		}
	}
	plan, backlog := header(t, f, SheetPlan), header(t, f, SheetBacklog)
	for h := range plan {
		if _, ok := backlog[h]; ok && strings.Contains(strings.ToLower(h), "priority") {
			t.Errorf("Plan and Backlog both call a priority %q though their scales differ", h)
		}
	}
}
