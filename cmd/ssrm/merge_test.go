package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ssrm/ssrm/questionnaire"
)

const anaYAML = `profile: {organization: Contoso, size: small, sensitivity: moderate, models: [iaas, paas]}
date: 2026-11-20
who: Ana
answers:
  Q-ONE: {level: 3, note: "MFA for admins"}
  Q-TWO: unknown
  Q-THREE: 2
`

const benYAML = `profile: {organization: Contoso, size: small, sensitivity: moderate, models: [paas, iaas]}
date: 2026-11-21
who: Ben
answers:
  Q-ONE: {level: 1, note: "I saw a shared admin account"}
  Q-TWO: 2
  Q-THREE: {level: 2, note: "agreed"}
  Q-FOUR: na
`

// participantFiles saves Ana's and Ben's assessments and returns their paths.
func participantFiles(t *testing.T, dir string, extra ...string) []string {
	t.Helper()
	var out []string
	for i, src := range append([]string{anaYAML, benYAML}, extra...) {
		ans := writeFile(t, dir, "answers"+string(rune('a'+i))+".yaml", src)
		path := filepath.Join(dir, string(rune('a'+i))+".json")
		if code, _, errs := ssrm(t, "--bank", smallBank, "assess", "--answers", ans, "-o", path); code != 0 {
			t.Fatal(errs)
		}
		out = append(out, path)
	}
	return out
}

func TestMergeEndToEnd(t *testing.T) {
	dir := t.TempDir()
	files := participantFiles(t, dir)
	out := filepath.Join(dir, "merged.json")
	code, stdout, errs := ssrm(t, "--bank", smallBank, "merge", files[0], files[1], "-o", out)
	if code != 0 {
		t.Fatalf("merge: %d %s", code, errs)
	}
	// The default strategy is lowest, with a report of every conflict.
	for _, want := range []string{
		"2 conflicts, settled by --strategy lowest",
		`Q-ONE: Ana 3 Defined ("MFA for admins"); Ben 1 Initial ("I saw a shared admin account") -> 1 Initial (lowest: Ben)`,
		"Q-TWO: Ana don't know; Ben 2 Developing -> don't know (lowest: Ana)",
		"from 2 participants (Ana, Ben)",
	} {
		if !strings.Contains(stdout, want) {
			t.Errorf("merge output lacks %q:\n%s", want, stdout)
		}
	}
	m, err := questionnaire.LoadAssessment(out)
	if err != nil {
		t.Fatal(err)
	}
	one := m.Answers["Q-ONE"]
	if one.Level != 1 || one.Who != "Ana, Ben" || one.Note != "Ana: MFA for admins\nBen: I saw a shared admin account" {
		t.Errorf("Q-ONE merged as %+v", one)
	}
	if three := m.Answers["Q-THREE"]; three.Level != 2 || three.Note != "Ben: agreed" {
		t.Errorf("Q-THREE merged as %+v", three)
	}
	if four := m.Answers["Q-FOUR"]; four.Status != questionnaire.NotApplicable || four.Who != "Ben" {
		t.Errorf("Q-FOUR merged as %+v", four)
	}
	if len(m.Merged) != 2 || m.Merged[0].Question != "Q-ONE" || m.Merged[0].Strategy != "lowest" || len(m.Merged[0].Answers) != 2 {
		t.Errorf("merge records: %+v", m.Merged)
	}
	var raw map[string]json.RawMessage
	data, _ := os.ReadFile(out)
	_ = json.Unmarshal(data, &raw)
	if raw["merged"] == nil || raw["participants"] == nil {
		t.Error("merged file lacks its merge record")
	}
	// The merged file is an ordinary assessment for every other command.
	if code, _, errs := ssrm(t, "--bank", smallBank, "report", out, "-o", filepath.Join(dir, "m.md")); code != 0 {
		t.Errorf("report of the merged file: %s", errs)
	}

	// An existing OUT needs --force.
	if code, _, errs := ssrm(t, "--bank", smallBank, "merge", files[0], files[1], "-o", out); code != 1 || !strings.Contains(errs, "--force") {
		t.Errorf("merge over an existing file: %d %s", code, errs)
	}
	// Other strategies, and names from --participant.
	code, stdout, errs = ssrm(t, "--bank", smallBank, "merge", files[0], files[1], "-o", out, "--force", "--strategy", "highest", "-p", "Ana Lopez", "-p", "Ben Ito")
	if code != 0 || !strings.Contains(stdout, "-> 3 Defined (highest: Ana Lopez)") {
		t.Errorf("highest with names: %d %s %s", code, stdout, errs)
	}
	if bak, _ := os.ReadFile(out + ".bak"); !bytes.Equal(bak, data) {
		t.Error("the replaced merge was not kept as .bak")
	}
}

