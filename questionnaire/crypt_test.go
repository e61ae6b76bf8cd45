package questionnaire

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ssrm/ssrm/internal/fuzzlimit"
)

// age's default scrypt work factor costs about a second per file: tests
// use a cheap one. Real use keeps the default (ScryptWorkFactor 0).
func init() {
	ScryptWorkFactor = 10
	maxOpenWorkFactor = 12
}

func TestSealOpenRoundTrip(t *testing.T) {
	plain := []byte(`{"schema": 2, "profile": {"organization": "Zoë"}}`)
	sealed, err := Seal(plain, "correct horse")
	if err != nil {
		t.Fatal(err)
	}
	if !IsEncrypted(sealed) || IsEncrypted(plain) || bytes.Contains(sealed, []byte("Zoë")) {
		t.Fatalf("sealed data is not opaque or not recognised")
	}
	again, _ := Seal(plain, "correct horse")
	if bytes.Equal(sealed, again) {
		t.Error("two seals of the same data are identical: no fresh salt")
	}
	got, err := Open(sealed, "correct horse")
	if err != nil || !bytes.Equal(got, plain) {
		t.Fatalf("open: %v %q", err, got)
	}
	if _, err := Open(sealed, "wrong horse"); !errors.Is(err, ErrWrongPassphrase) {
		t.Errorf("wrong passphrase: %v", err)
	}
	if _, err := Open(sealed, ""); !errors.Is(err, ErrWrongPassphrase) {
		t.Errorf("empty passphrase: %v", err)
	}
	if _, err := Seal(plain, ""); err == nil {
		t.Error("sealing with an empty passphrase must fail")
	}
	if _, err := Open(plain, "x"); err == nil || errors.Is(err, ErrWrongPassphrase) {
		t.Errorf("opening plain data: %v", err)
	}
	damaged := append([]byte(nil), sealed...)
	damaged[len(damaged)-3] ^= 0xff
	if _, err := Open(damaged, "correct horse"); err == nil || errors.Is(err, ErrWrongPassphrase) {
		t.Errorf("a damaged file must be an error that is not 'wrong passphrase': %v", err)
	}
}

func TestIsEncryptedArmored(t *testing.T) {
	if !IsEncrypted([]byte("\n-----BEGIN AGE ENCRYPTED FILE-----\nYWdl\n-----END AGE ENCRYPTED FILE-----\n")) {
		t.Error("armored age file not recognised")
	}
	for _, s := range []string{"", "{}", "age-encryption.org/v2\n", "-----BEGIN PGP MESSAGE-----"} {
		if IsEncrypted([]byte(s)) {
			t.Errorf("%q taken for encrypted", s)
		}
	}
}

func passphrase(p string) LoadOptions {
	return LoadOptions{Passphrase: func() (string, error) { return p, nil }}
}

