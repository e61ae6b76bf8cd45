package tui

import (
	"strings"
	"testing"

	q "github.com/ssrm/ssrm/questionnaire"
)

// N goes to the next open question wherever it is: past the end of step 1
// into the Prioritize delivery questions, Fortify and Socialize, with no
// sub-view to find (issue 17).
func TestNextOpenCrossesSteps(t *testing.T) {
	m, _ := resumed(t, ModeSelf, nil, 80, 24)
	total := len(m.questionList())
	if total != 15 {
		t.Fatalf("the path lists %d questions, want the bank's 15 asked", total)
	}
	seen := map[string]bool{}
	for i := 0; i < total; i++ {
		if i > 0 {
			press(m, "N")
		}
		qs, ok := m.screens[m.cur].(questionScreen)
		if !ok {
			t.Fatalf("after %d answers N went to %s, not a question", i, m.screens[m.cur].Title())
		}
		qq := qs.questions().current()
		if seen[qq.ID] {
			t.Fatalf("N came back to %s, already answered", qq.ID)
		}
		seen[qq.ID] = true
		press(m, "2")
		if a := m.Session().a.Answers[qq.ID]; a.Status == "" {
			// a question without level 2 (flash): answer don't know
			press(m, "d")
		}
	}
	if n := m.openLeft(); n != 0 {
		t.Fatalf("%d open after answering through N alone", n)
	}
	press(m, "N")
	if _, ok := m.screens[m.cur].(*reportScreen); !ok {
		t.Fatalf("N with nothing open went to %s, want the report", m.screens[m.cur].Title())
	}
	mustContain(t, view(m), "Every question has an answer")
}

// The navigator lists every question by step and layer with its state,
// and enter goes to the one chosen, on its step and in its sub-view.
func TestNavigatorListsEveryQuestionAndJumps(t *testing.T) {
	m, _ := resumed(t, ModeSelf, map[string]int{"ID-CENTRAL": 3, "APP-VULN-SCAN": -1}, 120, 40)
	press(m, "g")
	v := view(m)
	mustContain(t, v, "Every question · 2 of 15 answered · 13 open", "1 Assess › ", "3 Prioritize › ", "4 Fortify › ", "5 Socialize › ", "● L3", "? d/k", "○ open")
	// only the open ones, then the last: a Socialize question
	press(m, "u", "end", "enter")
	x, ok := m.screens[m.cur].(*socializeScreen)
	if !ok || x.tabs.i != tabQuestions {
		t.Fatalf("enter went to %s", m.screens[m.cur].Title())
	}
	if m.nav != nil {
		t.Fatal("the navigator stayed open")
	}
	// the delivery questions, hidden two views deep before, are listed
	press(m, "g")
	var line string
	for _, l := range strings.Split(view(m), "\n") {
		if strings.Contains(l, "3 Prioritize") {
			line = l
		}
	}
	if line == "" {
		t.Fatal("no Prioritize questions in the list")
	}
	press(m, "esc")
	if m.nav != nil {
		t.Fatal("esc did not close the navigator")
	}
}

// At 80×24 the list is longer than the screen: it scrolls with the cursor
// and says where it is.
func TestNavigatorScrollsWithPosition(t *testing.T) {
	m, _ := resumed(t, ModeSelf, nil, 80, 24)
	press(m, "g")
	mustContain(t, view(m), "↓ lines 1–")
	for range 14 {
		press(m, "down")
	}
	v := view(m)
	mustContain(t, v, "↑", "› ○ open")
	mustNotContain(t, v, "↓ lines")
}

// The report screen is a finish checklist: how many are open and where,
// and the keys that go there.
func TestReportChecklistSaysWhatIsLeft(t *testing.T) {
	m, _ := resumed(t, ModeSelf, map[string]int{"ID-CENTRAL": 3, "DATA-PUBLIC": -1}, 80, 24)
	press(m, "shift+tab")
	v := view(m)
	mustContain(t, v, "13 questions still open", "in 1 Assess", "in 4 Fortify", "N goes to the next", `1 "don't know"`)
	press(m, "N")
	if _, ok := m.screens[m.cur].(*assessScreen); !ok {
		t.Fatalf("N from the report went to %s", m.screens[m.cur].Title())
	}
}

// Writing the report marks the assessment finished.
func TestReportSetsFinished(t *testing.T) {
	bubble(t, func(t *testing.T) {
		m, path := resumed(t, ModeSelf, map[string]int{"ID-CENTRAL": 3}, 80, 24)
		press(m, "shift+tab")
		drain(m, press(m, "enter"))
		a, err := q.LoadAssessment(path)
		if err != nil {
			t.Fatal(err)
		}
		if !a.Finished.Equal(testNow) {
			t.Fatalf("finished = %v, want %v", a.Finished, testNow)
		}
	})
}

// The last question of a step says how many are open elsewhere and how
// to get there, not just "tab".
func TestEndOfStepPointsToWhatIsOpen(t *testing.T) {
	m, _ := resumed(t, ModeSelf, nil, 120, 40)
	for range 9 {
		press(m, "1")
	}
	mustContain(t, view(m), "That was the last question of this step.", "still open: N goes to the next")
}

// The navigator lists the questions in the words the panel uses: the
// plain stems in plain language, the expert's after L.
func TestNavigatorFollowsPlainLanguage(t *testing.T) {
	m := defaultModel(t, ModeSelf, 120, 40)
	press(m, "g")
	v := view(m)
	var pick *q.Question
	for i := range m.Session().Bank.Questions {
		qq := &m.Session().Bank.Questions[i]
		if qq.PlainText != "" && head(qq.PlainText) != head(qq.Text) && strings.Contains(v, head(qq.PlainText)) {
			pick = qq
			break
		}
	}
	if pick == nil {
		t.Fatalf("no plain stem in the navigator:\n%s", v)
	}
	press(m, "esc", "L", "g")
	v = view(m)
	mustContain(t, v, head(pick.Text))
	mustNotContain(t, v, head(pick.PlainText))
}
