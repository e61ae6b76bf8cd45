package tui

import "testing"

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
