package tui

import (
	"bytes"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/charmbracelet/x/exp/teatest"

	q "github.com/ssrm/ssrm/questionnaire"
)

// goldenAnswers is a half-done assessment: enough for a heat map with
// every state and a plan with several actions.
var goldenAnswers = map[string]int{
	"ID-CENTRAL": 3, "APP-VULN-SCAN": 1, "HOST-OS-EOL": 4, "HOST-HARDEN": 2,
	"NET-EXPOSURE": 0, "DATA-PUBLIC": -1, "ID-MFA-ADMIN": 4,
}

// TestGoldens runs the real program loop (teatest) at 80×24 and 120×40,
// goes to each step, and compares the final frame with
// testdata/TestGoldens/<step>_<size>.golden. Refresh with -update.
func TestGoldens(t *testing.T) {
	steps := []struct {
		name string
		mode Mode
		keys []string
	}{
		{"assess", ModeSelf, nil},
		{"assess-workshop", ModeWorkshop, nil},
		{"assess-training-explained", ModeTraining, []string{"3"}},
		{"killchain", ModeSelf, []string{"tab", "tab"}},
		{"killchain-controls", ModeSelf, []string{"tab", "tab", "down", "down", "down", "enter"}},
		{"prioritize", ModeSelf, []string{"tab", "tab", "tab"}},
		{"prioritize-roadmap", ModeSelf, []string{"tab", "tab", "tab", "v"}},
		{"prioritize-delivery", ModeSelf, []string{"tab", "tab", "tab", "v", "v"}},
		{"fortify", ModeSelf, []string{"tab", "tab", "tab", "tab"}},
		{"fortify-plan", ModeSelf, []string{"tab", "tab", "tab", "tab", "v"}},
		{"socialize", ModeSelf, []string{"shift+tab", "shift+tab"}},
		{"socialize-calendar", ModeSelf, []string{"shift+tab", "shift+tab", "v"}},
		{"socialize-reporting", ModeSelf, []string{"shift+tab", "shift+tab", "v", "v"}},
		{"socialize-quiz", ModeTraining, []string{"shift+tab", "shift+tab", "v", "v", "v"}},
		{"report", ModeSelf, []string{"shift+tab"}},
	}
	sizes := [][2]int{{80, 24}, {120, 40}}
	for _, st := range steps {
		for _, sz := range sizes {
			t.Run(fmt.Sprintf("%s_%dx%d", st.name, sz[0], sz[1]), func(t *testing.T) {
				b := testBank(t)
				// frames show only the file's base name, never the temp dir
				path := writeAssessment(t, b, st.mode, goldenAnswers)
				m, err := New(testOptions(b, path, t))
				if err != nil {
					t.Fatal(err)
				}
				tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(sz[0], sz[1]))
				for _, k := range st.keys {
					tm.Send(keyMsg(k))
				}
				// Quit goes through the same queue as the keys: every key
				// is handled before it.
				if err := tm.Quit(); err != nil {
					t.Fatal(err)
				}
				fm := tm.FinalModel(t, teatest.WithFinalTimeout(5*time.Second)).(*Model)
				// an autosave still in flight would show "saving…"
				if fm.s.Dirty() {
					if err := fm.s.SaveNow(); err != nil {
						t.Fatal(err)
					}
				}
				frame := ansi.Strip(fm.View())
				golden.RequireEqual(t, []byte(frame))
			})
		}
	}
}

// TestNewAssessmentThroughTheForm drives the welcome screen and the huh
// profile form in the real program, then answers one question.
func TestNewAssessmentThroughTheForm(t *testing.T) {
	b := testBank(t)
	wd := t.TempDir()
	t.Chdir(wd)
	opts := testOptions(b, "", t)
	m, err := New(opts)
	if err != nil {
		t.Fatal(err)
	}
	tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(80, 24))
	waitText(t, tm, "Start a new assessment")
	// huh moves between fields through commands of its own: give each key
	// time to land on the field it is meant for.
	keys := func(ks ...string) {
		for _, k := range ks {
			if len(k) > 1 && k != "enter" && k != "down" {
				tm.Type(k)
			} else {
				tm.Send(keyMsg(k))
			}
			time.Sleep(150 * time.Millisecond)
		}
	}
	keys("enter")
	waitText(t, tm, "How will you use ssrm?")
	keys("down", "enter", "Fabrikam Bikes", "enter", "enter", "enter") // workshop; organization, assessor, sector
	waitText(t, tm, "Service models in use")
	keys("enter", "enter", "x", "enter", "enter", "enter") // size, sensitivity, IaaS, target, builds no software
	waitText(t, tm, "Azure services in use")
	keys("x", "enter", "enter", "enter") // virtual machines; save as the default; no passphrase
	waitText(t, tm, "[1 Assess]")
	tm.Send(keyMsg("3"))
	waitText(t, tm, "1/")
	tm.Send(keyMsg("q")) // saves anything pending, then quits
	tm.WaitFinished(t, teatest.WithFinalTimeout(5*time.Second))

	a, err := q.LoadAssessment(filepath.Join(wd, "fabrikam-bikes-assessment.json"))
	if err != nil {
		t.Fatal(err)
	}
	if a.Profile.BuildsSoftware == nil || *a.Profile.BuildsSoftware {
		t.Errorf("builds software = %v, want an explicit no", a.Profile.BuildsSoftware)
	}
	if a.Mode != "workshop" || a.Profile.Organization != "Fabrikam Bikes" || len(a.Profile.Models) != 1 || a.Profile.Models[0] != q.IaaS {
		t.Fatalf("assessment = %+v", a)
	}
	if ans := a.Answers["ID-CENTRAL"]; ans.Level != 3 {
		t.Fatalf("answers = %+v", a.Answers)
	}
	if rs := LoadRecent(opts.RecentDir); len(rs) != 1 {
		t.Fatalf("recent = %+v", rs)
	}
}

func waitText(t *testing.T, tm *teatest.TestModel, s string) {
	t.Helper()
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool {
		return bytes.Contains([]byte(ansi.Strip(string(b))), []byte(s))
	}, teatest.WithDuration(5*time.Second))
}

// TestQuitKeySavesPendingAnswer presses an answer and q at once, in the
// real loop: the answer is on disk when the program ends.
func TestQuitKeySavesPendingAnswer(t *testing.T) {
	b := testBank(t)
	path := writeAssessment(t, b, ModeSelf, nil)
	m, err := New(testOptions(b, path, t))
	if err != nil {
		t.Fatal(err)
	}
	tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(80, 24))
	tm.Send(keyMsg("1"))
	tm.Send(keyMsg("5"))
	tm.Send(tea.KeyMsg{Type: tea.KeyCtrlC})
	tm.WaitFinished(t, teatest.WithFinalTimeout(5*time.Second))
	a, err := q.LoadAssessment(path)
	if err != nil {
		t.Fatal(err)
	}
	if a.Answers["ID-CENTRAL"].Level != 1 || a.Answers["APP-VULN-SCAN"].Level != 5 {
		t.Fatalf("answers = %+v", a.Answers)
	}
}
