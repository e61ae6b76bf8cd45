package tui

import (
	"fmt"
	"strings"
	"testing"
)

// The highlighted action's detail under the table was cut at the bottom
// of an 80×24 frame with no sign ("Have each workload" and nothing after):
// what does not fit is counted on a last line that says where the whole
// action is.
func TestPrioritizeDetailNotCutSilently(t *testing.T) {
	m := defaultModel(t, ModeSelf, 80, 24)
	p := goToScreen[*prioritizeScreen](t, m)
	p.tabs.i = tabActions
	marked := false
	for i := range min(len(p.items), 12) {
		v := view(m)
		detail := wrap(p.items[p.table.Cursor()].Action.Detail, 80)
		last := strings.TrimSpace(detail[len(detail)-1])
		if !strings.Contains(v, last) {
			mustContain(t, v, "more lines of this action")
			marked = true
		}
		if i < 11 {
			press(m, "down")
		}
	}
	if !marked {
		t.Fatal("no action's detail was too long for 80×24: the test checks nothing")
	}
}

// enter shows the highlighted action whole: every word of its detail, the
// answers it lifts and its licences, scrolled by the wizard at 80×24;
// ↓ goes to the next action's card and esc back to the list, on the same
// action.
func TestPrioritizeCardShowsTheWholeAction(t *testing.T) {
	m := defaultModel(t, ModeSelf, 80, 24)
	p := goToScreen[*prioritizeScreen](t, m)
	p.tabs.i = tabActions
	// the first action whose detail does not fit under the table
	for range len(p.items) {
		if strings.Contains(view(m), "more lines of this action") {
			break
		}
		press(m, "down")
	}
	mustContain(t, view(m), "enter shows it whole")
	it := p.items[p.table.Cursor()]
	press(m, "enter")
	var seen strings.Builder
	for range 20 {
		seen.WriteString(view(m))
		press(m, "ctrl+d")
	}
	all := strings.Join(strings.Fields(seen.String()), " ")
	// wrap breaks lines at hyphens too ("point-" / "to-site")
	joined := strings.ReplaceAll(all, "- ", "-")
	for _, w := range strings.Fields(it.Action.Detail) {
		if !strings.Contains(all, w) && !strings.Contains(joined, w) {
			t.Fatalf("the card never shows %q of the detail", w)
		}
	}
	mustContain(t, all, it.Action.Title, "Answers it lifts:", "Licences:")
	if c := it.Contributions[0]; !strings.Contains(all, c.QuestionID) {
		t.Fatalf("the card does not name %s, the answer it lifts", c.QuestionID)
	}
	press(m, "down")
	next := p.items[p.table.Cursor()]
	if next.Action.ID == it.Action.ID {
		t.Fatal("↓ on the card did not go to the next action")
	}
	mustContain(t, view(m), next.Action.Title)
	press(m, "esc")
	v := view(m)
	mustContain(t, v, "action "+fmt.Sprint(p.table.Cursor()+1)+" of")
	if p.detail || p.items[p.table.Cursor()].Action.ID != next.Action.ID {
		t.Fatal("esc did not go back to the list on the action last shown")
	}
}
