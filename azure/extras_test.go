package azure

import (
	"github.com/ssrm/ssrm/scoring"
	"slices"
	"strings"
	"testing"
	"time"

	q "github.com/ssrm/ssrm/questionnaire"
)

// fixtureDocs returns the documents of a fixture snapshot the checks
// judge: its documents and one per element of its Graph collections
// (whose "_expect" stays in the Graph object).
func fixtureDocs(s *Snapshot) []Doc {
	inv := NewInventory(s.Documents)
	inv.attach(s)
	return inv.docs
}

// Graph evidence contradicts answers as Resource Graph evidence does, and
// a snapshot without Graph leaves reminders, never passes.
func TestGraphEvidenceContradicts(t *testing.T) {
	b := testBank(t)
	a := q.NewAssessment(b, q.Profile{Organization: "Contoso", Size: "small", Sensitivity: "high", Models: []q.Model{q.SaaS}}, time.Now())
	a.SetAnswer("ID-MFA-USERS", q.Answer{Status: q.Answered, Level: 4}, time.Now())
	s := loadFixtureFile(t, "testdata/fixtures-entra-bad.json")
	Apply(b, a, RunSnapshot(s, Catalog()), s.Collected)
	cs := scoring.Compute(b, a, scoring.Options{}).Contradictions
	var c *scoring.Contradiction
	for i := range cs {
		if cs[i].QuestionID == "ID-MFA-USERS" {
			c = &cs[i]
		}
	}
	if c == nil || c.SuggestedLevel != 0 {
		t.Fatalf("no contradiction on ID-MFA-USERS: %+v", cs)
	}
	found := false
	for _, e := range a.Evidence["ID-MFA-USERS"] {
		if e.Check == "identity-security-defaults" && e.Status == "fail" {
			found = true
		}
	}
	if !found {
		t.Errorf("evidence %+v", a.Evidence["ID-MFA-USERS"])
	}
	// Without Graph: the same checks remind, and suggest nothing.
	a2 := q.NewAssessment(b, q.Profile{Organization: "Contoso", Size: "small", Sensitivity: "high", Models: []q.Model{q.SaaS}}, time.Now())
	res := Apply(b, a2, RunSnapshot(loadFixtureFile(t, "testdata/fixtures-healthy.json"), Catalog()), time.Now())
	for _, e := range a2.Evidence["ID-MFA-USERS"] {
		if e.Check == "identity-security-defaults" && (e.Status != "na" || e.Suggested != nil || !strings.HasPrefix(e.Detail, ByHandPrefix)) {
			t.Errorf("no Graph, yet %+v", e)
		}
	}
	if !slices.Contains(res.Manual, "identity-security-defaults") {
		t.Errorf("manual %v", res.Manual)
	}
}
