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

// Answers to question ids the bank lacks were accepted silently when the
// wizard opened a file (the commands warned, the wizard did not).
func TestWizardSaysWhenAnswersAreForUnknownQuestions(t *testing.T) {
	b := testBank(t)
	path := writeAssessment(t, b, ModeSelf, nil)
	a, err := q.LoadAssessment(path)
	if err != nil {
		t.Fatal(err)
	}
	a.Answers["ZZ-MADE-UP"] = q.Answer{Status: q.Answered, Level: 5}
	a.Answers["ZZ-ALSO-MADE-UP"] = q.Answer{Status: q.Answered, Level: 5}
	if err := q.SaveAssessment(path, a); err != nil {
		t.Fatal(err)
	}
	m, err := New(testOptions(b, path, t))
	if err != nil {
		t.Fatal(err)
	}
	m.Update(tea.WindowSizeMsg{Width: 160, Height: 40})
	if v := view(m); !strings.Contains(v, "2 for unknown question ids, unscored") {
		t.Errorf("the wizard does not say so:\n%s", v)
	}
	if got, _ := q.LoadAssessment(path); got.Answers["ZZ-MADE-UP"].Level != 5 {
		t.Error("the unknown answer was dropped from the file")
	}
}
