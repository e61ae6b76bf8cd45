package questionnaire

import (
	"bufio"
	"os"
	"strings"
	"testing"
)

// TestPaaSOnlyAKSKeepsAKSQuestions: configurations and settings are the
// customer's under every model, so a PaaS-only organization running AKS is
// asked about its cluster's configuration and upgrades, not told they are
// Microsoft's.
func TestPaaSOnlyAKSKeepsAKSQuestions(t *testing.T) {
	b := defaultBank(t)
	tl := Tailor(b, Profile{Size: "small", Sensitivity: "moderate", Models: []Model{PaaS}, Services: []string{"aks"}})
	asked := map[string]bool{}
	for _, q := range tl.Asked {
		asked[q.ID] = true
	}
	for _, id := range []string{"HOST-AKS", "HOST-AKS-UPGRADE", "HOST-IMAGES"} {
		if !asked[id] {
			t.Errorf("%s is not asked of a PaaS-only AKS user", id)
		}
	}
	for _, p := range tl.Provider {
		if p.Question.Responsibility == "configuration" {
			t.Errorf("%s is about configuration yet handed to Microsoft: %s", p.Question.ID, p.Reason)
		}
	}
	// The same profile without AKS drops the AKS questions, saying why.
	tl = Tailor(b, Profile{Size: "small", Sensitivity: "moderate", Models: []Model{PaaS}})
	for _, d := range tl.Dropped {
		if d.Question.ID == "HOST-AKS" && !strings.Contains(d.Reason, "Kubernetes") {
			t.Errorf("HOST-AKS dropped for %q", d.Reason)
		}
	}
}

// TestResponsibilityFollowsMicrosoftsTable: the rows carry Microsoft's
// table as dated, applications are shared under PaaS, configuration is the
// customer's everywhere, and every question names a row.
func TestResponsibilityFollowsMicrosoftsTable(t *testing.T) {
	b := defaultBank(t)
	src := b.Responsibility.Source
	if src.Date == "" || !strings.Contains(src.URL, "shared-responsibility") {
		t.Errorf("responsibility source %+v has no date or URL", src)
	}
	want := map[string]map[Model]Party{
		"applications":     {IaaS: Customer, PaaS: Shared, SaaS: Shared},
		"configuration":    {IaaS: Customer, PaaS: Customer, SaaS: Customer},
		"network-controls": {IaaS: Customer, PaaS: Shared, SaaS: Microsoft},
		"operating-system": {IaaS: Customer, PaaS: Microsoft, SaaS: Microsoft},
		"physical":         {IaaS: Microsoft, PaaS: Microsoft, SaaS: Microsoft},
	}
	for id, owners := range want {
		row, ok := b.Row(id)
		if !ok {
			t.Errorf("no row %s", id)
			continue
		}
		for m, p := range owners {
			if row.Owner[m] != p {
				t.Errorf("row %s under %s: %s, want %s", id, m, row.Owner[m], p)
			}
		}
	}
	for _, q := range b.Questions {
		if _, ok := b.Row(q.Responsibility); !ok {
			t.Errorf("%s names no responsibility row", q.ID)
		}
	}
}

// TestNoPatchQuestionMapsToWeaponization: patching and scanning deny
// exploitation; weaponization happens on the attacker's side and is touched
// only by intelligence-driven detection and prevention.
func TestNoPatchQuestionMapsToWeaponization(t *testing.T) {
	b := defaultBank(t)
	onWeaponization := map[string]bool{}
	for _, q := range b.Questions {
		patchy := strings.Contains(q.ID, "PATCH") || strings.Contains(q.ID, "VULN") || strings.Contains(q.ID, "EOL") ||
			strings.Contains(strings.ToLower(q.Text), "patch")
		for _, r := range q.References {
			patchy = patchy || r == "MCSB-PV-5" || r == "MCSB-PV-6"
		}
		for _, k := range q.KillChain {
			if k.Phase != Weaponization {
				continue
			}
			onWeaponization[q.ID] = true
			if patchy {
				t.Errorf("%s (patching or scanning) maps to weaponization/%s", q.ID, k.Course)
			}
		}
		if patchy {
			denies := false
			for _, k := range q.KillChain {
				denies = denies || k.Phase == Exploitation && k.Course == Deny
			}
			if len(q.KillChain) > 0 && !denies && q.ID != "FND-PAAS-PATCH" {
				t.Errorf("%s (patching or scanning) does not deny exploitation", q.ID)
			}
		}
	}
	for id := range onWeaponization {
		if id != "THREAT-INTEL" && id != "NET-IDS" {
			t.Errorf("%s maps to weaponization; only intelligence-driven detection (THREAT-INTEL, NET-IDS) should", id)
		}
	}
	// Awareness training makes vigilant users: it detects delivery, it
	// does not deny it.
	for _, id := range []string{"PPL-TRAIN", "PPL-TRIGGERS", "PPL-JOINERS"} {
		q, _ := b.Question(id)
		for _, k := range q.KillChain {
			if k.Phase == Delivery && k.Course != Detect {
				t.Errorf("%s %s delivery; training detects it", id, k.Course)
			}
		}
	}
}

