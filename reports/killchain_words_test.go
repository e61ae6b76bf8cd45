package reports

import (
	"regexp"
	"strings"
	"testing"

	"github.com/ssrm/ssrm/scoring"
)

// TestHeatMapAndStoriesAgree (review 3, finding 18): the layers a phase's
// story says it is "open through" are exactly the squares the heat map
// draws "Open"; a layer that can only see the phase, below target, reads
// "Unseen", never "Open".
func TestHeatMapAndStoriesAgree(t *testing.T) {
	r := demoResult(t)
	through := regexp.MustCompile(`is open through (.*?): the controls`)
	layerName := regexp.MustCompile(`\b(applications|hosts|networks|foundation)\b`)
	unseen := 0
	for _, p := range r.KillChain {
		if p.Verdict != scoring.VerdictOpen {
			continue
		}
		m := through.FindStringSubmatch(PhaseStory(p))
		if m == nil {
			t.Fatalf("%s: story names no open layer: %s", p.Name, PhaseStory(p))
		}
		// the layer names outside the "(open: …)" parentheses
		named := map[string]bool{}
		for _, l := range layerName.FindAllString(regexp.MustCompile(`\([^)]*\)`).ReplaceAllString(m[1], ""), -1) {
			named[l] = true
		}
		for _, c := range p.Layers {
			red := CellWord(c.State) == "Open"
			if red != named[string(c.Layer)] {
				t.Errorf("%s × %s: heat map %q, story names it open: %v (%s)", p.Name, c.Layer, CellWord(c.State), named[string(c.Layer)], m[1])
			}
			if c.State == scoring.CellUnseen {
				unseen++
			}
		}
	}
	// the demo has see-only squares below target (foundation at delivery,
	// the review's example): the test is not empty
	if cell := r.Phase("delivery").Cell("foundation"); cell.State != scoring.CellUnseen {
		t.Errorf("delivery × foundation is %s, want unseen (only detect controls, below target)", cell.State)
	}
	if unseen == 0 {
		t.Error("no unseen square in the demo")
	}
}

// TestOneDefinitionOfBroken (review 3, finding 13): the kill-chain page,
// the Methodology and the legends say "broken" one way, and the recovery
// weighting is ssrm's adaptation, never the paper's.
func TestOneDefinitionOfBroken(t *testing.T) {
	r := demoResult(t)
	meth := strings.Join(Methodology(r.Bank), " ")
	doc := BuildDocument(r, Meta{}, DocOptions{})
	var intro string
	for _, s := range doc.Sections {
		if s.ID == SecKillChain {
			intro = s.Intro
		}
	}
	for _, rule := range []string{LayerBreaksRule, PhaseBrokenRule, OnlyBreakersRule} {
		if !strings.Contains(meth, rule) || !strings.Contains(intro, rule) {
			t.Errorf("rule not printed in both the Methodology and the kill-chain page: %q", rule)
		}
	}
	if !strings.Contains(meth, "judged only on enough evidence") {
		t.Error("the Methodology lost the evidence rule")
	}
	if strings.Contains(AdviceRules, "counts as a break") || !strings.Contains(AdviceRules, "ssrm's adaptation, not in the paper") {
		t.Errorf("advice rules attribute the recovery weighting to the paper: %s", AdviceRules)
	}
	// the paper's cells for actions on objectives, as the bank records them
	for course, example := range map[string]string{"detect": "audit log", "degrade": "quality of service", "deceive": "honeypot"} {
		if !strings.Contains(RecoveryRule, course+" ("+example+")") {
			t.Errorf("recovery rule does not quote Table 1's %s (%s): %s", course, example, RecoveryRule)
		}
		var bankEx string
		for c, e := range r.Bank.KillChainModel.Matrix["actions-on-objectives"] {
			if string(c) == course {
				bankEx = e
			}
		}
		if !strings.EqualFold(bankEx, example) {
			t.Errorf("bank's Table 1 cell for %s is %q, the rule quotes %q", course, bankEx, example)
		}
	}
	if CellLegend(scoring.CellPartial) == CellLegend(scoring.CellBroken) || !strings.Contains(CellLegend(scoring.CellPartial), "recovers") {
		t.Errorf("the seen-only legend does not say where recovery at target goes: %s", CellLegend(scoring.CellPartial))
	}
}
