package tui

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/golden"

	"github.com/ssrm/ssrm/azure"
)

// screenGolden is one frame of a newer screen: a model to start from, the
// keys to press (a key "wait:TEXT" waits until TEXT shows) and the frame
// compared with testdata/TestScreenGoldens/<name>_<size>.golden.
type screenGolden struct {
	name  string
	model func(t *testing.T) *Model
	keys  []string
}

func runScreenGoldens(t *testing.T, cases []screenGolden) {
	for _, c := range cases {
		for _, sz := range [][2]int{{80, 24}, {120, 40}} {
			t.Run(fmt.Sprintf("%s_%dx%d", c.name, sz[0], sz[1]), func(t *testing.T) {
				// a model may change into the folder of its files, so
				// frames show short paths; the golden lives here
				wd, err := os.Getwd()
				if err != nil {
					t.Fatal(err)
				}
				var frame string
				bubble(t, func(t *testing.T) {
					m := c.model(t)
					frame = playKeys(t, m, sz[0], sz[1], c.keys)
				})
				if err := os.Chdir(wd); err != nil {
					t.Fatal(err)
				}
				golden.RequireEqual(t, []byte(frame))
			})
		}
	}
}

// playKeys sizes the model, presses the keys as a user would, each one's
// commands drained before the next, and returns the last frame as text. A
// key "type:TEXT" types TEXT; "wait:TEXT" asserts TEXT shows by then.
func playKeys(t *testing.T, m *Model, w, h int, keys []string) string {
	t.Helper()
	drain(m, m.Init())
	_, cmd := m.Update(windowMsg(w, h))
	drain(m, cmd)
	for _, k := range keys {
		switch {
		case strings.HasPrefix(k, "wait:"):
			mustContain(t, view(m), k[5:])
		case strings.HasPrefix(k, "type:"):
			for _, r := range k[5:] {
				_, cmd := m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}})
				drain(m, cmd)
			}
		default:
			pressDrain(m, k)
		}
	}
	if m.s != nil && m.s.Dirty() {
		// the autosave is on disk: the status line says "saved"
		if err := m.s.SaveNow(); err != nil {
			t.Fatal(err)
		}
	}
	return view(m)
}

// TestScreenGoldens covers the passphrase prompt, the merge screen, the
// exception forms and the live checks.
func TestScreenGoldens(t *testing.T) {
	runScreenGoldens(t, []screenGolden{
		{"passphrase-wrong", func(t *testing.T) *Model {
			b, path := writeEncrypted(t, nil)
			t.Chdir(filepath.Dir(path))
			m, err := New(testOptions(b, filepath.Base(path), t))
			if err != nil {
				t.Fatal(err)
			}
			return m
		}, []string{"type:not it", "enter", "wait:Wrong passphrase"}},
		{"merge-conflict", func(t *testing.T) *Model {
			m, _ := mergeModel(t, 80, 24)
			drain(m, press(m, "enter"))
			return m
		}, []string{"2"}},
		{"exception-compensating", func(t *testing.T) *Model {
			m, _ := resumed(t, ModeSelf, goldenAnswers, 80, 24)
			return m
		}, []string{"[", "[", "[", "c", "wait:Compensating control", "type:EDR blocks unsigned binaries"}},
		{"exception-risk", func(t *testing.T) *Model {
			m, _ := resumed(t, ModeSelf, goldenAnswers, 80, 24)
			return m
		}, []string{"[", "[", "[", "r", "wait:Risk accepted", "type:Ana (practice owner)", "enter", "wait:Why the gap",
			"type:Replacing the app in spring", "enter", "wait:Review by", "type:next spring", "enter", "wait:YYYY-MM-DD, for"}},
		{"live-findings", func(t *testing.T) *Model {
			return liveModel(t, &fakeSource{}, goldenAnswers, 80, 24)
		}, []string{"down", "enter", "type:" + testSnapshot, "enter", "wait:[Findings]", "down", "down"}},
		{"live-findings-filtered", func(t *testing.T) *Model {
			return liveModel(t, &fakeSource{}, goldenAnswers, 80, 24)
		}, []string{"down", "enter", "type:" + testSnapshot, "enter", "wait:[Findings]", "s", "f", "f", "wait:severity: high"}},
		{"live-graph-choice", func(t *testing.T) *Model {
			return liveModel(t, &fakeSource{}, goldenAnswers, 80, 24)
		}, []string{"enter", "enter", "wait:Contoso Dev", "G", "wait:[x] also read"}},
		{"live-graph-refused", func(t *testing.T) *Model {
			src := &graphSource{}
			b := testBank(t)
			path := writeAssessment(t, b, ModeSelf, goldenAnswers)
			opts := testOptions(b, path, t)
			opts.Connect = func(azure.SignIn, func(string)) (LiveSource, error) { return src, nil }
			m, err := New(opts)
			if err != nil {
				t.Fatal(err)
			}
			return m
		}, []string{"tab", "enter", "enter", "wait:Contoso Dev", "G", "enter", "wait:Microsoft Graph refused"}},
		{"live-suggestions", func(t *testing.T) *Model {
			return liveModel(t, &fakeSource{}, goldenAnswers, 80, 24)
		}, []string{"down", "enter", "type:" + testSnapshot, "enter", "wait:[Findings]", "v", "a", "down", "o", "type:Hardened by the MSP's golden image", "enter", "up"}},
		{"live-device-code", func(t *testing.T) *Model {
			b := testBank(t)
			path := writeAssessment(t, b, ModeSelf, goldenAnswers)
			opts := testOptions(b, path, t)
			done := make(chan struct{})
			t.Cleanup(func() { close(done) })
			opts.Connect = func(m azure.SignIn, prompt func(string)) (LiveSource, error) {
				prompt("To sign in, use a web browser to open the page https://microsoft.com/devicelogin and enter the code FAKE1234 to authenticate.")
				<-done // waits for the browser until the test ends
				return nil, errors.New("test over")
			}
			m, err := New(opts)
			if err != nil {
				t.Fatal(err)
			}
			return m
		}, []string{"tab", "enter", "down", "down", "down", "down", "enter", "wait:FAKE1234"}},
	})
}
