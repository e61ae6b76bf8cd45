package tui

import (
	"testing"

	q "github.com/ssrm/ssrm/questionnaire"
)

// TestCompensatingControlNeedsALevel: the answers file refuses a
// compensating control on "don't know" or "not applicable" ("a compensating
// control grants a level"), so the wizard neither records one there nor
// keeps one when the answer changes to either.
func TestCompensatingControlNeedsALevel(t *testing.T) {
	bubble(t, func(t *testing.T) {
		m, _ := resumed(t, ModeSelf, map[string]int{"ID-CENTRAL": -1}, 80, 24)
		press(m, "left") // ID-CENTRAL, answered "don't know"
		pressDrain(m, "c")
		if m.capturing() {
			t.Fatalf("a compensating control form opened on don't know:\n%s", view(m))
		}
		mustContain(t, view(m), "grants a level")

		// a level with a compensating control, then changed to n/a
		press(m, "3")
		press(m, "left")
		a := m.Session().a.Answers["ID-CENTRAL"]
		a.Exception = &q.Exception{Kind: q.Compensating, Control: "CA policy", Justification: "covers it"}
		m.Session().edit(testNow, func(d *q.Assessment) { d.SetAnswer("ID-CENTRAL", a, testNow) })
		press(m, "x")
		if ex := m.Session().a.Answers["ID-CENTRAL"].Exception; ex != nil {
			t.Fatalf("n/a kept the compensating control: %+v", ex)
		}
		mustContain(t, view(m), "compensating control on that answer was removed", "has none.")
		// an accepted risk is not a level: it stays on don't know
		press(m, "left", "1", "left")
		a = m.Session().a.Answers["ID-CENTRAL"]
		a.Exception = &q.Exception{Kind: q.RiskAccepted, Owner: "Ana", Justification: "later", Review: testNow.AddDate(0, 3, 0)}
		m.Session().edit(testNow, func(d *q.Assessment) { d.SetAnswer("ID-CENTRAL", a, testNow) })
		press(m, "d")
		if ex := m.Session().a.Answers["ID-CENTRAL"].Exception; ex == nil || ex.Kind != q.RiskAccepted {
			t.Fatalf("don't know dropped the accepted risk: %+v", ex)
		}
	})
}

// TestMissingLevelKeySaysWhich: ID-CENTRAL offers levels 0, 1, 3, 4, 5;
// pressing 2 answers nothing and says which keys do.
func TestMissingLevelKeySaysWhich(t *testing.T) {
	m, _ := resumed(t, ModeSelf, nil, 80, 24)
	press(m, "2")
	if _, ok := m.Session().a.Answers["ID-CENTRAL"]; ok {
		t.Fatal("2 answered a question without level 2")
	}
	mustContain(t, view(m), "This question has no level 2: press 0, 1, 3, 4 or 5")
	press(m, "3")
	if a := m.Session().a.Answers["ID-CENTRAL"]; a.Level != 3 {
		t.Fatalf("answer = %+v", a)
	}
	mustNotContain(t, view(m), "has no level")
}
