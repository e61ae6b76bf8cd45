package scoring

import (
	"math"
	"sort"

	q "github.com/ssrm/ssrm/questionnaire"
)

// Control is one question seen as a control acting on a kill-chain phase.
type Control struct {
	QuestionID string
	Layer      q.Layer
	Course     q.Course
	Status     q.Status
	Level      int
	Target     int
	Meets      bool
	// From is the level from which the control provides its course of
	// action; Effective is true when it meets its target at or above that
	// level, so the course really applies.
	From      int
	Effective bool
	// Compensating marks a level granted for an alternative control.
	Compensating bool
}

// Verdict is the judgement on one kill-chain phase.
type Verdict string

// Phase verdicts.
const (
	// VerdictBroken: every layer where the bank has a control that denies
	// or disrupts the phase breaks it (CellBroken: one such control in
	// effect, none absent or ad hoc). An attacker takes the weakest path, so
	// one layer's control does not break a phase another layer leaves open.
	VerdictBroken Verdict = "broken"
	// VerdictOpen: enough of the phase's controls are answered, and some
	// layer that could deny or disrupt it has no such control in effect.
	VerdictOpen Verdict = "open"
	// VerdictInsufficient: too few of the phase's controls have a level to
	// judge it either way.
	VerdictInsufficient Verdict = "insufficient_evidence"
	// VerdictAttackerSide: the phase happens on the attacker's side (the
	// bank's kill_chain_model.attacker_side, weaponization): the defender
	// acts on it only through intelligence, so it is not judged. Its
	// controls still count in priorities as for a phase not shown broken.
	VerdictAttackerSide Verdict = "attacker_side"
)

// The evidence a phase needs before it is judged, unless the bank's
// kill_chain_model says otherwise: at least MinPhaseAnswered of its
// controls with a level, and at least MinPhaseShare of its applicable
// controls. "Don't know" and unanswered controls are no evidence.
const (
	MinPhaseAnswered = 2
	MinPhaseShare    = 0.5
)

// PhaseThresholds returns the evidence rule a bank's phases are judged by:
// the fewest answered controls and the smallest answered share.
func PhaseThresholds(b *q.Bank) (minAnswered int, minShare float64) {
	minAnswered, minShare = MinPhaseAnswered, MinPhaseShare
	if b.KillChainModel.MinAnswered > 0 {
		minAnswered = b.KillChainModel.MinAnswered
	}
	if b.KillChainModel.MinShare > 0 {
		minShare = b.KillChainModel.MinShare
	}
	return minAnswered, minShare
}

// CourseCoverage lists the controls of one course of action on a phase.
type CourseCoverage struct {
	Course   q.Course
	Controls []Control
	Met      bool // some control of this course meets its target
}

// CellState says how well a layer covers a phase.
type CellState string

// Cell states, strongest first. The rule lives here alone: every report,
// the heat maps and the wizard read a cell's State and a phase's
// OpenLayers, never the controls, to say whether a layer stops a phase.
const (
	// CellBroken: the layer breaks the phase. One of its controls that
	// deny or disrupt the phase is in effect, and none of its answered
	// deny/disrupt controls on the phase is absent or ad hoc (level 0 or
	// 1, see Holes): an EDR at target does not stop the attacker who logs
	// in over an RDP port left open in the same layer.
	CellBroken CellState = "broken"
	// CellOpen: the layer has a control that denies or disrupts the phase
	// but does not break it: a path still open (PhaseCoverage.OpenLayers).
	CellOpen CellState = "open"
	// CellPartial: no control of the layer can deny or disrupt the phase;
	// one that detects, degrades, deceives or contains it (a backup
	// included) is in effect. Seen, slowed or contained, never broken.
	CellPartial CellState = "partial"
	// CellUnseen: no control of the layer can deny or disrupt the phase,
	// and none of those that detect, degrade, deceive or contain it is in
	// effect. A gap in seeing the attacker, not a path: it leaves the
	// phase neither open nor broken.
	CellUnseen CellState = "unseen"
	// CellNone: no control of this layer acts on the phase.
	CellNone CellState = "none"
)

