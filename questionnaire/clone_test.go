package questionnaire

import (
	"encoding/json"
	"testing"
	"time"
)

// TestCloneSharesNothingWritable fills every part of an assessment, clones
// it, writes into every part of the clone, and checks the original did not
// move: a reader of the clone (a save, a scoring run in the background)
// never races the owner.
func TestCloneSharesNothingWritable(t *testing.T) {
	day := time.Date(2026, 11, 16, 0, 0, 0, 0, time.UTC)
	lvl := 2
	a := &Assessment{
		Schema: SchemaVersion, Profile: Profile{Organization: "Contoso", Models: []Model{IaaS}, Services: []string{"sql"}},
		Answers:      map[string]Answer{"Q1": {Status: Answered, Level: 3, Exception: &Exception{Kind: Compensating, Control: "EDR", Justification: "why"}}},
		Evidence:     map[string][]Evidence{"Q1": {{Source: "live", Status: "fail", Detail: "d", Suggested: &lvl}}},
		Targets:      map[string]int{"Q1": 4},
		Actions:      map[string]ActionState{"A1": {Status: "accepted"}},
		Plans:        &Plans{Calendar: []CalendarEntry{{Month: "Jan 2027"}}, Reporting: []string{"Stop"}},
		Participants: []string{"Ana"},
		Merged:       []MergeRecord{{Question: "Q1", Answers: []Vote{{Participant: "Ana"}}}},
		Started:      day, Updated: day,
	}
	before, err := json.Marshal(a)
	if err != nil {
		t.Fatal(err)
	}
	c := a.Clone()
	if got, _ := json.Marshal(c); string(got) != string(before) {
		t.Fatalf("clone differs:\n%s\n%s", got, before)
	}
	ans := c.Answers["Q1"]
	ans.Exception.Control = "changed"
	c.Answers["Q1"] = ans
	c.Answers["Q2"] = Answer{}
	c.Evidence["Q1"][0].Detail = "changed"
	*c.Evidence["Q1"][0].Suggested = 5
	c.Evidence["Q2"] = nil
	c.Targets["Q1"] = 1
	c.Actions["A1"] = ActionState{}
	c.Plans.Calendar[0].Month = "changed"
	c.Plans.Reporting[0] = "changed"
	c.Participants[0] = "changed"
	c.Merged[0].Answers[0].Participant = "changed"
	c.Profile.Models[0] = SaaS
	c.Profile.Services[0] = "changed"
	if after, _ := json.Marshal(a); string(after) != string(before) {
		t.Fatalf("writing the clone changed the original:\n%s\n%s", after, before)
	}
}
