package tui

import (
	"fmt"
	"path/filepath"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/charmbracelet/x/exp/teatest"

	"github.com/ssrm/ssrm/app"
	q "github.com/ssrm/ssrm/questionnaire"
)

// goldenAnswers is a half-done assessment: enough for a heat map with
// every state and a plan with several actions.
var goldenAnswers = map[string]int{
	"ID-CENTRAL": 3, "APP-VULN-SCAN": 1, "HOST-OS-EOL": 4, "HOST-HARDEN": 2,
	"NET-EXPOSURE": 0, "DATA-PUBLIC": -1, "ID-MFA-ADMIN": 4,
}

// goldenStates are the screens the goldens show: a name, the mode of the
// assessment and the keys that reach the screen from its first frame.
type goldenState struct {
	name string
	mode Mode
	keys []string
}

var goldenStates = []goldenState{
	{"assess", ModeSelf, nil},
	{"assess-workshop", ModeWorkshop, nil},
	{"assess-training-explained", ModeTraining, []string{"3"}},
	{"assess-expert", ModeSelf, []string{"L"}},
	{"assess-presenter", ModeWorkshop, []string{"F"}},
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
	{"socialize-quiz-answered", ModeTraining, []string{"shift+tab", "shift+tab", "v", "v", "v", "enter", "enter"}},
	{"report", ModeSelf, []string{"shift+tab"}},
	{"report-responses", ModeSelf, []string{"shift+tab", "m", "down"}},
	{"report-response-form", ModeSelf, []string{"shift+tab", "m", "enter"}},
}

// TestGoldens opens the goldens' assessment at 80×24 and 120×40, goes to
// each step (every key's commands drained, see playKeys), and compares the
// frame with testdata/TestGoldens/<step>_<size>.golden. Refresh with
// -update.
func TestGoldens(t *testing.T) {
	steps := goldenStates
	sizes := [][2]int{{80, 24}, {120, 40}}
	for _, st := range steps {
		for _, sz := range sizes {
			t.Run(fmt.Sprintf("%s_%dx%d", st.name, sz[0], sz[1]), func(t *testing.T) {
				var frame string
				bubble(t, func(t *testing.T) {
					b := testBank(t)
					// frames show only the file's base name, never the temp dir
					path := writeAssessment(t, b, st.mode, goldenAnswers)
					m, err := New(testOptions(b, path, t))
					if err != nil {
						t.Fatal(err)
					}
					frame = playKeys(t, m, sz[0], sz[1], st.keys)
				})
				golden.RequireEqual(t, []byte(frame))
			})
		}
	}
}

// TestNewAssessmentThroughTheForm drives the welcome screen and the huh
// profile form, each key's commands drained before the next (huh moves
// between fields through commands of its own), then answers one question
// and quits.
func TestNewAssessmentThroughTheForm(t *testing.T) {
	bubble(t, func(t *testing.T) {
		b := testBank(t)
		wd := t.TempDir()
		t.Chdir(wd)
		opts := testOptions(b, "", t)
		m, err := New(opts)
		if err != nil {
			t.Fatal(err)
		}
		playKeys(t, m, 80, 24, []string{
			"wait:Start a new assessment", "enter",
			"wait:How will you use ssrm?", "down", "enter", // workshop
			"type:Fabrikam Bikes", "enter", "enter", "enter", // organization, assessor, sector
			"wait:Service models in use", "enter", "enter", "x", "enter", "enter", "enter", // size, sensitivity, IaaS, target, builds no software
			"wait:Azure services in use", "x", "enter", "enter", "enter", // virtual machines; save as the default; no passphrase
			"wait:[1 Assess]", "3", "wait:1/", "q",
		})
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
		if rs := app.LoadRecent(opts.RecentDir); len(rs) != 1 {
			t.Fatalf("recent = %+v", rs)
		}
	})
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
