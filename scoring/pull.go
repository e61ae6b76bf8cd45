package scoring

import (
	q "github.com/ssrm/ssrm/questionnaire"
)

// Why an action sits earlier in the roadmap than its rank alone would put
// it (PlanItem.Pulled).
const (
	// PullOverride: the cheapest action of a finding the assessor rated
	// critical, taken in the first 30 days (its room comes first).
	PullOverride = "override"
	// PullRecovery: the cheapest action of a recovery exposure (a backup,
	// restore-test or delete-lock control below the level from which it
	// degrades the attacker's objective, see recoveryGap; an alert-routing
	// control absent or ad hoc) when the data is of the highest sensitivity, taken within 90 days in
	// place of the lowest-ranked action there.
	PullRecovery = "recovery"
	// PullPrerequisite: an action that actions done this week by an
	// immediate step wait for (the bank's after:), taken in the first 30
	// days like an override: security defaults turned on this week ask
	// every administrator for MFA, and the emergency access accounts the
	// MFA actions waited for are what keeps the tenant from a lockout.
	PullPrerequisite = "prerequisite"
	// PullCritical: the cheapest active action of a finding the risk rule
	// rates critical (CriticalExposure, on a phase not shown broken),
	// taken within 90 days like a recovery exposure: no critical finding
	// is left without a date (review 4: the internet-facing booking site's
	// WAF fell to the backlog when other pulls took the room).
	PullCritical = "critical"
)

// CriticalExposure is the exposure (gap × weight × kill-chain factor ×
// evidence factor) from which a gap that denies or disrupts a phase not
// shown broken is rated critical; reports' risk rule reads it.
const CriticalExposure = 18.0

// ruleCritical reports whether the risk rule rates a question's gap
// critical: its exposure reaches CriticalExposure and it denies or
// disrupts a phase the assessment does not show broken.
func ruleCritical(s QuestionScore, open map[q.Phase]bool, recovery bool) bool {
	if s.Gap == 0 || s.Accepted() || contribution(s, open, recovery).Value < CriticalExposure {
		return false
	}
	for _, k := range s.Question.KillChain {
		if k.Course.Breaks() && open[k.Phase] {
			return true
		}
	}
	return false
}

// immediateGap reports whether a question's gap calls for the immediate
// steps of its actions: answered (not "don't know") at level 0 or 1 below
// its target, and not an accepted risk in force.
func immediateGap(s QuestionScore) bool {
	return s.Gap > 0 && !s.Accepted() && s.Status == q.Answered && s.Level <= q.ImmediateMaxLevel
}

// insteadOf marks done the actions an immediate step stands in for when
// the profile lacks the licence the step names (q.InsteadOf): without
// Entra ID P1, security defaults, turned on this week, are the MFA and
// legacy sign-in control the tenant can have, and the Conditional Access
// policies are the upgrade path, not roadmap work. It applies only where
// the step is printed (a question listing its action is an immediate gap)
// and only to actions the organization recorded no decision on.
func insteadOf(b *q.Bank, a *q.Assessment, r *Result, items []PlanItem) {
	if !a.Profile.KnowsLicences() {
		return
	}
	idx := map[string]int{}
	for i, it := range items {
		idx[it.Action.ID] = i
	}
	builds := a.Profile.SoftwareBuilder()
	for _, s := range r.Questions {
		if !immediateGap(s) {
			continue
		}
		for _, aid := range s.Question.Actions {
			act, ok := b.Action(aid)
			if !ok || act.Immediate == nil || act.Immediate.InsteadOf == nil || act.BuildsSoftware && !builds || !act.ForSize(a.Profile.Size) {
				continue
			}
			io := act.Immediate.InsteadOf
			if a.Profile.HasLicence(io.Without) {
				continue
			}
			if i, ok := idx[aid]; ok && items[i].Status == "done" && items[i].DoneBy == "" {
				continue // the organization did it: no step is printed
			}
			for _, x := range io.Actions {
				if i, ok := idx[x]; ok && items[i].Status == "" && items[i].DoneBy == "" {
					items[i].Status, items[i].DoneBy = "done", aid
				}
			}
		}
	}
}

