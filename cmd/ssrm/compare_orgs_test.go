package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ssrm/ssrm/questionnaire"
)

// TestCompareWarnsAboutDifferentOrganizationsAndBanks: comparing two
// organizations, or two bank versions, works but says so on standard error
// and at the top of the document; assessments that share no question are
// refused with a message that says why.
func TestCompareWarnsAboutDifferentOrganizationsAndBanks(t *testing.T) {
	dir := t.TempDir()
	answers := writeFile(t, dir, "answers.yaml", answersYAML)
	old := filepath.Join(dir, "old.json")
	if code, _, errs := ssrm(t, "--bank", smallBank, "assess", "--answers", answers, "-o", old); code != 0 {
		t.Fatal(errs)
	}
	edit := func(name string, change func(*questionnaire.Assessment)) string {
		a, err := questionnaire.LoadAssessment(old)
		if err != nil {
			t.Fatal(err)
		}
		change(a)
		p := filepath.Join(dir, name)
		if err := questionnaire.SaveAssessment(p, a); err != nil {
			t.Fatal(err)
		}
		return p
	}
	other := edit("other.json", func(a *questionnaire.Assessment) {
		a.Profile.Organization = "Fabrikam Ltd"
		a.Bank.Version = "2099.1"
	})

	for _, out := range []string{"cmp.md", "cmp.pdf"} {
		code, _, errs := ssrm(t, "--bank", smallBank, "compare", old, other, "-o", filepath.Join(dir, out))
		if code != 0 {
			t.Fatalf("%s: exit %d: %s", out, code, errs)
		}
		for _, want := range []string{"warning: These assessments are of different organizations (", "Contoso Bakery", "Fabrikam Ltd", "different versions of the question bank"} {
			if !strings.Contains(errs, want) {
				t.Errorf("%s: stderr lacks %q:\n%s", out, want, errs)
			}
		}
	}
	md, _ := os.ReadFile(filepath.Join(dir, "cmp.md"))
	if !strings.Contains(string(md), "> **Warning:** These assessments are of different organizations") {
		t.Errorf("markdown header lacks the warning:\n%.600s", md)
	}

	// the same organization and bank: no warning
	same := edit("same.json", func(a *questionnaire.Assessment) {})
	if code, _, errs := ssrm(t, "--bank", smallBank, "compare", old, same, "-o", filepath.Join(dir, "same.md")); code != 0 || strings.Contains(errs, "warning") {
		t.Errorf("same organization: exit %d, stderr %q", code, errs)
	}

	// no question in common: refused
	alien := edit("alien.json", func(a *questionnaire.Assessment) {
		for id, ans := range a.Answers {
			delete(a.Answers, id)
			a.Answers["X-"+id] = ans
		}
	})
	code, _, errs := ssrm(t, "--bank", smallBank, "compare", old, alien, "-o", filepath.Join(dir, "alien.md"))
	if code == 0 || !strings.Contains(errs, "share no question") {
		t.Errorf("assessments with no question in common: exit %d, %s", code, errs)
	}
	if _, err := os.Stat(filepath.Join(dir, "alien.md")); err == nil {
		t.Error("a refused comparison wrote a file")
	}
}
