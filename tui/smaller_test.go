package tui

import (
	"fmt"
	"strings"
	"testing"

	q "github.com/ssrm/ssrm/questionnaire"

	"github.com/charmbracelet/huh"
	"github.com/charmbracelet/x/ansi"
)

// H lists every key of a workshop question, w and P included (they were
// cut off the bottom of a column longer than the help's six lines).
func TestFullHelpListsWorkshopKeys(t *testing.T) {
	for _, sz := range [][2]int{{80, 24}, {120, 40}} {
		m, _ := resumed(t, ModeWorkshop, nil, sz[0], sz[1])
		press(m, "H")
		v := view(m)
		mustContain(t, v, "w speaker", "P next parked", "p park", "all questions", "next open", "keys")
		if sz[0] >= 100 {
			mustContain(t, v, "save & quit", "page down")
		}
		if n := len(strings.Split(v, "\n")); n > sz[1] {
			t.Fatalf("%d lines, more than %d", n, sz[1])
		}
	}
}

// Kill chain › enter › question: esc goes back to the kill chain, on the
// same square's list (there was no way back).
func TestEscBackFromAQuestionOpenedInTheKillChain(t *testing.T) {
	bubble(t, func(t *testing.T) {
		m, _ := resumed(t, ModeSelf, goldenAnswers, 120, 40)
		k := goToScreen[*killChainScreen](t, m)
		press(m, "down", "down", "down", "enter")
		drain(m, press(m, "enter"))
		if _, ok := m.screens[m.cur].(*assessScreen); !ok {
			t.Fatal("enter did not open the question")
		}
		mustContain(t, view(m), "esc goes back to Kill chain")
		press(m, "3") // answer it
		press(m, "esc")
		if m.screens[m.cur] != Screen(k) || !k.detail {
			t.Fatalf("esc went to %s (controls list open: %v)", m.screens[m.cur].Title(), k.detail)
		}
		// once back, esc is the kill chain's own again
		press(m, "esc")
		if k.detail || m.screens[m.cur] != Screen(k) {
			t.Fatal("esc did not close the list")
		}
	})
}

// done or defer in Prioritize keeps the cursor on the action decided,
// wherever it moves to (it landed on another action).
func TestPrioritizeCursorFollowsTheDecidedAction(t *testing.T) {
	m, _ := resumed(t, ModeSelf, goldenAnswers, 120, 40)
	p := goToScreen[*prioritizeScreen](t, m)
	for _, k := range []string{"d", "c"} {
		press(m, "home")
		id := p.items[p.table.Cursor()].Action.ID
		press(m, k)
		if got := p.items[p.table.Cursor()].Action.ID; got != id {
			t.Fatalf("%s: cursor on %s, want %s (the action decided)", k, got, id)
		}
		if p.table.Cursor() == 0 {
			t.Fatalf("%s: the action did not move to its group", k)
		}
		press(m, k) // undo
	}
}

// The data sensitivities are offered from least to most sensitive:
// "critical" came before "high" (both target 4, sorted by name).
func TestSensitivityInOrder(t *testing.T) {
	got := strings.Join(sensitivityOrder(defaultBank(t)), " ")
	if got != "low moderate high critical" {
		t.Fatalf("order %q", got)
	}
}

// Without colour the chosen Yes/No button is marked: bracketed and in
// reverse video (they looked the same).
func TestNoColorConfirmMarksTheChoice(t *testing.T) {
	var yes bool
	f := huh.NewForm(huh.NewGroup(huh.NewConfirm().Title("Go?").Affirmative("Yes").Negative("No").Value(&yes))).
		WithTheme(huhTheme(&Common{NoColor: true}))
	f.Init()
	v := ansi.Strip(f.View())
	if !strings.Contains(v, "[No]") || strings.Contains(v, "[Yes]") {
		t.Fatalf("no mark on the chosen button:\n%s", v)
	}
}

// A due date already past is kept but said; the example of the format is
// a date ahead, not one in the past.
func TestPastDueDateIsSaid(t *testing.T) {
	m, _ := resumed(t, ModeSelf, goldenAnswers, 120, 40)
	goToScreen[*prioritizeScreen](t, m)
	press(m, "u")
	typeText(m, "31/12/2026")
	press(m, "enter")
	mustContain(t, view(m), "for example 2026-12-16")
	for range 10 {
		press(m, "backspace")
	}
	typeText(m, "2026-01-31")
	press(m, "enter")
	mustContain(t, view(m), "Due 31 Jan 2026 is already past")
	press(m, "down")
	mustNotContain(t, view(m), "already past")
}

// The review date's placeholder reads as an instruction, not as a date
// already filled in.
func TestReviewDatePlaceholderIsAnInstruction(t *testing.T) {
	bubble(t, func(t *testing.T) {
		m, _ := resumed(t, ModeSelf, map[string]int{"ID-CENTRAL": 1}, 80, 24)
		press(m, "left")
		pressDrain(m, "r")
		typeText(m, "Ana")
		pressDrain(m, "enter")
		typeText(m, "Replacing it in spring")
		pressDrain(m, "enter")
		mustContain(t, view(m), "type a date, e.g. 2027-05-16")
	})
}

// An average between two levels says it was rounded, and which way.
func TestMergeAverageSaysItRounded(t *testing.T) {
	c := q.Conflict{QuestionID: "X", Votes: []q.Vote{
		{Participant: "Ana", Answer: q.Answer{Status: q.Answered, Level: 1}},
		{Participant: "Ben", Answer: q.Answer{Status: q.Answered, Level: 2}},
	}}
	r, err := q.Resolve(c, q.Choice{Kind: q.ChooseAverage})
	if err != nil {
		t.Fatal(err)
	}
	if got := averageHow(r); got != fmt.Sprintf("average 1.5, rounded down to %d (maturity levels are whole)", r.Answer.Level) {
		t.Fatalf("%q", got)
	}
	c.Votes[1].Level = 3
	r, _ = q.Resolve(c, q.Choice{Kind: q.ChooseAverage})
	if got := averageHow(r); got != "average" {
		t.Fatalf("a whole average: %q", got)
	}
}

// A settled conflict is marked as settled; an open one as open.
func TestMergeMarksSettledConflicts(t *testing.T) {
	bubble(t, func(t *testing.T) {
		m, _ := mergeModel(t, 80, 24)
		drain(m, press(m, "enter"))
		mustContain(t, view(m), "Conflict 1 of 2 · open")
		press(m, "1") // Priya's answer
		press(m, "left")
		v := view(m)
		mustContain(t, v, "Conflict 1 of 2 ✓ settled", "Settled: Priya's answer")
	})
}