// pull marks the actions the roadmap takes early (PlanItem.Pulled): for
// each finding the assessor rated critical, its cheapest active action
// (PullOverride); when the data is of the highest sensitivity, for each
// recovery exposure (a question marked recovery or respond, an immediate
// gap), its cheapest active action (PullRecovery). schedule places them.
func pull(b *q.Bank, a *q.Assessment, r *Result, items []PlanItem) {
	mark := func(qid, why string) {
		best := -1
		for i := range items {
			it := &items[i]
			if it.Status != "" && it.Status != "accepted" || it.Licensing || !it.Due.IsZero() || !contributes(*it, qid) || waitsFor(*it, items) {
				continue
			}
			if best < 0 || cheaper(*it, items[best]) {
				best = i
			}
		}
		if best >= 0 && items[best].Pulled == "" {
			items[best].Pulled = why
		}
	}
	for _, s := range r.Questions {
		if o, ok := a.Overrides[s.Question.ID]; ok && o.Risk == "critical" && o.Problem() == "" && s.Gap > 0 && !s.Accepted() {
			mark(s.Question.ID, PullOverride)
		}
	}
	for _, it := range items {
		if it.DoneBy == "" {
			continue
		}
		days := 0
		if act, ok := b.Action(it.DoneBy); ok && act.Immediate != nil {
			days = max(act.Immediate.Days, q.ImmediateWeek)
		}
		for _, d := range it.Action.After {
			for i := range items {
				x := &items[i]
				if x.Action.ID == d && (x.Status == "" || x.Status == "accepted") && !x.Licensing && x.Due.IsZero() && x.Pulled == "" && !waitsFor(*x, items) {
					x.Pulled = PullPrerequisite
				}
				// due no later than the step that relies on it
				if x.Action.ID == d && x.Pulled == PullPrerequisite && days > 0 && (x.by == 0 || days < x.by) {
					x.by = days
				}
			}
		}
	}
	open := map[q.Phase]bool{}
	for _, p := range r.KillChain {
		open[p.Phase] = !p.Broken()
	}
	rec := recovers(b, a.Profile)
	for _, s := range r.Questions {
		if ruleCritical(s, open, rec) {
			mark(s.Question.ID, PullCritical)
		}
	}
	if !recovers(b, a.Profile) {
		return
	}
	for _, s := range r.Questions {
		if s.Question.Respond && immediateGap(s) || s.Question.Recovery && recoveryGap(s) {
			mark(s.Question.ID, PullRecovery)
		}
	}
}

// recoveryGap reports whether a recovery control is a recovery exposure:
// answered (not "don't know") below its target, not an accepted risk in
// force, and at a level below the one from which it degrades the
// attacker's objective (its kill-chain link at actions on objectives),
// or at 0–1 when it has no such link. Backups that are all there but that
// an admin account can still delete (level 2 of 5, immutability missing)
// do not yet degrade a ransomware operator: for the most sensitive data
// their next action comes within 90 days like an absent control's.
func recoveryGap(s QuestionScore) bool {
	if s.Gap <= 0 || s.Accepted() || s.Status != q.Answered {
		return false
	}
	from := q.ImmediateMaxLevel + 1
	for _, k := range s.Question.KillChain {
		if k.Phase == q.ActionsOnObject && k.From > 0 {
			from = k.From
		}
	}
	return s.Level < from
}

func contributes(it PlanItem, qid string) bool {
	for _, c := range it.Contributions {
		if c.QuestionID == qid {
			return true
		}
	}
	return false
}

// waitsFor reports whether an action waits for another active action of
// the plan (the bank's after:): pulling it early would put it before its
// prerequisite.
func waitsFor(it PlanItem, items []PlanItem) bool {
	for _, d := range it.Action.After {
		for _, x := range items {
			if x.Action.ID == d && x.Status != "done" {
				return true
			}
		}
	}
	return false
}

// cheaper orders candidates for a pull: less effort, then no paid
// service, then higher priority.
func cheaper(x, y PlanItem) bool {
	if x.EffortCost != y.EffortCost {
		return x.EffortCost < y.EffortCost
	}
	if px, py := x.needsPaid(), y.needsPaid(); px != py {
		return !px
	}
	return x.Priority > y.Priority
}
