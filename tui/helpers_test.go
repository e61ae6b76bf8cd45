package tui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/synctest"
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
	case "backspace":
		return tea.KeyMsg{Type: tea.KeyBackspace}
	case "pgdown":
		return tea.KeyMsg{Type: tea.KeyPgDown}
	case "pgup":
		return tea.KeyMsg{Type: tea.KeyPgUp}
	case "home":
		return tea.KeyMsg{Type: tea.KeyHome}
	case "end":
		return tea.KeyMsg{Type: tea.KeyEnd}
	case "ctrl+d":
		return tea.KeyMsg{Type: tea.KeyCtrlD}
	case "ctrl+u":
		return tea.KeyMsg{Type: tea.KeyCtrlU}
	case "ctrl+j":
		return tea.KeyMsg{Type: tea.KeyCtrlJ}
	case "alt+enter":
		return tea.KeyMsg{Type: tea.KeyEnter, Alt: true}
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

func windowMsg(w, h int) tea.WindowSizeMsg { return tea.WindowSizeMsg{Width: w, Height: h} }

// drain runs a command as the program would, and every command the model
// answers with: batches are opened, each command runs on a goroutine of
// its own, and each message goes back to the model, in the order the
// commands were issued. It stops when nothing is left but timers (cursor
// blinks, the workshop tick, the spinner): commands still waiting once
// every goroutine of the test's bubble waits on the fake clock. No time
// passes and nothing is dropped for being slow: a save or a scrypt unlock
// of any length is waited for. tea.Sequence's message (only huh's Form.Init
// sends one) goes to the model like any other, as huh's own tests do.
//
// It runs only inside a synctest bubble: see bubble.
func drain(m *Model, cmd tea.Cmd) {
	var queue []chan tea.Msg
	start := func(c tea.Cmd) {
		if c == nil {
			return
		}
		ch := make(chan tea.Msg, 1)
		go func() { ch <- c() }()
		queue = append(queue, ch)
	}
	start(cmd)
	for len(queue) > 0 {
		synctest.Wait()
		var done []tea.Msg
		waiting := queue[:0:0]
		for _, ch := range queue {
			select {
			case msg := <-ch:
				done = append(done, msg)
			default:
				waiting = append(waiting, ch)
			}
		}
		if len(done) == 0 {
			return // only timers left
		}
		queue = waiting
		for _, msg := range done {
			switch x := msg.(type) {
			case nil, tea.QuitMsg:
				continue
			case tea.BatchMsg:
				for _, c := range x {
					start(c)
				}
				continue
			}
			_, next := m.Update(msg)
			start(next)
		}
	}
}

// bubble runs a test in a synctest bubble (a fake clock; drain needs it).
// The clock starts at testNow, so what reads the wall clock (the live
// checks judge end-of-support dates by it) sees a fixed day. When the test
// ends, the clock moves on so that the timers left running (blinks, ticks)
// end too.
func bubble(t *testing.T, f func(t *testing.T)) {
	t.Helper()
	synctest.Test(t, func(t *testing.T) {
		time.Sleep(time.Until(testNow))
		defer time.Sleep(24 * time.Hour)
		f(t)
	})
}

// pressDrain presses keys one by one, draining each key's commands.
func pressDrain(m *Model, keys ...string) {
	for _, k := range keys {
		drain(m, press(m, k))
	}
}
