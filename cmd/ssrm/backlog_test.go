package main

import (
	"bytes"
	"encoding/csv"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// An assessment with an accepted risk in force (Q-TWO) and one whose
// review date has passed (Q-THREE), owned by someone whose name a
// spreadsheet would run as a formula.
const backlogYAML = `profile: {organization: Contoso Bakery, size: small, sensitivity: moderate, models: [iaas, paas]}
date: 2026-11-20
who: Sam
answers:
  Q-ONE: {level: 1, note: "Basic only"}
  Q-TWO:
    level: 1
    accepted:
      owner: "=HYPERLINK(\"http://evil\")"
      justification: Legacy host until the 2027 upgrade.
      review: 2027-03-31
  Q-THREE:
    level: 2
    accepted:
      owner: CFO
      justification: Budget next year.
      review: 2026-10-01
  Q-FOUR: na
`

func backlogAssessment(t *testing.T) (dir, path string) {
	t.Helper()
	dir = t.TempDir()
	ans := writeFile(t, dir, "answers.yaml", backlogYAML)
	path = filepath.Join(dir, "a.json")
	if code, _, errs := ssrm(t, "--bank", smallBank, "assess", "--answers", ans, "-o", path); code != 0 {
		t.Fatal(errs)
	}
	return dir, path
}

func readCSV(t *testing.T, data []byte) [][]string {
	t.Helper()
	rows, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
	if err != nil {
		t.Fatalf("not CSV: %v\n%s", err, data)
	}
	return rows
}

func TestBacklogAzureDevOps(t *testing.T) {
	dir, a := backlogAssessment(t)
	out := filepath.Join(dir, "ado.csv")
	code, stdout, errs := ssrm(t, "--bank", smallBank, "backlog", a, "--format", "azure-devops", "-o", out)
	if code != 0 || !strings.Contains(stdout, "wrote "+out) {
		t.Fatalf("backlog: %d %s %s", code, stdout, errs)
	}
	data, _ := os.ReadFile(out)
	rows := readCSV(t, data)
	if want := []string{"Work Item Type", "Title", "Description", "Priority", "Assigned To", "Tags", "Target Date"}; !slices.Equal(rows[0], want) {
		t.Fatalf("header %v", rows[0])
	}
	byTitle := map[string][]string{}
	for _, r := range rows[1:] {
		if r[0] != "Task" || !strings.Contains("1234", r[3]) || len(r[3]) != 1 || len(r[6]) != len("2026-12-20") {
			t.Errorf("row %v: type, priority 1-4 and date", r)
		}
		if !strings.HasPrefix(r[5], "ssrm; ") || strings.Contains(r[5], ",") {
			t.Errorf("tags %q are not ;-separated", r[5])
		}
		byTitle[r[1]] = r
	}
	first := byTitle["Do the first thing"]
	if first == nil || first[3] != "1" || !strings.Contains(first[5], "layer: Applications") || !strings.Contains(first[5], "phase: Delivery") ||
		!strings.Contains(first[5], "risk acceptance expired") || !strings.Contains(first[2], "Why it ranks #1") || !strings.Contains(first[2], "Q-ONE: First?") ||
		first[4] != "Identity administrator" {
		t.Errorf("first action: %v", first)
	}
	expired := byTitle["Decide again on the expired risk acceptance of Q-THREE"]
	if expired == nil || expired[3] != "1" || expired[4] != "CFO" || expired[6] != "2026-10-01" {
		t.Errorf("expired acceptance: %v", expired)
	}
	review := byTitle["Review the accepted risk on Q-TWO by 2027-03-31"]
	if review == nil || review[4] != `'=HYPERLINK("http://evil")` || !strings.Contains(review[5], "risk accepted") {
		t.Errorf("risk review (and a defused formula): %v", review)
	}
	if code, _, _ := ssrm(t, "--bank", smallBank, "backlog", a, "--format", "ado", "--work-item-type", "Issue"); code != 0 {
		t.Error("--work-item-type")
	}
}

func TestBacklogGitHub(t *testing.T) {
	_, a := backlogAssessment(t)
	code, stdout, errs := ssrm(t, "--bank", smallBank, "backlog", a, "--format", "github")
	if code != 0 {
		t.Fatal(errs)
	}
	rows := readCSV(t, []byte(stdout))
	if !slices.Equal(rows[0], []string{"title", "body", "labels", "assignee", "milestone"}) {
		t.Fatalf("header %v", rows[0])
	}
	milestones := map[string]bool{}
	for _, r := range rows[1:] {
		if r[3] != "" {
			t.Errorf("assignee must be left empty: %v", r)
		}
		milestones[r[4]] = true
		if !strings.HasPrefix(r[2], "ssrm,") {
			t.Errorf("labels %q", r[2])
		}
	}
	for m := range milestones {
		if !slices.Contains([]string{"30 days", "60 days", "90 days", "Risk reviews"}, m) {
			t.Errorf("milestone %q", m)
		}
	}
	body := rows[1][1]
	for _, want := range []string{"### Why it ranks #1", "| Q-ONE | 2 | 3 |", "Priority = Σ value ÷ effort cost 1", "### Questions it raises", "- **Q-ONE** First?", "Back in the plan"} {
		if !strings.Contains(body, want) {
			t.Errorf("issue body lacks %q:\n%s", want, body)
		}
	}
}

func TestBacklogMarkdown(t *testing.T) {
	dir, a := backlogAssessment(t)
	out := filepath.Join(dir, "backlog.md")
	if code, _, errs := ssrm(t, "--bank", smallBank, "backlog", a, "-o", out); code != 0 {
		t.Fatalf("markdown from the .md extension: %s", errs)
	}
	data, _ := os.ReadFile(out)
	s := string(data)
	for _, want := range []string{
		"# Security backlog: Contoso Bakery",
		// 30 days after 20 November 2026 is a Sunday: due the Monday
		"## Within 30 days\n\n- [ ] Do the first thing (Identity administrator, due 2026-12-21) — priority 1, quick win, risk acceptance expired",
		"- [ ] Decide again on the expired risk acceptance of Q-THREE (CFO, due 2026-10-01)",
		"## Within 60 days", "## Within 90 days",
		"## Accepted risks to review\n\n- [ ] Review the accepted risk on Q-TWO by 2027-03-31",
	} {
		if !strings.Contains(s, want) {
			t.Errorf("markdown lacks %q:\n%s", want, s)
		}
	}
}

func TestBacklogUsageErrors(t *testing.T) {
	_, a := backlogAssessment(t)
	for _, args := range [][]string{
		{"backlog", a, "--format", "jira"},
		{"backlog", a, "-o", "x.csv"},
		{"backlog", a, "--format", "github", "--date", "20-11-2026"},
		{"backlog"},
	} {
		if code, _, errs := ssrm(t, append([]string{"--bank", smallBank}, args...)...); code != 2 || errs == "" {
			t.Errorf("%v: exit %d, %q", args, code, errs)
		}
	}
}
