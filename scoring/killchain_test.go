package scoring

import (
	"fmt"
	"testing"

	q "github.com/ssrm/ssrm/questionnaire"
)

// holeBank is the small bank with one more control on exploitation in
// the hosts layer: Q-FIVE (hosts) disrupts it, beside Q-TWO (hosts), which
// denies it. A layer with two controls on one phase is where an open
// control can hide behind one at target.
func holeBank(t *testing.T) *q.Bank {
	t.Helper()
	b := smallBank(t)
	for i := range b.Questions {
		if b.Questions[i].ID == "Q-FIVE" {
			b.Questions[i].KillChain = append(b.Questions[i].KillChain, q.KillChainLink{Phase: q.Exploitation, Course: q.Disrupt})
		}
	}
	return b
}

// TestOpenControlKeepsLayerFromBreaking: a layer breaks a phase only when
// one of its deny/disrupt controls is at target and none of its answered
// ones is at level 0 or 1. Under the old rule (one control at target
// breaks the layer) the first case read "broken": the EDR at target
// cancelled out the RDP port left open beside it.
func TestOpenControlKeepsLayerFromBreaking(t *testing.T) {
	b := holeBank(t)
	cases := []struct {
		name    string
		two     int // Q-TWO, hosts, denies exploitation (-1: don't know)
		hosts   CellState
		verdict Verdict
		holes   string
	}{
		{"absent control beside one at target", 0, CellOpen, VerdictOpen, "[Q-TWO@0]"},
		{"ad hoc control beside one at target", 1, CellOpen, VerdictOpen, "[Q-TWO@1]"},
		{"developing control below target is no hole", 2, CellBroken, VerdictBroken, "[]"},
		{"both at target", 5, CellBroken, VerdictBroken, "[]"},
		// "don't know" is no evidence either way: not a hole, not in effect
		{"don't know is not a hole", -1, CellBroken, VerdictBroken, "[]"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := Compute(b, assess(b, iaasSmall, answers{"Q-ONE": 5, "Q-TWO": c.two, "Q-FIVE": 5}), Options{})
			p := r.Phase(q.Exploitation)
			var cell Cell
			for _, x := range p.Layers {
				if x.Layer == q.LayerHosts {
					cell = x
				}
			}
			var hs []string
			for _, h := range cell.Holes {
				hs = append(hs, fmt.Sprintf("%s@%d", h.QuestionID, h.Level))
			}
			if cell.State != c.hosts || p.Verdict != c.verdict || fmt.Sprint(hs) != c.holes {
				t.Errorf("hosts %s, exploitation %s, holes %v; want %s, %s, %s", cell.State, p.Verdict, hs, c.hosts, c.verdict, c.holes)
			}
			wantOpen := "[]"
			if c.hosts == CellOpen {
				wantOpen = "[hosts]"
			}
			if fmt.Sprint(p.OpenLayers) != wantOpen {
				t.Errorf("open layers %v, want %s", p.OpenLayers, wantOpen)
			}
			// the phase's counts still see the controls at target
			wantMeeting := 2 // Q-ONE and Q-FIVE
			if c.two == 5 {
				wantMeeting = 3
			}
			if p.Meeting != wantMeeting {
				t.Errorf("%d stopping controls at target, want %d", p.Meeting, wantMeeting)
			}
		})
	}
}

// TestCellStatesSeparateSeeingFromStopping: a layer with no control that
// can deny or disrupt a phase is never "open" (no path goes through it);
// it is partial when what sees or slows the phase is at target, unseen
// when it is not. The phase's open layers and the red cells are the same.
func TestCellStatesSeparateSeeingFromStopping(t *testing.T) {
	b := smallBank(t)
	mixedAKS := q.Profile{Size: "small", Sensitivity: "high", Models: []q.Model{q.IaaS, q.PaaS}, Services: []string{"aks"}}
	for _, c := range []struct {
		three int
		want  CellState
	}{{5, CellPartial}, {1, CellUnseen}, {0, CellUnseen}} {
		// Q-THREE (networks) only detects actions on objectives; Q-SIX
		// (networks) denies it only under PaaS, so it is left N/A here.
		r := Compute(b, assess(b, mixedAKS, answers{"Q-THREE": c.three, "Q-SIX": -2}), Options{})
		for _, p := range r.KillChain {
			for _, cell := range p.Layers {
				if (cell.State == CellOpen) != containsLayer(p.OpenLayers, cell.Layer) {
					t.Errorf("%s × %s is %s but open layers are %v", p.Phase, cell.Layer, cell.State, p.OpenLayers)
				}
				if cell.Layer == q.LayerNetworks && p.Phase == q.ActionsOnObject && cell.State != c.want {
					t.Errorf("Q-THREE at %d: networks × actions on objectives %s, want %s", c.three, cell.State, c.want)
				}
				if cell.State != CellOpen && len(cell.Holes) > 0 {
					t.Errorf("%s × %s: holes %v in a %s cell", p.Phase, cell.Layer, cell.Holes, cell.State)
				}
			}
		}
	}
}

func containsLayer(ls []q.Layer, l q.Layer) bool {
	for _, x := range ls {
		if x == l {
			return true
		}
	}
	return false
}