// Cell is the coverage of one phase by one layer: a square of the heat map.
type Cell struct {
	Layer    q.Layer
	State    CellState
	Controls []Control
	// Holes are the layer's answered deny/disrupt controls on the phase
	// at level 0 or 1 (absent or ad hoc): open paths an attacker takes,
	// which keep the layer from breaking the phase whatever else is at
	// target. Lowest level first.
	Holes []Control
}

// HoleLevel is the highest level at which an answered control that
// denies or disrupts a phase is an open path (0 none, 1 initial: absent or
// ad hoc).
const HoleLevel = 1

// IsHole reports whether a control is an open path: it denies or disrupts
// its phase, is answered (not "don't know") and stands at HoleLevel or
// below.
func (c Control) IsHole() bool {
	return c.Course.Breaks() && c.Status == q.Answered && c.Level <= HoleLevel
}

// PhaseCoverage is one kill-chain phase: who covers it and how well.
type PhaseCoverage struct {
	Phase q.Phase
	Name  string
	// Verdict is broken, open, insufficient evidence or attacker side (see
	// Verdict).
	Verdict Verdict
	// Open is Verdict == VerdictOpen: enough is answered and nothing that
	// denies or disrupts the phase is in effect.
	Open    bool
	Courses []CourseCoverage
	Layers  []Cell
	// Breakers counts the deny/disrupt controls on the phase; Meeting those
	// of them in effect.
	Breakers, Meeting int
	// OpenLayers lists the layers that have a deny/disrupt control on the
	// phase but none in effect: the paths still open through it.
	OpenLayers []q.Layer
	// Controls counts the phase's applicable controls (not N/A); Answered
	// those with a level; Needed how many must have one before the phase is
	// judged.
	Controls, Answered, Needed int
}

// Broken reports whether the phase is broken.
func (p PhaseCoverage) Broken() bool { return p.Verdict == VerdictBroken }

// killChain maps every scored or pending control onto the seven phases. A
// phase is broken when every layer with a control that denies or disrupts
// it breaks it (cellState), and open otherwise; an unanswered or "don't
// know" control is never in effect.
func killChain(b *q.Bank, qs []QuestionScore) []PhaseCoverage {
	minAnswered, minShare := PhaseThresholds(b)
	out := make([]PhaseCoverage, len(q.Phases))
	for i, ph := range q.Phases {
		pc := PhaseCoverage{Phase: ph, Name: b.PhaseName(ph)}
		counted := map[string]bool{}
		broken := false
		courses := map[q.Course]*CourseCoverage{}
		for _, c := range q.Courses {
			pc.Courses = append(pc.Courses, CourseCoverage{Course: c})
		}
		for j := range pc.Courses {
			courses[pc.Courses[j].Course] = &pc.Courses[j]
		}
		cells := map[q.Layer]*Cell{}
		for _, l := range q.Layers {
			pc.Layers = append(pc.Layers, Cell{Layer: l, State: CellNone})
		}
		for j := range pc.Layers {
			cells[pc.Layers[j].Layer] = &pc.Layers[j]
		}
		for _, s := range qs {
			if s.Status == q.NotApplicable {
				continue
			}
			for _, link := range s.Question.KillChain {
				if link.Phase != ph {
					continue
				}
				c := Control{QuestionID: s.Question.ID, Layer: s.Question.Layer, Course: link.Course,
					Status: s.Status, Level: s.Level, Target: s.Target, Meets: s.Meets(), Compensating: s.Compensating(),
					From: link.From}
				c.Effective = c.Meets && c.Level >= c.From
				if !counted[c.QuestionID] {
					counted[c.QuestionID] = true
					pc.Controls++
					if s.Status == q.Answered {
						pc.Answered++
					}
				}
				if cc := courses[link.Course]; cc != nil {
					cc.Controls = append(cc.Controls, c)
					cc.Met = cc.Met || c.Effective
				}
				if link.Course.Breaks() {
					pc.Breakers++
					if c.Effective {
						pc.Meeting++
						broken = true
					}
				}
				if cell := cells[c.Layer]; cell != nil {
					cell.Controls = append(cell.Controls, c)
				}
			}
		}
		for j := range pc.Layers {
			cell := &pc.Layers[j]
			cell.State = cellState(cell.Controls)
			cell.Holes = holes(cell.Controls)
			if cell.State == CellOpen {
				pc.OpenLayers = append(pc.OpenLayers, cell.Layer)
			}
		}
		broken = broken && len(pc.OpenLayers) == 0
		pc.Needed = needed(pc.Controls, minAnswered, minShare)
		switch {
		case b.AttackerSide(pc.Phase):
			pc.Verdict = VerdictAttackerSide
		case pc.Controls == 0 || pc.Answered < pc.Needed:
			pc.Verdict = VerdictInsufficient
		case broken:
			pc.Verdict = VerdictBroken
		default:
			pc.Verdict = VerdictOpen
		}
		pc.Open = pc.Verdict == VerdictOpen
		out[i] = pc
	}
	return out
}

