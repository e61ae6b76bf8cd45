package questionnaire

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"filippo.io/age"
)

// stanza returns the salt and work factor of an age file's scrypt stanza.
func stanza(t *testing.T, sealed []byte) (salt, logN string) {
	t.Helper()
	m := regexp.MustCompile(`(?m)^-> scrypt (\S+) (\d+)$`).FindSubmatch(sealed)
	if m == nil {
		t.Fatalf("no scrypt stanza in %q", sealed[:min(len(sealed), 200)])
	}
	return string(m[1]), string(m[2])
}

// An encrypted autosave costs one scrypt derivation per session, not one
// per save (before: about a second of scrypt on every answer, so a kill
// lost the answers given during the last seconds).
func TestEncryptedSavesPayScryptOncePerSession(t *testing.T) {
	b := smallBank(t)
	path := filepath.Join(t.TempDir(), "a.json")
	a := sampleAssessment(b)
	a.SetPassphrase("correct horse battery")
	before := derivations.Load()
	for i := 0; i < 10; i++ {
		a.SetAnswer("Q-THREE", Answer{Status: Answered, Level: i % 6}, day0)
		if err := SaveAssessment(path, a); err != nil {
			t.Fatal(err)
		}
	}
	if n := derivations.Load() - before; n != 1 {
		t.Errorf("a new file's first ten saves ran scrypt %d times, want 1", n)
	}
	first, _ := os.ReadFile(path)
	salt, _ := stanza(t, first)

	// Resuming: opening the file is the session's one derivation; the
	// saves reuse its salt and key.
	before = derivations.Load()
	r, err := LoadAssessmentWith(path, passphrase("correct horse battery"))
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 10; i++ {
		r.SetAnswer("Q-FOUR", Answer{Status: Answered, Level: i % 6}, day0)
		if err := SaveAssessment(path, r); err != nil {
			t.Fatal(err)
		}
	}
	if n := derivations.Load() - before; n != 1 {
		t.Errorf("open and ten saves ran scrypt %d times, want 1", n)
	}
	last, _ := os.ReadFile(path)
	if s2, _ := stanza(t, last); s2 != salt {
		t.Errorf("the resumed session changed the salt: %s → %s", salt, s2)
	}
	if bytes.Equal(first, last) {
		t.Fatal("nothing was written")
	}
}

// What the session key writes is a standard age file: age's own
// Decrypt with its own scrypt identity opens it, and the passphrase is
// still what opens it (a wrong one does not).
func TestSessionKeyFilesOpenWithAge(t *testing.T) {
	b := smallBank(t)
	path := filepath.Join(t.TempDir(), "a.json")
	a := sampleAssessment(b)
	a.SetPassphrase("correct horse battery")
	for i := 0; i < 3; i++ {
		a.SetAnswer("Q-THREE", Answer{Status: Answered, Level: i}, day0)
		if err := SaveAssessment(path, a); err != nil {
			t.Fatal(err)
		}
	}
	for _, f := range []string{path, path + ".bak"} {
		sealed, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		id, err := age.NewScryptIdentity("correct horse battery")
		if err != nil {
			t.Fatal(err)
		}
		id.SetMaxWorkFactor(maxOpenWorkFactor)
		r, err := age.Decrypt(bytes.NewReader(sealed), id)
		if err != nil {
			t.Fatalf("age.Decrypt of %s: %v", filepath.Base(f), err)
		}
		plain, err := io.ReadAll(r)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := ParseAssessment(f, plain); err != nil {
			t.Errorf("%s: %v", filepath.Base(f), err)
		}
		wrong, _ := age.NewScryptIdentity("wrong horse battery")
		wrong.SetMaxWorkFactor(maxOpenWorkFactor)
		if _, err := age.Decrypt(bytes.NewReader(sealed), wrong); err == nil {
			t.Errorf("%s opens with a wrong passphrase", filepath.Base(f))
		}
	}
	// And the other way: what age's own scrypt recipient writes opens here.
	rec, _ := age.NewScryptRecipient("correct horse battery")
	rec.SetWorkFactor(ScryptWorkFactor)
	var buf bytes.Buffer
	w, _ := age.Encrypt(&buf, rec)
	w.Write([]byte("hello"))
	w.Close()
	if got, err := Open(buf.Bytes(), "correct horse battery"); err != nil || string(got) != "hello" {
		t.Errorf("Open of age's own file: %q %v", got, err)
	}
}

// A file sealed with a weaker work factor than new files get is not
// kept weak: the first save derives a fresh key at the current factor.
func TestWeakFileIsResealedAtTheCurrentWorkFactor(t *testing.T) {
	defer func(w int) { ScryptWorkFactor = w }(ScryptWorkFactor)
	b := smallBank(t)
	path := filepath.Join(t.TempDir(), "a.json")
	a := sampleAssessment(b)
	ScryptWorkFactor = 9
	a.SetPassphrase("correct horse battery")
	if err := SaveAssessment(path, a); err != nil {
		t.Fatal(err)
	}
	ScryptWorkFactor = 11
	r, err := LoadAssessmentWith(path, passphrase("correct horse battery"))
	if err != nil {
		t.Fatal(err)
	}
	r.SetAnswer("Q-THREE", Answer{Status: NotApplicable}, day0)
	if err := SaveAssessment(path, r); err != nil {
		t.Fatal(err)
	}
	sealed, _ := os.ReadFile(path)
	if _, n := stanza(t, sealed); n != "11" {
		t.Errorf("work factor %s after save, want 11", n)
	}
}
