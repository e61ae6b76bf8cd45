package tui

import (
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	q "github.com/ssrm/ssrm/questionnaire"
)

// A plan larger than the team's capacity shows its backlog under the
// 30/60/90 view, and its backlog actions carry no due date.
func TestRoadmapShowsTheBacklog(t *testing.T) {
	bubble(t, func(t *testing.T) {
		b, err := q.DefaultBank()
		if err != nil {
			t.Fatal(err)
		}
		answers := map[string]int{}
		for _, qq := range b.Questions {
			answers[qq.ID] = 0
		}
		path := writeAssessment(t, b, ModeSelf, answers)
		m, err := New(testOptions(b, path, t))
		if err != nil {
			t.Fatal(err)
		}
		m.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
		for i := 0; i < 6 && !strings.Contains(view(m), "[3 Prioritize]"); i++ {
			pressDrain(m, "tab")
		}
		pressDrain(m, "v")
		v := view(m)
		mustContain(t, v, "Within 30 days", "After 90 days:", "wait in the backlog")
		mustNotContain(t, v, "1 Jan 0001")
	})
}
