package tui

import (
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ssrm/ssrm/app"
	q "github.com/ssrm/ssrm/questionnaire"
)

// The pool is made from the bank: at least 40 items on the default bank,
// of the three kinds, each with its answer among its choices and no choice
// twice.
func TestQuizPoolFollowsTheBank(t *testing.T) {
	for _, b := range []*q.Bank{testBank(t), defaultBank(t)} {
		pool := QuizPool(b)
		kinds := map[string]int{}
		for _, it := range pool {
			kinds[it.Kind]++
			if it.Answer < 0 || it.Answer >= len(it.Choices) || len(it.Choices) < 3 {
				t.Fatalf("bad item: %+v", it)
			}
			seen := map[string]bool{}
			for _, c := range it.Choices {
				if seen[c] {
					t.Fatalf("choice %q twice: %+v", c, it)
				}
				seen[c] = true
			}
		}
		if kinds[QuizOwner] == 0 || kinds[QuizKillChain] == 0 || kinds[QuizTerm] == 0 {
			t.Fatalf("pool kinds %v: want all three", kinds)
		}
	}
	if n := len(QuizPool(defaultBank(t))); n < 40 {
		t.Fatalf("default bank pool has %d items, want at least 40", n)
	}
}

// The defect: "Delivery" marked right, then an explanation about
// another phase. The explanation starts with the right answer and names no
// wrong choice as what the control acts on; a term's prompt does not give
// the term away.
func TestQuizExplanationAgreesWithTheAnswer(t *testing.T) {
	b := defaultBank(t)
	for _, it := range QuizPool(b) {
		right := it.Choices[it.Answer]
		if !strings.HasPrefix(it.Why, right+". ") {
			t.Errorf("%q: answer %q but why %q", it.Prompt, right, it.Why)
		}
		if it.Kind == QuizKillChain {
			head := it.Why[:strings.Index(it.Why, ".")+1]
			for i, c := range it.Choices {
				if i != it.Answer && (strings.Contains(it.Why, "denies the "+c+" phase") || strings.Contains(it.Why, "disrupts the "+c+" phase")) {
					t.Errorf("%q: why names the wrong phase %q", it.Prompt, c)
				}
			}
			if !strings.Contains(it.Why, "the "+right+" phase") {
				t.Errorf("%q: why %q does not say the control acts on %s (%s)", it.Prompt, it.Why, right, head)
			}
		}
		if it.Kind == QuizTerm && len(right) > 3 && strings.Contains(strings.ToLower(it.Prompt), strings.ToLower(right)) {
			t.Errorf("term prompt gives %q away: %q", right, it.Prompt)
		}
	}
}

// "Take it again" draws new questions, in a new order: no prompt of the
// first round comes back while the pool has unseen ones.
func TestQuizAgainDrawsNewQuestions(t *testing.T) {
	b := defaultBank(t)
	pool := QuizPool(b)
	r := rand.New(rand.NewPCG(1, 2))
	seen := map[string]bool{}
	first := DrawQuiz(pool, 10, seen, r)
	for _, it := range first {
		seen[it.Prompt] = true
	}
	second := DrawQuiz(pool, 10, seen, r)
	if len(first) != 10 || len(second) != 10 {
		t.Fatalf("rounds of %d and %d items", len(first), len(second))
	}
	for _, it := range second {
		if seen[it.Prompt] {
			t.Errorf("asked again: %q", it.Prompt)
		}
	}
	kinds := map[string]bool{}
	for _, it := range first {
		kinds[it.Kind] = true
	}
	if len(kinds) != 3 {
		t.Errorf("a round of 10 has kinds %v, want all three", kinds)
	}
}

// Several players take turns; each one's right answers are counted and the
// round is saved in the config dir, then shown among the best scores.
func TestQuizPlayersTakeTurnsAndScoresAreSaved(t *testing.T) {
	bubble(t, func(t *testing.T) {
		m, _ := resumed(t, ModeTraining, goldenAnswers, 100, 30)
		x := goToScreen[*socializeScreen](t, m)
		press(m, "v", "v", "v", "e")
		typeText(m, "Ana, Ben")
		if !m.capturing() {
			t.Fatal("typing the players' names does not hold the keyboard")
		}
		press(m, "enter")
		z := &x.quiz
		if len(z.players) != 2 || len(z.items) != 10 {
			t.Fatalf("players %v, %d items", z.players, len(z.items))
		}
		first := map[string]bool{}
		for i := range z.items {
			first[z.items[i].Prompt] = true
			who := "Ana's turn"
			if i%2 == 1 {
				who = "Ben's turn"
			}
			mustContain(t, view(m), who)
			// Ana answers right, Ben wrong
			want := z.items[i].Answer
			if i%2 == 1 {
				want = (want + 1) % len(z.items[i].Choices)
			}
			for j := 0; j < want; j++ {
				press(m, "down")
			}
			press(m, "enter")
			pressDrain(m, "enter")
		}
		v := view(m)
		mustContain(t, v, "Quiz done: 5 of 10 right", "Ana", "5 right", "Ben", "0 right", "Scores saved", "Best scores")
		ss, err := app.LoadQuizScores(m.c.App.RecentDir)
		if err != nil || len(ss) != 2 || ss[0].Player != "Ana" || ss[0].Right != 5 || ss[1].Right != 0 {
			t.Fatalf("saved %+v, %v", ss, err)
		}
		if fi, _ := os.Stat(filepath.Join(m.c.App.RecentDir, "quiz-scores.json")); fi.Mode().Perm() != 0o600 {
			t.Errorf("scores file mode %v", fi.Mode().Perm())
		}
		press(m, "enter")
		for _, it := range z.items {
			if first[it.Prompt] {
				t.Errorf("take it again repeats %q", it.Prompt)
			}
		}
	})
}

// The report screen writes the IT provider's checklist beside the plan,
// through the same queue as the reports.
func TestReportScreenWritesTheHandoff(t *testing.T) {
	bubble(t, func(t *testing.T) {
		m, path := resumed(t, ModeSelf, goldenAnswers, 100, 30)
		r := goToScreen[*reportScreen](t, m)
		for i, f := range r.formats {
			r.chosen[f] = f == handoffMD || f == handoffPDF
			if f == handoffMD {
				r.cursor = i
			}
		}
		mustContain(t, view(m), "IT checklist md", "1 question answered \"don't know\"")
		pressDrain(m, "enter")
		mustContain(t, view(m), "✓ wrote harbour-lane-dental-it-checklist.md", "✓ wrote harbour-lane-dental-it-checklist.pdf")
		dir := filepath.Dir(path)
		data, err := os.ReadFile(filepath.Join(dir, "harbour-lane-dental-it-checklist.md"))
		if err != nil || !strings.Contains(string(data), "ID: DATA-PUBLIC") {
			t.Fatalf("checklist: %v\n%s", err, data)
		}
	})
}

// BenchmarkQuizPool builds the pool from the default bank and draws a
// round: what opening the quiz costs.
func BenchmarkQuizPool(b *testing.B) {
	bank := defaultBank(b)
	r := rand.New(rand.NewPCG(1, 2))
	for b.Loop() {
		DrawQuiz(QuizPool(bank), 10, nil, r)
	}
}
