package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ssrm/ssrm/questionnaire"
)

func TestWizardRefusesWithoutTerminal(t *testing.T) {
	var out, errb bytes.Buffer
	code := run(nil, strings.NewReader("1\n"), &out, &errb)
	if code == exitOK {
		t.Fatalf("exit %d without a terminal", code)
	}
	msg := errb.String()
	for _, want := range []string{"needs a terminal", "--accessible", "ssrm assess --answers"} {
		if !strings.Contains(msg, want) {
			t.Fatalf("stderr lacks %q:\n%s", want, msg)
		}
	}
	if out.Len() != 0 {
		t.Fatalf("prompted anyway: %q", out.String())
	}
	if code := run([]string{"resume", "x.json"}, strings.NewReader(""), &out, &errb); code == exitOK {
		t.Fatal("resume ran without a terminal")
	}
}

func TestResumeAccessibleAnswersFromAPipe(t *testing.T) {
	t.Setenv("SSRM_CONFIG_DIR", t.TempDir())
	g := &globals{}
	b, err := g.Bank()
	if err != nil {
		t.Fatal(err)
	}
	p := questionnaire.Profile{Organization: "Pipe Co", Size: "small", Sensitivity: "moderate", Models: []questionnaire.Model{questionnaire.SaaS}}
	a := questionnaire.NewAssessment(b, p, time.Date(2026, 11, 16, 0, 0, 0, 0, time.UTC))
	path := filepath.Join(t.TempDir(), "pipe-assessment.json")
	if err := questionnaire.SaveAssessment(path, a); err != nil {
		t.Fatal(err)
	}
	var out, errb bytes.Buffer
	if code := run([]string{"resume", "--accessible", path}, strings.NewReader("1\n"), &out, &errb); code != exitOK {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	got, err := questionnaire.LoadAssessment(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Answers) != 1 {
		t.Fatalf("answers = %+v\n%s", got.Answers, out.String())
	}
	if _, err := os.Stat(path + ".bak"); err != nil {
		t.Fatalf("no backup kept: %v", err)
	}
}

func TestWizardFormatsPDFFirst(t *testing.T) {
	fs := wizardFormats()
	if len(fs) == 0 {
		t.Fatal("no formats")
	}
	if _, ok := reportWriters["pdf"]; ok && fs[0] != "pdf" {
		t.Fatalf("formats = %v", fs)
	}
}

func TestConfigDirFromTheEnvironment(t *testing.T) {
	t.Setenv(envConfigDir, "/tmp/ssrm-cfg")
	if d := configDir(); d != "/tmp/ssrm-cfg" {
		t.Fatalf("configDir = %s", d)
	}
	t.Setenv(envConfigDir, "")
	if d := configDir(); d == "" || filepath.Base(d) != "ssrm" {
		t.Fatalf("configDir without %s = %q", envConfigDir, d)
	}
}
