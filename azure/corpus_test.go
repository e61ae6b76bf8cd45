package azure

import (
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"
)

// The peer corpus: PSRule for Azure's own pass/fail test resources,
// converted to Resource Graph rows, with PSRule's verdicts and the triage
// of every disagreement (../shared/corpora/psrule, see its SOURCES.md). It
// is a peer project's data: the test reads it where it lies and never
// copies it into this repository.
const corpusDirDefault = "../../shared/corpora/psrule"

// corpusAsOf is the day the corpus describes: the date of the PSRule
// commit its fixtures and verdicts come from (SOURCES.md). Its rows carry
// no collection time, so the end-of-support checks are judged at that day,
// as PSRule's verdicts were; the test does not age.
var corpusAsOf = time.Date(2026, 7, 9, 0, 0, 0, 0, time.UTC)

// corpusAgree is how many of the corpus's verdicts ssrm agrees with: the
// test fails below it, so agreement cannot fall silently (raise it when a
// fix gains some; lowering it needs a reason in the commit).
const corpusAgree = 354

type corpusExpectation struct {
	Resource   string `json:"resource"`
	ResourceID string `json:"resource_id"`
	Check      string `json:"check"`
	Expected   string `json:"expected"`
	Rule       string `json:"psrule_rule"`
	Scope      string `json:"scope"`
}

type corpusTriage struct {
	Check      string `json:"check"`
	ResourceID string `json:"resource_id"`
	Outcome    string `json:"outcome"`
	Class      string `json:"class"`
	Reason     string `json:"reason"`
}

// corpusVerdict is ssrm's verdict on one expectation, as score.py reads
// it: the finding's status for (check, resource id), or for scope
// "children" the fold of the findings under the resource.
func corpusVerdict(e corpusExpectation, byKey map[string]Finding, byCheck map[string][]Finding) string {
	rid := strings.TrimRight(strings.ToLower(e.ResourceID), "/")
	if e.Scope == "children" {
		var st []Status
		for _, f := range byCheck[e.Check] {
			if strings.HasPrefix(strings.ToLower(f.ResourceID), rid+"/") {
				st = append(st, f.Status)
			}
		}
		all := len(st) > 0
		for _, s := range st {
			if s == Fail {
				return "fail"
			}
			all = all && s == Pass
		}
		if all {
			return "pass"
		}
		return "not_evaluated"
	}
	f, ok := byKey[e.Check+" "+rid]
	if !ok || (f.Status != Pass && f.Status != Fail) {
		return "not_evaluated"
	}
	return string(f.Status)
}

func corpusOutcome(expected, got string) string {
	switch {
	case got == "not_evaluated":
		return got
	case got == expected:
		return "true_" + expected
	case expected == "fail":
		return "missed"
	}
	return "false_alarm"
}

func readCorpusJSON(t *testing.T, path string, v any) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, v); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
}

