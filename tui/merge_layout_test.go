package tui

import (
	"strings"
	"testing"
)

// TestMergeSaveFieldShowsAt80x24: with participants' long notes the
// conflict fills the screen; the save field, the warning about open
// conflicts and the save and back keys must still show.
func TestMergeSaveFieldShowsAt80x24(t *testing.T) {
	bubble(t, func(t *testing.T) {
		b := testBank(t)
		dir := t.TempDir()
		long := strings.Repeat("The clinic's booking site was set up by a contractor and nobody here has looked at it since. ", 4)
		p1 := writeParticipant(t, b, dir, "priya.json", "Priya Nair, Northwind Security Partners", map[string]int{"ID-CENTRAL": 3, "HOST-OS-EOL": 2},
			map[string]string{"ID-CENTRAL": long, "HOST-OS-EOL": long})
		p2 := writeParticipant(t, b, dir, "tom.json", "Tom (IT)", map[string]int{"ID-CENTRAL": 1, "HOST-OS-EOL": 4},
			map[string]string{"ID-CENTRAL": long, "HOST-OS-EOL": long})
		m, err := New(testOptions(b, "", t))
		if err != nil {
			t.Fatal(err)
		}
		m.Update(windowMsg(80, 24))
		press(m, "down", "down", "enter")
		typeText(m, p1)
		press(m, "enter")
		typeText(m, p2)
		press(m, "enter", "esc")
		drain(m, press(m, "enter"))
		v := view(m)
		// every participant's answer shows, however long the notes
		mustContain(t, v, "Conflict 1 of 2", "Priya Nair", "Tom (IT)", "4 Managed")
		last := v[strings.LastIndex(v, "\n")+1:]
		mustContain(t, last, "1-9 choose", "d discuss", "s save", "esc back")
		press(m, "s")
		v = view(m)
		mustContain(t, v, "Save merged as:", "2 conflicts still open", "Tom (IT)")
		last = v[strings.LastIndex(v, "\n")+1:]
		mustContain(t, last, "enter save", "esc back")
		if n := strings.Count(v, "\n") + 1; n > 24 {
			t.Fatalf("%d lines, more than the terminal's 24:\n%s", n, v)
		}
	})
}
