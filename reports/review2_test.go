package reports

import (
	"bytes"
	"strings"
	"testing"

	"github.com/ssrm/ssrm/scoring"
)

// Signer's re-review N2, N4, N5 on the demo: a finding with a step this
// week is due this week and leads with it; the assessor's critical
// override pulls the guest review into 30 days, offered as a free review by
// hand with P2 as the option; without P1 the Conditional Access actions are
// done by security defaults and printed as the upgrade path; the restore
// test and the alert contacts are within 90 days.
func TestSignerReview2Plan(t *testing.T) {
	r := demoResult(t)
	fs := Findings(r)
	steps := ImmediateSteps(r, fs)
	stepOf := map[string]int{}
	for k, im := range steps {
		stepOf[im.Action.ID] = k + 1
	}
	f, ok := FindingOf(fs, "ID-TEMP-ACCESS")
	if !ok {
		t.Fatal("no finding on ID-TEMP-ACCESS")
	}
	k := stepOf["A-ACCESS-REVIEWS"]
	if k == 0 || f.Immediate != k || f.Window() != "this week (Immediate #"+itoa(k)+")" {
		t.Errorf("F on guests: window %q, immediate %d; want this week (Immediate #%d)", f.Window(), f.Immediate, k)
	}
	if !f.Due.Equal(r.Date.AddDate(0, 0, 7)) {
		t.Errorf("guests due %v, want a week after the report", f.Due)
	}
	var guests scoring.PlanItem
	for _, it := range r.Actions {
		if it.Action.ID == "A-ACCESS-REVIEWS" {
			guests = it
		}
	}
	if guests.Days != 30 || guests.Pulled != scoring.PullOverride {
		t.Errorf("the guest review: days %d, pulled %q; want 30 days by the critical override", guests.Days, guests.Pulled)
	}
	if got := costOf(r, guests); got != "free path" {
		t.Errorf("the guest review costs %q, want the free path", got)
	}
	if !strings.Contains(strings.Join(f.LicenceCost, "; "), "none on the free path; Microsoft Entra ID P2 (in Microsoft 365 E5) for automated access reviews") {
		t.Errorf("the guests' licence row does not offer P2 as the option: %q", f.LicenceCost)
	}

	// N4: no Conditional Access action takes roadmap room
	sd := stepOf["A-MFA-ALL-USERS"]
	for _, id := range []string{"A-MFA-ALL-USERS", "A-MFA-ADMINS", "A-BLOCK-LEGACY-AUTH"} {
		for _, it := range r.Actions {
			if it.Action.ID == id && (it.DoneBy != "A-MFA-ALL-USERS" || it.Days != 0 || it.Rank != 0) {
				t.Errorf("%s: done by %q, rank %d, days %d; want done by the security-defaults step", id, it.DoneBy, it.Rank, it.Days)
			}
		}
	}
	for _, qid := range []string{"ID-MFA-ADMIN", "ID-LEGACY-AUTH", "ID-MFA-USERS"} {
		if f, _ := FindingOf(fs, qid); f.Immediate != sd || sd == 0 {
			t.Errorf("%s is due %q, want this week by security defaults (Immediate #%d)", qid, f.Window(), sd)
		}
	}

	// N5: the recovery exposures within 90 days
	for _, id := range []string{"A-RESTORE-TEST", "A-SECURITY-CONTACTS"} {
		for _, it := range r.Actions {
			if it.Action.ID == id && (it.Days == 0 || it.Days > 90) {
				t.Errorf("%s is at %d days, want within 90", id, it.Days)
			}
		}
	}

	var md bytes.Buffer
	if err := WriteMarkdown(&md, r, Meta{}); err != nil {
		t.Fatal(err)
	}
	out := md.String()
	for _, want := range []string{
		"Upgrade path: with Microsoft Entra ID P1 (in Microsoft 365 Business Premium and E3), replace security defaults (Immediate #" + itoa(sd) + ") by these actions: ",
		"This week (Immediate #" + itoa(k) + "): Disable every account of a former supplier, leaver or locum. Then: Review guests",
		"covered by Immediate #" + itoa(sd) + " once done and verified",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("the demo's Markdown lacks %q", want)
		}
	}
	// the Conditional Access policies are never a plan row
	if i := strings.Index(out, "### Within 30 days"); i >= 0 {
		plan := out[i:]
		if j := strings.Index(plan, "Upgrade path"); j >= 0 {
			plan = plan[:j]
		}
		if strings.Contains(plan, "| Require MFA for all users") {
			t.Error("Require MFA for all users is still a row of the 30/60/90-day plan")
		}
	}
}

