package questionnaire

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A file over its size limit is refused before it is read, with the limit
// and the file named.
func TestOversizedFilesAreRefused(t *testing.T) {
	b := smallBank(t)
	dir := t.TempDir()
	for _, c := range []struct {
		name  string
		size  int64
		load  func(string) error
		kind  string
		limit string
	}{
		{"a.json", MaxAssessmentSize + 1, func(p string) error { _, err := LoadAssessment(p); return err }, "saved assessments", "64.0 MiB"},
		{"answers.yaml", MaxAnswersSize + 1, func(p string) error { _, err := LoadAnswers(p, b); return err }, "answers files", "32.0 MiB"},
		{"bank.yaml", MaxBankSize + 1, func(p string) error { _, err := LoadBank(p); return err }, "question banks", "32.0 MiB"},
	} {
		p := filepath.Join(dir, c.name)
		f, err := os.Create(p)
		if err != nil {
			t.Fatal(err)
		}
		if err := f.Truncate(c.size); err != nil { // sparse: no disk used
			t.Fatal(err)
		}
		f.Close()
		err = c.load(p)
		var tl *TooLargeError
		if !errors.As(err, &tl) || !strings.Contains(err.Error(), p) || !strings.Contains(err.Error(), c.kind+" up to "+c.limit) {
			t.Errorf("%s: %v", c.name, err)
		}
	}
	// A folder given as a file says so.
	if _, err := LoadAssessment(dir); err == nil || !strings.Contains(err.Error(), "is a folder") {
		t.Errorf("folder: %v", err)
	}
}

// Answers to question ids the bank lacks are reported with file, line and
// a suggestion, and a flood of them is counted, not listed.
func TestUnknownQuestionIDsAreReported(t *testing.T) {
	b := smallBank(t)
	path := filepath.Join(t.TempDir(), "a.json")
	a := sampleAssessment(b)
	a.SetAnswer("Q-ONEE", Answer{Status: Answered, Level: 1}, day0)
	for i := 0; i < 500; i++ {
		a.SetAnswer(fmt.Sprintf("Z-MADE-UP-%04d", i), Answer{Status: Unknown}, day0)
	}
	if err := SaveAssessment(path, a); err != nil {
		t.Fatal(err)
	}
	plain, err := LoadAssessment(path)
	if err != nil || len(plain.Unknown()) != 0 {
		t.Fatalf("without a bank nothing is checked: %v %v", err, plain.Unknown())
	}
	got, err := LoadAssessmentWith(path, LoadOptions{Bank: b})
	if err != nil {
		t.Fatal(err)
	}
	ps := got.Unknown()
	if len(ps) != maxNamed+1 {
		t.Fatalf("%d problems, want %d named and a count", len(ps), maxNamed)
	}
	var typo *Problem
	for i := range ps {
		if strings.Contains(ps[i].Msg, `"Q-ONEE"`) {
			typo = &ps[i]
		}
	}
	data, _ := os.ReadFile(path)
	if typo == nil || !strings.Contains(typo.Msg, "did you mean Q-ONE?") || typo.Line != lineOf(data, `"Q-ONEE": {`) {
		t.Errorf("the typo's problem: %+v", typo)
	}
	if last := ps[len(ps)-1]; !strings.Contains(last.Msg, "and 481 more") {
		t.Errorf("the count: %+v", last)
	}
}

func lineOf(data []byte, s string) int {
	i := strings.Index(string(data), s)
	if i < 0 {
		return -1
	}
	return 1 + strings.Count(string(data[:i]), "\n")
}
