package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// ssrm handoff writes the form; a ticked box comes back through import,
// which says what changed and refuses to replace a later answer.
func TestHandoffCommandRoundTrip(t *testing.T) {
	dir := t.TempDir()
	file := demoFile(t, dir)
	form := filepath.Join(dir, "form.md")
	code, out, errOut := ssrm(t, "handoff", file, "-o", form)
	if code != 0 || !strings.Contains(out, "questions answered \"don't know\"") {
		t.Fatalf("handoff: %d %q %q", code, out, errOut)
	}
	if code, _, errOut := ssrm(t, "handoff", file, "-o", filepath.Join(dir, "form.pdf")); code != 0 {
		t.Fatalf("handoff pdf: %d %q", code, errOut)
	}
	if code, _, errOut := ssrm(t, "handoff", file, "-o", filepath.Join(dir, "form.txt")); code != 2 || !strings.Contains(errOut, "md or pdf") {
		t.Fatalf("handoff txt: %d %q", code, errOut)
	}
	data, _ := os.ReadFile(form)
	filled := strings.Replace(string(data), "- [ ] 3 ", "- [x] 3 ", 1)
	os.WriteFile(form, []byte(filled), 0o600)
	code, out, errOut = ssrm(t, "handoff", "import", "--dry-run", file, form)
	if code != 0 || !strings.Contains(out, "→ 3 Defined") || !strings.Contains(out, "1 answer would change; nothing saved") {
		t.Fatalf("dry run: %d %q %q", code, out, errOut)
	}
	before, _ := os.ReadFile(file)
	code, out, _ = ssrm(t, "handoff", "import", file, form)
	if code != 0 || !strings.Contains(out, "saved "+file+": 1 answer from "+form) {
		t.Fatalf("import: %d %q", code, out)
	}
	if after, _ := os.ReadFile(file); string(after) == string(before) {
		t.Fatal("import saved nothing")
	}
	bad := strings.Replace(filled, "- [ ] 2 ", "- [x] 2 ", 1)
	os.WriteFile(form, []byte(bad), 0o600)
	code, _, errOut = ssrm(t, "handoff", "import", file, form)
	if code == 0 || !strings.Contains(errOut, form+":") || !strings.Contains(errOut, "a second box ticked") {
		t.Fatalf("two ticks: %d %q", code, errOut)
	}
}

// The form and the assessment given the other way round: the error says
// which is which and the command to type (it said only that the
// assessment was "not an ssrm hand-off form").
func TestHandoffImportSaysWhenTheFilesAreSwapped(t *testing.T) {
	dir := t.TempDir()
	file := demoFile(t, dir)
	form := filepath.Join(dir, "form.md")
	if code, _, errOut := ssrm(t, "handoff", file, "-o", form); code != 0 {
		t.Fatalf("handoff: %d %q", code, errOut)
	}
	before, _ := os.ReadFile(file)
	code, _, errOut := ssrm(t, "handoff", "import", form, file)
	if code == 0 || !strings.Contains(errOut, "the assessment comes first") || !strings.Contains(errOut, "ssrm handoff import "+file+" "+form) {
		t.Fatalf("swapped: %d %q", code, errOut)
	}
	if after, _ := os.ReadFile(file); string(after) != string(before) {
		t.Fatal("the assessment changed")
	}
}
