package tui

import "testing"

// A defer or done sends the action to the bottom of the plan, and the
// cursor goes with it, so what was just decided stays in sight (issue 17:
// it stayed on the row, under another action); J moves an action within
// its group and the cursor with it.
func TestPrioritizeDeferKeepsTheAction(t *testing.T) {
	bubble(t, func(t *testing.T) {
		m, _ := resumed(t, ModeSelf, map[string]int{"ID-CENTRAL": 0, "NET-EXPOSURE": 0, "DATA-PUBLIC": 1, "HOST-HARDEN": 1}, 120, 40)
		p := goToScreen[*prioritizeScreen](t, m)
		if len(p.items) < 3 {
			t.Fatalf("plan has %d items", len(p.items))
		}
		first, second := p.items[0].Action.ID, p.items[1].Action.ID
		drain(m, press(m, "d"))
		last := len(p.items) - 1
		if got := p.items[last].Action.ID; got != first {
			t.Fatalf("the deferred action is not last: %s", got)
		}
		if c := p.table.Cursor(); c != last {
			t.Fatalf("after defer the cursor is on row %d (%s), want row %d (%s)", c, p.items[c].Action.ID, last, first)
		}
		drain(m, press(m, "d")) // undo: back in the plan, the cursor with it
		if c := p.table.Cursor(); p.items[c].Action.ID != first {
			t.Fatalf("after undo the cursor is on %s, want %s", p.items[c].Action.ID, first)
		}
		for p.table.Cursor() > 0 {
			press(m, "up")
		}
		mustContain(t, view(m), "›1")
		// moving an action within its group takes the cursor with it
		drain(m, press(m, "J"))
		if c := p.table.Cursor(); c != 1 || p.items[c].Action.ID != p.items[1].Action.ID || p.items[0].Action.ID != second {
			t.Fatalf("after J the cursor is on row %d (%s)", c, p.items[c].Action.ID)
		}
	})
}
