package tui

import (
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/ssrm/ssrm/scoring"
)

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

// Every decision in Prioritize re-ranks the plan without scoring the
// answers again (Session.editActions, scoring.Replan): after each key the
// plan on screen is the one a full scoring gives.
func TestPrioritizeReranksAsScoringDoes(t *testing.T) {
	bubble(t, func(t *testing.T) {
		all := map[string]int{}
		for _, qq := range testBank(t).Questions {
			all[qq.ID] = 0
		}
		m, _ := resumed(t, ModeSelf, all, 120, 40)
		p := goToScreen[*prioritizeScreen](t, m)
		for i, k := range []string{"a", "down", "d", "down", "c", "J", "down", "down", "K", "a", "a", "up", "d", "c"} {
			drain(m, press(m, k))
			want := scoring.Compute(m.s.Bank, m.s.a, scoring.Options{})
			if !reflect.DeepEqual(m.s.Result(), want) {
				t.Fatalf("key %d (%s): the session's result differs from a full scoring", i, k)
			}
			if !reflect.DeepEqual(p.items, want.Actions) {
				t.Fatalf("key %d (%s): the list shows another plan than a full scoring's", i, k)
			}
		}
	})
}

// The list draws only the rows in sight: going down a list longer than
// its room keeps the cursor's row (marked ›) on screen and says where it
// is, and every line fits the width (grid replaced bubbles' table).
func TestPrioritizeListScrollsToTheCursor(t *testing.T) {
	bubble(t, func(t *testing.T) {
		all := map[string]int{}
		for _, qq := range testBank(t).Questions {
			all[qq.ID] = 0
		}
		m, _ := resumed(t, ModeSelf, all, 80, 24)
		p := goToScreen[*prioritizeScreen](t, m)
		n := len(p.items)
		if n <= p.table.height {
			t.Fatalf("%d actions fit the list's %d rows: nothing to scroll", n, p.table.height)
		}
		for i := range n + 2 {
			v := view(m)
			cur := min(i, n-1)
			mustContain(t, v, fmt.Sprintf("action %d of %d", cur+1, n), "›"+p.table.Rows()[cur][0])
			for _, l := range strings.Split(v, "\n") {
				if w := ansi.StringWidth(l); w > 80 {
					t.Fatalf("a line is %d wide at 80 columns: %q", w, l)
				}
			}
			press(m, "down")
		}
		for range n {
			press(m, "up")
		}
		mustContain(t, view(m), "action 1 of", "›1 ")
	})
}

// The list says what the report says of an action a step this week
// stands in for ("covered", never "done": review 3, finding 1) and of one
// waiting for a licensing decision, before the organization's own word.
func TestPrioritizeStatusWords(t *testing.T) {
	for _, c := range []struct {
		it   scoring.PlanItem
		want string
	}{
		{scoring.PlanItem{DoneBy: "A-MFA-ALL-USERS", Status: "done"}, "covered"},
		{scoring.PlanItem{Licensing: true}, "licensing"},
		{scoring.PlanItem{QuickWin: true}, "quick win"},
		{scoring.PlanItem{QuickWin: true, Status: "accepted"}, "accepted"},
		{scoring.PlanItem{}, "proposed"},
	} {
		if got := planStatus(c.it); got != c.want {
			t.Errorf("%+v: status %q, want %q", c.it, got, c.want)
		}
	}
}
