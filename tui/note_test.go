package tui

import (
	"strings"
	"testing"

	q "github.com/ssrm/ssrm/questionnaire"
)

// ctrl+c, whose help says "save & quit", keeps a note being typed (it was
// thrown away): the quit's last save writes it.
func TestCtrlCKeepsTheNoteBeingTyped(t *testing.T) {
	bubble(t, func(t *testing.T) {
		m, path := resumed(t, ModeSelf, nil, 80, 24)
		press(m, "n")
		typeText(m, "half a note")
		drain(m, press(m, "ctrl+c"))
		if !m.quitting {
			t.Fatal("ctrl+c did not quit")
		}
		a, err := q.LoadAssessment(path)
		if err != nil {
			t.Fatal(err)
		}
		if got := a.Answers["ID-CENTRAL"].Note; got != "half a note" {
			t.Fatalf("note on disk %q, want the one being typed", got)
		}
	})
}

// A note has several lines (alt+enter), and what is typed at the end of a
// long one shows: the editor wraps and follows the cursor.
func TestNoteIsMultiLineAndFollowsTheCursor(t *testing.T) {
	m, _ := resumed(t, ModeSelf, nil, 80, 24)
	press(m, "n")
	typeText(m, "first line")
	press(m, "alt+enter")
	typeText(m, strings.Repeat("long words here ", 12)+"TAILEND")
	mustContain(t, view(m), "TAILEND")
	press(m, "enter")
	got := m.Session().a.Answers["ID-CENTRAL"].Note
	if !strings.HasPrefix(got, "first line\nlong words") || !strings.HasSuffix(got, "TAILEND") {
		t.Fatalf("note %q", got)
	}
	mustContain(t, view(m), "Note: first line")
}

// The speaker field scrolls to the cursor: the end of a long name shows.
func TestSpeakerFieldFollowsTheCursor(t *testing.T) {
	m, _ := resumed(t, ModeWorkshop, nil, 80, 24)
	press(m, "w")
	typeText(m, strings.Repeat("Dr Someone Longname ", 6)+"ENDMARK")
	mustContain(t, view(m), "ENDMARK")
}

// A calendar line being edited scrolls to the cursor: the end of a long
// activity shows while it is typed.
func TestCalendarEditFollowsTheCursor(t *testing.T) {
	m, _ := resumed(t, ModeSelf, goldenAnswers, 80, 24)
	press(m, "shift+tab", "shift+tab", "v", "e")
	typeText(m, strings.Repeat(" and more words", 8)+" ENDMARK")
	mustContain(t, view(m), "ENDMARK")
}

// So does the owner of an action in Prioritize.
func TestOwnerFieldFollowsTheCursor(t *testing.T) {
	m, _ := resumed(t, ModeSelf, goldenAnswers, 80, 24)
	goToScreen[*prioritizeScreen](t, m)
	press(m, "o")
	typeText(m, strings.Repeat("Head of Operations and ", 3)+"ENDMARK")
	mustContain(t, view(m), "ENDMARK")
}
