package reports

import (
	"strings"
	"testing"

	"github.com/ssrm/ssrm/scoring"
)

// An action the plan leaves out because its question reaches the target
// without it, and a gap the planned actions do not close, are both listed
// in the backlog appendix: no action of a gap vanishes unsaid.
func TestBacklogListsBeyondAndShortFalls(t *testing.T) {
	r := demoResult(t)
	if len(r.ShortFalls) == 0 {
		t.Fatal("the demo has no short fall: the test needs one")
	}
	a := r.Bank.Actions[0]
	qid := r.Questions[0].Question.ID
	r.Beyond = append(r.Beyond, scoring.Beyond{Action: &a, For: []scoring.BeyondRung{{QuestionID: qid, Level: 1, Target: 3, Reaches: 5}}})
	for _, app := range []Appendix{AppendixShort, AppendixFull} {
		doc := BuildDocument(r, Meta{}, DocOptions{Appendix: app})
		var titles, text []string
		for _, s := range doc.Sections {
			if s.ID != SecBacklog {
				continue
			}
			for _, bl := range s.Blocks {
				titles = append(titles, bl.Title)
				if bl.Table != nil {
					for _, row := range bl.Table.Rows {
						for _, c := range row {
							text = append(text, c.Text)
						}
					}
				}
				text = append(text, bl.Items...)
				text = append(text, bl.Text)
			}
		}
		all := strings.Join(text, "\n")
		if !strings.Contains(strings.Join(titles, "|"), "Beyond your target") || !strings.Contains(all, a.Title) || !strings.Contains(all, "above your target of 3") {
			t.Errorf("appendix %s: beyond-target action not listed: titles %q", app, titles)
		}
		sf := r.ShortFalls[0]
		if !strings.Contains(strings.Join(titles, "|"), "Gaps the planned actions do not close") || !strings.Contains(all, "reach level") && !strings.Contains(all, "stop below the target") {
			t.Errorf("appendix %s: short fall of %s not listed", app, sf.QuestionID)
		}
	}
}

// The attacker-side phase (weaponization) is judged "attacker side" by
// scoring, so no summary counts it among the open phases, though its
// controls are below target in the demo.
func TestOpenPhasesLeaveOutAttackerSide(t *testing.T) {
	r := demoResult(t)
	side := 0
	for _, p := range r.KillChain {
		if r.Bank.AttackerSide(p.Phase) {
			side++
			if p.Verdict != scoring.VerdictAttackerSide || p.Open || p.Broken() {
				t.Errorf("%s: verdict %s, open %v", p.Phase, p.Verdict, p.Open)
			}
		}
	}
	if side == 0 {
		t.Fatal("the bank puts no phase on the attacker's side: the test needs one")
	}
	for _, p := range r.OpenPhases() {
		if r.Bank.AttackerSide(p.Phase) {
			t.Errorf("%s is on the attacker's side yet counted open", p.Phase)
		}
	}
	for _, p := range r.UnjudgedPhases() {
		if r.Bank.AttackerSide(p.Phase) {
			t.Errorf("%s is on the attacker's side yet counted as lacking evidence", p.Phase)
		}
	}
}

// The board verdict names the immediate steps (free, this week) with their
// findings, so whoever signs the board page sees a former supplier's open
// admin account before the month's plan.
func TestVerdictNamesThisWeeksSteps(t *testing.T) {
	r := demoResult(t)
	if len(r.Immediate()) == 0 {
		t.Fatal("the demo has no immediate step: the test needs one")
	}
	v := strings.Join(Verdict(r), " ")
	for _, want := range []string{"This week, at no cost:", "former supplier", "(F-"} {
		if !strings.Contains(v, want) {
			t.Errorf("verdict lacks %q:\n%s", want, v)
		}
	}
}

// A finding no planned action owns names the person the profile maps its
// answering role to, as planned findings do, never the generic role.
func TestUnplannedFindingsNameTheMappedPerson(t *testing.T) {
	r := demoResult(t)
	checked := 0
	for _, f := range Findings(r) {
		if f.Window() != "not planned" {
			continue
		}
		qq, ok := r.Bank.Question(f.QuestionID)
		if !ok || qq.Answerer == "" || r.Profile.Owners[qq.Answerer] == "" {
			continue
		}
		checked++
		if want := r.Profile.Owners[qq.Answerer]; f.Owner != want {
			t.Errorf("%s: owner %q, want %q", f.ID, f.Owner, want)
		}
	}
	if checked == 0 {
		t.Fatal("no unplanned finding with a mapped role in the demo: the test needs one")
	}
}
