package scoring

import (
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
	// Compensating marks a level granted for an alternative control.
	Compensating bool
}

// CourseCoverage lists the controls of one course of action on a phase.
type CourseCoverage struct {
	Course   q.Course
	Controls []Control
	Met      bool // some control of this course meets its target
}

// CellState says how well a layer covers a phase.
type CellState string

// Cell states, strongest first.
const (
	CellBroken  CellState = "broken"  // a deny/disrupt control meets its target: the chain breaks here
	CellPartial CellState = "partial" // only detect/degrade/deceive/contain controls meet their target
	CellOpen    CellState = "open"    // controls exist but none meets its target
	CellNone    CellState = "none"    // no control of this layer acts on the phase
)

// Cell is the coverage of one phase by one layer: a square of the heat map.
type Cell struct {
	Layer    q.Layer
	State    CellState
	Controls []Control
}

// PhaseCoverage is one kill-chain phase: who covers it and how well.
type PhaseCoverage struct {
	Phase   q.Phase
	Name    string
	Open    bool // no control that denies or disrupts the phase meets its target
	Courses []CourseCoverage
	Layers  []Cell
	// Breakers counts the deny/disrupt controls on the phase; Meeting those
	// of them at target.
	Breakers, Meeting int
}

// killChain maps every scored or pending control onto the seven phases. A
// phase is open when no control that denies or disrupts it meets its target;
// an unanswered or "don't know" control never meets it.
func killChain(b *q.Bank, qs []QuestionScore) []PhaseCoverage {
	out := make([]PhaseCoverage, len(q.Phases))
	for i, ph := range q.Phases {
		pc := PhaseCoverage{Phase: ph, Name: b.PhaseName(ph), Open: true}
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
					Status: s.Status, Level: s.Level, Target: s.Target, Meets: s.Meets(), Compensating: s.Compensating()}
				if cc := courses[link.Course]; cc != nil {
					cc.Controls = append(cc.Controls, c)
					cc.Met = cc.Met || c.Meets
				}
				if link.Course.Breaks() {
					pc.Breakers++
					if c.Meets {
						pc.Meeting++
						pc.Open = false
					}
				}
				if cell := cells[c.Layer]; cell != nil {
					cell.Controls = append(cell.Controls, c)
				}
			}
		}
		for j := range pc.Layers {
			pc.Layers[j].State = cellState(pc.Layers[j].Controls)
		}
		out[i] = pc
	}
	return out
}

func cellState(cs []Control) CellState {
	if len(cs) == 0 {
		return CellNone
	}
	state := CellOpen
	for _, c := range cs {
		if !c.Meets {
			continue
		}
		if c.Course.Breaks() {
			return CellBroken
		}
		state = CellPartial
	}
	return state
}

// OpenPhases lists the phases left unbroken.
func (r *Result) OpenPhases() []PhaseCoverage {
	var out []PhaseCoverage
	for _, p := range r.KillChain {
		if p.Open {
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