// TestGovernanceQuestionsSayTheyHaveNoKillChainEffect: the questions that
// act on no phase directly say so, instead of a forced mapping.
func TestGovernanceQuestionsSayTheyHaveNoKillChainEffect(t *testing.T) {
	b := defaultBank(t)
	n := 0
	for _, q := range b.Questions {
		if q.NoKillChain != "" {
			n++
		}
	}
	if n < 8 {
		t.Errorf("%d questions say they have no direct kill-chain effect, want the governance ones (at least 8)", n)
	}
	for _, id := range []string{"FND-SLA", "FND-PAAS-PATCH", "MON-POSTURE"} {
		if q, _ := b.Question(id); q.NoKillChain == "" || len(q.KillChain) > 0 {
			t.Errorf("%s is forced onto the kill chain: %+v", id, q.KillChain)
		}
	}
	// Deception counts only from the level that deploys decoys.
	q, _ := b.Question("MON-DETECT")
	for _, k := range q.KillChain {
		if k.Course == Deceive && k.From != 5 {
			t.Errorf("MON-DETECT deceives from level %d; only decoys (level 5) deceive", k.From)
		}
	}
	for _, q := range b.Questions {
		for _, k := range q.KillChain {
			if k.From < 1 {
				t.Errorf("%s %s/%s applies from level %d: every link names the level it starts at", q.ID, k.Phase, k.Course, k.From)
			}
		}
	}
}

// TestEveryBenchmarkReferenceIsKnown: each MCSB and CIS reference is a real
// control, with its real title and the benchmark's version, and the bank
// covers at least 70 of MCSB v1's 86 controls.
func TestEveryBenchmarkReferenceIsKnown(t *testing.T) {
	b := defaultBank(t)
	f, err := os.Open("testdata/benchmark-controls.tsv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	known := map[string]string{}
	mcsb := 0
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		id, title, ok := strings.Cut(line, "\t")
		if !ok {
			t.Fatalf("bad line %q", line)
		}
		known[id] = title
		if strings.HasPrefix(id, "MCSB-") {
			mcsb++
		}
	}
	if mcsb != 86 {
		t.Fatalf("the known list holds %d MCSB v1 controls, want 86", mcsb)
	}
	cited := map[string]bool{}
	for _, q := range b.Questions {
		for _, r := range q.References {
			cited[r] = true
		}
	}
	covered := 0
	for _, r := range b.References {
		switch {
		case strings.HasPrefix(r.ID, "MCSB-"):
			if r.Framework != "Microsoft cloud security benchmark v1" {
				t.Errorf("%s framework %q", r.ID, r.Framework)
			}
			if cited[r.ID] {
				covered++
			}
		case strings.HasPrefix(r.ID, "CIS-"):
			if !strings.HasPrefix(r.ID, "CIS-v6.0.0-") || !strings.Contains(r.Framework, "v6.0.0") {
				t.Errorf("%s (%s) does not carry the CIS version", r.ID, r.Framework)
			}
		default:
			continue
		}
		title, ok := known[r.ID]
		switch {
		case !ok:
			t.Errorf("%s is not a known control", r.ID)
		case title != r.Title:
			t.Errorf("%s title %q, want %q", r.ID, r.Title, title)
		}
	}
	if covered < 70 {
		t.Errorf("the bank references %d of MCSB v1's 86 controls, want at least 70", covered)
	}
	t.Logf("MCSB v1 controls referenced: %d of 86", covered)
}

// TestSoftwareQuestionsNeedABuilder: a profile that builds no software is
// not asked the secure-coding questions, and says why.
func TestSoftwareQuestionsNeedABuilder(t *testing.T) {
	b := defaultBank(t)
	no := false
	p := Profile{Size: "small", Sensitivity: "moderate", Models: []Model{IaaS, PaaS, SaaS}, Services: []string{"devops"}, BuildsSoftware: &no}
	tl := Tailor(b, p)
	for _, q := range tl.Asked {
		if q.BuildsSoftware {
			t.Errorf("%s is asked of an organization that builds no software", q.ID)
		}
	}
	dropped := 0
	for _, d := range tl.Dropped {
		if d.Question.BuildsSoftware {
			dropped++
			if !strings.Contains(d.Reason, "build software") {
				t.Errorf("%s dropped for %q", d.Question.ID, d.Reason)
			}
		}
	}
	if dropped < 3 {
		t.Errorf("%d software questions dropped, want the secure-coding ones", dropped)
	}
	// A profile saved before the question existed is treated as a builder.
	p.BuildsSoftware = nil
	if !p.SoftwareBuilder() {
		t.Error("an unasked profile must count as a software builder, so nothing is hidden by mistake")
	}
}