// Signer's re-review N8(a): F-01's fixer (Tom Briggs) and the owner of
// its lapsed risk acceptance (Dr. Amir Haddad) are both named, the same
// way, in the register, the card and the response form.
func TestSignerReview2OwnerBoth(t *testing.T) {
	r := demoResult(t)
	f, ok := FindingOf(Findings(r), "NET-EXPOSURE")
	if !ok {
		t.Fatal("no finding on NET-EXPOSURE")
	}
	want := "fix: Tom Briggs; decision: Dr. Amir Haddad"
	if f.OwnerText() != want {
		t.Errorf("owner %q, want %q", f.OwnerText(), want)
	}
	if _, _, owner, _ := f.ResponseForm(); owner != want {
		t.Errorf("the response form's owner is %q, want %q", owner, want)
	}
	var md bytes.Buffer
	if err := WriteMarkdown(&md, r, Meta{}); err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(md.String(), want); n < 3 {
		t.Errorf("the Markdown names both owners %d times, want the register, the card and the form", n)
	}
}

// Signer's re-review N8(e): the cover names every service in scope,
// wrapped, never cut with "…".
func TestCoverScopeWrapsWhole(t *testing.T) {
	r := demoResult(t)
	page := pdfText(t, renderPDF(t, r, Meta{}))[0]
	if !strings.Contains(page, serviceNames(r)) {
		t.Errorf("the cover's scope is cut: %q lacks %q", page, serviceNames(r))
	}
	if strings.Contains(page, "…") {
		t.Errorf("the cover cuts a detail with …: %q", page)
	}
}

// Signer's re-review N8(g): the train-again triggers and whom to tell fit
// the organization's sector (a dental group opens practices and buys
// imaging systems; it has patients), and are neutral when the sector is
// unknown.
func TestTriggersFitTheSector(t *testing.T) {
	r := demoResult(t)
	var md bytes.Buffer
	if err := WriteMarkdown(&md, r, Meta{}); err != nil {
		t.Fatal(err)
	}
	out := md.String()
	for _, bad := range []string{"merger or acquisition.", "ERP or other major system", "and customers where the law"} {
		if strings.Contains(out, bad) {
			t.Errorf("the dental group's report says %q", bad)
		}
	}
	for _, want := range []string{"Opening or taking over a practice or clinic.", "the patients affected where the law or contracts require"} {
		if !strings.Contains(out, want) {
			t.Errorf("the dental group's report lacks %q", want)
		}
	}
	for _, tr := range TrainingTriggers("") {
		if strings.Contains(tr, "ERP") || strings.Contains(tr, "practice") {
			t.Errorf("a trigger for an unknown sector is not neutral: %q", tr)
		}
	}
}

// Signer's re-review item 25: two of the first things to do that close
// the same finding share one line of the board summary.
func TestFirstThingsMergeOnOneFinding(t *testing.T) {
	r := demoResult(t)
	var md bytes.Buffer
	if err := WriteMarkdown(&md, r, Meta{Audience: AudienceBoard}); err != nil {
		t.Fatal(err)
	}
	out := md.String()
	want := "| 1, 2 | Close RDP, SSH and database ports to the internet; then reach VMs only through Azure Bastion or just-in-time access | F-01, F-02 |"
	if !strings.Contains(out, want) {
		i := strings.Index(out, "first things to do")
		t.Errorf("the board's first things to do do not share F-01's line: want %q in\n%s", want, out[i:min(len(out), i+900)])
	}
}

// Signer's re-review item 15: what the assessor saw in the workshop
// ("seen:" evidence) is assessor-verified, a level apart from
// self-reported, in the basis box, the risk line and the evidence appendix.
func TestAssessorVerifiedEvidence(t *testing.T) {
	r := demoResult(t)
	var basis string
	for _, p := range Basis(r) {
		if p.Key == "Answers" {
			basis = p.Value
		}
	}
	if strings.Contains(basis, "every answer is self-reported") || !strings.Contains(basis, "4 assessor-verified") {
		t.Errorf("the basis box does not count the assessor-verified answers: %q", basis)
	}
	f, _ := FindingOf(Findings(r), "ID-LEAST-PRIV")
	if !strings.Contains(f.RiskWhy, "(assessor-verified)") || !strings.Contains(f.Evidence, "verified by the assessor") {
		t.Errorf("ID-LEAST-PRIV: risk %q, evidence %q; want assessor-verified", f.RiskWhy, f.Evidence)
	}
	var md bytes.Buffer
	if err := WriteMarkdown(&md, r, Meta{}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(md.String(), "Documents, links and what the assessor saw") || !strings.Contains(md.String(), "| Seen |") {
		t.Error("the evidence appendix does not list what the assessor saw")
	}
}

// Signer's re-review N1 (the theme table): the Identity row leads with
// this week's steps, the former supplier's account among them.
func TestThemesLeadWithThisWeek(t *testing.T) {
	r := demoResult(t)
	var md bytes.Buffer
	if err := WriteMarkdown(&md, r, Meta{Audience: AudienceBoard}); err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(md.String(), "\n") {
		if strings.HasPrefix(line, "| Identity and access |") {
			if !strings.Contains(line, "This week: ") || !strings.Contains(line, "disable every account of a former supplier") {
				t.Errorf("the Identity theme does not lead with this week's steps: %s", line)
			}
			return
		}
	}
	t.Error("no Identity theme row in the board edition")
}