func TestMergeRefusals(t *testing.T) {
	dir := t.TempDir()
	medium := strings.Replace(strings.Replace(benYAML, "size: small", "size: medium", 1), "who: Ben", "who: Cy", 1)
	files := participantFiles(t, dir, medium)
	out := filepath.Join(dir, "m.json")
	for _, tc := range []struct {
		name string
		args []string
		code int
		want string
	}{
		{"different profiles", []string{files[0], files[2]}, 1, `profile.size (Ana: "small", Cy: "medium")`},
		{"unknown strategy", []string{files[0], files[1], "--strategy", "median"}, 2, "unknown merge strategy"},
		{"ask without a terminal", []string{files[0], files[1], "--strategy", "ask"}, 1, "at a terminal"},
		{"names do not fit", []string{files[0], files[1], "-p", "Ana"}, 2, "1 --participant names for 2 files"},
		{"one file", []string{files[0]}, 2, "requires at least 2"},
		{"damaged file", []string{files[0], writeFile(t, dir, "bad.json", "{\"schema\": 2,\n")}, 1, "bad.json:"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, _, errs := ssrm(t, append([]string{"--bank", smallBank, "merge", "-o", out}, tc.args...)...)
			if code != tc.code || !strings.Contains(errs, tc.want) {
				t.Errorf("exit %d (want %d), stderr %q", code, tc.code, errs)
			}
			if _, err := os.Stat(out); err == nil {
				t.Error("a refused merge wrote its output")
			}
		})
	}
	code, stdout, errs := ssrm(t, "--bank", smallBank, "merge", files[0], files[2], "-o", out, "--force")
	if code != 0 || !strings.Contains(stdout, "warning: merged despite differences (--force): profile.size") {
		t.Errorf("forced merge: %d %s %s", code, stdout, errs)
	}
}

func TestMergeAskSettlesEachConflict(t *testing.T) {
	dir := t.TempDir()
	files := participantFiles(t, dir)
	g := &globals{BankFile: smallBank}
	var out bytes.Buffer
	opts := &mergeOptions{
		Files: files, Out: filepath.Join(dir, "m.json"), Strategy: "ask", Interactive: true,
		// Q-ONE: a typo, then Ana's answer; Q-TWO: park it to discuss.
		In: strings.NewReader("x\n1\nd\n"), Stdout: &out,
	}
	if err := mergeRun(g, opts); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Conflict 1 of 2: Q-ONE First?", "  1  Ana 3 Defined (\"MFA for admins\")", "not a choice here", "1 question parked to discuss"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("ask output lacks %q:\n%s", want, out.String())
		}
	}
	m, err := questionnaire.LoadAssessment(opts.Out)
	if err != nil {
		t.Fatal(err)
	}
	if one := m.Answers["Q-ONE"]; one.Level != 3 || m.Merged[0].Resolution != "participant" || m.Merged[0].Chosen != "Ana" || m.Merged[0].Strategy != "ask" {
		t.Errorf("Q-ONE: %+v, record %+v", one, m.Merged[0])
	}
	if two := m.Answers["Q-TWO"]; !two.Parked || m.Merged[1].Resolution != "discuss" {
		t.Errorf("Q-TWO: %+v, record %+v", two, m.Merged[1])
	}
	if len(m.Pending()) != 0 {
		t.Errorf("pending after ask: %v", m.Pending())
	}

	// Input that ends early saves nothing.
	opts.Out, opts.In, opts.Force = filepath.Join(dir, "m2.json"), strings.NewReader("1\n"), false
	if err := mergeRun(g, opts); err == nil || !strings.Contains(err.Error(), "nothing was saved") {
		t.Errorf("early end of input: %v", err)
	}
	if _, err := os.Stat(opts.Out); err == nil {
		t.Error("an unfinished ask saved its output")
	}
}

func TestMergeEncryptedInputsGiveEncryptedOutput(t *testing.T) {
	dir := t.TempDir()
	t.Setenv(envPassphrase, "workshop passphrase")
	var files []string
	for i, src := range []string{anaYAML, benYAML} {
		ans := writeFile(t, dir, "ans"+string(rune('a'+i))+".yaml", src)
		path := filepath.Join(dir, string(rune('a'+i))+".json")
		args := []string{"--bank", smallBank, "assess", "--answers", ans, "-o", path}
		if i == 0 {
			args = append(args, "--encrypt") // Ana protects her laptop's copy; Ben does not
		}
		if code, _, errs := ssrm(t, args...); code != 0 {
			t.Fatal(errs)
		}
		files = append(files, path)
	}
	out := filepath.Join(dir, "m.json")
	code, stdout, errs := ssrm(t, "--bank", smallBank, "merge", files[0], files[1], "-o", out)
	if code != 0 || !strings.Contains(stdout, "(encrypted)") || !isSealed(t, out) {
		t.Fatalf("merge of an encrypted input: %d %s %s", code, stdout, errs)
	}
	plainOut := filepath.Join(dir, "p.json")
	copyOf := filepath.Join(dir, "b-copy.json") // the same file twice is refused
	if data, err := os.ReadFile(files[1]); err != nil || os.WriteFile(copyOf, data, 0o600) != nil {
		t.Fatal(err)
	}
	if code, _, errs := ssrm(t, "--bank", smallBank, "merge", files[1], files[1], "-o", plainOut); code == 0 || !strings.Contains(errs, "is given twice") {
		t.Errorf("merging a file with itself: %d %s", code, errs)
	}
	if code, _, _ := ssrm(t, "--bank", smallBank, "merge", files[1], copyOf, "-o", plainOut); code != 0 || isSealed(t, plainOut) {
		t.Error("merge of plain inputs must stay plain")
	}
	if code, _, _ := ssrm(t, "--bank", smallBank, "merge", files[1], copyOf, "-o", plainOut, "--force", "--encrypt"); code != 0 || !isSealed(t, plainOut) {
		t.Error("merge --encrypt must encrypt")
	}
}