// TestRolesScaleWithSize: the same role reads as the IT provider for a
// micro business and as a platform team for an enterprise; a free-text
// owner of an older bank reads as it is.
func TestRolesScaleWithSize(t *testing.T) {
	b := defaultBank(t)
	if got := b.RoleName("it-admin", "micro"); got != "Your IT provider" {
		t.Errorf("micro it-admin = %q", got)
	}
	if got := b.RoleName("it-admin", "enterprise"); !strings.Contains(got, "platform") {
		t.Errorf("enterprise it-admin = %q", got)
	}
	if got := b.RoleName("Cloud platform engineer", "micro"); got != "Cloud platform engineer" {
		t.Errorf("free-text owner became %q", got)
	}
	for _, q := range b.Questions {
		if q.Answerer == "" {
			t.Errorf("%s names nobody to answer it", q.ID)
		}
	}
}

// TestGlossaryAndPlainStems: the glossary API the wizard and the PDF share,
// and plain-language stems for the jargon-heavy questions.
func TestGlossaryAndPlainStems(t *testing.T) {
	b := defaultBank(t)
	if m, ok := b.Define("conditional access"); !ok || !strings.Contains(m, "P1") {
		t.Errorf("Define(conditional access) = %q, %v", m, ok)
	}
	terms := map[string]bool{}
	for _, g := range b.Glossary() {
		terms[g.Term] = true
	}
	for _, want := range []string{"DMARC", "Break-glass account", "Delivery (kill-chain phase)", "Contain (course of action)"} {
		if !terms[want] {
			t.Errorf("glossary lacks %q", want)
		}
	}
	plain := 0
	for i := range b.Questions {
		q := &b.Questions[i]
		if q.PlainText != "" {
			plain++
			if q.Plain() != q.PlainText {
				t.Errorf("%s Plain() = %q", q.ID, q.Plain())
			}
		} else if q.Plain() != q.Text {
			t.Errorf("%s Plain() without a plain stem = %q, want the text", q.ID, q.Plain())
		}
	}
	if plain < 15 {
		t.Errorf("%d plain-language stems, want at least 15", plain)
	}
}

// TestLintChecksRolesLicencesAndRows: the rules that keep the new tables
// honest, each planted in a copy of the default bank.
func TestLintChecksRolesLicencesAndRows(t *testing.T) {
	src := string(mustRead(t, "../assets/bank.yaml"))
	if _, err := ParseBank("bank.yaml", []byte(src)); err != nil {
		t.Fatalf("the default bank must load: %v", err)
	}
	cases := []struct{ name, old, new, msg string }{
		{"unknown answerer", "answerer: identity-admin", "answerer: janitor", `answerer "janitor" is not a role`},
		{"unknown owner role", "owner: identity-admin", "owner: Chief Everything Officer", `owner "Chief Everything Officer" is not a role`},
		{"unknown row", "responsibility: identities\n", "responsibility: nowhere\n", `unknown responsibility row "nowhere"`},
		{"unknown licence", "licences: [entra-p1]", "licences: [entra-p9]", `unknown licence "entra-p9"`},
		{"band without price", "  - id: entra-p1\n    name:", "  - id: entra-p1\n    band: low\n    name:", "has a cost band but no price"},
		{"duplicate role", "  - id: hr\n", "  - id: it-admin\n", `duplicate role id "it-admin"`},
		{"duplicate row", "    - id: devices\n", "    - id: data\n", `duplicate responsibility row id "data"`},
		{"duplicate glossary term", "{term: TLS,", "{term: SSRM,", `duplicate glossary term id "ssrm"`},
		{"row without an owner", "owners: {iaas: customer, paas: shared, saas: shared}\n      layer: applications\n    - id: network-controls", "owners: {iaas: customer, paas: shared}\n      layer: applications\n    - id: network-controls", "has no owner under saas"},
		{"kill-chain link above the top", "{phase: exploitation, course: deny, from: 2}", "{phase: exploitation, course: deny, from: 7}", "out of range 0–5"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if !strings.Contains(src, c.old) {
				t.Fatalf("the bank has no %q", c.old)
			}
			_, err := ParseBank("bank.yaml", []byte(strings.Replace(src, c.old, c.new, 1)))
			ps, ok := AsProblems(err)
			if !ok {
				t.Fatalf("want problems, got %v", err)
			}
			for _, p := range ps {
				if strings.Contains(p.Msg, c.msg) && p.Line > 0 {
					return
				}
			}
			t.Errorf("want a problem with %q, got:\n%v", c.msg, ps)
		})
	}
}