func TestEncryptedAssessmentLoadsAndStaysEncrypted(t *testing.T) {
	b := smallBank(t)
	dir := t.TempDir()
	path := filepath.Join(dir, "a.json")
	a := sampleAssessment(b)
	a.SetPassphrase("s3cret")
	if !a.Encrypted() {
		t.Fatal("SetPassphrase did not mark the assessment encrypted")
	}
	if err := SaveAssessment(path, a); err != nil {
		t.Fatal(err)
	}
	raw, _ := os.ReadFile(path)
	if !IsEncrypted(raw) || bytes.Contains(raw, []byte("MFA for admins")) {
		t.Fatal("saved file is not encrypted")
	}

	// Without a passphrase source: a clear error naming the file.
	_, err := LoadAssessment(path)
	if !errors.Is(err, ErrEncrypted) || !strings.HasPrefix(err.Error(), path+" is encrypted") {
		t.Errorf("LoadAssessment of an encrypted file: %v", err)
	}
	// The wrong passphrase: a clear error, and nothing changes on disk.
	_, err = LoadAssessmentWith(path, passphrase("nope"))
	if !errors.Is(err, ErrWrongPassphrase) || err.Error() != "wrong passphrase for "+path+"; nothing was changed" {
		t.Errorf("wrong passphrase: %v", err)
	}
	// A passphrase source that fails says so.
	_, err = LoadAssessmentWith(path, LoadOptions{Passphrase: func() (string, error) { return "", errors.New("no terminal") }})
	if err == nil || !strings.Contains(err.Error(), "no terminal") || !strings.Contains(err.Error(), path) {
		t.Errorf("failing passphrase source: %v", err)
	}
	if after, _ := os.ReadFile(path); !bytes.Equal(after, raw) {
		t.Error("a failed load changed the file")
	}

	got, err := LoadAssessmentWith(path, passphrase("s3cret"))
	if err != nil {
		t.Fatal(err)
	}
	if !got.Encrypted() || got.Answers["Q-ONE"].Note != "MFA for admins" {
		t.Fatalf("loaded: encrypted %v, %+v", got.Encrypted(), got.Answers)
	}
	// Saving again keeps it encrypted with the same passphrase; the backup
	// is the previous (encrypted) version.
	got.SetAnswer("Q-THREE", Answer{Status: Answered, Level: 2}, day0)
	if err := SaveAssessment(path, got); err != nil {
		t.Fatal(err)
	}
	raw2, _ := os.ReadFile(path)
	bak, _ := os.ReadFile(path + ".bak")
	if !IsEncrypted(raw2) || !bytes.Equal(bak, raw) {
		t.Error("second save: not encrypted, or the backup is not the previous version")
	}
	again, err := LoadAssessmentWith(path, passphrase("s3cret"))
	if err != nil || again.Answers["Q-THREE"].Level != 2 {
		t.Fatalf("reload: %v", err)
	}
	// Unchanged: nothing is written.
	if err := SaveAssessment(path, again); err != nil {
		t.Fatal(err)
	}
	if raw3, _ := os.ReadFile(path); !bytes.Equal(raw3, raw2) {
		t.Error("saving an unchanged encrypted assessment rewrote the file")
	}
	// ReadFileWith opens the same file for other callers.
	if plain, err := ReadFileWith(path, passphrase("s3cret")); err != nil || !bytes.Contains(plain, []byte(`"Q-THREE"`)) {
		t.Errorf("ReadFileWith: %v", err)
	}
}

func TestSaveNeverWritesPlainOverEncrypted(t *testing.T) {
	b := smallBank(t)
	path := filepath.Join(t.TempDir(), "a.json")
	a := sampleAssessment(b)
	a.SetPassphrase("one")
	if err := SaveAssessment(path, a); err != nil {
		t.Fatal(err)
	}
	before, _ := os.ReadFile(path)

	plain := sampleAssessment(b)
	err := SaveAssessment(path, plain)
	if err == nil || !strings.Contains(err.Error(), "plain text over an encrypted file") {
		t.Errorf("plain over encrypted: %v", err)
	}
	other := sampleAssessment(b)
	other.SetPassphrase("two")
	err = SaveAssessment(path, other)
	if err == nil || !strings.Contains(err.Error(), "another passphrase") || !strings.Contains(err.Error(), "nothing was changed") {
		t.Errorf("other passphrase over encrypted: %v", err)
	}
	if after, _ := os.ReadFile(path); !bytes.Equal(after, before) {
		t.Error("a refused save changed the file")
	}
	if _, err := os.Stat(path + ".bak"); err == nil {
		t.Error("a refused save wrote a backup")
	}
	// The same passphrase from a fresh assessment (not the one loaded)
	// decrypts the old file to check it, then replaces it.
	same := sampleAssessment(b)
	same.SetPassphrase("one")
	same.SetAnswer("Q-FOUR", Answer{Status: NotApplicable}, day0)
	if err := SaveAssessment(path, same); err != nil {
		t.Errorf("same passphrase: %v", err)
	}
}

