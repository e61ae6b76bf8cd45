package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
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
	if code, _, errs := ssrm(t, "demo", "-o", other, "--brand", "none"); code != 0 {
		t.Fatalf("demo --brand none: exit %d: %s", code, errs)
	}
	if _, err := os.Stat(filepath.Join(other, demoBrandFile)); err == nil {
		t.Error("demo --brand none wrote the demo brand")
	}
}
