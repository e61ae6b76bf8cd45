package tui

import (
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	q "github.com/ssrm/ssrm/questionnaire"
)

// A note or a name read from an assessment reached the terminal as typed:
// "ESC ] 0 ; … BEL" retitled the window, "ESC [ 2 J" cleared it, U+202E
// reversed what followed. Every frame is cleaned now, whichever screen
// draws the string; the text itself still shows.
func TestFramesCarryNoEscapeSequenceFromTheFile(t *testing.T) {
	b := testBank(t)
	path := writeAssessment(t, b, ModeSelf, nil)
	a, err := q.LoadAssessment(path)
	if err != nil {
		t.Fatal(err)
	}
	const hostile = "Ann\x1b]0;pwned\x07\x1b[2J Lee \u202eexe.txt\x00"
	a.Profile.Organization = "Contoso " + hostile
	a.SetAnswer("ID-CENTRAL", q.Answer{Status: q.Answered, Level: 1, Note: "note " + hostile}, a.Started)
	if err := q.SaveAssessment(path, a); err != nil {
		t.Fatal(err)
	}
	m, err := New(testOptions(b, path, t))
	if err != nil {
		t.Fatal(err)
	}
	m.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
	press(m, "left")
	if v := view(m); !strings.Contains(v, "exe.txt") {
		t.Fatalf("the hostile text is not on screen, so the test proves nothing:\n%s", v)
	}
	for _, step := range []string{"", "tab", "tab", "tab", "tab"} {
		if step != "" {
			press(m, step)
		}
		frame := m.View()
		for _, bad := range []string{"\x1b]", "\x1b[2J", "\x07", "\u202e", "\x00"} {
			if strings.Contains(frame, bad) {
				t.Fatalf("a frame carries %q:\n%q", bad, frame)
			}
		}
	}
}
