package tui

import (
	"fmt"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

// Enter on a control of a kill-chain square opens its question where it
// is asked, to answer it or raise its level there.
func TestKillChainControlOpensItsQuestion(t *testing.T) {
	bubble(t, func(t *testing.T) {
		m, _ := resumed(t, ModeSelf, goldenAnswers, 120, 40)
		k := goToScreen[*killChainScreen](t, m)
		press(m, "down", "down", "down", "enter")
		ctls := k.cell().Controls
		if len(ctls) < 2 {
			t.Fatalf("the square has %d controls", len(ctls))
		}
		press(m, "down")
		want := ctls[1].QuestionID
		qq, _ := m.Session().Bank.Question(want)
		mustContain(t, view(m), "› ✗", "go to question")
		drain(m, press(m, "enter"))
		p := screenOf[*assessScreen](m).questions()
		if _, ok := m.screens[m.cur].(*assessScreen); !ok {
			t.Fatalf("enter did not go to Assess: %s", view(m))
		}
		if cur := p.current(); cur == nil || cur.ID != want {
			t.Fatalf("Assess shows %v, want %s", cur, want)
		}
		mustContain(t, view(m), "[1 Assess]", qq.Text[:30])
		// esc still leaves the list
		goToScreen[*killChainScreen](t, m)
		press(m, "esc")
		if k.detail {
			t.Fatal("esc did not close the controls list")
		}
	})
}

// A square with one control says "1 control" (it said "1 controls"), and
// a self-assessment's title reads as a sentence: "nothing stops 3 of them
// yet", not "3 of 7 nothing stops yet".
func TestKillChainWording(t *testing.T) {
	m, _ := resumed(t, ModeSelf, goldenAnswers, 120, 40)
	k := goToScreen[*killChainScreen](t, m)
	r := m.Session().Result()
	ones := 0
	for _, pc := range r.KillChain {
		for _, cell := range pc.Layers {
			head := ansi.Strip(k.controlsView(pc, cell, 120)[0])
			if len(cell.Controls) == 1 {
				ones++
				mustContain(t, head, ": 1 control")
			}
			mustNotContain(t, head, ": 1 controls")
		}
	}
	if ones == 0 {
		t.Fatal("no square with one control to check")
	}
	v := view(m)
	mustContain(t, v, fmt.Sprintf("The kill chain, the 7 steps of an attack: nothing stops %d of them yet", len(r.OpenPhases())))
}

// The attacker-side row (weaponization) is not judged, so its squares give
// no verdict: they read "✗ OPEN 1" and "◐ partial 2" beside "- not judged".
func TestKillChainAttackerSideRowHasNoVerdict(t *testing.T) {
	m := defaultModel(t, ModeSelf, 120, 40)
	goToScreen[*killChainScreen](t, m)
	found := false
	for _, l := range strings.Split(view(m), "\n") {
		if strings.HasPrefix(l, "- Weaponization") {
			found = true
			for _, verdict := range []string{"OPEN", "broken", "partial"} {
				if strings.Contains(l, verdict) {
					t.Errorf("the weaponization row gives a verdict (%s): %q", verdict, l)
				}
			}
			mustContain(t, l, "control")
		}
	}
	if !found {
		t.Fatalf("no weaponization row:\n%s", view(m))
	}
}
