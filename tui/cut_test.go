package tui

import (
	"fmt"
	"regexp"
	"strings"
	"testing"
)

// scrollMark is the position line of a long view.
var scrollMark = regexp.MustCompile(`[↑↓]+ lines \d+–\d+ of \d+|(action|finding|question) \d+ of \d+ · ↑↓ scroll`)

// cutStates are the goldens' frames, and the "why" panel, longer (plain
// language is on by default in a self-assessment, so it is the plain one).
var cutStates = append([]goldenState{
	{"assess-why", ModeSelf, []string{"?"}},
}, goldenStates...)

// body is a frame's lines between the status line and the footer,
// trimmed, blank ones left out.
func body(frame string) []string {
	ls := strings.Split(frame, "\n")
	if len(ls) < 4 {
		return nil
	}
	var out []string
	for _, l := range ls[2 : len(ls)-1] {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

// TestNoCutWithoutIndicator renders each frame at 80×24 and 120×40 and
// again on a very tall terminal of the same width: every line the tall one
// shows must show on the small one too, or the small one must say that it
// scrolls (a position line "lines a–b of n"). At issue 17 the Fortify plan
// hid Monitoring and the 30-day list hid its last items with no sign.
func TestNoCutWithoutIndicator(t *testing.T) {
	for _, bankName := range []string{"test", "default"} {
		for _, st := range cutStates {
			for _, sz := range [][2]int{{80, 24}, {120, 40}} {
				t.Run(fmt.Sprintf("%s/%s_%dx%d", bankName, st.name, sz[0], sz[1]), func(t *testing.T) {
					open := func(h int) *Model {
						if bankName == "test" {
							m, _ := resumed(t, st.mode, goldenAnswers, sz[0], h)
							return m
						}
						return defaultModel(t, st.mode, sz[0], h)
					}
					cutCheck(t, open(sz[1]), open(300), st.keys)
				})
			}
		}
	}
}

// The trainer (ssrm train) and its quiz say when they scroll too.
func TestTrainerNoCutWithoutIndicator(t *testing.T) {
	for _, st := range []struct {
		name string
		keys []string
	}{
		{"walkthrough", []string{"down", "down", "down", "right"}},
		{"walkthrough-explained", []string{"down", "down", "down", "right", "]"}},
		{"quiz", []string{"v"}},
		{"quiz-answered", []string{"v", "enter", "enter"}},
	} {
		for _, sz := range [][2]int{{80, 24}, {120, 40}} {
			t.Run(fmt.Sprintf("%s_%dx%d", st.name, sz[0], sz[1]), func(t *testing.T) {
				open := func(h int) *Model {
					m := newTrainModel(t, defaultBank(t))
					m.Update(windowMsg(sz[0], h))
					return m
				}
				cutCheck(t, open(sz[1]), open(300), st.keys)
			})
		}
	}
}

// defaultModel opens a half-answered assessment on the default bank.
func defaultModel(t *testing.T, mode Mode, w, h int) *Model {
	t.Helper()
	b := defaultBank(t)
	answers := map[string]int{}
	for i, qq := range b.Questions {
		if i%2 == 0 {
			answers[qq.ID] = qq.Options[0].Level
		}
	}
	path := writeAssessment(t, b, mode, answers)
	m, err := New(testOptions(b, path, t))
	if err != nil {
		t.Fatal(err)
	}
	m.Update(windowMsg(w, h))
	return m
}

func cutCheck(t *testing.T, small, tall *Model, keys []string) {
	t.Helper()
	press(small, keys...)
	press(tall, keys...)
	cutCompare(t, small, tall)
}

// cutCompare fails when the small frame lacks a line the tall one shows
// and has no position line.
func cutCompare(t *testing.T, small, tall *Model) {
	t.Helper()
	s := view(small)
	if scrollMark.MatchString(s) {
		return
	}
	have := map[string]bool{}
	for _, l := range body(s) {
		have[l] = true
	}
	var missing []string
	for _, l := range body(view(tall)) {
		if !have[l] {
			missing = append(missing, l)
		}
	}
	if len(missing) > 0 {
		t.Errorf("%d lines cut with no scroll indicator, first %q\n%s", len(missing), missing[0], s)
	}
}

// The Fortify plan at 80×24 hid Monitoring (issue 17): it is below the
// fold, and ctrl+d brings it into view; ctrl+u goes back.
func TestLongViewScrolls(t *testing.T) {
	m := defaultModel(t, ModeSelf, 80, 24)
	goToScreen[*fortifyScreen](t, m)
	press(m, "v")
	v := view(m)
	mustContain(t, v, "↓ lines 1–19 of", "ctrl+d/ctrl+u scroll")
	mustNotContain(t, v, "Monitoring")
	for range 6 {
		press(m, "ctrl+d")
	}
	v = view(m)
	mustContain(t, v, "Monitoring", "↑ lines")
	press(m, "ctrl+u")
	mustContain(t, view(m), "↑↓ lines")
	// another key goes back to the top
	press(m, "v")
	press(m, "v")
	mustContain(t, view(m), "↓ lines 1–19 of")
}

// Live checks: the findings table and the suggested answers say where they
// are. The suggestions at 80×24 listed nine of ten questions and two of the
// three lines of a question's evidence, with no sign of the rest.
func TestLiveNoCutWithoutIndicator(t *testing.T) {
	for _, st := range []struct {
		name string
		keys []string
	}{
		{"findings", nil},
		{"findings-filtered", []string{"f", "s"}},
		{"suggestions", []string{"v"}},
		{"suggestions-down", []string{"v", "down", "down"}},
		{"suggestions-keep", []string{"v", "down", "o"}},
		{"suggestions-kept", []string{"v", "down", "down", "o", "type:Hardened by the MSP's golden image", "enter", "up"}},
	} {
		for _, sz := range [][2]int{{80, 24}, {120, 40}} {
			t.Run(fmt.Sprintf("%s_%dx%d", st.name, sz[0], sz[1]), func(t *testing.T) {
				bubble(t, func(t *testing.T) {
					open := func(h int) *Model {
						m := liveModel(t, &fakeSource{}, goldenAnswers, sz[0], h)
						press(m, "down", "enter")
						typeText(m, testSnapshot)
						drain(m, press(m, "enter"))
						mustContain(t, view(m), "[Findings]")
						for _, k := range st.keys {
							if text, ok := strings.CutPrefix(k, "type:"); ok {
								typeText(m, text)
								continue
							}
							drain(m, press(m, k))
						}
						return m
					}
					cutCompare(t, open(sz[1]), open(300))
				})
			})
		}
	}
}
