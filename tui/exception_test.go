package tui

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/ssrm/ssrm/azure"
	q "github.com/ssrm/ssrm/questionnaire"
)

func TestCompensatingControlOnAnAnswer(t *testing.T) {
	bubble(t, func(t *testing.T) {
		m, path := resumed(t, ModeSelf, map[string]int{"ID-CENTRAL": 3}, 120, 40)
		press(m, "left") // back to ID-CENTRAL
		pressDrain(m, "c")
		if !m.capturing() {
			t.Fatal("the form does not have the keyboard")
		}
		mustContain(t, view(m), "Compensating control", "Justification")
		pressDrain(m, "enter")
		mustContain(t, view(m), "the control is required")
		typeText(m, "Conditional access on the rota app")
		pressDrain(m, "enter")
		typeText(m, "It covers the one app without SSO")
		pressDrain(m, "enter")
		if m.capturing() {
			t.Fatalf("form still open:\n%s", view(m))
		}
		ex := m.Session().a.Answers["ID-CENTRAL"].Exception
		if ex == nil || ex.Kind != q.Compensating || ex.Control != "Conditional access on the rota app" || ex.Justification == "" || ex.Problem() != "" {
			t.Fatalf("exception = %+v", ex)
		}
		v := view(m)
		mustContain(t, v, "[C] 1 of 2", "Compensating control: Conditional access", "Exceptions: 1 C")
		m.s.SaveNow()
		a, _ := q.LoadAssessment(path)
		if a.Answers["ID-CENTRAL"].Exception == nil {
			t.Fatal("not saved")
		}
		// pressing c again offers to remove it
		pressDrain(m, "c")
		mustContain(t, view(m), "This answer has one already")
		pressDrain(m, "down", "enter")
		if ex := m.Session().a.Answers["ID-CENTRAL"].Exception; ex != nil {
			t.Fatalf("not removed: %+v", ex)
		}
	})
}

func TestRiskAcceptedValidatesDateAndExpires(t *testing.T) {
	bubble(t, func(t *testing.T) {
		m, _ := resumed(t, ModeSelf, map[string]int{"ID-CENTRAL": 1}, 80, 24)
		press(m, "left")
		pressDrain(m, "r")
		typeText(m, "Ana (owner)")
		pressDrain(m, "enter")
		typeText(m, "Replacing the rota app in spring")
		pressDrain(m, "enter")
		typeText(m, "31/03/2026")
		pressDrain(m, "enter")
		mustContain(t, view(m), "YYYY-MM-DD")
		for range "31/03/2026" {
			press(m, "backspace")
		}
		mustContain(t, view(m), "After this date the actions come back")
		typeText(m, "2026-03-31") // before the assessment's date: expired
		drain(m, nil)
		pressDrain(m, "backspace")
		pressDrain(m, "1")
		mustContain(t, view(m), "Already expired: 31 Mar 2026 is before the assessment's date, 16 Nov 2026")
		pressDrain(m, "enter")
		ex := m.Session().a.Answers["ID-CENTRAL"].Exception
		if ex == nil || ex.Kind != q.RiskAccepted || ex.Owner != "Ana (owner)" || ex.Review.Format("2006-01-02") != "2026-03-31" {
			t.Fatalf("exception = %+v", ex)
		}
		mustContain(t, view(m), "[R!]", "EXPIRED 31 Mar 2026")
	})
}

func TestExceptionNeedsAnAnswerAndEscCancels(t *testing.T) {
	bubble(t, func(t *testing.T) {
		m, _ := resumed(t, ModeSelf, nil, 80, 24)
		pressDrain(m, "c")
		mustContain(t, view(m), "Answer the question first")
		press(m, "3", "left")
		pressDrain(m, "r")
		press(m, "esc")
		if m.capturing() || m.Session().a.Answers["ID-CENTRAL"].Exception != nil {
			t.Fatal("esc did not cancel the form")
		}
	})
}

func TestEvidenceFileLinkAndFinding(t *testing.T) {
	bubble(t, func(t *testing.T) {
		m, _ := resumed(t, ModeSelf, map[string]int{"ID-CENTRAL": 3, "NET-EXPOSURE": 4}, 120, 40)
		a := m.Session().a
		lvl := 1
		a.AddEvidence("NET-EXPOSURE", q.Evidence{Source: azure.SourceLive, Check: "nsg-mgmt-ports-open", Status: "fail", Severity: "high",
			Detail: "Management ports open to the internet — 1 of 2 fail: nsg-web: 3389 from Internet", Suggested: &lvl})
		m.s.seq++ // as a change would
		press(m, "left")
		doc := filepath.Join(t.TempDir(), "sso-policy.pdf")
		os.WriteFile(doc, []byte("%PDF"), 0o600)
		pressDrain(m, "e", "enter") // a file
		typeText(m, doc)
		pressDrain(m, "enter")
		pressDrain(m, "e", "down", "enter") // a link
		typeText(m, "https://contoso.example/sso")
		pressDrain(m, "enter")
		pressDrain(m, "e", "down", "down", "enter", "enter") // the live finding
		evs := a.Evidence["ID-CENTRAL"]
		if len(evs) != 3 || evs[0].Source != "file" || evs[1].Source != "url" || evs[2].Source != "finding" || evs[2].Ref != "nsg-mgmt-ports-open" {
			t.Fatalf("evidence = %+v", evs)
		}
		mustContain(t, view(m), "Evidence (3)", "file "+doc, "url https://contoso.example/sso", "finding nsg-mgmt-ports-open")
		// NET-EXPOSURE answered 4, evidence suggests 1 and fails: a warning
		press(m, "]", "]")
		v := view(m)
		mustContain(t, v, "⚠ Live evidence suggests level 1: Management ports open", "⚠ 1 above live evidence", "live checks: 1 fail, 0 pass")
	})
}
