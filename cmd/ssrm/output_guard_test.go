package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A report, comparison or backlog written over a saved assessment would
// destroy it (no .bak is kept for reports): every such command refuses, and
// the assessment stays byte for byte as it was.
func TestOutputNeverReplacesAnAssessment(t *testing.T) {
	dir := t.TempDir()
	a := demoFile(t, dir)
	other := filepath.Join(dir, "other.json")
	orig, err := os.ReadFile(a)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(other, orig, 0o600); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		args []string
		file string
	}{
		{"report over its input", []string{"report", a, "-o", a}, a},
		{"report json over another assessment", []string{"report", a, "-o", other}, other},
		{"report over its baseline", []string{"report", a, "--baseline", other, "-o", other, "--format", "md"}, other},
		{"compare over an input", []string{"compare", a, other, "-o", other, "--format", "md"}, other},
		{"backlog over its input", []string{"backlog", a, "--format", "github", "-o", a}, a},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, _, errs := ssrm(t, tc.args...)
			if code == 0 {
				t.Fatalf("exit 0: the assessment was replaced")
			}
			if !strings.Contains(errs, tc.file) || !strings.Contains(errs, "another -o") {
				t.Errorf("error does not name the file and the way out: %q", errs)
			}
			got, _ := os.ReadFile(tc.file)
			if !bytes.Equal(got, orig) {
				t.Errorf("%s changed", tc.file)
			}
		})
	}
	// Writing a report over an earlier report is still fine.
	out := filepath.Join(dir, "plan.json")
	for i := 0; i < 2; i++ {
		if code, _, errs := ssrm(t, "report", a, "-o", out); code != 0 {
			t.Fatalf("report run %d: %s", i+1, errs)
		}
	}
}
