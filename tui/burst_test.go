package tui

import (
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	q "github.com/ssrm/ssrm/questionnaire"
)

// burst is keys that arrive in one read, as bubbletea reports them: one
// KeyMsg holding every rune up to the next space or control key.
func burst(s string) tea.KeyMsg { return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(s)} }

// Seven d presses in one write are seven answers (issue 18), not one key
// "ddddddd" that matches nothing (step 1 of the test bank asks eight).
func TestBurstOfKeysCountsEveryKey(t *testing.T) {
	m, _ := resumed(t, ModeSelf, nil, 80, 24)
	m.Update(burst("ddddddd"))
	n := 0
	for _, a := range m.Session().a.Answers {
		if a.Status == q.Unknown {
			n++
		}
	}
	if n != 7 {
		t.Fatalf("%d don't-know answers after a burst of seven d, want 7", n)
	}
	mustContain(t, view(m), "7/15 answered")
}

// Typed text sent fast: the key that opens the note and the first word
// arrive together, the space on its own, then the rest. No word is lost.
func TestBurstOfTypedTextKeepsEveryWord(t *testing.T) {
	m, _ := resumed(t, ModeSelf, nil, 80, 24)
	m.Update(burst("nask"))
	m.Update(tea.KeyMsg{Type: tea.KeySpace, Runes: []rune{' '}})
	m.Update(burst("Tom"))
	m.Update(tea.KeyMsg{Type: tea.KeySpace, Runes: []rune{' '}})
	m.Update(burst("today"))
	press(m, "enter")
	if got := m.Session().a.Answers["ID-CENTRAL"].Note; got != "ask Tom today" {
		t.Fatalf("note %q, want %q", got, "ask Tom today")
	}
	// a bracketed paste is text, never keys: it goes whole to the field
	press(m, "n")
	m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(" dd"), Paste: true})
	press(m, "enter")
	if got := m.Session().a.Answers["ID-CENTRAL"].Note; got != "ask Tom today dd" {
		t.Fatalf("note after paste %q", got)
	}
}
