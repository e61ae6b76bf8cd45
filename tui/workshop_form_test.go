package tui

import (
	"strings"
	"testing"
)

// The wide workshop layout drew the c / r / e forms in the question's
// narrow column beside the facilitator's and cut every line (issue 17):
// a form gets the whole column.
func TestWorkshopFormNotCutAt120(t *testing.T) {
	m, _ := resumed(t, ModeWorkshop, map[string]int{"ID-CENTRAL": 3}, 120, 40)
	mustContain(t, view(m), "Facilitator")
	press(m, "left") // back to the answered question
	for _, k := range []string{"r", "c", "e"} {
		press(m, k)
		v := view(m)
		for _, l := range strings.Split(v, "\n") {
			if strings.Contains(l, "┃") && strings.Contains(l, "…") {
				t.Fatalf("form %s: a line is cut: %q\n%s", k, l, v)
			}
		}
		mustNotContain(t, v, "│ Facilitator")
		press(m, "esc")
	}
	mustContain(t, view(m), "Facilitator")
}
