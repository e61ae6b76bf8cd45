package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestReportFindingsReconcileWithAzureCheck: `ssrm azure check` lists one
// result per resource; the report counts checks, the questions they sit on
// and the resources they cover. For the same snapshot the report's failing
// resources are the failing results azure check lists for those checks, and
// every format says what it counts.
func TestReportFindingsReconcileWithAzureCheck(t *testing.T) {
	out, stderr, code := runCLI(t, "azure", "check", "--snapshot", fixtures, "--format", "json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var fs []struct{ Check, Status string }
	if err := json.Unmarshal([]byte(out), &fs); err != nil {
		t.Fatal(err)
	}
	perCheck := map[string]map[string]int{}
	for _, f := range fs {
		if perCheck[f.Check] == nil {
			perCheck[f.Check] = map[string]int{}
		}
		perCheck[f.Check][f.Status]++
	}

	dir := t.TempDir()
	answers := filepath.Join(dir, "answers.yaml")
	os.WriteFile(answers, []byte("profile: {organization: Contoso, size: small, sensitivity: high, models: [iaas, paas, saas], services: [virtual-machines, app-service, sql, storage, key-vault, aks, m365]}\nanswers:\n  ID-MFA-ADMIN: 4\n"), 0o600)
	a := filepath.Join(dir, "a.json")
	if _, stderr, code := runCLI(t, "assess", "--answers", answers, "--evidence", fixtures, "-o", a); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	rj := filepath.Join(dir, "r.json")
	rm := filepath.Join(dir, "r.md")
	for _, o := range []string{rj, rm} {
		if _, stderr, code := runCLI(t, "report", a, "-o", o); code != 0 {
			t.Fatalf("report %s: exit %d: %s", o, code, stderr)
		}
	}
	data, _ := os.ReadFile(rj)
	var rep struct {
		Findings struct {
			FailChecks    int    `json:"failing_checks"`
			FailQuestions int    `json:"failing_questions"`
			FailResources int    `json:"failing_resources"`
			Pass          int    `json:"pass"`
			PassResources int    `json:"passing_resources"`
			Summary       string `json:"summary"`
		} `json:"findings"`
		Questions []struct {
			Proof []struct{ Source, Check, Status string } `json:"evidence_items"`
		} `json:"questions"`
	}
	if err := json.Unmarshal(data, &rep); err != nil {
		t.Fatal(err)
	}
	failing, passing := map[string]bool{}, map[string]bool{}
	entries := 0
	for _, qq := range rep.Questions {
		for _, e := range qq.Proof {
			if e.Source == "live" && e.Status == "fail" {
				failing[e.Check] = true
				entries++
			}
			if e.Source == "live" && e.Status == "pass" {
				passing[e.Check] = true
			}
		}
	}
	wantFail, wantPass := 0, 0
	for c := range failing {
		wantFail += perCheck[c]["fail"]
	}
	for c := range passing {
		wantPass += perCheck[c]["pass"]
	}
	f := rep.Findings
	if len(failing) == 0 || entries <= len(failing) {
		t.Fatalf("fixture no longer has a check on several questions: %d checks, %d entries", len(failing), entries)
	}
	if f.FailChecks != len(failing) || f.FailResources != wantFail || f.Pass != len(passing) || f.PassResources != wantPass {
		t.Errorf("report counts %+v; azure check: %d failing checks with %d failing resources, %d passing checks with %d resources",
			f, len(failing), wantFail, len(passing), wantPass)
	}
	want := fmt.Sprintf("%d failing checks on %d questions, covering %d failing resources", f.FailChecks, f.FailQuestions, f.FailResources)
	if !strings.HasPrefix(f.Summary, want) {
		t.Errorf("JSON summary %q, want it to begin %q", f.Summary, want)
	}
	md, _ := os.ReadFile(rm)
	if !strings.Contains(string(md), "Live evidence: "+want) || !strings.Contains(string(md), "| Live findings | "+want) {
		t.Errorf("Markdown does not say %q", want)
	}
}
