package questionnaire

import (
	"errors"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

func lvl(n int, note string) Answer { return Answer{Status: Answered, Level: n, Note: note} }

var (
	unknown = Answer{Status: Unknown}
	na      = Answer{Status: NotApplicable}
)

// participants builds one assessment per name from a column of answers to
// Q-ONE ("-" in a name's slot: that participant did not answer).
func participants(t *testing.T, answers map[string][]*Answer, names ...string) []Participant {
	t.Helper()
	b := smallBank(t)
	out := make([]Participant, len(names))
	for i, n := range names {
		a := NewAssessment(b, Profile{Organization: "Contoso", Size: "small", Sensitivity: "high", Models: []Model{IaaS}, Assessor: n}, day0.Add(time.Duration(i)*time.Hour))
		for id, col := range answers {
			if col[i] != nil {
				a.SetAnswer(id, *col[i], day0.Add(time.Duration(i)*time.Hour))
			}
		}
		out[i] = Participant{Name: n, File: strings.ToLower(n) + ".json", Assessment: a}
	}
	return out
}

func p(a Answer) *Answer { return &a }

func TestMergeStrategies(t *testing.T) {
	risk := &Exception{Kind: RiskAccepted, Justification: "legacy", Owner: "CFO", Review: day0.AddDate(0, 6, 0)}
	withRisk := lvl(1, "")
	withRisk.Exception = risk
	tests := []struct {
		name      string
		votes     []*Answer // Ana, Ben, Cy
		strategy  Strategy
		conflict  bool
		want      Answer // status, level, exception, parked only
		chosen    string
		resolvedB bool
	}{
		{"all agree", []*Answer{p(lvl(3, "a")), p(lvl(3, "")), p(lvl(3, "c"))}, StrategyLowest, false, lvl(3, ""), "", true},
		{"only one answered", []*Answer{nil, p(lvl(2, "b")), nil}, StrategyLowest, false, lvl(2, ""), "", true},
		{"lowest", []*Answer{p(lvl(4, "")), p(lvl(1, "")), p(lvl(3, ""))}, StrategyLowest, true, lvl(1, ""), "Ben", true},
		{"lowest tie takes the first", []*Answer{p(lvl(4, "")), p(lvl(1, "")), p(lvl(1, ""))}, StrategyLowest, true, lvl(1, ""), "Ben", true},
		{"lowest: don't know is below 0", []*Answer{p(lvl(0, "")), p(unknown), p(lvl(2, ""))}, StrategyLowest, true, unknown, "Ben", true},
		{"lowest: n/a counts only if alone", []*Answer{p(na), p(lvl(2, "")), p(lvl(4, ""))}, StrategyLowest, true, lvl(2, ""), "Ben", true},
		{"all n/a or don't know", []*Answer{p(na), p(unknown), nil}, StrategyLowest, true, unknown, "Ben", true},
		{"highest", []*Answer{p(lvl(1, "")), p(lvl(4, "")), p(unknown)}, StrategyHighest, true, lvl(4, ""), "Ben", true},
		{"highest skips n/a", []*Answer{p(na), p(lvl(2, "")), nil}, StrategyHighest, true, lvl(2, ""), "Ben", true},
		{"average rounds to nearest", []*Answer{p(lvl(1, "")), p(lvl(2, "")), p(lvl(2, ""))}, StrategyAverage, true, lvl(2, ""), "", true},
		{"average rounds halves down", []*Answer{p(lvl(2, "")), p(lvl(3, "")), nil}, StrategyAverage, true, lvl(2, ""), "", true},
		{"average: don't know counts 0, n/a left out", []*Answer{p(unknown), p(lvl(4, "")), p(na)}, StrategyAverage, true, lvl(2, ""), "", true},
		{"average of don't knows", []*Answer{p(unknown), p(na), nil}, StrategyAverage, true, unknown, "", true},
		{"first", []*Answer{nil, p(lvl(5, "")), p(lvl(0, ""))}, StrategyFirst, true, lvl(5, ""), "Ben", true},
		{"exceptions differ", []*Answer{p(withRisk), p(lvl(1, "")), nil}, StrategyLowest, true, withRisk, "Ana", true},
		{"average drops an exception not all share", []*Answer{p(withRisk), p(lvl(3, "")), nil}, StrategyAverage, true, lvl(2, ""), "", true},
		{"ask leaves it open, lowest for now", []*Answer{p(lvl(3, "")), p(lvl(2, "")), nil}, StrategyAsk, true, lvl(2, ""), "Ben", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			parts := participants(t, map[string][]*Answer{"Q-ONE": tt.votes}, "Ana", "Ben", "Cy")
			m, cs, err := Merge(parts, tt.strategy)
			if err != nil {
				t.Fatal(err)
			}
			got := m.Answers["Q-ONE"]
			if got.Status != tt.want.Status || got.Level != tt.want.Level || !reflect.DeepEqual(got.Exception, tt.want.Exception) || got.Parked {
				t.Errorf("merged answer %+v, want %+v", got, tt.want)
			}
			if !tt.conflict {
				if len(cs) != 0 || len(m.Merged) != 0 {
					t.Errorf("no conflict expected: %+v", cs)
				}
				return
			}
			if len(cs) != 1 || len(m.Merged) != 1 {
				t.Fatalf("want one conflict and one record, got %d, %d", len(cs), len(m.Merged))
			}
			c, rec := cs[0], m.Merged[0]
			if c.QuestionID != "Q-ONE" || c.Chosen != tt.chosen || c.Resolved != tt.resolvedB || c.Strategy != tt.strategy {
				t.Errorf("conflict %+v", c)
			}
			wantRes := string(tt.strategy)
			if tt.strategy == StrategyAsk {
				wantRes = "pending"
			}
			if rec.Question != "Q-ONE" || rec.Resolution != wantRes || rec.Strategy != tt.strategy || rec.Status != got.Status || rec.Level != got.Level {
				t.Errorf("record %+v", rec)
			}
			n := 0
			for _, v := range tt.votes {
				if v != nil {
					n++
				}
			}
			if len(rec.Answers) != n {
				t.Errorf("record keeps %d answers, want %d", len(rec.Answers), n)
			}
		})
	}
}

