package tui

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/charmbracelet/x/exp/teatest"

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
				m := c.model(t)
				tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(sz[0], sz[1]))
				for _, k := range c.keys {
					if len(k) > 5 && k[:5] == "wait:" {
						waitText(t, tm, k[5:])
						continue
					}
					if len(k) > 5 && k[:5] == "type:" {
						tm.Type(k[5:])
						continue
					}
					tm.Send(keyMsg(k))
				}
				if err := tm.Quit(); err != nil {
					t.Fatal(err)
				}
				fm := tm.FinalModel(t, teatest.WithFinalTimeout(5*time.Second)).(*Model)
				if fm.s != nil && fm.s.Dirty() {
					if err := fm.s.SaveNow(); err != nil {
						t.Fatal(err)
					}
				}
				frame := ansi.Strip(fm.View())
				if err := os.Chdir(wd); err != nil {
					t.Fatal(err)
				}
				golden.RequireEqual(t, []byte(frame))
			})
		}
	}
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
			runCmds(m, press(m, "enter"))
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
		{"live-suggestions", func(t *testing.T) *Model {
			return liveModel(t, &fakeSource{}, goldenAnswers, 80, 24)
		}, []string{"down", "enter", "type:" + testSnapshot, "enter", "wait:[Findings]", "v", "a", "down", "o"}},
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
