package reports

import (
	"strings"
	"testing"
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
	// signer's review finding 4: no "nothing stops them" while Hosts
	// breaks three phases; the layer that stops them is named, and the
	// way round it
	if strings.Contains(v, "nothing that stops") {
		t.Errorf("verdict says nothing stops the attacker, though Hosts breaks phases: %s", v)
	}
	if !strings.Contains(v, "Your Hosts controls do stop delivery, exploitation and installation, but an attacker can go round them through") {
		t.Errorf("verdict does not name what stops which phase: %s", v)
	}
	if i := strings.Index(v, "at least one path"); i < 0 || strings.Contains(v[:i], "weaponization") {
		t.Errorf("verdict counts weaponization as a phase the client failed to stop: %s", v)
	}
	if !strings.Contains(v, "Weaponization happens on the attacker's side and is not judged") {
		t.Errorf("verdict does not name weaponization as attacker-side: %s", v)
	}
	if !strings.Contains(v, "fit in the next twelve months") {
		t.Errorf("verdict does not say how much of the plan fits the year: %s", v)
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
