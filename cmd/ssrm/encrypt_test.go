package main

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ssrm/ssrm/questionnaire"
)

// Tests never reach a real terminal, and seal with a cheap scrypt work
// factor (age's default costs about a second a file).
func init() {
	questionnaire.ScryptWorkFactor = 10
	readSecret = func(string) (string, error) { return "", errNoPassphraseTTY }
}

// typed makes readSecret answer with these lines, in order.
func typed(t *testing.T, lines ...string) {
	t.Helper()
	old := readSecret
	t.Cleanup(func() { readSecret = old })
	readSecret = func(string) (string, error) {
		if len(lines) == 0 {
			return "", errors.New("asked once too often")
		}
		l := lines[0]
		lines = lines[1:]
		return l, nil
	}
}

func isSealed(t *testing.T, path string) bool {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return questionnaire.IsEncrypted(data)
}

func TestEncryptedAssessmentEndToEnd(t *testing.T) {
	dir := t.TempDir()
	answers := writeFile(t, dir, "answers.yaml", answersYAML)
	enc := filepath.Join(dir, "enc.json")
	t.Setenv(envPassphrase, "correct horse battery")

	code, out, errs := ssrm(t, "--bank", smallBank, "assess", "--answers", answers, "-o", enc, "--encrypt")
	if code != 0 || !strings.Contains(out, "(encrypted)") {
		t.Fatalf("assess --encrypt: %d %s %s", code, out, errs)
	}
	if !isSealed(t, enc) {
		t.Fatal("assess --encrypt wrote plain text")
	}
	raw, _ := os.ReadFile(enc)
	if bytes.Contains(raw, []byte("Contoso")) {
		t.Fatal("the organization's name is readable in the encrypted file")
	}

	// Every command that loads an assessment opens it with SSRM_PASSPHRASE.
	md := filepath.Join(dir, "plan.md")
	if code, _, errs := ssrm(t, "--bank", smallBank, "report", enc, "-o", md); code != 0 {
		t.Fatalf("report of an encrypted assessment: %s", errs)
	}
	if data, _ := os.ReadFile(md); !bytes.Contains(data, []byte("Contoso Bakery")) {
		t.Error("report of an encrypted assessment lacks its content")
	}
	if code, out, errs := ssrm(t, "--bank", smallBank, "backlog", enc, "--format", "markdown"); code != 0 || !strings.Contains(out, "- [ ] ") {
		t.Errorf("backlog of an encrypted assessment: %d %s", code, errs)
	}
	plain := filepath.Join(dir, "plain.json")
	if code, _, errs := ssrm(t, "--bank", smallBank, "assess", "--answers", answers, "-o", plain); code != 0 {
		t.Fatal(errs)
	}
	if code, _, errs := ssrm(t, "--bank", smallBank, "compare", plain, enc); code != 0 {
		t.Errorf("compare plain with encrypted: %s", errs)
	}

	// The wrong passphrase: a clear error, exit 1, nothing changed.
	t.Setenv(envPassphrase, "wrong horse battery")
	code, _, errs = ssrm(t, "--bank", smallBank, "report", enc, "-o", filepath.Join(dir, "x.md"))
	if code != 1 || !strings.Contains(errs, "wrong passphrase for "+enc+"; nothing was changed") {
		t.Errorf("wrong passphrase: %d %q", code, errs)
	}
	if now, _ := os.ReadFile(enc); !bytes.Equal(now, raw) {
		t.Error("a wrong passphrase changed the file")
	}
	if _, err := os.Stat(filepath.Join(dir, "x.md")); err == nil {
		t.Error("a report was written with the wrong passphrase")
	}

	// No passphrase and no terminal: say to set SSRM_PASSPHRASE.
	t.Setenv(envPassphrase, "")
	code, _, errs = ssrm(t, "--bank", smallBank, "report", enc, "-o", md)
	if code != 1 || !strings.Contains(errs, enc+" is encrypted") || !strings.Contains(errs, "set SSRM_PASSPHRASE") {
		t.Errorf("no passphrase source: %d %q", code, errs)
	}

	// On a terminal the passphrase is asked for.
	typed(t, "correct horse battery")
	if code, _, errs := ssrm(t, "--bank", smallBank, "report", enc, "-o", md); code != 0 {
		t.Errorf("report with a typed passphrase: %s", errs)
	}

	// Replacing an encrypted file with a plain one is refused.
	code, _, errs = ssrm(t, "--bank", smallBank, "assess", "--answers", answers, "-o", enc, "--force")
	if code != 1 || !strings.Contains(errs, "plain text over an encrypted file") || !isSealed(t, enc) {
		t.Errorf("plain over encrypted: %d %q", code, errs)
	}
}

func TestEncryptAsksTwiceAndRefusesWeakPassphrases(t *testing.T) {
	dir := t.TempDir()
	answers := writeFile(t, dir, "answers.yaml", answersYAML)
	t.Setenv(envPassphrase, "")
	for _, tc := range []struct {
		name  string
		typed []string
		code  int
		want  string
	}{
		{"typed twice", []string{"a long passphrase", "a long passphrase"}, 0, "(encrypted)"},
		{"typed differently", []string{"a long passphrase", "a long passphrase!"}, 1, "the two passphrases differ"},
		{"too short", []string{"short", "short"}, 1, "shorter than 8"},
		{"no terminal", nil, 1, "set SSRM_PASSPHRASE"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if tc.typed != nil {
				typed(t, tc.typed...)
			}
			out := filepath.Join(dir, strings.ReplaceAll(tc.name, " ", "-")+".json")
			code, stdout, errs := ssrm(t, "--bank", smallBank, "assess", "--answers", answers, "-o", out, "--encrypt")
			if code != tc.code || !strings.Contains(stdout+errs, tc.want) {
				t.Errorf("exit %d, want %d; output %q %q", code, tc.code, stdout, errs)
			}
			if _, err := os.Stat(out); (err == nil) != (tc.code == 0) {
				t.Errorf("file written: %v, want %v", err == nil, tc.code == 0)
			}
		})
	}
}

func TestPassphraseSourceNeverAsksWhenTheEnvironmentAnswers(t *testing.T) {
	t.Setenv(envPassphrase, "from the environment")
	typed(t) // asking at all fails
	p, err := passphraseFor("a.json")()
	if err != nil || p != "from the environment" {
		t.Errorf("%q %v", p, err)
	}
	if p, err := newPassphrase("a.json"); err != nil || p != "from the environment" {
		t.Errorf("new: %q %v", p, err)
	}
}
