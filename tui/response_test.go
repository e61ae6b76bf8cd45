package tui

import (
	"testing"

	q "github.com/ssrm/ssrm/questionnaire"
)

// A management response typed on the Report screen is stored on the
// finding's question, shows in the list, and a planned one needs a date.
func TestManagementResponseForm(t *testing.T) {
	bubble(t, func(t *testing.T) {
		m, _ := resumed(t, ModeSelf, goldenAnswers, 80, 24)
		pressDrain(m, "shift+tab", "m")
		mustContain(t, view(m), "Management responses to the findings", "F-01", "no response")
		pressDrain(m, "enter")
		// planned, without a date: refused with the reason
		pressDrain(m, "down", "down", "enter", "enter")
		typeText(m, "Bastion in January")
		pressDrain(m, "enter")
		typeText(m, "Tom (IT)")
		pressDrain(m, "enter")
		mustContain(t, view(m), "Not saved", "date")
		if n := len(m.Session().a.Responses); n != 0 {
			t.Fatalf("a planned response without a date was saved: %+v", m.Session().a.Responses)
		}
		// accepted, with a comment
		pressDrain(m, "enter", "down", "enter", "enter")
		typeText(m, "agreed at the board")
		pressDrain(m, "enter", "enter")
		rs := m.Session().a.Responses
		if len(rs) != 1 {
			t.Fatalf("responses = %+v", rs)
		}
		for id, r := range rs {
			if r.Status != q.ResponseAccepted || r.Comment != "agreed at the board" || r.When.IsZero() {
				t.Errorf("%s: %+v", id, r)
			}
		}
		mustContain(t, view(m), "Agree")
		pressDrain(m, "esc")
		mustContain(t, view(m), "[x] md")
	})
}
