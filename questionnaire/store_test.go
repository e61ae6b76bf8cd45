package questionnaire

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

var day0 = time.Date(2026, 11, 16, 9, 0, 0, 0, time.UTC)

func smallBank(t testing.TB) *Bank {
	t.Helper()
	b, err := LoadBank("testdata/small-bank.yaml")
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func sampleAssessment(b *Bank) *Assessment {
	a := NewAssessment(b, Profile{Organization: "Zoë Ærø — Łódź", Size: "small", Sensitivity: "high", Models: []Model{IaaS, PaaS}}, day0)
	a.SetAnswer("Q-ONE", Answer{Status: Answered, Level: 3, Note: "MFA for admins", Who: "Sam"}, day0)
	a.SetAnswer("Q-TWO", Answer{Status: Unknown}, day0)
	return a
}

func TestSaveAndLoadRoundTrip(t *testing.T) {
	b := smallBank(t)
	path := filepath.Join(t.TempDir(), "a.json")
	a := sampleAssessment(b)
	if err := SaveAssessment(path, a); err != nil {
		t.Fatal(err)
	}
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if mode := info.Mode().Perm(); mode != 0o600 {
		t.Errorf("mode %o, want 0600", mode)
	}
	got, err := LoadAssessment(path)
	if err != nil {
		t.Fatal(err)
	}
	if got.Profile.Organization != a.Profile.Organization || got.Answers["Q-ONE"].Note != "MFA for admins" ||
		got.Answers["Q-TWO"].Status != Unknown || !got.Answers["Q-ONE"].When.Equal(day0) {
		t.Errorf("round trip lost data: %+v", got)
	}
	if got.Schema != SchemaVersion || got.Bank.Checksum != b.Checksum() {
		t.Errorf("schema %d, bank %+v", got.Schema, got.Bank)
	}
	entries, _ := os.ReadDir(filepath.Dir(path))
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".tmp") {
			t.Errorf("temporary file left behind: %s", e.Name())
		}
	}
}

func TestSaveKeepsPreviousVersionAsBak(t *testing.T) {
	b := smallBank(t)
	path := filepath.Join(t.TempDir(), "a.json")
	a := sampleAssessment(b)
	if err := SaveAssessment(path, a); err != nil {
		t.Fatal(err)
	}
	first, _ := os.ReadFile(path)
	a.SetAnswer("Q-THREE", Answer{Status: Answered, Level: 2}, day0.Add(time.Minute))
	if err := SaveAssessment(path, a); err != nil {
		t.Fatal(err)
	}
	bak, err := os.ReadFile(path + ".bak")
	if err != nil {
		t.Fatalf("no backup: %v", err)
	}
	if string(bak) != string(first) {
		t.Error("backup is not the previous version")
	}
	got, err := LoadAssessment(path)
	if err != nil || got.Answers["Q-THREE"].Level != 2 {
		t.Fatalf("new answer not saved: %v", err)
	}
}

func TestSaveRefusesToOverwriteWhatDoesNotLoad(t *testing.T) {
	b := smallBank(t)
	for name, content := range map[string]string{
		"damaged": `{"schema": 1, "answers": {`,
		"newer":   `{"schema": 99, "answers": {}}`,
		"foreign": `{"hello": "world"}`,
	} {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "a.json")
			if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
				t.Fatal(err)
			}
			err := SaveAssessment(path, sampleAssessment(b))
			if err == nil || !strings.Contains(err.Error(), "refusing to overwrite") {
				t.Fatalf("want refusal, got %v", err)
			}
			after, _ := os.ReadFile(path)
			if string(after) != content {
				t.Error("the file was changed")
			}
		})
	}
}

func TestLoadAssessmentErrors(t *testing.T) {
	dir := t.TempDir()
	cases := []struct {
		name, content, want string
		line                int
		newer               bool
	}{
		{"empty", "", "empty", 1, false},
		{"syntax", "{\n  \"schema\": 1,\n  \"answers\": {,\n}", "damaged", 3, false},
		{"newer", `{"schema": 99}`, "upgrade ssrm", 0, true},
		{"not ours", `{"profile": {}}`, "not an ssrm assessment", 1, false},
		{"bad level", "{\n\"schema\": 1,\n\"answers\": {\n \"Q-ONE\": {\"status\": \"answered\", \"level\": 9}\n}}", "out of range", 4, false},
		{"bad status", "{\"schema\": 1, \"answers\": {\"Q-ONE\": {\"status\": \"maybe\"}}}", "unknown status", 1, false},
		{"wrong type", "{\"schema\": 1,\n \"answers\": []}", "answers", 2, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			path := filepath.Join(dir, strings.ReplaceAll(c.name, " ", "-")+".json")
			if err := os.WriteFile(path, []byte(c.content), 0o600); err != nil {
				t.Fatal(err)
			}
			_, err := LoadAssessment(path)
			if err == nil {
				t.Fatal("loaded")
			}
			if !strings.Contains(err.Error(), path) || !strings.Contains(err.Error(), c.want) {
				t.Errorf("error %q should name %s and say %q", err, path, c.want)
			}
			if c.newer != errors.Is(err, ErrNewerSchema) {
				t.Errorf("ErrNewerSchema: %v", err)
			}
			if ps, ok := AsProblems(err); ok && c.line > 0 && ps[0].Line != c.line {
				t.Errorf("line %d, want %d", ps[0].Line, c.line)
			}
		})
	}
}

func TestFirstUnansweredSkipsToWhereTheUserLeft(t *testing.T) {
	b := smallBank(t)
	a := sampleAssessment(b)
	qs := Tailor(b, a.Profile).Asked
	if i := a.FirstUnanswered(qs); qs[i].ID != "Q-THREE" {
		t.Errorf("resume at %s, want Q-THREE", qs[i].ID)
	}
	a.SetAnswer("Q-ONE", Answer{Status: Answered, Level: 1, Parked: true}, day0)
	if i := a.FirstUnanswered(qs); qs[i].ID != "Q-ONE" {
		t.Errorf("a parked question is where to resume; got %s", qs[i].ID)
	}
}

// TestOldContradictionNotesDropped opens a file saved when contradictions
// were written into the live evidence's detail: the note goes on load (it
// is worked out when shown, from the answer and the evidence), and the
// next save writes the detail without it. A note typed by hand keeps its
// words.
func TestOldContradictionNotesDropped(t *testing.T) {
	data, err := os.ReadFile("testdata/contradiction-note.json")
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "old.json")
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	a, err := LoadAssessment(path)
	if err != nil {
		t.Fatal(err)
	}
	evs := a.Evidence["NET-EXPOSURE"]
	if got, want := evs[0].Detail, "Management ports open to the internet — 1 of 1 fail: web-nsg: allows 3389 from *"; got != want {
		t.Fatalf("live detail = %q, want %q", got, want)
	}
	if !strings.HasPrefix(evs[1].Detail, "Evidence contradicts the answer") {
		t.Fatalf("a hand-written note lost its words: %q", evs[1].Detail)
	}
	a.Answers["NET-EXPOSURE"] = Answer{Status: Answered, Level: 3}
	if err := SaveAssessment(path, a); err != nil {
		t.Fatal(err)
	}
	saved, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(string(saved), "Evidence contradicts the answer"); n != 1 {
		t.Fatalf("the saved file has %d contradiction notes, want only the hand-written one:\n%s", n, saved)
	}
}