func TestMergeKeepsProvenance(t *testing.T) {
	parts := participants(t, map[string][]*Answer{
		"Q-ONE": {p(lvl(3, "MFA for admins only")), p(lvl(1, "I saw shared admin accounts")), p(lvl(3, ""))},
		"Q-TWO": {p(lvl(2, "agreed")), p(lvl(2, "")), nil},
	}, "Ana", "Ben", "Cy")
	m, cs, err := Merge(parts, StrategyLowest)
	if err != nil {
		t.Fatal(err)
	}
	one := m.Answers["Q-ONE"]
	if one.Who != "Ana, Ben, Cy" || one.Note != "Ana: MFA for admins only\nBen: I saw shared admin accounts" {
		t.Errorf("Q-ONE who %q note %q", one.Who, one.Note)
	}
	if !one.When.Equal(day0.Add(2 * time.Hour)) {
		t.Errorf("merged When is %v, want the latest", one.When)
	}
	two := m.Answers["Q-TWO"]
	if two.Who != "Ana, Ben" || two.Note != "Ana: agreed" {
		t.Errorf("Q-TWO who %q note %q", two.Who, two.Note)
	}
	if len(cs) != 1 || cs[0].Votes[1].Participant != "Ben" || cs[0].Votes[1].Note != "I saw shared admin accounts" || cs[0].Votes[1].Level != 1 {
		t.Errorf("conflict votes %+v", cs)
	}
	if !reflect.DeepEqual(m.Participants, []string{"Ana", "Ben", "Cy"}) || m.Profile.Assessor != "Ana, Ben, Cy" {
		t.Errorf("participants %v assessor %q", m.Participants, m.Profile.Assessor)
	}
	if !m.Started.Equal(day0) || !m.Updated.Equal(day0.Add(2*time.Hour)) {
		t.Errorf("started %v updated %v", m.Started, m.Updated)
	}

	// The record survives a save and a load.
	path := filepath.Join(t.TempDir(), "m.json")
	if err := SaveAssessment(path, m); err != nil {
		t.Fatal(err)
	}
	got, err := LoadAssessment(path)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got.Merged, m.Merged) || !reflect.DeepEqual(got.Participants, m.Participants) {
		t.Errorf("merge record lost in a round trip:\n%+v\n%+v", got.Merged, m.Merged)
	}
}

