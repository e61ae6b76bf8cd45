package tui

import (
	"fmt"
	"strings"

	q "github.com/ssrm/ssrm/questionnaire"
	"github.com/ssrm/ssrm/reports"
	"github.com/ssrm/ssrm/scoring"
)

// The whole action (enter in Prioritize): under the table there is room
// for a few lines of the highlighted action at 80×24; the card has all of
// it, drawn on a tall page and scrolled by the wizard (issue 17: "every
// long view scrolls"). ↑↓ go to the previous or next action's card, esc
// or enter goes back to the list.

// card is the highlighted action whole, wrapped to w.
func (p *prioritizeScreen) card(it scoring.PlanItem, w int) []string {
	st := p.c.Styles
	r := p.s.Result()
	rank := planStatus(it) + ", not ranked"
	if it.Rank > 0 {
		rank = fmt.Sprintf("#%d in the plan", it.Rank)
	}
	out := []string{st.Question.Render(trunc(it.Action.Title, w)),
		st.Subtle.Render(trunc(fmt.Sprintf("%s · action %d of %d · esc back · ↑↓ previous/next action", rank, p.table.Cursor()+1, len(p.items)), w)), ""}
	field := func(name, text string) {
		if text == "" {
			return
		}
		for i, l := range wrap(name+": "+text, w) {
			if i == 0 {
				l = st.Subtle.Render(name+":") + strings.TrimPrefix(l, name+":")
			}
			out = append(out, l)
		}
	}
	switch {
	case it.DoneBy != "":
		field("Status", reports.CoveredText(0)+" (no room taken in the plan); owner "+it.Owner)
	case it.Licensing:
		field("Status", "licensing decision: needs a licence your plans lack and has no free path, so it is not scheduled until you decide; owner "+it.Owner)
	default:
		field("Status", fmt.Sprintf("%s; owner %s; %s", planStatus(it), it.Owner, dueWords(it)))
	}
	why := fmt.Sprintf("priority %.2f = %s", it.Priority, reports.FactorText(it))
	if p.c.Mode == ModeSelf {
		why = plainWhy(it)
	}
	field("Why here", why)
	field("What to do", it.Action.Detail)
	var lifts []string
	for _, c := range it.Contributions {
		s, ok := r.Question(c.QuestionID)
		if !ok {
			continue
		}
		name := s.Question.Topic
		if name == "" {
			name = s.Question.ID
		}
		lifts = append(lifts, fmt.Sprintf("%s (%s, level %d of target %d)", name, s.Question.ID, s.Level, s.Target))
	}
	field("Answers it lifts", strings.Join(lifts, "; "))
	var phases []string
	for _, ph := range it.Phases {
		phases = append(phases, r.Bank.PhaseName(ph))
	}
	field("Attack steps it acts on", strings.Join(phases, ", "))
	var after []string
	for _, id := range it.After {
		for _, o := range p.items {
			if o.Action.ID == id {
				after = append(after, fmt.Sprintf("#%d %s", o.Rank, o.Action.Title))
			}
		}
	}
	field("Do after", strings.Join(after, "; "))
	field("Licences", p.licences(it))
	e := it.Action.Effort
	field("Effort", fmt.Sprintf("%s (%s: the priority is divided by %g)", e, map[q.Effort]string{q.EffortS: "small", q.EffortM: "medium", q.EffortL: "large"}[e], e.Cost()))
	return out
}

// licences says which licences the action needs, marking those the
// organization's plans lack, and what the bank says besides (a free path
// that does the job without them).
func (p *prioritizeScreen) licences(it scoring.PlanItem) string {
	if len(it.Cost.Licences) == 0 {
		return "none needed"
	}
	missing := map[string]bool{}
	for _, id := range it.Missing {
		missing[id] = true
	}
	var names []string
	for _, l := range it.Cost.Licences {
		if missing[l.ID] {
			names = append(names, l.Name+", not in your plans")
			continue
		}
		names = append(names, l.Name)
	}
	text := strings.Join(names, "; ")
	if note := strings.Join(strings.Fields(it.Action.LicenceNote), " "); note != "" {
		if len(it.Missing) > 0 && it.Action.FreePath {
			note = "Free path: " + note
		}
		text += ". " + note
	}
	return text
}