func TestEncryptingAPlainFileSealsItsBackupToo(t *testing.T) {
	b := smallBank(t)
	path := filepath.Join(t.TempDir(), "a.json")
	a := sampleAssessment(b)
	if err := SaveAssessment(path, a); err != nil {
		t.Fatal(err)
	}
	a.SetPassphrase("now-secret")
	if err := SaveAssessment(path, a); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{path, path + ".bak"} {
		raw, _ := os.ReadFile(f)
		if !IsEncrypted(raw) || bytes.Contains(raw, []byte("MFA for admins")) {
			t.Errorf("%s is readable after encrypting", filepath.Base(f))
		}
	}
	if _, err := LoadAssessmentWith(path+".bak", passphrase("now-secret")); err != nil {
		t.Errorf("sealed backup does not load: %v", err)
	}
}

func TestParseAssessmentSaysEncrypted(t *testing.T) {
	sealed, err := Seal([]byte(`{"schema": 2}`), "p")
	if err != nil {
		t.Fatal(err)
	}
	_, err = ParseAssessment("x.json", sealed)
	if !errors.Is(err, ErrEncrypted) || !strings.Contains(err.Error(), "x.json is encrypted") {
		t.Errorf("ParseAssessment of sealed bytes: %v", err)
	}
}

// FuzzOpen: whatever the bytes, Open returns data or an error, never
// panics, and a passphrase that opened something opens it again the same.
func FuzzOpen(f *testing.F) {
	sealed, err := Seal([]byte(`{"schema": 2, "answers": {}}`), "fuzz")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(sealed, "fuzz")
	f.Add(sealed, "wrong")
	f.Add([]byte("age-encryption.org/v1\n-> scrypt AAAA 10\n--- x\n"), "fuzz")
	f.Add([]byte("-----BEGIN AGE ENCRYPTED FILE-----\n-----END AGE ENCRYPTED FILE-----\n"), "fuzz")
	f.Fuzz(func(t *testing.T, data []byte, pass string) {
		fuzzlimit.Run(t, data, func() error {
			out, err := Open(data, pass)
			if err != nil {
				return nil
			}
			again, err := Open(data, pass)
			if err != nil || !bytes.Equal(out, again) {
				return fmt.Errorf("opened once, not twice: %v", err)
			}
			// What opens is handed to the assessment parser: it must not panic.
			_, _ = ParseAssessment("fuzz.json", out)
			return nil
		})
	})
}

func TestCopySealFromCarriesTheEncryption(t *testing.T) {
	b := smallBank(t)
	path := filepath.Join(t.TempDir(), "a.json")
	a := sampleAssessment(b)
	a.SetPassphrase("correct horse battery")
	if err := SaveAssessment(path, a); err != nil {
		t.Fatal(err)
	}
	// A fresh copy of the exported fields, as a background saver makes.
	c := &Assessment{}
	*c = Assessment{Schema: a.Schema, Bank: a.Bank, Profile: a.Profile, Answers: a.Answers, Started: a.Started, Updated: a.Updated}
	if c.Encrypted() {
		t.Fatal("a plain copy claims to be encrypted")
	}
	c.CopySealFrom(a)
	c.SetAnswer("Q-THREE", Answer{Status: Answered, Level: 2}, day0)
	if !c.Encrypted() {
		t.Fatal("CopySealFrom did not carry the encryption")
	}
	if err := SaveAssessment(path, c); err != nil {
		t.Fatalf("save over the encrypted file: %v", err)
	}
	got, err := LoadAssessmentWith(path, LoadOptions{Passphrase: func() (string, error) { return "correct horse battery", nil }})
	if err != nil || got.Answers["Q-THREE"].Level != 2 {
		t.Fatalf("reload: %v", err)
	}
	plain := &Assessment{}
	plain.CopySealFrom(sampleAssessment(b))
	if plain.Encrypted() {
		t.Error("copying from a plain assessment made it encrypted")
	}
}
