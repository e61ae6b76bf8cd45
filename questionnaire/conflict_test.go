package questionnaire

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// twoWriters starts a file and opens it twice, as two wizards resuming it.
func twoWriters(t *testing.T, pass string) (path string, a, b *Assessment, bank *Bank) {
	t.Helper()
	bank, err := DefaultBank()
	if err != nil {
		t.Fatal(err)
	}
	path = filepath.Join(t.TempDir(), "contoso.json")
	first := NewAssessment(bank, Profile{Organization: "Contoso", Size: "small", Sensitivity: "high", Models: []Model{IaaS}}, day0)
	if pass != "" {
		first.SetPassphrase(pass)
	}
	if err := SaveAssessment(path, first); err != nil {
		t.Fatal(err)
	}
	open := func() *Assessment {
		x, err := LoadAssessmentWith(path, passphrase(pass))
		if err != nil {
			t.Fatal(err)
		}
		return x
	}
	return path, open(), open(), bank
}

func answerAll(t *testing.T, path string, a *Assessment, ids []string, level int, at time.Time) error {
	t.Helper()
	var last error
	for i, id := range ids {
		a.SetAnswer(id, Answer{Status: Answered, Level: level}, at.Add(time.Duration(i)*time.Second))
		if err := SaveAssessment(path, a); err != nil {
			if !errors.Is(err, ErrConflict) {
				t.Fatalf("save %s: %v", id, err)
			}
			last = err
		}
	}
	return last
}

// The case: A answers 5, B (opened before) answers 3, then A goes
// on. Before, B's first save replaced A's 5 answers and A's next save
// removed B's; both screens said "saved".
func TestTwoWritersNeverDropEachOthersAnswers(t *testing.T) {
	for _, pass := range []string{"", "correct horse battery"} {
		name := "plain"
		if pass != "" {
			name = "encrypted"
		}
		t.Run(name, func(t *testing.T) {
			path, a, b, bank := twoWriters(t, pass)
			ids := make([]string, 0, 9)
			for _, q := range bank.Questions[:9] {
				ids = append(ids, q.ID)
			}
			if err := answerAll(t, path, a, ids[:5], 3, day0); err != nil {
				t.Fatalf("A alone: %v", err)
			}
			err := answerAll(t, path, b, ids[5:8], 1, day0.Add(time.Hour))
			var ce *ConflictError
			if !errors.As(err, &ce) || len(ce.Theirs) != 5 || len(ce.Both) != 0 || ce.Side != "" {
				t.Fatalf("B's saves: want a conflict that took A's 5 answers, got %v", err)
			}
			if !strings.Contains(err.Error(), "took 5 answers") {
				t.Errorf("the message does not say what was merged: %v", err)
			}
			err = answerAll(t, path, a, ids[8:9], 2, day0.Add(2*time.Hour))
			if !errors.As(err, &ce) || len(ce.Theirs) != 3 {
				t.Fatalf("A's next save: want B's 3 answers taken, got %v", err)
			}
			got, lerr := LoadAssessmentWith(path, passphrase(pass))
			if lerr != nil {
				t.Fatal(lerr)
			}
			for i, id := range ids {
				want := map[bool]int{true: 3, false: 1}[i < 5]
				if i == 8 {
					want = 2
				}
				if ans, ok := got.Answers[id]; !ok || ans.Level != want {
					t.Errorf("%s: %+v (present %v), want level %d", id, ans, ok, want)
				}
			}
			// B saves again with nothing new from A: no conflict to report,
			// and A's answers stay.
			b.SetAnswer(ids[5], Answer{Status: Answered, Level: 4}, day0.Add(3*time.Hour))
			if err := SaveAssessment(path, b); err == nil || !errors.As(err, &ce) || len(ce.Theirs) != 1 {
				t.Fatalf("B after A's last answer: %v", err)
			}
			b.SetAnswer(ids[6], Answer{Status: Answered, Level: 4}, day0.Add(4*time.Hour))
			if err := SaveAssessment(path, b); err != nil {
				t.Fatalf("B with nothing new on disk: %v", err)
			}
			got, _ = LoadAssessmentWith(path, passphrase(pass))
			if len(got.Answers) != 9 || got.Answers[ids[0]].Level != 3 || got.Answers[ids[6]].Level != 4 {
				t.Fatalf("after B's later saves: %d answers, %+v", len(got.Answers), got.Answers)
			}
		})
	}
}

