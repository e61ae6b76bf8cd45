package main

import (
	"path/filepath"
	"strings"
	"testing"
)

// A participant's name carried a title-setting and clear-screen sequence,
// a bidi override and a NUL; merge printed it raw (issue 18). Nothing ssrm
// prints for a person may carry a control or bidi character.
func TestMergeOutputCarriesNoTerminalSequences(t *testing.T) {
	dir := t.TempDir()
	evil := "who: \"Eve\\e]0;pwned\\a\\e[2J\\e[31m\\u202Egnp.exe\\x00\"\n"
	files := participantFiles(t, dir, strings.Replace(benYAML, "who: Ben\n", evil, 1))
	out := filepath.Join(dir, "merged.json")
	code, stdout, errs := ssrm(t, "--bank", smallBank, "merge", files[0], files[1], files[2], "-o", out, "--force")
	if code != 0 {
		t.Fatalf("merge: %d %s", code, errs)
	}
	if !strings.Contains(stdout, "Eve]0;pwned[2J[31mgnp.exe") {
		t.Fatalf("the name should still show, cleaned:\n%s", stdout)
	}
	for _, bad := range []string{"\x1b", "\x07", "\u202e", "\x00"} {
		if strings.Contains(stdout+errs, bad) {
			t.Errorf("output carries %q:\n%q", bad, stdout+errs)
		}
	}
}