func TestMergeIsDeterministic(t *testing.T) {
	cols := map[string][]*Answer{
		"Q-ONE": {p(lvl(3, "x")), p(lvl(1, "y"))}, "Q-TWO": {p(unknown), p(lvl(2, ""))},
		"Q-THREE": {p(na), p(lvl(4, ""))}, "Q-FOUR": {p(lvl(1, "")), nil},
	}
	a, ca, _ := Merge(participants(t, cols, "Ana", "Ben"), StrategyLowest)
	b, cb, _ := Merge(participants(t, cols, "Ana", "Ben"), StrategyLowest)
	if !reflect.DeepEqual(a, b) || !reflect.DeepEqual(ca, cb) {
		t.Error("two merges of the same input differ")
	}
	var ids []string
	for _, c := range ca {
		ids = append(ids, c.QuestionID)
	}
	if strings.Join(ids, ",") != "Q-ONE,Q-THREE,Q-TWO" {
		t.Errorf("conflicts not in question order: %v", ids)
	}
}

func TestResolveAndApply(t *testing.T) {
	parts := participants(t, map[string][]*Answer{"Q-ONE": {p(lvl(4, "a")), p(lvl(1, "b")), p(lvl(2, ""))}}, "Ana", "Ben", "Cy")
	m, cs, err := Merge(parts, StrategyAsk)
	if err != nil {
		t.Fatal(err)
	}
	if got := m.Pending(); !reflect.DeepEqual(got, []string{"Q-ONE"}) {
		t.Fatalf("pending %v", got)
	}
	tests := []struct {
		choice Choice
		level  int
		parked bool
		chosen string
	}{
		{Choice{Kind: ChooseParticipant, Participant: "Ana"}, 4, false, "Ana"},
		{Choice{Kind: ChooseParticipant, Participant: "Cy"}, 2, false, "Cy"},
		{Choice{Kind: ChooseHighest}, 4, false, "Ana"},
		{Choice{Kind: ChooseAverage}, 2, false, ""},
		{Choice{Kind: ChooseDiscuss}, 1, true, ""},
		{Choice{Kind: ChooseLowest}, 1, false, "Ben"},
	}
	for _, tt := range tests {
		c, err := Resolve(cs[0], tt.choice)
		if err != nil {
			t.Fatal(err)
		}
		m.ApplyConflict(c)
		got := m.Answers["Q-ONE"]
		if got.Level != tt.level || got.Parked != tt.parked || c.Chosen != tt.chosen || !c.Resolved {
			t.Errorf("%+v: level %d parked %v chosen %q", tt.choice, got.Level, got.Parked, c.Chosen)
		}
		if len(m.Merged) != 1 || m.Merged[0].Resolution != string(tt.choice.Kind) || m.Merged[0].Strategy != StrategyAsk {
			t.Errorf("%+v: records %+v", tt.choice, m.Merged)
		}
		// one participant's answer names them alone (issue 17); the
		// group's choices name everyone; every note stays
		who := "Ana, Ben, Cy"
		if tt.choice.Kind == ChooseParticipant {
			who = tt.chosen
		}
		if got.Note != "Ana: a\nBen: b" || got.Who != who {
			t.Errorf("%+v: provenance on resolve: %+v, want who %q", tt.choice, got, who)
		}
	}
	if len(m.Pending()) != 0 {
		t.Error("a resolved conflict is still pending")
	}
	if _, err := Resolve(cs[0], Choice{Kind: ChooseParticipant, Participant: "Dee"}); err == nil {
		t.Error("choosing someone who did not answer must fail")
	}
	if _, err := Resolve(cs[0], Choice{Kind: "coin"}); err == nil {
		t.Error("an unknown choice must fail")
	}
}

