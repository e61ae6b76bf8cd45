package reports

import (
	"strings"
	"testing"
	"time"

	q "github.com/ssrm/ssrm/questionnaire"
	"github.com/ssrm/ssrm/scoring"
)

// Six answers out of 68 gave "Your side of the model is close to the
// target; a few focused actions will close the gap" and "Applications is
// strongest (4.0)": a verdict an owner would act on, built on almost
// nothing. With fewer than half the questions answered it says so first.
func TestVerdictIsProvisionalOnAFewAnswers(t *testing.T) {
	b, err := q.DefaultBank()
	if err != nil {
		t.Fatal(err)
	}
	day := time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC)
	a := q.NewAssessment(b, q.Profile{Organization: "Bakery", Size: "small", Sensitivity: "moderate", Models: []q.Model{q.IaaS, q.PaaS}}, day)
	a.SetAnswer("ID-MFA-ADMIN", q.Answer{Status: q.Answered, Level: 4}, day)
	a.SetAnswer("NET-DDOS", q.Answer{Status: q.Answered, Level: 1}, day)
	few := scoring.Compute(b, a, scoring.Options{})
	v := Verdict(few)
	want := "Only 2 of "
	if !strings.HasPrefix(v[0], want) || !strings.Contains(v[0], "provisional") {
		t.Errorf("verdict on 2 answers does not say it is provisional: %q", v[0])
	}
	full := demoResult(t)
	if v := Verdict(full); strings.Contains(v[0], "provisional") {
		t.Errorf("the demo, answered throughout, is called provisional: %q", v[0])
	}
}

// The provisional note reaches both written reports.
func TestProvisionalVerdictInPDFAndMarkdown(t *testing.T) {
	b, err := q.DefaultBank()
	if err != nil {
		t.Fatal(err)
	}
	day := time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC)
	a := q.NewAssessment(b, q.Profile{Organization: "Bakery", Size: "small", Sensitivity: "moderate", Models: []q.Model{q.PaaS}}, day)
	a.SetAnswer("ID-MFA-ADMIN", q.Answer{Status: q.Answered, Level: 4}, day)
	r := scoring.Compute(b, a, scoring.Options{})
	var md strings.Builder
	if err := WriteMarkdown(&md, r, Meta{}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(md.String(), "so this is provisional") {
		t.Error("the Markdown verdict is not marked provisional")
	}
	if pdf := strings.Join(pdfText(t, renderPDF(t, r, Meta{})), " "); !strings.Contains(pdf, "so this is provisional") {
		t.Error("the PDF verdict is not marked provisional")
	}
}

// TestJSONPhaseVerdicts: every phase of the JSON report carries its verdict
// and the evidence behind it; a sparse assessment calls no phase broken or
// open.
func TestJSONPhaseVerdicts(t *testing.T) {
	rep := BuildJSON(demoResult(t), Meta{Tool: "ssrm test"})
	seen := map[string]bool{}
	for _, p := range rep.KillChain {
		switch p.Verdict {
		case "broken", "open", "insufficient_evidence":
		case "attacker_side":
			// weaponization: not judged, as in the verdict and the heat map
			if p.Phase != "weaponization" || !p.AttackerSide {
				t.Errorf("%s marked attacker_side", p.Phase)
			}
		default:
			t.Errorf("%s verdict %q", p.Phase, p.Verdict)
		}
		seen[p.Verdict] = true
		if p.Open != (p.Verdict == "open") {
			t.Errorf("%s open=%v with verdict %s", p.Phase, p.Open, p.Verdict)
		}
		if (p.Verdict == "broken" || p.Verdict == "open") && p.Answered < p.Needed {
			t.Errorf("%s judged %s on %d of %d needed answers", p.Phase, p.Verdict, p.Answered, p.Needed)
		}
	}
	// Harbour Lane leaves a path open through every phase (RDP open, MFA
	// optional): answered throughout, every phase is judged, and open.
	if !seen["open"] || seen["insufficient_evidence"] {
		t.Errorf("the demo's phases should all be judged, and some open: %v", seen)
	}
	for _, p := range rep.KillChain {
		if p.Verdict == "open" && len(p.OpenLayers) == 0 {
			t.Errorf("%s is open but names no open layer", p.Phase)
		}
	}
	b, err := q.DefaultBank()
	if err != nil {
		t.Fatal(err)
	}
	// Everything at level 5: every phase the bank can break is broken, in
	// every layer.
	builds := true
	best := q.NewAssessment(b, q.Profile{Size: "small", Sensitivity: "high", Models: []q.Model{q.IaaS, q.PaaS, q.SaaS}, BuildsSoftware: &builds}, testDate)
	for _, qq := range b.Questions {
		best.SetAnswer(qq.ID, q.Answer{Status: q.Answered, Level: 5}, testDate)
	}
	for _, p := range BuildJSON(scoring.Compute(b, best, scoring.Options{}), Meta{}).KillChain {
		if p.Breakers > 0 && !p.AttackerSide && (p.Verdict != "broken" || len(p.OpenLayers) > 0) {
			t.Errorf("all at level 5: %s is %s, open through %v", p.Phase, p.Verdict, p.OpenLayers)
		}
	}
	a := q.NewAssessment(b, q.Profile{Size: "small", Sensitivity: "high", Models: []q.Model{q.IaaS, q.PaaS, q.SaaS}}, testDate)
	a.SetAnswer("NET-EXPOSURE", q.Answer{Status: q.Answered, Level: 5}, testDate)
	sparse := BuildJSON(scoring.Compute(b, a, scoring.Options{}), Meta{})
	for _, p := range sparse.KillChain {
		if p.Verdict != "insufficient_evidence" && !p.AttackerSide {
			t.Errorf("one answer judged %s %s", p.Phase, p.Verdict)
		}
	}
}
