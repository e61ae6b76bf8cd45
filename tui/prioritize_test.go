package tui

import "testing"

// A defer or done sends the action to the bottom of the plan; the cursor
// stays on the row, so the next action down is the one under it.
func TestPrioritizeDeferKeepsTheRow(t *testing.T) {
	bubble(t, func(t *testing.T) {
		m, _ := resumed(t, ModeSelf, map[string]int{"ID-CENTRAL": 0, "NET-EXPOSURE": 0, "DATA-PUBLIC": 1, "HOST-HARDEN": 1}, 120, 40)
		p := goToScreen[*prioritizeScreen](t, m)
		if len(p.items) < 3 {
			t.Fatalf("plan has %d items", len(p.items))
		}
		first, second, third := p.items[0].Action.ID, p.items[1].Action.ID, p.items[2].Action.ID
		drain(m, press(m, "d"))
		if got := p.items[len(p.items)-1].Action.ID; got != first {
			t.Fatalf("the deferred action is not last: %s", got)
		}
		if c := p.table.Cursor(); c != 0 || p.items[c].Action.ID != second {
			t.Fatalf("after defer the cursor is on row %d (%s), want row 0 (%s)", c, p.items[c].Action.ID, second)
		}
		drain(m, press(m, "c")) // done: the next one goes down too
		if c := p.table.Cursor(); c != 0 || p.items[c].Action.ID != third {
			t.Fatalf("after done the cursor is on row %d (%s), want row 0 (%s)", c, p.items[c].Action.ID, third)
		}
		mustContain(t, view(m), "›1 ")
		// moving an action within its group still takes the cursor with it
		drain(m, press(m, "J"))
		if c := p.table.Cursor(); c != 1 || p.items[c].Action.ID != third {
			t.Fatalf("after J the cursor is on row %d (%s), want row 1 (%s)", c, p.items[c].Action.ID, third)
		}
	})
}
