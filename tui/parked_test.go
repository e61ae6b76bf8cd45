package tui

import "testing"

// In a workshop the sidebar counts the parked questions, and P goes to the
// next one, from the top again after the last.
func TestWorkshopCountsAndFindsParkedQuestions(t *testing.T) {
	m, _ := resumed(t, ModeWorkshop, nil, 120, 40)
	p := screenOf[*assessScreen](m).questions()
	press(m, "P")
	mustContain(t, view(m), "Nothing parked")
	mustNotContain(t, view(m), "Parked:")
	first := p.current().ID
	press(m, "p", "right") // park the first, skip the second
	third := p.current().ID
	press(m, "p") // park the third
	v := view(m)
	mustContain(t, v, "Parked: 2 (P next)", "P next parked")
	press(m, "P")
	if id := p.current().ID; id != first {
		t.Fatalf("P went to %s, want %s", id, first)
	}
	press(m, "P")
	if id := p.current().ID; id != third {
		t.Fatalf("P went to %s, want %s", id, third)
	}
	press(m, "P")
	if id := p.current().ID; id != first {
		t.Fatalf("P did not wrap: %s, want %s", id, first)
	}
	press(m, "p") // unpark it
	mustContain(t, view(m), "Parked: 1 (P next)")
}
