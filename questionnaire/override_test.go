package questionnaire

import (
	"path/filepath"
	"strings"
	"testing"
)

// An answer's override (review finding 1) is read from the answers file,
// kept in the assessment by question id and survives a save and a load.
func TestOverrideRoundTrips(t *testing.T) {
	b := smallBank(t)
	src := `profile: {organization: Contoso, size: small, sensitivity: high}
date: 2026-11-20
who: Sam
answers:
  Q-ONE:
    level: 1
    override: {risk: critical, reason: "A former supplier's admin account is still enabled"}
  Q-TWO: 2
`
	af, err := ParseAnswers("a.yaml", []byte(src), b)
	if err != nil {
		t.Fatal(err)
	}
	a := af.Apply(b, day0)
	o, ok := a.Overrides["Q-ONE"]
	if !ok || o.Risk != "critical" || o.Who != "Sam" || o.When.IsZero() || !strings.Contains(o.Reason, "former supplier") {
		t.Fatalf("override: %+v (found %v)", o, ok)
	}
	if _, ok := a.Overrides["Q-TWO"]; ok {
		t.Error("an answer without override has one")
	}
	path := filepath.Join(t.TempDir(), "a.json")
	if err := SaveAssessment(path, a); err != nil {
		t.Fatal(err)
	}
	back, err := LoadAssessment(path)
	if err != nil {
		t.Fatal(err)
	}
	if got := back.Overrides["Q-ONE"]; got.Risk != o.Risk || got.Reason != o.Reason || got.Who != o.Who || !got.When.Equal(o.When) {
		t.Errorf("after a save and a load: %+v, want %+v", got, o)
	}
	c := a.Clone()
	c.SetOverride("Q-ONE", Override{Risk: "low", Reason: "r"}, day0)
	if c.Overrides["Q-ONE"].Risk != "low" || a.Overrides["Q-ONE"].Risk != "critical" {
		t.Error("a clone shares its overrides with the original")
	}
	a.SetOverride("Q-ONE", Override{}, day0)
	if len(a.Overrides) != 0 {
		t.Error("an empty risk does not remove the override")
	}
}

// Bad overrides are errors at their line, in an answers file and in a
// saved assessment.
func TestOverrideErrorsNameTheLine(t *testing.T) {
	b := smallBank(t)
	cases := []struct {
		name, override, want string
	}{
		{"unknown risk", `{risk: severe, reason: "x"}`, `unknown risk "severe": use critical, high, medium, low`},
		{"no reason", `{risk: critical}`, "an override needs a written reason"},
		{"blank reason", `{risk: high, reason: "  "}`, "an override needs a written reason"},
		{"unknown key", `{risk: high, reason: x, why: y}`, `unknown key "why" in override`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			src := "profile: {organization: C, size: small, sensitivity: high}\nanswers:\n  Q-ONE:\n    level: 1\n    override: " + c.override + "\n"
			_, err := ParseAnswers("a.yaml", []byte(src), b)
			ps, ok := AsProblems(err)
			if !ok {
				t.Fatalf("want problems, got %v", err)
			}
			for _, p := range ps {
				if strings.Contains(p.Msg, c.want) && p.Line == 5 {
					return
				}
			}
			t.Errorf("want %q at line 5, got %v", c.want, ps)
		})
	}
	a := NewAssessment(b, Profile{Organization: "C"}, day0)
	a.Overrides = map[string]Override{"Q-ONE": {Risk: "critical"}}
	path := filepath.Join(t.TempDir(), "a.json")
	if err := SaveAssessment(path, a); err != nil {
		t.Fatal(err)
	}
	_, err := LoadAssessment(path)
	ps, ok := AsProblems(err)
	if !ok || len(ps) == 0 || !strings.Contains(ps[0].Msg, "override of Q-ONE: an override needs a written reason") || ps[0].Line == 0 {
		t.Errorf("saved bad override: %v", err)
	}
}

