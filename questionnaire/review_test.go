package questionnaire

import (
	"strings"
	"testing"
)

// TestReviewedBankWording pins the wording the November 2026 content review
// corrected, so an edit that brings an old claim back fails here.
func TestReviewedBankWording(t *testing.T) {
	b := defaultBank(t)
	get := func(id string) *Question {
		q, ok := b.Question(id)
		if !ok {
			t.Fatalf("no question %s", id)
		}
		return q
	}
	level := func(q *Question, l int) Option {
		o, _ := q.Option(l)
		return o
	}
	// 10, 22: EASM shrinks the target, it detects no attacker; the owned
	// list of public IPs is basic hygiene (CIS 7.7, level 1), below scans.
	easm := get("NET-EASM")
	if len(easm.KillChain) != 1 || easm.KillChain[0].Course != Deny || easm.KillChain[0].Phase != Reconnaissance || easm.KillChain[0].From != 4 {
		t.Errorf("NET-EASM kill chain %+v, want reconnaissance/deny from 4", easm.KillChain)
	}
	if !strings.Contains(level(easm, 2).Label, "Public IPs justified") || !strings.Contains(level(easm, 4).Description, "continuously") {
		t.Errorf("NET-EASM levels out of order: 2 %q, 4 %q", level(easm, 2).Label, level(easm, 4).Description)
	}
	// 21: level 3 is every endpoint, not "or Front Door" again
	if d := level(get("NET-DDOS"), 3).Description; strings.Contains(d, "or apps sit behind Front Door") || !strings.Contains(d, "Every public endpoint") {
		t.Errorf("NET-DDOS level 3: %q", d)
	}
	// 16: "no CMK needed" is a complete answer at level 3
	if d := level(get("DATA-KEYS"), 3).Description; !strings.Contains(d, "it may be none") {
		t.Errorf("DATA-KEYS level 3: %q", d)
	}
	if !strings.Contains(get("DATA-KEYS").Facilitator, "not applicable") {
		t.Error("DATA-KEYS facilitator does not say levels 4-5 can be not applicable")
	}
	// 17: the risk is Basic authentication, not protocol names
	la := get("ID-LEGACY-AUTH")
	if !strings.Contains(la.Text, "Basic authentication") || strings.Contains(level(la, 0).Description, "Legacy protocols are allowed for every mailbox") {
		t.Errorf("ID-LEGACY-AUTH still frames protocols: %q / %q", la.Text, level(la, 0).Description)
	}
	// 25: every question carries a reference, or says why it has few
	for _, q := range b.Questions {
		if len(q.References) == 0 {
			t.Errorf("%s has no reference", q.ID)
		}
	}
	if get("MAIL-AUTH").ReferenceNote == "" || get("DATA-BACKUP").ReferenceNote == "" {
		t.Error("MAIL-AUTH / DATA-BACKUP do not explain their references")
	}
	// 24: APP-WAF cites the WAF recommendation itself
	if refs := strings.Join(get("APP-WAF").References, " "); !strings.Contains(refs, "CIS-v6.0.0-7.10") {
		t.Errorf("APP-WAF references %s", refs)
	}
	// 23: the yearly course does not sell a Plan 2 feature as free
	a, _ := b.Action("A-TRAINING-YEARLY")
	if !strings.Contains(a.Detail, "Defender for Office 365 Plan 2") {
		t.Errorf("A-TRAINING-YEARLY: %q", a.Detail)
	}
	// 12: sign-in log export names its licence, for that part only: the
	// Activity log and audit logs need none, so P1 is no requirement of
	// the action (a client without it is not told the action needs it)
	x, _ := b.Action("A-ACTIVITY-LOG-EXPORT")
	if strings.Contains(strings.Join(x.Licences, " "), "entra-p1") || !strings.Contains(x.LicenceNote, "P1 or P2") {
		t.Errorf("A-ACTIVITY-LOG-EXPORT licences %v note %q", x.Licences, x.LicenceNote)
	}
	// 14: the glossary says contain is ssrm's and the break rule is ssrm's
	if m, _ := b.Define("Course of action"); !strings.Contains(m, "destroy") || !strings.Contains(m, "ssrm counts") {
		t.Errorf("Course of action: %q", m)
	}
	if m, _ := b.Define("Quick win"); !strings.Contains(m, "no new licence or paid service") {
		t.Errorf("Quick win: %q", m)
	}
}