func TestMergeRefusesMismatchUnlessForced(t *testing.T) {
	cols := map[string][]*Answer{"Q-ONE": {p(lvl(3, "")), p(lvl(2, ""))}}
	tests := []struct {
		name   string
		change func(first, other *Assessment)
		fields []string
	}{
		{"size", func(_, a *Assessment) { a.Profile.Size = "medium" }, []string{"profile.size"}},
		{"models and org", func(_, a *Assessment) {
			a.Profile.Models = []Model{PaaS}
			a.Profile.Organization = "Fabrikam"
		}, []string{"profile.organization", "profile.models"}},
		{"bank", func(_, a *Assessment) { a.Bank.Checksum = "deadbeef" }, []string{"bank checksum"}},
		{"model order does not matter", func(f, a *Assessment) {
			f.Profile.Models = []Model{IaaS, PaaS}
			a.Profile.Models = []Model{PaaS, IaaS}
		}, nil},
		{"assessor may differ", func(_, a *Assessment) { a.Profile.Assessor = "someone else" }, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			parts := participants(t, cols, "Ana", "Ben")
			tt.change(parts[0].Assessment, parts[1].Assessment)
			_, _, err := Merge(parts, StrategyLowest)
			var me *MismatchError
			if len(tt.fields) == 0 {
				if err != nil {
					t.Fatalf("unexpected refusal: %v", err)
				}
				return
			}
			if !errors.As(err, &me) {
				t.Fatalf("want a MismatchError, got %v", err)
			}
			var got []string
			for _, d := range me.Diffs {
				got = append(got, d.Field)
			}
			if !reflect.DeepEqual(got, tt.fields) {
				t.Errorf("differing fields %v, want %v", got, tt.fields)
			}
			for _, f := range tt.fields {
				if !strings.Contains(err.Error(), f) {
					t.Errorf("error %q does not name %s", err, f)
				}
			}
			m, _, err := MergeWith(parts, MergeOptions{Strategy: StrategyLowest, Force: true})
			if err != nil || m.Profile.Organization != "Contoso" {
				t.Errorf("forced merge: %v", err)
			}
		})
	}
}

func TestMergeInputErrors(t *testing.T) {
	parts := participants(t, map[string][]*Answer{"Q-ONE": {p(lvl(1, "")), p(lvl(2, ""))}}, "Ana", "Ana2")
	for name, tc := range map[string]struct {
		parts    []Participant
		strategy Strategy
		want     string
	}{
		"one participant":  {parts[:1], StrategyLowest, "at least two"},
		"same name":        {[]Participant{parts[0], {Name: "Ana", Assessment: parts[1].Assessment}}, StrategyLowest, "both called"},
		"no name":          {[]Participant{parts[0], {File: "b.json", Assessment: parts[1].Assessment}}, StrategyLowest, "no name"},
		"unknown strategy": {parts, "median", "unknown merge strategy"},
	} {
		if _, _, err := Merge(tc.parts, tc.strategy); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: %v", name, err)
		}
	}
}

func TestMergePoolsEvidenceAndKeepsFirstDecisions(t *testing.T) {
	parts := participants(t, map[string][]*Answer{"Q-ONE": {p(lvl(1, "")), p(lvl(1, ""))}}, "Ana", "Ben")
	e := Evidence{Source: "live", Check: "mfa", Status: "fail"}
	parts[0].Assessment.AddEvidence("Q-ONE", e)
	parts[1].Assessment.AddEvidence("Q-ONE", e)
	parts[1].Assessment.AddEvidence("Q-ONE", Evidence{Source: "note", Detail: "seen on screen"})
	parts[0].Assessment.Actions = map[string]ActionState{"A-ONE": {Status: "accepted", Owner: "Ana"}}
	parts[1].Assessment.Actions = map[string]ActionState{"A-ONE": {Status: "deferred"}, "A-TWO": {Status: "done"}}
	m, _, err := Merge(parts, StrategyLowest)
	if err != nil {
		t.Fatal(err)
	}
	if len(m.Evidence["Q-ONE"]) != 2 {
		t.Errorf("evidence %+v", m.Evidence["Q-ONE"])
	}
	if m.Actions["A-ONE"].Status != "accepted" || m.Actions["A-TWO"].Status != "done" {
		t.Errorf("actions %+v", m.Actions)
	}
}

func TestParticipantNames(t *testing.T) {
	b := smallBank(t)
	a := sampleAssessment(b) // answers by Sam only on Q-ONE; Q-TWO has no who
	if got := ParticipantName(a, "x/ana.json"); got != "ana" {
		t.Errorf("no shared who and no assessor: %q", got)
	}
	a.Profile.Assessor = " Priya "
	if got := ParticipantName(a, "x/ana.json"); got != "Priya" {
		t.Errorf("assessor: %q", got)
	}
	for id, ans := range a.Answers {
		ans.Who = "Ben"
		a.Answers[id] = ans
	}
	if got := ParticipantName(a, "x/ana.json"); got != "Ben" {
		t.Errorf("shared who: %q", got)
	}
	parts := []Participant{{Name: "Ben", File: "a/one.json"}, {Name: "Ben", File: "b/two.json"}, {Name: "Cy", File: "c.json"}}
	UniqueNames(parts)
	if parts[0].Name != "Ben (one.json)" || parts[1].Name != "Ben (two.json)" || parts[2].Name != "Cy" {
		t.Errorf("unique names: %+v", parts)
	}
}
