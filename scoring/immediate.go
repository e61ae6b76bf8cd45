package scoring

import (
	q "github.com/ssrm/ssrm/questionnaire"
)

// ImmediateItem is a free, about-an-hour step to take this week because it
// removes a known credential or a known exposure (see q.ImmediateStep):
// reports print these above the 30-day plan.
type ImmediateItem struct {
	Action *q.Action
	Step   string
	// Removes is "credential" or "exposure".
	Removes string
	// Days is how long the step may take from the report's date: a week,
	// or the step's own days when it needs preparing (q.ImmediateStep.Days).
	Days int
	// Questions are the questions answered at level 0–1 that call for the
	// step, in bank order.
	Questions []string
	// Rank is the action's rank in the plan (0 when the plan leaves it
	// out: the ladder chose another action, or it is done or deferred).
	Rank  int
	Owner string
	// Instead are the actions of the plan the step does the job of for
	// this organization (PlanItem.DoneBy), in plan order; their questions
	// are among Questions.
	Instead []string
}

// Immediate lists the immediate steps of a result: for each question
// answered (not "don't know") at level 0 or 1 below its target, whose gap
// is not an accepted risk in force, the steps of the actions it lists that
// have one and fit the organization (size, software). An action marked
// done in the plan has no step left. Credentials first, then exposures,
// each in the order of the questions.
func (r *Result) Immediate() []ImmediateItem {
	if r.Bank == nil {
		return nil
	}
	rank := map[string]PlanItem{}
	for _, it := range r.Actions {
		rank[it.Action.ID] = it
	}
	builds := r.Profile.SoftwareBuilder()
	var out []ImmediateItem
	at := map[string]int{}
	for _, s := range r.Questions {
		if !immediateGap(s) {
			continue
		}
		for _, aid := range s.Question.Actions {
			act, ok := r.Bank.Action(aid)
			if !ok || act.Immediate == nil || act.BuildsSoftware && !builds || !act.ForSize(r.Profile.Size) {
				continue
			}
			it, planned := rank[aid]
			if planned && it.Status == "done" && it.DoneBy == "" {
				continue
			}
			if i, seen := at[aid]; seen {
				out[i].Questions = append(out[i].Questions, s.Question.ID)
				continue
			}
			im := ImmediateItem{Action: act, Step: act.Immediate.Step, Removes: act.Immediate.Removes,
				Days: act.Immediate.DaysOrWeek(), Questions: []string{s.Question.ID}}
			if planned {
				im.Rank, im.Owner = it.Rank, it.Owner
			} else {
				im.Owner = r.Profile.OwnerName(act.Owner, r.Bank.RoleName(act.Owner, r.Profile.Size))
			}
			if o := act.Immediate.Owner; o != "" {
				// the step's own owner (not the supplier who keeps the
				// credential it changes)
				im.Owner = r.Profile.OwnerName(o, r.Bank.RoleName(o, r.Profile.Size))
			}
			at[aid] = len(out)
			out = append(out, im)
		}
	}
	// a step that stands in for other actions (q.InsteadOf) answers their
	// findings too
	for i := range out {
		for _, it := range r.Actions {
			if it.DoneBy != out[i].Action.ID {
				continue
			}
			out[i].Instead = append(out[i].Instead, it.Action.ID)
			for _, c := range it.Contributions {
				if !contains(out[i].Questions, c.QuestionID) {
					out[i].Questions = append(out[i].Questions, c.QuestionID)
				}
			}
		}
	}
	var cred, expo []ImmediateItem
	for _, im := range out {
		if im.Removes == "credential" {
			cred = append(cred, im)
		} else {
			expo = append(expo, im)
		}
	}
	return append(cred, expo...)
}
