package tui

import "testing"

// A due date typed the way the wizard shows it is read too.
func TestPrioritizeDueTakesTheShownFormat(t *testing.T) {
	m, _ := resumed(t, ModeSelf, map[string]int{"ID-CENTRAL": 0, "NET-EXPOSURE": 0}, 120, 40)
	p := goToScreen[*prioritizeScreen](t, m)
	id := p.items[0].Action.ID
	press(m, "u")
	typeText(m, "31 Mar 2027")
	press(m, "enter")
	if st := m.Session().a.Actions[id]; st.Due.Format(dateLayout) != "2027-03-31" {
		t.Fatalf("%s = %+v: %s", id, st, view(m))
	}
	mustContain(t, view(m), "31 Mar 2027")
}
