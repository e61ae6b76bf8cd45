package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/ssrm/ssrm/reports"
)

// The workbook and the brand through the command line: the format follows
// the extension of -o or --format; a bad brand file is refused with its
// file and line before anything is written.
func TestReportXLSXAndBrand(t *testing.T) {
	dir := t.TempDir()
	in := demoFile(t, dir)
	for _, args := range [][]string{
		{"-o", filepath.Join(dir, "plan.xlsx")},
		{"-o", filepath.Join(dir, "plan.bin"), "--format", "XLSX"},
	} {
		if code, _, errs := ssrm(t, append([]string{"report", in}, args...)...); code != 0 {
			t.Fatalf("report %v: exit %d: %s", args, code, errs)
		}
		f, err := excelize.OpenFile(args[1])
		if err != nil {
			t.Fatalf("%s: %v", args[1], err)
		}
		if got := f.GetSheetList(); len(got) < 5 {
			t.Errorf("%s: sheets %q", args[1], got)
		}
		f.Close()
	}

	bad := writeFile(t, dir, "brand.yaml", "firm: Fabrikam\naccent: teal\n")
	out := filepath.Join(dir, "branded.pdf")
	code, _, errs := ssrm(t, "report", in, "-o", out, "--brand", bad)
	if code == 0 || !strings.Contains(errs, bad+":2: accent \"teal\" is not a colour") {
		t.Errorf("bad brand: exit %d, %q", code, errs)
	}
	if _, err := os.Stat(out); err == nil {
		t.Error("a report was written despite the bad brand file")
	}
	good := writeFile(t, dir, "good.yaml", "firm: Fabrikam Security Partners\naccent: \"#1F5FA8\"\ncontact: assess@fabrikam.example\n")
	if code, _, errs := ssrm(t, "report", in, "-o", out, "--brand", good); code != 0 {
		t.Fatalf("report --brand: exit %d: %s", code, errs)
	}
}

// The demo writes its brand file and logo, and they load as --brand does.
func TestDemoBrand(t *testing.T) {
	dir := t.TempDir()
	if code, _, errs := ssrm(t, "demo", "-o", dir); code != 0 {
		t.Fatalf("demo: exit %d: %s", code, errs)
	}
	for _, f := range []string{demoBrandFile, demoLogoFile, "demo-action-plan.xlsx"} {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			t.Errorf("demo did not write %s", f)
		}
	}
	in := filepath.Join(dir, "demo-assessment.json")
	if code, _, errs := ssrm(t, "report", in, "-o", filepath.Join(dir, "again.pdf"), "--brand", filepath.Join(dir, demoBrandFile)); code != 0 {
		t.Fatalf("report --brand demo-brand.yaml: exit %d: %s", code, errs)
	}
	other := t.TempDir()
	code, _, errs := ssrm(t, "demo", "-o", other, "--brand", "none")
	if code != 0 {
		t.Fatalf("demo --brand none: exit %d: %s", code, errs)
	}
	if _, err := os.Stat(filepath.Join(other, demoBrandFile)); err == nil {
		t.Error("demo --brand none wrote the demo brand")
	}
	// a bad brand file of the user's: refused before anything is written
	bad := writeFile(t, t.TempDir(), "b.yaml", "firm: A\ncolor: x\n")
	empty := filepath.Join(t.TempDir(), "out")
	code, _, errs = ssrm(t, "demo", "-o", empty, "--brand", bad)
	if code != 2 || !strings.Contains(errs, bad+`:2: unknown key "color"`) {
		t.Errorf("demo with a bad brand: exit %d, %q", code, errs)
	}
	if _, err := os.Stat(empty); err == nil {
		t.Error("demo wrote files despite the bad brand")
	}
}

// The management response round trip a consultant runs: the workbook goes
// to the client, comes back with responses, `ssrm respond` saves them in
// the assessment, and every later report shows them.
func TestRespondFromWorkbook(t *testing.T) {
	dir := t.TempDir()
	in := demoFile(t, dir)
	plan := filepath.Join(dir, "plan.xlsx")
	if code, _, errs := ssrm(t, "report", in, "-o", plan); code != 0 {
		t.Fatalf("report: exit %d: %s", code, errs)
	}
	edit := func(vals map[string]any) string {
		f, err := excelize.OpenFile(plan)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		rows, _ := f.GetRows(reports.SheetFindings)
		col := map[string]string{}
		for i, h := range rows[0] {
			col[h], _ = excelize.ColumnNumberToName(i + 1)
		}
		for k, v := range vals {
			parts := strings.SplitN(k, "@", 2)
			if err := f.SetCellValue(reports.SheetFindings, col[parts[0]]+parts[1], v); err != nil {
				t.Fatal(err)
			}
		}
		out := filepath.Join(dir, "client.xlsx")
		if err := f.SaveAs(out); err != nil {
			t.Fatal(err)
		}
		return out
	}
	before, _ := os.ReadFile(in)
	bad := edit(map[string]any{"Management response@2": "planned"})
	code, _, errs := ssrm(t, "respond", in, "--from", bad)
	if code == 0 || !strings.Contains(errs, "client.xlsx: Findings!") || !strings.Contains(errs, `(F-01): the response "Agree with plan" needs the date`) {
		t.Errorf("bad workbook: exit %d, %q", code, errs)
	}
	if after, _ := os.ReadFile(in); string(after) != string(before) {
		t.Error("the assessment changed despite the mistake")
	}
	good := edit(map[string]any{"Management response@2": "Planned", "Planned date@2": "2027-03-31", "Response comment@2": "Budget in Q1",
		"Responded by@2": "CFO", "Management response@3": "disagreed", "Response comment@3": "Covered by the MSP contract"})
	code, out, errs := ssrm(t, "respond", in, "--from", good, "--dry-run")
	if code != 0 || !strings.Contains(out, "2 responses would change") {
		t.Fatalf("dry run: exit %d: %s %s", code, out, errs)
	}
	if after, _ := os.ReadFile(in); string(after) != string(before) {
		t.Error("--dry-run saved")
	}
	if code, out, errs = ssrm(t, "respond", in, "--from", good); code != 0 || !strings.Contains(out, "F-01 (") || !strings.Contains(out, "Agree with plan, by 2027-03-31") {
		t.Fatalf("respond: exit %d: %s %s", code, out, errs)
	}
	if code, out, _ = ssrm(t, "respond", in, "--from", good); code != 0 || !strings.Contains(out, "no response changed") {
		t.Errorf("second import: exit %d: %s", code, out)
	}
	md := filepath.Join(dir, "plan.md")
	if code, _, errs := ssrm(t, "report", in, "-o", md); code != 0 {
		t.Fatalf("report md: exit %d: %s", code, errs)
	}
	text, _ := os.ReadFile(md)
	if !strings.Contains(string(text), "Budget in Q1") || !strings.Contains(string(text), "Covered by the MSP contract") {
		t.Error("the Markdown report lacks the imported responses")
	}
	x2 := filepath.Join(dir, "again.xlsx")
	if code, _, errs := ssrm(t, "report", in, "-o", x2); code != 0 {
		t.Fatalf("report xlsx: exit %d: %s", code, errs)
	}
	f, err := excelize.OpenFile(x2)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, _ := f.GetRows(reports.SheetFindings)
	if got := strings.Join(rows[1], "|"); !strings.Contains(got, "|Agree with plan|2027-03-31|Budget in Q1|CFO|") {
		t.Errorf("the new workbook's F-01 row lacks its response: %s", got)
	}
}
