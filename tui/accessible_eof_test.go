package tui

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ssrm/ssrm/app"
	q "github.com/ssrm/ssrm/questionnaire"
)

// TestAccessibleInvalidLastLineDoesNotCrash: piped answers that end on a
// number out of range (a typo) used to crash inside huh's prompt; the
// answers before it stay saved and the wizard says the input ended.
func TestAccessibleInvalidLastLineDoesNotCrash(t *testing.T) {
	for _, input := range []string{"4\n12\n", "4\n12", "4\nabc\n"} {
		b := testBank(t)
		path := writeAssessment(t, b, ModeSelf, nil)
		var out bytes.Buffer
		if err := RunAccessible(testOptions(b, path, t), strings.NewReader(input), &out); err != nil {
			t.Fatalf("%q: %v\n%s", input, err, out.String())
		}
		a, err := q.LoadAssessment(path)
		if err != nil {
			t.Fatal(err)
		}
		if got := a.Answers["ID-CENTRAL"]; got.Status != q.Answered || got.Level != 4 {
			t.Fatalf("%q: ID-CENTRAL = %+v", input, got)
		}
		if _, ok := a.Answers["APP-VULN-SCAN"]; ok {
			t.Fatalf("%q: the invalid line was taken as an answer: %+v", input, a.Answers["APP-VULN-SCAN"])
		}
		mustContain(t, out.String(), "Input ended")
	}
}

// TestAccessibleProfileEndingOnInvalidChoice: the profile form ending on
// an out-of-range choice reports that nothing was saved, without a crash.
func TestAccessibleProfileEndingOnInvalidChoice(t *testing.T) {
	b := testBank(t)
	opts := testOptions(b, "", t)
	var out bytes.Buffer
	err := RunAccessible(opts, strings.NewReader("1\nAcme\nAl\nretail\n9\n"), &out)
	if err == nil || !strings.Contains(err.Error(), "nothing") {
		t.Fatalf("err = %v\n%s", err, out.String())
	}
}

// TestAccessibleRecentEncryptedFileHasAName: a recent encrypted file has
// no organization on record; the list named it "Resume  (path)".
func TestAccessibleRecentEncryptedFileHasAName(t *testing.T) {
	b := testBank(t)
	opts := testOptions(b, "", t)
	path := filepath.Join(t.TempDir(), "fabrikam-assessment.json")
	if err := os.WriteFile(path, []byte("age-encryption.org/v1\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := app.AddRecent(opts.RecentDir, path, "", testNow); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	_ = RunAccessible(opts, strings.NewReader(""), &out)
	mustContain(t, out.String(), "Resume fabrikam-assessment.json ("+path+")")
}
