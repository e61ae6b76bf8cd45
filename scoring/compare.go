package scoring

import (
	q "github.com/ssrm/ssrm/questionnaire"
)

// Diff is what moved between two scored assessments of one organization.
type Diff struct {
	Old, New  *Result
	Overall   Delta
	Layers    []GroupDelta
	Questions []QuestionDelta // only those whose answer changed
	Phases    []PhaseDelta    // every phase, with whether it closed or reopened
	Done      []string        // actions in the old plan gone from the new one
	NewGaps   []string        // questions with a gap now that had none before
	// Accepted risks: newly accepted, newly expired, and closed (no longer
	// in the register).
	RisksAdded, RisksExpired, RisksClosed []string
}

// Delta is a before and after on the 0–5 scale.
type Delta struct {
	Old, New, Change float64
	OldEmpty         bool
	NewEmpty         bool
}

// GroupDelta is a layer's delta.
type GroupDelta struct {
	ID, Name string
	Delta
}

// QuestionDelta is one question whose answer changed.
type QuestionDelta struct {
	ID               string
	Layer            q.Layer
	OldStatus        q.Status
	NewStatus        q.Status
	OldLevel         int
	NewLevel         int
	OldGap, NewGap   int
	OnlyInOld        bool
	OnlyInNew        bool
	Improved, Worsen bool
}

// PhaseDelta says whether a kill-chain phase closed or reopened.
type PhaseDelta struct {
	Phase            q.Phase
	Name             string
	OldOpen, NewOpen bool
	// OldVerdict and NewVerdict are the phase's verdicts; a phase that
	// moves to or from "insufficient evidence" neither closed nor reopened.
	OldVerdict, NewVerdict Verdict
}

// Closed reports a phase that was open and is now broken.
func (p PhaseDelta) Closed() bool {
	return p.OldVerdict == VerdictOpen && p.NewVerdict == VerdictBroken
}

// Reopened reports a phase that was broken and is open again.
func (p PhaseDelta) Reopened() bool {
	return p.OldVerdict == VerdictBroken && p.NewVerdict == VerdictOpen
}

// Compare lines up two results, old first.
func Compare(old, cur *Result) *Diff {
	d := &Diff{Old: old, New: cur, Overall: delta(old.Overall, cur.Overall)}
	for i, g := range cur.Layers {
		og := old.Layers[i]
		d.Layers = append(d.Layers, GroupDelta{ID: g.ID, Name: g.Name, Delta: delta(og.Score, g.Score)})
	}
	oldQ := map[string]QuestionScore{}
	for _, s := range old.Questions {
		oldQ[s.Question.ID] = s
	}
	newQ := map[string]bool{}
	for _, s := range cur.Questions {
		newQ[s.Question.ID] = true
		o, had := oldQ[s.Question.ID]
		qd := QuestionDelta{ID: s.Question.ID, Layer: s.Question.Layer, NewStatus: s.Status, NewLevel: s.Level, NewGap: s.Gap}
		if !had {
			qd.OnlyInNew = true
		} else {
			qd.OldStatus, qd.OldLevel, qd.OldGap = o.Status, o.Level, o.Gap
		}
		if had && qd.OldStatus == qd.NewStatus && qd.OldLevel == qd.NewLevel {
			continue
		}
		if !had && s.Status == "" {
			continue
		}
		qd.Improved = qd.NewLevel > qd.OldLevel
		qd.Worsen = qd.NewLevel < qd.OldLevel
		d.Questions = append(d.Questions, qd)
		if qd.NewGap > 0 && (!had || qd.OldGap == 0) {
			d.NewGaps = append(d.NewGaps, s.Question.ID)
		}
	}
	for _, s := range old.Questions {
		if !newQ[s.Question.ID] && s.Status != "" {
			d.Questions = append(d.Questions, QuestionDelta{ID: s.Question.ID, Layer: s.Question.Layer,
				OldStatus: s.Status, OldLevel: s.Level, OldGap: s.Gap, OnlyInOld: true})
		}
	}
	for i, p := range cur.KillChain {
		d.Phases = append(d.Phases, PhaseDelta{Phase: p.Phase, Name: p.Name, OldOpen: old.KillChain[i].Open, NewOpen: p.Open,
			OldVerdict: old.KillChain[i].Verdict, NewVerdict: p.Verdict})
	}
	inNew := map[string]bool{}
	for _, it := range cur.Actions {
		if it.Status != "done" {
			inNew[it.Action.ID] = true
		}
	}
	for _, it := range old.Actions {
		if it.Status != "done" && !inNew[it.Action.ID] {
			d.Done = append(d.Done, it.Action.ID)
		}
	}
	oldRisk := map[string]RiskEntry{}
	for _, e := range old.Risks {
		oldRisk[e.QuestionID] = e
	}
	newRisk := map[string]bool{}
	for _, e := range cur.Risks {
		newRisk[e.QuestionID] = true
		o, had := oldRisk[e.QuestionID]
		switch {
		case !had:
			d.RisksAdded = append(d.RisksAdded, e.QuestionID)
			if e.Expired {
				d.RisksExpired = append(d.RisksExpired, e.QuestionID)
			}
		case e.Expired && !o.Expired:
			d.RisksExpired = append(d.RisksExpired, e.QuestionID)
		}
	}
	for _, e := range old.Risks {
		if !newRisk[e.QuestionID] {
			d.RisksClosed = append(d.RisksClosed, e.QuestionID)
		}
	}
	return d
}

func delta(o, n Score) Delta {
	return Delta{Old: o.Level, New: n.Level, Change: round2(n.Level - o.Level), OldEmpty: o.Empty, NewEmpty: n.Empty}
}
