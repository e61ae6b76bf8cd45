package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ssrm/ssrm/questionnaire"
)

// earlierDemos writes the demo and two earlier versions of it (a quarter
// and half a year before, answers a level lower each time, the OS
// end-of-life risk not yet accepted) and returns their paths, oldest first.
func earlierDemos(t *testing.T, dir string) []string {
	t.Helper()
	cur := demoFile(t, dir)
	var out []string
	for _, months := range []int{6, 3} {
		a, err := questionnaire.LoadAssessment(cur)
		if err != nil {
			t.Fatal(err)
		}
		drop := months / 3
		for id, ans := range a.Answers {
			if ans.Status == questionnaire.Answered && ans.Level > 0 {
				ans.Level = max(0, ans.Level-drop)
			}
			if id == "HOST-OS-EOL" {
				ans.Exception = nil
			}
			a.Answers[id] = ans
		}
		a.Started = a.Started.AddDate(0, -months, 0)
		a.Updated = a.Updated.AddDate(0, -months, 0)
		p := filepath.Join(dir, "q"+time.Month(12-months).String()+".json")
		if err := questionnaire.SaveAssessment(p, a); err != nil {
			t.Fatal(err)
		}
		out = append(out, p)
	}
	return append(out, cur)
}

func TestComparePDFAndTrend(t *testing.T) {
	dir := t.TempDir()
	files := earlierDemos(t, dir)

	pdf := filepath.Join(dir, "cmp.pdf")
	if code, out, errs := ssrm(t, "compare", files[1], files[2], "-o", pdf); code != 0 || !strings.Contains(out, "wrote "+pdf) {
		t.Fatalf("compare -o x.pdf: exit %d: %s", code, errs)
	}
	data, _ := os.ReadFile(pdf)
	if !bytes.HasPrefix(data, []byte("%PDF-")) {
		t.Fatalf("compare -o x.pdf did not write a PDF")
	}
	again := filepath.Join(dir, "again.pdf")
	if code, _, errs := ssrm(t, "compare", files[2], files[1], "-o", again); code != 0 {
		t.Fatal(errs)
	}
	if b, _ := os.ReadFile(again); !bytes.Equal(data, b) {
		t.Error("the order of the files on the command line changed the PDF (they are sorted by date)")
	}

	code, md, errs := ssrm(t, "compare", files[0], files[1], files[2])
	if code != 0 {
		t.Fatalf("compare A B C: %s", errs)
	}
	for _, want := range []string{"# Progress since 2026-08-26", "## Trend across 3 assessments", "| 2026-05-26 |", "Accepted since: HOST-OS-EOL", "Expired (back in the plan): NET-EXPOSURE"} {
		if !strings.Contains(md, want) {
			t.Errorf("compare A B C (Markdown) lacks %q:\n%s", want, md)
		}
	}
	trend := filepath.Join(dir, "trend.pdf")
	if code, _, errs := ssrm(t, "compare", files[0], files[1], files[2], "-o", trend); code != 0 {
		t.Fatal(errs)
	}
	if code, _, errs := ssrm(t, "compare", files[0], files[1], "-o", filepath.Join(dir, "x.docx")); code != 2 || !strings.Contains(errs, ".pdf") {
		t.Errorf("compare -o x.docx: exit %d, %s", code, errs)
	}

	plan := filepath.Join(dir, "plan.md")
	if code, _, errs := ssrm(t, "report", files[2], "--baseline", files[0], "--baseline", files[1], "-o", plan); code != 0 {
		t.Fatalf("report --baseline: %s", errs)
	}
	text, _ := os.ReadFile(plan)
	for _, want := range []string{"## Progress since 26 August 2026", "### Trend across 3 assessments", "## Shared responsibility"} {
		if !strings.Contains(string(text), want) {
			t.Errorf("report --baseline (Markdown) lacks %q", want)
		}
	}
	one, two := filepath.Join(dir, "p1.pdf"), filepath.Join(dir, "p2.pdf")
	for _, out := range []string{one, two} {
		if code, _, errs := ssrm(t, "report", files[2], "--baseline", files[1], "-o", out, "--date", "2026-11-20"); code != 0 {
			t.Fatalf("report --baseline -o x.pdf: %s", errs)
		}
	}
	a, _ := os.ReadFile(one)
	b, _ := os.ReadFile(two)
	if !bytes.Equal(a, b) {
		t.Error("report --baseline: two runs differ")
	}
}
