package main

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ssrm/ssrm/questionnaire"
)

// A saved assessment with answers to question ids the bank lacks: before,
// report accepted them silently (998,525 made-up ids were). Now every
// command that reads one warns, with file, line and a suggestion.
func TestReportWarnsOfUnknownQuestionIDs(t *testing.T) {
	b, err := questionnaire.LoadBank(smallBank)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "a.json")
	day := time.Date(2026, 11, 16, 0, 0, 0, 0, time.UTC)
	a := questionnaire.NewAssessment(b, questionnaire.Profile{Organization: "Contoso", Size: "small", Sensitivity: "high", Models: []questionnaire.Model{questionnaire.IaaS}}, day)
	a.SetAnswer("Q-ONE", questionnaire.Answer{Status: questionnaire.Answered, Level: 2}, day)
	a.SetAnswer("Q-TWOO", questionnaire.Answer{Status: questionnaire.Answered, Level: 2}, day)
	for i := 0; i < 30; i++ {
		a.SetAnswer(fmt.Sprintf("ZZ-%02d", i), questionnaire.Answer{Status: questionnaire.Unknown}, day)
	}
	if err := questionnaire.SaveAssessment(path, a); err != nil {
		t.Fatal(err)
	}
	code, _, errs := ssrm(t, "--bank", smallBank, "report", path, "-o", filepath.Join(dir, "r.md"))
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	// the unknown ids, apart from the markers left for the consultant
	var lines []string
	for _, l := range strings.Split(strings.TrimSpace(errs), "\n") {
		if !strings.Contains(l, "[to confirm with the client]") {
			lines = append(lines, l)
		}
	}
	if len(lines) != 21 || !strings.HasPrefix(lines[0], "warning: "+path+":") ||
		!strings.Contains(lines[0], `"Q-TWOO" (did you mean Q-TWO?)`) || !strings.Contains(lines[20], "and 11 more") {
		t.Errorf("warnings:\n%s", errs)
	}
}