// The profile's licences and owners are checked against the plans ssrm
// knows and the bank's roles.
func TestProfileLicencesAndOwners(t *testing.T) {
	b, err := DefaultBank()
	if err != nil {
		t.Fatal(err)
	}
	src := `profile:
  organization: C
  size: small
  sensitivity: high
  licences: [m365-business-standard, m365-business-platinum]
  owners:
    it-admin: Tom Briggs
    it_lead: Tom Briggs
    hr: ""
answers: {}
`
	_, err = ParseAnswers("a.yaml", []byte(src), b)
	ps, _ := AsProblems(err)
	want := map[int]string{
		5: `unknown licence "m365-business-platinum"`,
		8: `owners: "it_lead" is not a role of the bank`,
		9: "owners: hr names no one",
	}
	for line, msg := range want {
		found := false
		for _, p := range ps {
			found = found || p.Line == line && strings.Contains(p.Msg, msg)
		}
		if !found {
			t.Errorf("want %q at line %d, got %v", msg, line, ps)
		}
	}
	if len(ps) != len(want) {
		t.Errorf("%d problems, want %d: %v", len(ps), len(want), ps)
	}

	p := Profile{Licences: []string{"m365-business-standard"}, Owners: map[string]string{"it-admin": "Tom Briggs"}}
	for _, c := range []struct {
		p    Profile
		id   string
		want bool
	}{
		{p, "entra-p1", false},
		{Profile{Licences: []string{"m365-business-premium"}}, "entra-p1", true},
		{Profile{Licences: []string{"m365-business-premium"}}, "entra-p2", false},
		{Profile{Licences: []string{"m365-e5"}}, "entra-p2", true},
		{Profile{Licences: []string{"entra-p2"}}, "entra-p1", true},
		{Profile{}, "entra-p1", false},
	} {
		if got := c.p.HasLicence(c.id); got != c.want {
			t.Errorf("%v has %s: %v, want %v", c.p.Licences, c.id, got, c.want)
		}
	}
	if got := p.OwnerName("it-admin", "IT lead"); got != "Tom Briggs" {
		t.Errorf("mapped owner: %q", got)
	}
	if got := p.OwnerName("hr", "Practice manager"); got != "Practice manager (to assign)" {
		t.Errorf("unmapped owner with a map: %q", got)
	}
	if got := (Profile{}).OwnerName("hr", "Practice manager"); got != "Practice manager" {
		t.Errorf("no map at all: %q", got)
	}
}

// Review finding 10: a report quotes a statistic only from a primary
// source whose data is at most StaleFactYears older than the report.
func TestFactQuotable(t *testing.T) {
	for _, c := range []struct {
		name string
		f    Fact
		year int
		want bool
	}{
		{"recent primary", Fact{Published: "2025"}, 2026, true},
		{"primary, three years old", Fact{Published: "2023-05-01"}, 2026, true},
		{"primary, four years old", Fact{Published: "2022"}, 2026, false},
		{"recent but second-hand", Fact{Published: "2026", Secondary: true}, 2026, false},
		{"undated statement", Fact{}, 2026, true},
		{"undated but second-hand", Fact{Secondary: true}, 2026, false},
		{"published is not a date", Fact{Published: "soon"}, 2026, false},
	} {
		if got := c.f.Quotable(c.year); got != c.want {
			t.Errorf("%s: quotable %v, want %v", c.name, got, c.want)
		}
	}
	b, err := DefaultBank()
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range b.Facts {
		if strings.Contains(f.Source, "as cited") || strings.Contains(f.Source, "citing") {
			if !f.Secondary {
				t.Errorf("fact %s is quoted second-hand (%q) but not marked secondary", f.ID, f.Source)
			}
		}
	}
}

// A file holding overrides, owners or licences is saved with schema 5, so
// an older ssrm refuses it instead of dropping them; a file holding none
// keeps the older version.
func TestAdviceFieldsRaiseTheSchema(t *testing.T) {
	b := smallBank(t)
	for _, c := range []struct {
		name string
		set  func(a *Assessment)
		want bool
	}{
		{"none", func(a *Assessment) {}, false},
		{"override", func(a *Assessment) { a.SetOverride("Q-ONE", Override{Risk: "high", Reason: "r"}, day0) }, true},
		{"owners", func(a *Assessment) { a.Profile.Owners = map[string]string{"it-admin": "Tom"} }, true},
		{"licences", func(a *Assessment) { a.Profile.Licences = []string{"m365-e3"} }, true},
	} {
		a := NewAssessment(b, Profile{Organization: "C"}, day0)
		a.Schema = 1
		c.set(a)
		path := filepath.Join(t.TempDir(), "a.json")
		if err := SaveAssessment(path, a); err != nil {
			t.Fatal(err)
		}
		back, err := LoadAssessment(path)
		if err != nil {
			t.Fatal(err)
		}
		if got := back.Schema >= AdviceSchema; got != c.want {
			t.Errorf("%s: schema %d", c.name, back.Schema)
		}
	}
}
