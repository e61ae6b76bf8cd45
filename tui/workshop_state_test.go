package tui

import (
	"testing"
	"time"
)

// A workshop's section timers and speaker survive a resume (they reset).
func TestWorkshopTimersAndSpeakerKeptAcrossSittings(t *testing.T) {
	bubble(t, func(t *testing.T) {
		b := testBank(t)
		path := writeAssessment(t, b, ModeWorkshop, nil)
		now := testNow
		opts := testOptions(b, path, t)
		opts.Now = func() time.Time { return now }
		m, err := New(opts)
		if err != nil {
			t.Fatal(err)
		}
		m.Update(windowMsg(120, 40))
		m.Update(tickMsg(now))
		now = now.Add(65 * time.Second)
		m.Update(tickMsg(now))
		press(m, "w")
		typeText(m, "Ana (CISO)")
		drain(m, press(m, "enter"))
		mustContain(t, view(m), "01:05", "Speaker: Ana (CISO)")
		drain(m, press(m, "q"))

		m2, err := New(opts)
		if err != nil {
			t.Fatal(err)
		}
		m2.Update(windowMsg(120, 40))
		v := view(m2)
		mustContain(t, v, "⏱ 01:05", "Speaker: Ana (CISO)")
		// answers given after the resume are signed by the speaker
		press(m2, "3")
		if who := m2.Session().a.Answers["ID-CENTRAL"].Who; who != "Ana (CISO)" {
			t.Fatalf("answer signed %q", who)
		}
	})
}
