package questionnaire

import (
	"regexp"
	"strings"
	"testing"
)

// plant replaces the first match of re inside question id's block.
func plant(t *testing.T, src, id, re, repl string) string {
	t.Helper()
	i := strings.Index(src, "\n  - id: "+id+"\n")
	if i < 0 {
		t.Fatalf("no question %s", id)
	}
	j := strings.Index(src[i+1:], "\n  - id: ") + i + 1
	block := src[i:j]
	r := regexp.MustCompile(re)
	if !r.MatchString(block) {
		t.Fatalf("%s: no %q", id, re)
	}
	done := false
	block = r.ReplaceAllStringFunc(block, func(m string) string {
		if done {
			return m
		}
		done = true
		return r.ReplaceAllString(m, repl)
	})
	return src[:i] + block + src[j:]
}

func lintMsgs(t *testing.T, src string) string {
	t.Helper()
	_, err := ParseBank("bank.yaml", []byte(src))
	ps, ok := AsProblems(err)
	if !ok {
		t.Fatalf("want problems, got %v", err)
	}
	var out []string
	for _, p := range ps {
		out = append(out, p.Msg)
	}
	return strings.Join(out, "\n")
}

// TestLayersFollowTheResponsibilityTable: every question whose row is
// ssrm's "organization" row (incident response, training, governance) is
// scored in the foundation layer, under its stable id; a question moved
// to another layer without a layer_reason fails bank lint; the Hosts
// summary is shared under PaaS and SaaS, because client devices in that
// layer stay the customer's (findings 8, 9).
func TestLayersFollowTheResponsibilityTable(t *testing.T) {
	b := defaultBank(t)
	for _, q := range b.Questions {
		r, ok := b.Row(q.Responsibility)
		if !ok {
			continue
		}
		if r.Layer != q.Layer && strings.TrimSpace(q.LayerReason) == "" {
			t.Errorf("%s in %s, its row %s in %s, no layer_reason", q.ID, q.Layer, r.ID, r.Layer)
		}
	}
	for _, id := range []string{"IR-PLAN", "IR-EXERCISE", "IR-EVIDENCE", "IR-AUTOMATE", "IR-LESSONS", "PPL-TRAIN", "PPL-TRIGGERS", "PPL-JOINERS", "PPL-PUBLIC-FACING", "PPL-REPORT", "RISK-ASSESS", "MON-DETECT", "APP-PRIVACY", "THREAT-INTEL", "PPL-ADMIN-SKILLS"} {
		q, ok := b.Question(id)
		if !ok {
			t.Errorf("question id %s lost: ids must stay stable", id)
			continue
		}
		if q.Layer != LayerFoundation {
			t.Errorf("%s scored in %s, want foundation", id, q.Layer)
		}
	}
	for _, id := range []string{"DATA-BACKUP", "DATA-RESTORE-TEST"} {
		if q, _ := b.Question(id); q == nil || q.Layer != LayerApplications {
			t.Errorf("%s not in the applications layer (row data)", id)
		}
	}
	hosts := b.Responsibility.Layers[LayerHosts]
	if hosts[PaaS] == Microsoft || hosts[SaaS] == Microsoft {
		t.Errorf("Hosts summary %v says Microsoft where client devices stay yours", hosts)
	}

	src := string(mustRead(t, "../assets/bank.yaml"))
	if m := lintMsgs(t, plant(t, src, "IR-PLAN", `\n    layer: foundation\n`, "\n    layer: networks\n")); !strings.Contains(m, `question IR-PLAN is in layer networks but its responsibility row "organization" is in layer foundation`) {
		t.Errorf("moving IR-PLAN to networks: %s", m)
	}
	bad := strings.Replace(src, "    hosts: {iaas: customer, paas: shared, saas: shared}\n", "    hosts: {iaas: customer, paas: microsoft, saas: microsoft}\n", 1)
	if m := lintMsgs(t, bad); !strings.Contains(m, "responsibility summary for hosts under paas is microsoft, but the table's rows in that layer give customer and microsoft: make it shared") {
		t.Errorf("hosts summary back to Microsoft: %s", m)
	}
	// a min_size that leaves a size the question is asked of without any
	// action fails lint
	if _, err := ParseBank("bank.yaml", []byte(strings.Replace(src, "  - id: A-MDR-PARTNER\n", "  - id: A-MDR-PARTNER\n    min_size: large\n", 1))); err != nil {
		t.Errorf("MON-DETECT keeps A-LOG-REVIEW for every size, yet: %v", err)
	}
	noAct := plant(t, src, "NET-IDS", `actions: \[A-FIREWALL-IDPS, A-FLOW-LOGS\]`, "actions: [A-FIREWALL-IDPS]")
	if m := lintMsgs(t, noAct+"\n"); !strings.Contains(m, "question NET-IDS is asked of micro organizations but every action it lists has a larger min_size") {
		t.Errorf("NET-IDS with only the medium-size IDPS action: %s", m)
	}
}
