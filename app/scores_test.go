package app

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestQuizScoresSavedPrivatelyAndKeptBounded(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "cfg")
	when := time.Date(2026, 11, 16, 10, 0, 0, 0, time.UTC)
	if err := AddQuizScores(dir, []QuizScore{{Player: "Ana", Right: 4, Of: 5, When: when}, {Player: "Ben", Right: 5, Of: 5, When: when}}); err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(filepath.Join(dir, quizScoresFile))
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o600 {
		t.Errorf("scores file mode %v, want 0600", fi.Mode().Perm())
	}
	for i := 0; i < MaxQuizScores; i++ {
		if err := AddQuizScores(dir, []QuizScore{{Player: "x", Right: 1, Of: 10, When: when.Add(time.Duration(i) * time.Minute)}}); err != nil {
			t.Fatal(err)
		}
	}
	ss, err := LoadQuizScores(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(ss) != MaxQuizScores || ss[0].Player != "x" {
		t.Fatalf("%d scores kept, first %q: want the newest %d", len(ss), ss[0].Player, MaxQuizScores)
	}
	best := BestQuizScores([]QuizScore{{Player: "a", Right: 3, Of: 4}, {Player: "b", Right: 5, Of: 5}, {Player: "c", Right: 1, Of: 1}}, 2)
	if best[0].Player != "b" || best[1].Player != "c" {
		t.Errorf("best = %+v, want b (5/5) then c (1/1)", best)
	}
}

func TestDamagedScoresFileIsNotOverwritten(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, quizScoresFile)
	os.WriteFile(path, []byte("{not json"), 0o600)
	err := AddQuizScores(dir, []QuizScore{{Player: "Ana", Right: 1, Of: 1}})
	if err == nil || !strings.Contains(err.Error(), path) {
		t.Fatalf("err = %v, want one naming %s", err, path)
	}
	if data, _ := os.ReadFile(path); string(data) != "{not json" {
		t.Errorf("damaged file rewritten: %q", data)
	}
}
