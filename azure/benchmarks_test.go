package azure

import (
	"regexp"
	"strings"
	"testing"

	q "github.com/ssrm/ssrm/questionnaire"
)

// TestCISLabelsResolveInBank: every CIS number a check carries is a
// recommendation of the CIS version the bank cites, listed (with its
// title) under the bank's references, and every printed label names that
// version. A number from another version (CIS 2.0.0's 8.5 is Key Vault,
// v6.0.0's 8.5 is DDoS) fails here unless it names the same control.
func TestCISLabelsResolveInBank(t *testing.T) {
	b, err := q.DefaultBank()
	if err != nil {
		t.Fatal(err)
	}
	num := regexp.MustCompile(`^\d+(\.\d+)*$`)
	labelled := 0
	for _, c := range Catalog() {
		for _, n := range strings.Split(c.CIS, ",") {
			if n = strings.TrimSpace(n); n != "" && !num.MatchString(n) {
				t.Errorf("check %s: CIS %q is not one recommendation number (list them comma-separated, no ranges or x)", c.ID, n)
			}
		}
		for _, id := range c.CISIDs() {
			r, ok := b.Reference(id)
			if !ok {
				t.Errorf("check %s: %s is not under the bank's references (the verified CIS %s list)", c.ID, id, CISVersion)
				continue
			}
			if !strings.Contains(r.Framework, CISVersion) {
				t.Errorf("check %s: %s is from %q, not CIS %s", c.ID, id, r.Framework, CISVersion)
			}
		}
		if c.CIS != "" {
			labelled++
			if l := c.CISLabel(); !strings.HasPrefix(l, "CIS "+CISVersion+" ") {
				t.Errorf("check %s: label %q does not name the CIS version", c.ID, l)
			}
		}
	}
	if labelled < 30 {
		t.Errorf("only %d checks carry a CIS label", labelled)
	}
	// The controls the review found mislabelled, pinned.
	want := map[string]string{
		"keyvault-purge-protection": "8.3.5",
		"nsg-mgmt-ports-open":       "7.1, 7.2",
		"storage-https-only":        "9.3.4",
		"vm-endpoint-protection":    "8.1.3.3",
		"identity-mfa-owners":       "5.1.3",
		"ddos-protection":           "8.5",
		"bastion-exists":            "8.4.1",
		"vm-managed-disks":          "",
		"sql-auditing":              "",
	}
	for _, c := range Catalog() {
		if w, ok := want[c.ID]; ok && c.CIS != w {
			t.Errorf("check %s: CIS %q, want %q", c.ID, c.CIS, w)
		}
	}
}

// TestMCSBMatchesInformedQuestions: a check's MCSB control is cited by at
// least one question it informs, so the catalogue and the bank never give
// the same control two MCSB ids.
func TestMCSBMatchesInformedQuestions(t *testing.T) {
	b, err := q.DefaultBank()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range Catalog() {
		if c.MCSB == "" {
			t.Errorf("check %s has no MCSB control", c.ID)
			continue
		}
		ref := "MCSB-" + c.MCSB
		if _, ok := b.Reference(ref); !ok {
			t.Errorf("check %s: %s is not an MCSB v1 control under the bank's references", c.ID, ref)
			continue
		}
		found := false
		for _, qid := range c.Questions {
			qq, ok := b.Question(qid)
			if !ok {
				continue
			}
			for _, r := range qq.References {
				found = found || r == ref
			}
		}
		if !found {
			t.Errorf("check %s: %s is cited by none of the questions it informs (%s)", c.ID, ref, strings.Join(c.Questions, ", "))
		}
	}
}
