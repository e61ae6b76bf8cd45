package tui

import (
	"testing"
)

// Answers given after a look at Prioritize change the plan: the next look
// says what moved, in words and by the ranks (issue 17).
func TestPrioritizeSaysWhatMoved(t *testing.T) {
	m, _ := resumed(t, ModeSelf, goldenAnswers, 120, 40)
	goToScreen[*prioritizeScreen](t, m)
	mustNotContain(t, view(m), "Since you last looked")
	// HOST-OS-EOL was 4: answered 0 in step 1, its action climbs
	m.Update(showQuestionMsg{id: "HOST-OS-EOL"})
	press(m, "0")
	goToScreen[*prioritizeScreen](t, m)
	v := view(m)
	mustContain(t, v, "Since you last looked, from your answers: 1 up (↑)", "6↑     Replace or upgrade end-of-support")
	// a decision of one's own is not reported as a move
	press(m, "a")
	mustNotContain(t, view(m), "Since you last looked")
	// a look with nothing changed says nothing new
	press(m, "tab")
	press(m, "shift+tab")
	mustNotContain(t, view(m), "Since you last looked")
}

// While questions are open anywhere, the plan says it is ranked from the
// answers so far and will move.
func TestPrioritizeSaysItIsProvisional(t *testing.T) {
	m, _ := resumed(t, ModeSelf, goldenAnswers, 120, 40)
	goToScreen[*prioritizeScreen](t, m)
	mustContain(t, view(m), "Ranked from the answers so far: 8 questions still open (N goes there).")
}