// Both change the same question: this side's answer stands, both answers
// are recorded for discussion, and the other version is kept whole.
func TestTwoWritersOnOneQuestionKeepBothSides(t *testing.T) {
	path, a, b, bank := twoWriters(t, "")
	id := bank.Questions[0].ID
	a.SetAnswer(id, Answer{Status: Answered, Level: 4, Who: "Ana", Note: "PIM everywhere"}, day0)
	if err := SaveAssessment(path, a); err != nil {
		t.Fatal(err)
	}
	b.SetAnswer(id, Answer{Status: Answered, Level: 1, Who: "Ben"}, day0.Add(time.Minute))
	b.Profile.Sector = "retail"
	a2 := b // keep the name honest below
	err := SaveAssessment(path, a2)
	var ce *ConflictError
	if !errors.As(err, &ce) || len(ce.Both) != 1 || ce.Both[0] != id || ce.Side == "" {
		t.Fatalf("want one question both changed and a side file, got %v", err)
	}
	got, _ := LoadAssessment(path)
	if got.Answers[id].Level != 1 || got.Profile.Sector != "retail" {
		t.Errorf("the saving side's answer should stand: %+v", got.Answers[id])
	}
	if p := got.Pending(); len(p) != 1 || p[0] != id {
		t.Fatalf("pending conflicts %v", p)
	}
	rec := got.Merged[0]
	if len(rec.Answers) != 2 || rec.Answers[0].Participant != "Ben" || rec.Answers[1].Participant != "Ana" || rec.Answers[1].Level != 4 {
		t.Errorf("both answers should be recorded: %+v", rec.Answers)
	}
	side, err := LoadAssessment(ce.Side)
	if err != nil || side.Answers[id].Level != 4 || side.Answers[id].Note != "PIM everywhere" {
		t.Fatalf("side file %s: %v %+v", ce.Side, err, side)
	}
	if filepath.Dir(ce.Side) != filepath.Dir(path) || !strings.Contains(filepath.Base(ce.Side), "contoso.conflict-") {
		t.Errorf("side file name %s", ce.Side)
	}
}

// A writer that is not ssrm (an editor, a sync tool) replaced the file:
// its content is merged the same way.
func TestSaveMergesAnEditByHand(t *testing.T) {
	path, a, _, bank := twoWriters(t, "")
	edited := NewAssessment(bank, a.Profile, day0)
	edited.SetAnswer(bank.Questions[3].ID, Answer{Status: NotApplicable}, day0)
	data, _ := os.ReadFile(path)
	_ = data
	if err := WriteFileAtomic(path, mustJSON(t, edited)); err != nil {
		t.Fatal(err)
	}
	a.SetAnswer(bank.Questions[4].ID, Answer{Status: Unknown}, day0)
	if err := SaveAssessment(path, a); !errors.Is(err, ErrConflict) {
		t.Fatalf("want ErrConflict, got %v", err)
	}
	got, _ := LoadAssessment(path)
	if len(got.Answers) != 2 {
		t.Errorf("answers %+v", got.Answers)
	}
}

// A file that no longer loads (damaged by the other writer) is not
// overwritten, as before.
func TestSaveRefusesToMergeIntoADamagedFile(t *testing.T) {
	path, a, _, _ := twoWriters(t, "")
	if err := os.WriteFile(path, []byte(`{"schema": 2, "answers": {`), 0o600); err != nil {
		t.Fatal(err)
	}
	a.SetAnswer("X", Answer{Status: Unknown}, day0)
	err := SaveAssessment(path, a)
	if err == nil || errors.Is(err, ErrConflict) || !strings.Contains(err.Error(), "refusing to overwrite") {
		t.Fatalf("got %v", err)
	}
}

func mustJSON(t *testing.T, a *Assessment) []byte {
	t.Helper()
	dir := t.TempDir()
	p := filepath.Join(dir, "x.json")
	if err := SaveAssessment(p, a); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// A save that cannot happen (here: the folder is gone, a file stands in
// its place, as a read-only or unmounted folder would refuse it) leaves the
// answers in a recovery file, beside the assessment or in a fallback
// folder, encrypted as the assessment is.
func TestSaveRecoveryWritesANewFile(t *testing.T) {
	b := smallBank(t)
	dir := t.TempDir()
	path := filepath.Join(dir, "shared", "a.json")
	os.MkdirAll(filepath.Dir(path), 0o700)
	a := sampleAssessment(b)
	a.SetPassphrase("correct horse battery")
	if err := SaveAssessment(path, a); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(filepath.Dir(path), filepath.Join(dir, "gone")); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Dir(path), nil, 0o600); err != nil {
		t.Fatal(err)
	}
	a.SetAnswer("Q-THREE", Answer{Status: Answered, Level: 5}, day0)
	if err := SaveAssessment(path, a); err == nil {
		t.Fatal("a save into a folder that is a file succeeded")
	}
	fallback := filepath.Join(dir, "config")
	os.MkdirAll(fallback, 0o700)
	rec, err := SaveRecovery(path, a, fallback)
	if err != nil {
		t.Fatal(err)
	}
	if filepath.Dir(rec) != fallback || !strings.HasPrefix(filepath.Base(rec), "a.recovered-") {
		t.Errorf("recovery file %s", rec)
	}
	got, err := LoadAssessmentWith(rec, passphrase("correct horse battery"))
	if err != nil || got.Answers["Q-THREE"].Level != 5 {
		t.Fatalf("the recovery file does not hold the answer: %v", err)
	}
	// Beside the file when the folder takes it.
	ok := filepath.Join(dir, "gone", "a.json")
	rec2, err := SaveRecovery(ok, a)
	if err != nil || filepath.Dir(rec2) != filepath.Dir(ok) {
		t.Errorf("beside: %s %v", rec2, err)
	}
}
