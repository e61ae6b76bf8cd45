package tui

import (
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
