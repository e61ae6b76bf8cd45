package tui

import (
	"bytes"
	"os"
	"testing"
	"time"

	"github.com/ssrm/ssrm/app"
	q "github.com/ssrm/ssrm/questionnaire"
)

func init() {
	// age's default scrypt work factor costs a second per file.
	q.ScryptWorkFactor = 10
}

const testPass = "correct horse battery"

// writeEncrypted saves an assessment encrypted with testPass.
func writeEncrypted(t testing.TB, answers map[string]int) (*q.Bank, string) {
	t.Helper()
	b := testBank(t)
	path := writeAssessment(t, b, ModeSelf, answers)
	a, err := q.LoadAssessment(path)
	if err != nil {
		t.Fatal(err)
	}
	a.SetPassphrase(testPass)
	if err := q.SaveAssessment(path, a); err != nil {
		t.Fatal(err)
	}
	os.Remove(path + ".bak")
	return b, path
}

func TestResumeEncryptedAsksForPassphrase(t *testing.T) {
	bubble(t, func(t *testing.T) {
		b, path := writeEncrypted(t, map[string]int{"ID-CENTRAL": 3})
		before, _ := os.ReadFile(path)
		m, err := New(testOptions(b, path, t))
		if err != nil {
			t.Fatal(err)
		}
		m.Update(windowMsg(80, 24))
		v := view(m)
		mustContain(t, v, "Encrypted assessment", "Passphrase:")
		if !m.capturing() {
			t.Fatal("the passphrase field does not have the keyboard")
		}
		typeText(m, "wrong guess q")
		mustNotContain(t, view(m), "wrong guess")
		cmd := press(m, "enter")
		mustContain(t, view(m), "Unlocking")
		drain(m, cmd)
		mustContain(t, view(m), "Wrong passphrase", "nothing was changed")
		if m.Session() != nil || m.quitting {
			t.Fatal("a wrong passphrase opened the file or quit")
		}
		typeText(m, testPass)
		drain(m, press(m, "enter"))
		if m.Session() == nil || !m.Session().a.Encrypted() {
			t.Fatal("the right passphrase did not open the file")
		}
		after, _ := os.ReadFile(path)
		if !bytes.Equal(before, after) {
			t.Fatal("opening changed the file")
		}
		mustContain(t, view(m), "[1 Assess]", "saved encryp")
		drain(m, press(m, "3"))
		raw, _ := os.ReadFile(path)
		if !q.IsEncrypted(raw) {
			t.Fatal("the autosave wrote plain text")
		}
		a, err := q.LoadAssessmentWith(path, q.LoadOptions{Passphrase: func() (string, error) { return testPass, nil }})
		if err != nil || a.Answers["APP-VULN-SCAN"].Level != 3 {
			t.Fatalf("saved: %v %+v", err, a)
		}
	})
}

func TestEncryptedEscGoesBackAndEnvOpens(t *testing.T) {
	b, path := writeEncrypted(t, nil)
	m, _ := New(testOptions(b, path, t))
	m.Update(windowMsg(80, 24))
	press(m, "esc")
	mustContain(t, view(m), "Start a new assessment", "Merge participants' files")

	opts := testOptions(b, path, t)
	opts.Passphrase = testPass
	m, err := New(opts)
	if err != nil || m.Session() == nil {
		t.Fatalf("SSRM_PASSPHRASE did not open it: %v", err)
	}
	// the recent-files list, plain text, does not name an encrypted file's organization
	if rs := app.LoadRecent(opts.RecentDir); len(rs) != 1 || rs[0].Organization != "" {
		t.Fatalf("recent = %+v", rs)
	}

	opts.Passphrase = "not the one at all"
	m, _ = New(opts)
	m.Update(windowMsg(80, 24))
	mustContain(t, view(m), "SSRM_PASSPHRASE does not open")
}

func TestNewAssessmentProtected(t *testing.T) {
	b := testBank(t)
	t.Chdir(t.TempDir())
	in := ProfileInput{Org: "Fabrikam", Size: "small", Sensitivity: "high", Protect: true, Passphrase: testPass, Passphrase2: testPass}
	msg := createCmd(&app.App{Bank: b}, in, testNow)()
	st, ok := msg.(startMsg)
	if !ok || !st.s.a.Encrypted() {
		t.Fatalf("created: %#v", msg)
	}
	raw, _ := os.ReadFile("fabrikam-assessment.json")
	if !q.IsEncrypted(raw) || bytes.Contains(raw, []byte("Fabrikam")) {
		t.Fatal("the new file is readable")
	}
	if err := checkNewPassphrase("short"); err == nil {
		t.Fatal("a 5-character passphrase was accepted")
	}
	env := ProfileInput{Protect: true, Passphrase: "typed", EnvPassphrase: "from the environment"}
	if env.NewPassphrase() != "from the environment" {
		t.Fatal("SSRM_PASSPHRASE is not used for a new file")
	}
}

// TestEncryptedQuitFlushes answers and quits at once on an encrypted file:
// the answer is on disk, encrypted, when the quit command is done.
func TestEncryptedQuitFlushes(t *testing.T) {
	bubble(t, func(t *testing.T) {
		old := q.ScryptWorkFactor
		q.ScryptWorkFactor = 14 // slow enough that saves overlap
		defer func() { q.ScryptWorkFactor = old }()
		b, path := writeEncrypted(t, nil)
		opts := testOptions(b, path, t)
		opts.Passphrase = testPass
		m, _ := New(opts)
		var pending []func()
		for _, k := range []string{"1", "2", "3"} {
			cmd := press(m, k)
			pending = append(pending, func() { cmd() })
		}
		for _, f := range pending {
			go f()
		}
		start := time.Now()
		drain(m, press(m, "q"))
		a, err := q.LoadAssessmentWith(path, q.LoadOptions{Passphrase: func() (string, error) { return testPass, nil }})
		if err != nil || len(a.Answers) != 3 {
			t.Fatalf("after quit (%v): %v %+v", time.Since(start), err, a)
		}
	})
}
