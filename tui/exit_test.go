package tui

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	q "github.com/ssrm/ssrm/questionnaire"
)

// A failed final save quit anyway and the unsaved answers were gone (a
// damaged or newer file is rightly refused; a read-only folder). Now they
// go to a recovery file, which the error names.
func TestFailedFinalSaveWritesARecoveryFile(t *testing.T) {
	m, path := resumed(t, ModeSelf, nil, 80, 24)
	press(m, "3") // answered, not saved yet
	if !m.Session().Dirty() {
		t.Fatal("no unsaved answer")
	}
	damaged := []byte(`{"schema": 1, "answers": {`)
	if err := os.WriteFile(path, damaged, 0o600); err != nil {
		t.Fatal(err)
	}
	err := saveOnExit(m.Session(), t.TempDir())
	if err == nil {
		t.Fatal("the save over a damaged file succeeded")
	}
	rec := regexp.MustCompile(`safe in (\S+): resume with`).FindStringSubmatch(err.Error())
	if rec == nil {
		t.Fatalf("the error names no recovery file: %v", err)
	}
	if filepath.Dir(rec[1]) != filepath.Dir(path) || !strings.Contains(rec[1], ".recovered-") {
		t.Errorf("recovery file %s, want one beside %s", rec[1], path)
	}
	a, lerr := q.LoadAssessment(rec[1])
	if lerr != nil || a.Answers["ID-CENTRAL"].Level != 3 {
		t.Fatalf("the recovery file lacks the answer: %v", lerr)
	}
	if got, _ := os.ReadFile(path); string(got) != string(damaged) {
		t.Error("the damaged file was overwritten")
	}
}
