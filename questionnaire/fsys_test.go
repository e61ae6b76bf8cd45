package questionnaire

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// Resuming through a symbolic link: before, the first autosave renamed a
// regular file over the link, and the file it pointed to stopped
// receiving answers.
func TestSaveThroughASymlinkKeepsTheLink(t *testing.T) {
	b := smallBank(t)
	dir := t.TempDir()
	real := filepath.Join(dir, "shared", "contoso.json")
	if err := os.MkdirAll(filepath.Dir(real), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := SaveAssessment(real, sampleAssessment(b)); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "current.json")
	if err := os.Symlink(filepath.Join("shared", "contoso.json"), link); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	a, err := LoadAssessment(link)
	if err != nil {
		t.Fatal(err)
	}
	a.SetAnswer("Q-THREE", Answer{Status: Answered, Level: 4}, day0)
	if err := SaveAssessment(link, a); err != nil {
		t.Fatal(err)
	}
	info, err := os.Lstat(link)
	if err != nil || info.Mode()&os.ModeSymlink == 0 {
		t.Fatalf("the link is no longer a link: %v %v", info.Mode(), err)
	}
	got, err := LoadAssessment(real)
	if err != nil || got.Answers["Q-THREE"].Level != 4 {
		t.Fatalf("the target did not get the answer: %v", err)
	}
	if _, err := os.Stat(real + ".bak"); err != nil {
		t.Errorf("the backup belongs beside the target: %v", err)
	}
	// A link to a file that does not exist yet: the file is created there.
	dangling := filepath.Join(dir, "next.json")
	if err := os.Symlink(filepath.Join(dir, "shared", "next.json"), dangling); err != nil {
		t.Fatal(err)
	}
	if err := SaveAssessment(dangling, sampleAssessment(b)); err != nil {
		t.Fatal(err)
	}
	if info, _ := os.Lstat(dangling); info.Mode()&os.ModeSymlink == 0 {
		t.Error("a dangling link was replaced by a file")
	}
	if _, err := LoadAssessment(filepath.Join(dir, "shared", "next.json")); err != nil {
		t.Errorf("the link's target was not written: %v", err)
	}
}

// Orphan temporary files of a killed save are removed by the next save;
// one that a live process may still be writing is left alone.
func TestSaveRemovesStaleTemporaryFiles(t *testing.T) {
	b := smallBank(t)
	dir := t.TempDir()
	path := filepath.Join(dir, "a.json")
	deadPID := 1 << 30 // far above pid_max: no such process
	orphan := filepath.Join(dir, fmt.Sprintf(".a.json.%d-123456.tmp", deadPID))
	old := filepath.Join(dir, ".a.json.987654.tmp") // an older ssrm's name
	live := filepath.Join(dir, fmt.Sprintf(".a.json.%d-42.tmp", os.Getppid()))
	other := filepath.Join(dir, fmt.Sprintf(".b.json.%d-1.tmp", deadPID))
	for _, f := range []string{orphan, old, live, other} {
		if err := os.WriteFile(f, []byte("{"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	past := time.Now().Add(-2 * staleTempAge)
	if err := os.Chtimes(old, past, past); err != nil {
		t.Fatal(err)
	}
	if err := SaveAssessment(path, sampleAssessment(b)); err != nil {
		t.Fatal(err)
	}
	for f, want := range map[string]bool{orphan: false, old: false, live: true, other: true} {
		if _, err := os.Stat(f); (err == nil) != want {
			t.Errorf("%s: exists %v, want %v", filepath.Base(f), err == nil, want)
		}
	}
}
