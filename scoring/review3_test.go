package scoring

import (
	"testing"

	q "github.com/ssrm/ssrm/questionnaire"
)

// Signer's review 3, finding 2: backups that exist but that an admin
// account can still delete (level 2, immutability missing) do not yet
// degrade a ransomware operator. For the most sensitive data a recovery
// control below the level from which its course at actions on objectives
// applies is a recovery exposure: its cheapest action comes within 90
// days. At or above that level it is not; a respond control keeps the 0–1
// rule.
func TestRecoveryExposureBelowDegradeLevel(t *testing.T) {
	edits := []string{"max: 5\n", "max: 5\ncapacity: {small: 1}\n",
		"effort: L\n    owner: Network engineer", "effort: S\n    owner: Network engineer",
		"    weight: 1\n    kill_chain:\n      - {phase: command-and-control, course: detect}", "    weight: 3\n    kill_chain:\n      - {phase: command-and-control, course: detect}"}
	link := "      - {phase: reconnaissance, course: deny}\n    actions: [A-FOUR]"
	degrade := "      - {phase: actions-on-objectives, course: degrade, from: 3}\n"
	b := editedBank(t, append(edits, link, "      - {phase: reconnaissance, course: deny}\n"+degrade+"    recovery: true\n    actions: [A-FOUR]")...)
	plain := editedBank(t, append(edits, link, "      - {phase: reconnaissance, course: deny}\n"+degrade+"    actions: [A-FOUR]")...)
	as := answers{"Q-ONE": 0, "Q-TWO": 0, "Q-THREE": 0, "Q-FOUR": 2}
	if it := findAction(t, Compute(plain, assess(plain, iaasSmall, as), Options{}), "A-FOUR"); it.Days != LaterDays {
		t.Fatalf("A-FOUR is planned within 90 days without the recovery mark (days %d): the test checks nothing", it.Days)
	}
	if it := findAction(t, Compute(b, assess(b, iaasSmall, as), Options{}), "A-FOUR"); it.Days != 90 || it.Pulled != PullRecovery {
		t.Errorf("level 2, degrade from 3: A-FOUR days %d, pulled %q; want 90 days as a recovery exposure", it.Days, it.Pulled)
	}
	// at the level the control degrades the objective, still below target:
	// no exposure
	as["Q-FOUR"] = 3
	r := Compute(b, assess(b, iaasSmall, as), Options{})
	if s, _ := r.Question("Q-FOUR"); s.Gap <= 0 {
		t.Fatalf("Q-FOUR at 3 has no gap (target %d): the test checks nothing", s.Target)
	}
	if it := findAction(t, r, "A-FOUR"); it.Pulled != "" {
		t.Errorf("level 3 degrades the objective, yet A-FOUR was pulled (%q)", it.Pulled)
	}
	// moderate data: the rule is for the most sensitive data only
	as["Q-FOUR"] = 2
	mod := iaasSmall
	mod.Sensitivity = "moderate"
	if it := findAction(t, Compute(b, assess(b, mod, as), Options{}), "A-FOUR"); it.Pulled != "" {
		t.Errorf("moderate data, yet A-FOUR was pulled")
	}
	// a respond control (alert routing) at level 2 exists: no pull
	rb := editedBank(t, append(edits, link, "      - {phase: reconnaissance, course: deny}\n"+degrade+"    respond: true\n    actions: [A-FOUR]")...)
	if it := findAction(t, Compute(rb, assess(rb, iaasSmall, as), Options{}), "A-FOUR"); it.Pulled != "" {
		t.Errorf("a respond control at level 2 was pulled (%q)", it.Pulled)
	}
}

// Review 3, finding 1: an immediate step that needs preparing (security
// defaults: legacy clients, shared logins, 14 days to register MFA) says
// how many days it takes; the others take a week.
func TestImmediateStepDays(t *testing.T) {
	for _, tc := range []struct {
		field string
		want  int
	}{{"", q.ImmediateWeek}, {", days: 14", 14}} {
		b := editedBank(t, "    reaches: {Q-ONE: 5, Q-THREE: 3}\n",
			"    reaches: {Q-ONE: 5, Q-THREE: 3}\n    immediate: {step: Turn security defaults on., removes: exposure"+tc.field+"}\n")
		r := Compute(b, assess(b, iaasSmall, answers{"Q-ONE": 1, "Q-TWO": 0, "Q-THREE": 0, "Q-FOUR": 0}), Options{})
		ims := r.Immediate()
		if len(ims) != 1 || ims[0].Days != tc.want {
			t.Errorf("immediate%q: steps %+v, want one of %d days", tc.field, ims, tc.want)
		}
	}
}

// The demo (a dental group, the most sensitive data): its backups are all
// there but deletable (DATA-BACKUP level 2, "no immutability"), so the
// immutable-vault action comes within 90 days; and the credentials the
// notes say outsiders hold (the VPN key, the SQL admin password, a SAS
// valid until 2030) each get a step, as does the supplier's Owner role.
func TestDemoRecoveryAndOutsiderSteps(t *testing.T) {
	r := demo(t, "")
	if it := findAction(t, r, "A-BACKUP-IMMUTABLE"); it.Days > 90 || it.Pulled != PullRecovery {
		t.Errorf("A-BACKUP-IMMUTABLE: days %d, pulled %q; want within 90 days as a recovery exposure", it.Days, it.Pulled)
	}
	steps := map[string]ImmediateItem{}
	for _, im := range r.Immediate() {
		steps[im.Action.ID] = im
	}
	for id, qid := range map[string]string{"A-HYBRID-LINK": "NET-HYBRID", "A-SQL-HARDEN": "APP-SQL", "A-STORAGE-KEYS": "DATA-STORAGE-KEYS", "A-RBAC-LEAST-PRIV": "ID-LEAST-PRIV"} {
		im, ok := steps[id]
		if !ok || im.Removes != "credential" || !contains(im.Questions, qid) {
			t.Errorf("no credential step of %s for %s: %+v", id, qid, im)
		}
	}
	if im := steps["A-MFA-ALL-USERS"]; im.Days != 14 {
		t.Errorf("the security-defaults step takes %d days, want 14", im.Days)
	}
}
