package tui

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/muesli/termenv"

	q "github.com/ssrm/ssrm/questionnaire"
	"github.com/ssrm/ssrm/scoring"
)

func init() {
	// Goldens and view assertions are plain text.
	lipgloss.SetColorProfile(termenv.Ascii)
}

var testNow = time.Date(2026, 11, 16, 10, 0, 0, 0, time.UTC)

func fixedNow() time.Time { return testNow }

func testBank(t testing.TB) *q.Bank {
	t.Helper()
	b, err := q.LoadBank("testdata/bank.yaml")
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func testProfile() q.Profile {
	return q.Profile{Organization: "Harbour Lane Dental", Assessor: "Priya Nair", Size: "small", Sector: "Healthcare",
		Sensitivity: "high", Models: []q.Model{q.IaaS, q.PaaS}, Services: []string{"virtual-machines", "app-service", "sql"}}
}

// writeAssessment saves an assessment with the given answers (id → level,
// -1 for don't know) in a fresh folder and returns its path.
func writeAssessment(t testing.TB, b *q.Bank, mode Mode, answers map[string]int) string {
	t.Helper()
	a := q.NewAssessment(b, testProfile(), testNow)
	a.Mode = string(mode)
	for id, l := range answers {
		ans := q.Answer{Status: q.Answered, Level: l, When: testNow}
		if l < 0 {
			ans = q.Answer{Status: q.Unknown, When: testNow}
		}
		a.SetAnswer(id, ans, testNow)
	}
	path := filepath.Join(t.TempDir(), "harbour-lane-dental-assessment.json")
	if err := q.SaveAssessment(path, a); err != nil {
		t.Fatal(err)
	}
	return path
}

func testOptions(b *q.Bank, file string, t testing.TB) Options {
	return Options{Bank: b, File: file, RecentDir: t.TempDir(), Now: fixedNow,
		Formats: []string{"md", "json"},
		Write: func(path, format string, r *scoring.Result) error {
			return os.WriteFile(path, []byte(format), 0o600)
		}}
}

// resumed opens a saved assessment in a model of the given size.
func resumed(t testing.TB, mode Mode, answers map[string]int, w, h int) (*Model, string) {
	t.Helper()
	b := testBank(t)
	path := writeAssessment(t, b, mode, answers)
	m, err := New(testOptions(b, path, t))
	if err != nil {
		t.Fatal(err)
	}
	m.Update(tea.WindowSizeMsg{Width: w, Height: h})
	return m, path
}

func keyMsg(k string) tea.KeyMsg {
	switch k {
	case "enter":
		return tea.KeyMsg{Type: tea.KeyEnter}
	case "tab":
		return tea.KeyMsg{Type: tea.KeyTab}
	case "shift+tab":
		return tea.KeyMsg{Type: tea.KeyShiftTab}
	case "esc":
		return tea.KeyMsg{Type: tea.KeyEsc}
	case "up":
		return tea.KeyMsg{Type: tea.KeyUp}
	case "down":
		return tea.KeyMsg{Type: tea.KeyDown}
	case "left":
		return tea.KeyMsg{Type: tea.KeyLeft}
	case "right":
		return tea.KeyMsg{Type: tea.KeyRight}
	case "ctrl+c":
		return tea.KeyMsg{Type: tea.KeyCtrlC}
	case "space":
		return tea.KeyMsg{Type: tea.KeySpace, Runes: []rune{' '}}
	}
	return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(k)}
}

// press sends keys and returns the last command.
func press(m *Model, keys ...string) tea.Cmd {
	var cmd tea.Cmd
	for _, k := range keys {
		_, cmd = m.Update(keyMsg(k))
	}
	return cmd
}

// typeText sends each rune of s as a key.
func typeText(m *Model, s string) {
	for _, r := range s {
		m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}})
	}
}

func view(m *Model) string { return ansi.Strip(m.View()) }

// runSave runs an autosave command and hands its result back.
func runSave(t testing.TB, m *Model, cmd tea.Cmd) {
	t.Helper()
	if cmd == nil {
		t.Fatal("no save command")
	}
	msg := cmd()
	if _, ok := msg.(savedMsg); !ok {
		t.Fatalf("command gave %T, want savedMsg", msg)
	}
	m.Update(msg)
}

func mustContain(t testing.TB, s string, subs ...string) {
	t.Helper()
	for _, sub := range subs {
		if !strings.Contains(s, sub) {
			t.Fatalf("view lacks %q:\n%s", sub, s)
		}
	}
}

func mustNotContain(t testing.TB, s string, subs ...string) {
	t.Helper()
	for _, sub := range subs {
		if strings.Contains(s, sub) {
			t.Fatalf("view has %q:\n%s", sub, s)
		}
	}
}

// screenOf returns the wizard's screen of type T.
func screenOf[T Screen](m *Model) T {
	for _, sc := range m.screens {
		if x, ok := sc.(T); ok {
			return x
		}
	}
	var zero T
	return zero
}

// goToScreen presses tab until the screen of type T shows.
func goToScreen[T Screen](t testing.TB, m *Model) T {
	t.Helper()
	for range m.screens {
		if x, ok := m.screens[m.cur].(T); ok {
			return x
		}
		press(m, "tab")
	}
	t.Fatalf("no screen of type %T", *new(T))
	var zero T
	return zero
}

// runCmds runs a command and every command of its batches and sequences,
// handing each message back to the model, until nothing is left. Ticks
// and quits are left out.
func runCmds(m *Model, cmd tea.Cmd) {
	queue := []tea.Cmd{cmd}
	for len(queue) > 0 {
		c := queue[0]
		queue = queue[1:]
		if c == nil {
			continue
		}
		msg := c()
		switch x := msg.(type) {
		case nil, tickMsg, tea.QuitMsg:
			continue
		case tea.BatchMsg:
			queue = append(queue, x...)
			continue
		}
		if cs := reflectCmds(msg); cs != nil {
			queue = append(queue, cs...)
			continue
		}
		_, next := m.Update(msg)
		queue = append(queue, next)
	}
}

func windowMsg(w, h int) tea.WindowSizeMsg { return tea.WindowSizeMsg{Width: w, Height: h} }

// settle runs a command tree as the program would, feeding each message
// back, but leaves out cursor blinks and anything slower than a moment
// (ticks): enough for huh's field-to-field commands.
func settle(m *Model, cmd tea.Cmd) {
	queue := []tea.Cmd{cmd}
	for n := 0; len(queue) > 0 && n < 200; n++ {
		c := queue[0]
		queue = queue[1:]
		if c == nil {
			continue
		}
		ch := make(chan tea.Msg, 1)
		go func() { ch <- c() }()
		var msg tea.Msg
		select {
		case msg = <-ch:
		case <-time.After(100 * time.Millisecond):
			continue
		}
		switch x := msg.(type) {
		case nil, tickMsg, tea.QuitMsg:
			continue
		case tea.BatchMsg:
			queue = append(queue, x...)
			continue
		}
		if strings.Contains(strings.ToLower(fmt.Sprintf("%T", msg)), "blink") {
			continue
		}
		if cs := reflectCmds(msg); cs != nil {
			queue = append(queue, cs...)
			continue
		}
		_, next := m.Update(msg)
		queue = append(queue, next)
	}
}

// pressSettle presses keys one by one, settling each key's commands.
func pressSettle(m *Model, keys ...string) {
	for _, k := range keys {
		settle(m, press(m, k))
	}
}
