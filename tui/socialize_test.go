package tui

import (
	"strings"
	"testing"

	"github.com/ssrm/ssrm/reports"
)

// The training triggers wrap at 80 columns instead of being cut.
func TestSocializeTriggersWrap(t *testing.T) {
	m, _ := resumed(t, ModeSelf, goldenAnswers, 80, 24)
	press(m, "shift+tab", "shift+tab", "v")
	v := view(m)
	mustContain(t, strings.Join(strings.Fields(v), " "), "Also after: "+strings.Join(reports.TrainingTriggers(m.Session().a.Profile.Sector), "; "))
	mustContain(t, v, "(access removed the same day)")
}

// At the end of the quiz enter starts it again: the footer says so, not
// "answer".
func TestQuizEndFooter(t *testing.T) {
	m, _ := resumed(t, ModeTraining, goldenAnswers, 80, 24)
	press(m, "shift+tab", "shift+tab", "v", "v", "v", "enter")
	mustContain(t, view(m), "enter answer")
	x := screenOf[*socializeScreen](m)
	press(m, "enter")
	mustContain(t, view(m), "enter next")
	mustNotContain(t, view(m), "enter answer")
	for !x.quiz.done() {
		press(m, "enter")
	}
	v := view(m)
	mustContain(t, v, "Quiz done", "enter take it again")
	mustNotContain(t, v, "enter answer", "↑ up")
}
