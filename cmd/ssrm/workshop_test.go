package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ssrm/ssrm/questionnaire"
)

// The facilitator pack end to end: from the demo's answers file, and from
// profile flags over a custom bank; byte-identical for the same --date.
func TestWorkshopPack(t *testing.T) {
	dir := t.TempDir()
	code, out, errs := ssrm(t, "workshop", "pack", "-o", dir, "--answers", "../../assets/demo.yaml", "--start", "13:30")
	if code != 0 {
		t.Fatalf("workshop pack: exit %d: %s", code, errs)
	}
	for _, f := range []string{"agenda.md", "agenda.pdf", "kickoff.pdf", "questions-applications.pdf", "questions-hosts.pdf", "questions-networks.pdf", "questions-foundation.pdf"} {
		data, err := os.ReadFile(filepath.Join(dir, f))
		if err != nil || len(data) == 0 {
			t.Errorf("pack lacks %s: %v", f, err)
			continue
		}
		if strings.HasSuffix(f, ".pdf") && !bytes.HasPrefix(data, []byte("%PDF-")) {
			t.Errorf("%s is not a PDF", f)
		}
	}
	bank, _ := questionnaire.DefaultBank()
	demo, err := demoAssessment(bank)
	if err != nil {
		t.Fatal(err)
	}
	asked := len(questionnaire.Tailor(bank, demo.Profile).Asked)
	if !strings.Contains(out, fmt.Sprintf("%d questions over 2 h", asked)) {
		t.Errorf("pack summary: %s", out)
	}
	md, _ := os.ReadFile(filepath.Join(dir, "agenda.md"))
	for _, want := range []string{"# Workshop agenda: Harbour Lane Dental Group", "| 13:30–13:40 | 10 | Welcome", "Step 5 — Socialize", "| Break |"} {
		if !strings.Contains(string(md), want) {
			t.Errorf("agenda.md lacks %q:\n%s", want, md)
		}
	}

	flags := []string{"--bank", smallBank, "workshop", "pack", "--org", "Contoso Bakery", "--size", "small", "--sensitivity", "moderate", "--models", "iaas,paas", "--date", "2026-12-01"}
	one, two := filepath.Join(dir, "one"), filepath.Join(dir, "two")
	for _, d := range []string{one, two} {
		if code, _, errs := ssrm(t, append(flags, "-o", d)...); code != 0 {
			t.Fatalf("workshop pack with flags: exit %d: %s", code, errs)
		}
	}
	for _, f := range []string{"agenda.pdf", "kickoff.pdf", "questions-applications.pdf"} {
		a, _ := os.ReadFile(filepath.Join(one, f))
		b, _ := os.ReadFile(filepath.Join(two, f))
		if len(a) == 0 || !bytes.Equal(a, b) {
			t.Errorf("%s: missing, or two runs with the same --date differ", f)
		}
	}
	if code, _, errs := ssrm(t, "workshop", "pack", "-o", dir, "--models", "onprem"); code != 2 || !strings.Contains(errs, "iaas, paas or saas") {
		t.Errorf("--models onprem: exit %d, %s", code, errs)
	}
	if code, _, _ := ssrm(t, "workshop", "pack"); code != 2 {
		t.Errorf("workshop pack without -o: exit %d, want 2", code)
	}
}