// TestPeerCorpus runs the catalogue over the peer corpus and compares with
// PSRule's verdicts and the triage: it fails on any disagreement triaged as
// an ssrm bug, on any disagreement the triage does not know, and on a
// triaged one whose outcome turned into a missed fail or a false alarm.
// A triaged disagreement must be explained in its check's catalogue entry
// (Differs). SSRM_PSRULE_CORPUS points at another copy of the corpus.
func TestPeerCorpus(t *testing.T) {
	dir := os.Getenv("SSRM_PSRULE_CORPUS")
	if dir == "" {
		dir = corpusDirDefault
	}
	if _, err := os.Stat(filepath.Join(dir, "resources.json")); err != nil {
		t.Skipf("peer corpus not found at %s (the shared PSRule corpus, read in place and never copied here): skipped", dir)
	}
	data, err := os.ReadFile(filepath.Join(dir, "resources.json"))
	if err != nil {
		t.Fatal(err)
	}
	snap, err := ParseSnapshot(data)
	if err != nil {
		t.Fatal(err)
	}
	var expected []corpusExpectation
	var triage []corpusTriage
	readCorpusJSON(t, filepath.Join(dir, "expected.json"), &expected)
	readCorpusJSON(t, filepath.Join(dir, "triage.json"), &triage)
	if len(expected) == 0 {
		t.Fatal("no expectations in the corpus")
	}

	findings := RunAt(snap.Documents, Catalog(), corpusAsOf)
	byKey := map[string]Finding{}
	byCheck := map[string][]Finding{}
	for _, f := range findings {
		byKey[f.Check+" "+strings.TrimRight(strings.ToLower(f.ResourceID), "/")] = f
		byCheck[f.Check] = append(byCheck[f.Check], f)
	}
	tri := map[string]corpusTriage{}
	for _, x := range triage {
		tri[x.Check+" "+strings.ToLower(x.ResourceID)] = x
	}

	agree := 0
	classes := map[string]int{}
	for _, e := range expected {
		if _, ok := CheckByID(e.Check); !ok {
			t.Errorf("the corpus expects check %s, which the catalogue does not have", e.Check)
			continue
		}
		got := corpusVerdict(e, byKey, byCheck)
		out := corpusOutcome(e.Expected, got)
		if strings.HasPrefix(out, "true_") {
			agree++
			continue
		}
		detail := byKey[e.Check+" "+strings.TrimRight(strings.ToLower(e.ResourceID), "/")].Detail
		x, ok := tri[e.Check+" "+strings.ToLower(e.ResourceID)]
		switch {
		case !ok:
			t.Errorf("new disagreement: %s on %s: PSRule (%s) says %s, ssrm %s (%s)", e.Check, e.Resource, e.Rule, e.Expected, got, detail)
			continue
		case x.Class == "ssrm bug":
			t.Errorf("disagreement triaged as an ssrm bug is still there: %s on %s: PSRule says %s, ssrm %s (%s); triage: %s", e.Check, e.Resource, e.Expected, got, detail, x.Reason)
			continue
		case x.Outcome != out && out != "not_evaluated":
			t.Errorf("triaged disagreement changed for the worse: %s on %s was %s, now %s (%s)", e.Check, e.Resource, x.Outcome, out, detail)
			continue
		}
		classes[x.Class]++
		c, _ := CheckByID(e.Check)
		if strings.TrimSpace(c.Differs) == "" {
			t.Errorf("%s differs from PSRule on %s (%s, triaged %q) but its catalogue entry does not say why (Differs)", e.Check, e.Resource, out, x.Class)
		}
	}
	var summary []string
	for k, v := range classes {
		summary = append(summary, k+"="+strconv.Itoa(v))
	}
	sort.Strings(summary)
	if agree < corpusAgree {
		t.Errorf("peer corpus: %d of %d verdicts agree, fewer than the %d recorded (corpusAgree)", agree, len(expected), corpusAgree)
	}
	t.Logf("peer corpus: %d of %d verdicts agree (judged at %s); remaining differences: %s", agree, len(expected), corpusAsOf.Format("2006-01-02"), strings.Join(summary, ", "))
}

// TestAKSRBACAbsent: a cluster document without enableRBAC fails (a live
// Resource Graph row always carries it; a declaration that leaves it out
// created a cluster without RBAC), one with it false fails, true passes.
func TestAKSRBACAbsent(t *testing.T) {
	for _, c := range []struct {
		props map[string]any
		want  Status
		says  string
	}{
		{map[string]any{}, Fail, "not stated"},
		{map[string]any{"enableRBAC": false}, Fail, "disabled"},
		{map[string]any{"enableRBAC": true}, Pass, "enabled"},
	} {
		r := evalAKSRBAC(Doc{"type": typeAKS, "properties": c.props}, nil)
		if r.Status != c.want || !strings.Contains(r.Detail, c.says) {
			t.Errorf("%v: %s %q, want %s saying %q", c.props, r.Status, r.Detail, c.want, c.says)
		}
	}
	chk, _ := CheckByID("aks-rbac")
	if !strings.HasPrefix(chk.Absent, "enableRBAC absent: fail") || chk.Differs != "" {
		t.Errorf("aks-rbac catalogue entry must state the absent rule and no longer differ from PSRule: %q / %q", chk.Absent, chk.Differs)
	}
}
