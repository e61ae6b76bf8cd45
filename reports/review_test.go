package reports

import (
	"slices"
	"strings"
	"testing"

	q "github.com/ssrm/ssrm/questionnaire"
)

// TestReviewedReportWording: the demo's verdict keeps weaponization out of
// the phases the client "failed to stop" and says how much of the plan fits
// the year; the reporting process gives the regulator deadline with its
// jurisdiction; the calendar's simulations name what they need; the
// methodology's quick-win rule needs no paid service (findings 6, 7, 13,
// 18, 23).
func TestReviewedReportWording(t *testing.T) {
	r := demoResult(t)
	v := strings.Join(Verdict(r), " ")
	// signer's review 3, finding 3: the EDR at target on the PCs and the
	// server does not make Hosts stop delivery, exploitation or
	// installation while RDP is open with a shared password (F-02,
	// HOST-ACCESS at level 0) in the same layer. The verdict names the
	// controls at target and the open one; it never says Hosts "do stop".
	if strings.Contains(v, "Your Hosts controls do stop") {
		t.Errorf("verdict says Hosts stops phases while a Hosts control is at level 0: %s", v)
	}
	f02, _ := FindingOf(Findings(r), "HOST-ACCESS")
	if want := "Your Hosts controls at target (Laptop and PC EDR and Server EDR) do not stop delivery, exploitation or installation while " + f02.ID; f02.ID == "" || !strings.Contains(v, want) {
		t.Errorf("verdict does not say the open %s undoes the EDR (want %q): %s", f02.ID, want, v)
	}
	if ph := r.Phase(q.Exploitation); !ph.Open || !slices.Contains(ph.OpenLayers, q.LayerHosts) {
		t.Errorf("exploitation %s, open layers %v: Hosts must be open with HOST-ACCESS at level 0", ph.Verdict, ph.OpenLayers)
	}
	// and the kill-chain page says why, layer by layer
	var stories string
	for _, st := range PhaseStoriesRef(r, findingRef(r.Bank, Findings(r))) {
		if strings.HasPrefix(st, "Exploitation is open") {
			stories = st
		}
	}
	if !strings.Contains(stories, "hosts (open: "+f02.ID) {
		t.Errorf("exploitation's story does not name Hosts with its open control %s: %s", f02.ID, stories)
	}
	if i := strings.Index(v, "at least one path"); i < 0 || strings.Contains(v[:i], "weaponization") {
		t.Errorf("verdict counts weaponization as a phase the client failed to stop: %s", v)
	}
	if !strings.Contains(v, "Weaponization happens on the attacker's side and is not judged") {
		t.Errorf("verdict does not name weaponization as attacker-side: %s", v)
	}
	if c := CapacityLine(r); !strings.Contains(c, "fit in the next twelve months") {
		t.Errorf("the board page does not say how much of the plan fits the year: %s", c)
	}
	rp := strings.Join(ReportingProcess(r), " ")
	if !strings.Contains(rp, "under the UK GDPR, Article 33") || !strings.Contains(rp, "ico.org.uk") {
		t.Errorf("reporting process: %s", rp)
	}
	for _, c := range TrainingCalendar(r) {
		if strings.HasPrefix(c.Activity, "Phishing simulation") && !strings.Contains(c.Activity, "Plan 2") && !strings.Contains(c.Activity, "same tool") {
			t.Errorf("calendar simulation without what it needs: %q", c.Activity)
		}
	}
	m := strings.Join(Methodology(r.Bank), " ")
	if !strings.Contains(m, "needs no licence or paid service") || !strings.Contains(m, "small effort, paid service") {
		t.Errorf("methodology quick-win rule: %s", m)
	}
}