// needed is how many of a phase's controls must have a level before it is
// judged: the larger of minAnswered and minShare of them, never more than
// there are.
func needed(controls, minAnswered int, minShare float64) int {
	n := int(math.Ceil(minShare * float64(controls)))
	n = max(n, minAnswered)
	return min(n, controls)
}

// cellState judges one layer on one phase. It breaks the phase when one
// of its deny/disrupt controls is in effect and none is a hole (IsHole);
// with a deny/disrupt control and no break it is open; without one it can
// only see, slow or contain the attacker: partial when one of those
// controls is in effect, unseen when none is.
func cellState(cs []Control) CellState {
	if len(cs) == 0 {
		return CellNone
	}
	var breaker, inEffect, hole, other bool
	for _, c := range cs {
		switch {
		case c.Course.Breaks():
			breaker = true
			inEffect = inEffect || c.Effective
			hole = hole || c.IsHole()
		case c.Effective:
			other = true
		}
	}
	switch {
	case breaker && inEffect && !hole:
		return CellBroken
	case breaker:
		return CellOpen
	case other:
		return CellPartial
	}
	return CellUnseen
}

// holes lists the controls that are open paths (IsHole), once each,
// lowest level first.
func holes(cs []Control) []Control {
	var out []Control
	seen := map[string]bool{}
	for _, c := range cs {
		if c.IsHole() && !seen[c.QuestionID] {
			seen[c.QuestionID] = true
			out = append(out, c)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Level < out[j].Level })
	return out
}

// OpenPhases lists the phases judged open: enough answered, nothing that
// stops them in effect. Phases with too little evidence are not listed (see
// UnjudgedPhases).
func (r *Result) OpenPhases() []PhaseCoverage {
	var out []PhaseCoverage
	for _, p := range r.KillChain {
		if p.Open {
			out = append(out, p)
		}
	}
	return out
}

// UnjudgedPhases lists the phases with too few answered controls to judge.
func (r *Result) UnjudgedPhases() []PhaseCoverage {
	var out []PhaseCoverage
	for _, p := range r.KillChain {
		if p.Verdict == VerdictInsufficient {
			out = append(out, p)
		}
	}
	return out
}

// Phase returns the coverage of one phase.
func (r *Result) Phase(ph q.Phase) PhaseCoverage {
	for _, p := range r.KillChain {
		if p.Phase == ph {
			return p
		}
	}
	return PhaseCoverage{Phase: ph}
}

// Cell returns the phase's square for one layer.
func (p PhaseCoverage) Cell(l q.Layer) Cell {
	for _, c := range p.Layers {
		if c.Layer == l {
			return c
		}
	}
	return Cell{Layer: l, State: CellNone}
}
