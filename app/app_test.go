package app

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	q "github.com/ssrm/ssrm/questionnaire"
)

func init() { q.ScryptWorkFactor = 10 } // seconds per file at the default: cheap in tests

var day = time.Date(2026, 11, 16, 10, 0, 0, 0, time.UTC)

const pass = "correct horse battery"

func testApp(t *testing.T) *App {
	t.Helper()
	b, err := q.DefaultBank()
	if err != nil {
		t.Fatal(err)
	}
	return &App{Bank: b, Tool: "ssrm test", RecentDir: filepath.Join(t.TempDir(), "cfg")}
}

func profile(org string) q.Profile {
	return q.Profile{Organization: org, Size: "small", Sensitivity: "high", Models: []q.Model{q.IaaS}}
}

// TestCreateOpenAndRemember: a new assessment is saved (stamped with the
// tool), never over a file that exists, and lands on top of the recent
// list; opening it again remembers it again.
func TestCreateOpenAndRemember(t *testing.T) {
	x := testApp(t)
	dir := t.TempDir()
	path := filepath.Join(dir, "contoso.json")
	a, err := x.Create(NewAssessment{Profile: profile("Contoso"), Mode: "workshop", Path: path}, day)
	if err != nil {
		t.Fatal(err)
	}
	if a.Tool != "ssrm test" || a.Mode != "workshop" {
		t.Fatalf("created %+v", a)
	}
	if _, err := x.Create(NewAssessment{Profile: profile("Other"), Path: path}, day); err == nil {
		t.Fatal("Create replaced a file that exists")
	}
	if _, err := x.Create(NewAssessment{Profile: profile("Other"), Path: filepath.Join(dir, "no", "such.json")}, day); err == nil {
		t.Fatal("Create wrote into a folder that does not exist")
	}
	got, err := x.Open(path, nil, day)
	if err != nil || got.Profile.Organization != "Contoso" {
		t.Fatalf("open: %v, %+v", err, got)
	}
	rs := LoadRecent(x.RecentDir)
	if len(rs) != 1 || rs[0].Organization != "Contoso" {
		t.Fatalf("recent = %+v", rs)
	}
}

// TestOpenEncrypted: an encrypted file asks for its passphrase
// (ErrNeedPassphrase), refuses a wrong one, opens with the right one, and
// the recent list never names its organization (the list is plain text).
func TestOpenEncrypted(t *testing.T) {
	x := testApp(t)
	path := filepath.Join(t.TempDir(), "secret.json")
	if _, err := x.Create(NewAssessment{Profile: profile("Hidden Ltd"), Path: path, Passphrase: pass}, day); err != nil {
		t.Fatal(err)
	}
	if _, err := x.Open(path, nil, day); !errors.Is(err, ErrNeedPassphrase) {
		t.Fatalf("no passphrase: %v", err)
	}
	if _, err := x.Open(path, Given("wrong wrong wrong"), day); !errors.Is(err, q.ErrWrongPassphrase) {
		t.Fatalf("wrong passphrase: %v", err)
	}
	a, err := x.Open(path, Given(pass), day)
	if err != nil || !a.Encrypted() || a.Profile.Organization != "Hidden Ltd" {
		t.Fatalf("right passphrase: %v", err)
	}
	for _, r := range LoadRecent(x.RecentDir) {
		if r.Organization != "" {
			t.Fatalf("the recent list names an encrypted file's organization: %+v", r)
		}
	}
}

// TestMergeInheritsThePassphrase: merging an encrypted file with a plain
// one asks for the passphrase once, names the participants, and protects
// the merged assessment with that passphrase.
func TestMergeInheritsThePassphrase(t *testing.T) {
	x := testApp(t)
	dir := t.TempDir()
	plain, secret := filepath.Join(dir, "ana.json"), filepath.Join(dir, "ben.json")
	for _, f := range []struct {
		path, pass string
		level      int
	}{{plain, "", 1}, {secret, pass, 3}} {
		a, err := x.Create(NewAssessment{Profile: profile("Contoso"), Path: f.path, Passphrase: f.pass}, day)
		if err != nil {
			t.Fatal(err)
		}
		a.SetAnswer("ID-MFA-ADMIN", q.Answer{Status: q.Answered, Level: f.level}, day)
		if err := x.Save(f.path, a, day); err != nil {
			t.Fatal(err)
		}
	}
	var asked []string
	ask := func(path string) (string, error) { asked = append(asked, path); return pass, nil }
	m, err := x.Merge(MergeInput{Files: []string{plain, secret}, Names: []string{" Ana ", ""}, Strategy: q.StrategyLowest}, ask)
	if err != nil {
		t.Fatal(err)
	}
	if len(asked) != 1 || asked[0] != secret {
		t.Fatalf("passphrase asked for %v, want only %s", asked, secret)
	}
	if got := m.Names(); got[0] != "Ana" || got[1] == "" {
		t.Fatalf("names %v", got)
	}
	if m.Passphrase != pass || !m.Assessment.Encrypted() || len(m.Conflicts) != 1 || m.Assessment.Answers["ID-MFA-ADMIN"].Level != 1 {
		t.Fatalf("merged: passphrase %q, encrypted %v, conflicts %+v", m.Passphrase, m.Assessment.Encrypted(), m.Conflicts)
	}
	if _, err := x.Merge(MergeInput{Files: []string{plain, secret}}, nil); !errors.Is(err, ErrNeedPassphrase) {
		t.Fatalf("merge without a passphrase: %v", err)
	}
}

func TestRecentFiles(t *testing.T) {
	dir := t.TempDir()
	f1 := filepath.Join(dir, "a.json")
	f2 := filepath.Join(dir, "b.json")
	for _, f := range []string{f1, f2} {
		if err := os.WriteFile(f, []byte("{}"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	cfg := filepath.Join(dir, "cfg")
	if err := AddRecent(cfg, f1, "A", day); err != nil {
		t.Fatal(err)
	}
	_ = AddRecent(cfg, f2, "B", day)
	_ = AddRecent(cfg, f1, "A", day)
	rs := LoadRecent(cfg)
	if len(rs) != 2 || rs[0].Path != f1 || rs[1].Path != f2 {
		t.Fatalf("recent = %+v", rs)
	}
	os.Remove(f2)
	if rs := LoadRecent(cfg); len(rs) != 1 {
		t.Fatalf("a deleted file is still listed: %+v", rs)
	}
	for i := 0; i < MaxRecent+3; i++ {
		f := filepath.Join(dir, string(rune('c'+i))+".json")
		os.WriteFile(f, []byte("{}"), 0o600)
		_ = AddRecent(cfg, f, "", day)
	}
	if rs := LoadRecent(cfg); len(rs) != MaxRecent {
		t.Fatalf("%d recent files kept, want %d", len(rs), MaxRecent)
	}
	if AddRecent("", f1, "A", day) != nil || LoadRecent("") != nil {
		t.Fatal("no folder keeps no list")
	}
}
