package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ssrm/ssrm/questionnaire"
)

// ssrm runs the command line in-process and returns exit code and output.
func ssrm(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = run(args, strings.NewReader(""), &out, &errb)
	return code, out.String(), errb.String()
}

const smallBank = "../../questionnaire/testdata/small-bank.yaml"

// demoFile saves the demo assessment in dir, as 'ssrm demo' does, without
// the reports beside it: what a test needs to run a command on.
func demoFile(t *testing.T, dir string) string {
	t.Helper()
	b, err := questionnaire.DefaultBank()
	if err != nil {
		t.Fatal(err)
	}
	a, err := demoAssessment(b)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "demo-assessment.json")
	if err := questionnaire.SaveAssessment(path, a); err != nil {
		t.Fatal(err)
	}
	return path
}

func writeFile(t *testing.T, dir, name, content string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestDemoWritesAssessmentAndReports(t *testing.T) {
	dir := t.TempDir()
	code, out, errs := ssrm(t, "demo", "-o", dir)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	for _, f := range append([]string{"demo-assessment.json"}, prefixed("demo-action-plan.", demoReports)...) {
		info, err := os.Stat(filepath.Join(dir, f))
		if err != nil || info.Size() == 0 {
			t.Errorf("demo did not write %s: %v", f, err)
		}
	}
	if !strings.Contains(out, "Harbour Lane Dental Group") {
		t.Errorf("output does not name the demo organization: %s", out)
	}
	var rep struct {
		Overall   struct{ Level, Percent float64 }
		Layers    []struct{ ID string }
		KillChain []struct {
			Phase string
			Open  bool
		} `json:"kill_chain"`
		Actions []struct {
			Rank     int
			Title    string
			Priority float64
			Factors  []struct {
				Gap       int
				KillChain float64 `json:"kill_chain_factor"`
			}
		}
	}
	data, _ := os.ReadFile(filepath.Join(dir, "demo-action-plan.json"))
	if err := json.Unmarshal(data, &rep); err != nil {
		t.Fatal(err)
	}
	if rep.Overall.Level <= 0 || rep.Overall.Level >= 5 || len(rep.Layers) != 4 || len(rep.KillChain) != 7 {
		t.Errorf("demo report: overall %.2f, %d layers, %d phases", rep.Overall.Level, len(rep.Layers), len(rep.KillChain))
	}
	if len(rep.Actions) < 10 || rep.Actions[0].Rank != 1 || len(rep.Actions[0].Factors) == 0 || rep.Actions[0].Factors[0].Gap == 0 {
		t.Errorf("demo plan too thin or unexplained: %d actions", len(rep.Actions))
	}
	// Same input, same output: the demo is deterministic.
	dir2 := t.TempDir()
	if code, _, errs := ssrm(t, "demo", "-o", dir2); code != 0 {
		t.Fatal(errs)
	}
	for _, f := range []string{"demo-assessment.json", "demo-action-plan.md", "demo-action-plan.json", "demo-action-plan.csv"} {
		a, _ := os.ReadFile(filepath.Join(dir, f))
		b, _ := os.ReadFile(filepath.Join(dir2, f))
		if !bytes.Equal(a, b) {
			t.Errorf("%s differs between two demo runs", f)
		}
	}
}

func prefixed(prefix string, xs []string) []string {
	out := make([]string, len(xs))
	for i, x := range xs {
		out[i] = prefix + x
	}
	return out
}

const answersYAML = `profile:
  organization: Contoso Bakery
  size: small
  sensitivity: moderate
  models: [iaas, paas]
date: 2026-11-20
who: Sam
answers:
  Q-ONE: 1
  Q-TWO: unknown
  Q-THREE: {level: 2, note: "Basic only"}
  Q-FOUR: na
`

func TestAssessReportAndCompare(t *testing.T) {
	dir := t.TempDir()
	answers := writeFile(t, dir, "answers.yaml", answersYAML)
	out := filepath.Join(dir, "a.json")
	code, stdout, errs := ssrm(t, "--bank", smallBank, "assess", "--answers", answers, "-o", out)
	if code != 0 {
		t.Fatalf("assess: exit %d: %s", code, errs)
	}
	if !strings.Contains(stdout, "4 of 4 questions answered") {
		t.Errorf("assess output: %s", stdout)
	}
	if code, _, errs := ssrm(t, "--bank", smallBank, "assess", "--answers", answers, "-o", out); code == 0 || !strings.Contains(errs, "--force") {
		t.Errorf("assess over an existing file must ask for --force: %d %s", code, errs)
	}

	for _, ext := range []string{"md", "json", "csv"} {
		rep := filepath.Join(dir, "plan."+ext)
		// the full appendix: the answer register prints every answer
		if code, _, errs := ssrm(t, "--bank", smallBank, "report", out, "-o", rep, "--appendix", "full"); code != 0 {
			t.Fatalf("report %s: %s", ext, errs)
		}
		data, _ := os.ReadFile(rep)
		switch ext {
		case "md":
			for _, want := range []string{"Contoso Bakery", "## Step 1: Maturity", "## Step 2: Kill chain", "## Step 3: Prioritized action plan", "## Step 4: Fortify", "## Step 5: Socialize", "Do the first thing", "Basic only"} {
				if !bytes.Contains(data, []byte(want)) {
					t.Errorf("markdown lacks %q", want)
				}
			}
		case "json":
			var v map[string]json.RawMessage
			if err := json.Unmarshal(data, &v); err != nil {
				t.Fatal(err)
			}
			for _, k := range []string{"overall", "layers", "kill_chain", "actions"} {
				if _, ok := v[k]; !ok {
					t.Errorf("json report lacks %q", k)
				}
			}
		case "csv":
			rows, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
			if err != nil || len(rows) < 2 || rows[0][0] != "rank" || rows[1][1] != "A-ONE" {
				t.Errorf("csv: %v %v", err, rows)
			}
		}
	}
	if code, _, errs := ssrm(t, "--bank", smallBank, "report", out, "-o", filepath.Join(dir, "plan.docx")); code != 2 || !strings.Contains(errs, "--format") {
		t.Errorf("unknown extension: exit %d, %s", code, errs)
	}
	if code, stdout, _ := ssrm(t, "--bank", smallBank, "report", out, "-o", "-", "--format", "md"); code != 0 || !strings.HasPrefix(stdout, "# Azure shared responsibility action plan") {
		t.Errorf("report to stdout: %d %.60s", code, stdout)
	}

	better := writeFile(t, dir, "better.yaml", strings.Replace(answersYAML, "Q-ONE: 1", "Q-ONE: 5", 1))
	out2 := filepath.Join(dir, "b.json")
	if code, _, errs := ssrm(t, "--bank", smallBank, "assess", "--answers", better, "-o", out2); code != 0 {
		t.Fatal(errs)
	}
	cmp := filepath.Join(dir, "cmp.md")
	if code, _, errs := ssrm(t, "--bank", smallBank, "compare", out, out2, "-o", cmp); code != 0 {
		t.Fatal(errs)
	}
	data, _ := os.ReadFile(cmp)
	for _, want := range []string{"Q-ONE", "1 Initial", "5 Optimized", "Delivery | open | broken (closed)"} {
		if !bytes.Contains(data, []byte(want)) {
			t.Errorf("comparison lacks %q:\n%s", want, data)
		}
	}
}

func TestAssessRejectsUnknownIDsWithFileAndLine(t *testing.T) {
	dir := t.TempDir()
	answers := writeFile(t, dir, "answers.yaml", "answers:\n  Q-ONE: 1\n  Q-TYPO: 3\n")
	out := filepath.Join(dir, "a.json")
	code, _, errs := ssrm(t, "--bank", smallBank, "assess", "--answers", answers, "-o", out)
	if code != 1 || !strings.Contains(errs, answers+":3: unknown question id \"Q-TYPO\"") {
		t.Errorf("exit %d, stderr %q", code, errs)
	}
	if _, err := os.Stat(out); err == nil {
		t.Error("a failed assess wrote its output")
	}
}

func TestReportRefusesDamagedAssessment(t *testing.T) {
	dir := t.TempDir()
	bad := writeFile(t, dir, "a.json", "{\"schema\": 1,\n\"answers\": {\n")
	code, _, errs := ssrm(t, "report", bad, "-o", filepath.Join(dir, "x.md"))
	if code != 1 || !strings.Contains(errs, bad+":") || !strings.Contains(errs, ".bak") {
		t.Errorf("exit %d, stderr %q", code, errs)
	}
}

func TestBankLintAndExport(t *testing.T) {
	dir := t.TempDir()
	src, _ := os.ReadFile(smallBank)
	bad := writeFile(t, dir, "bad.yaml", strings.Replace(strings.Replace(string(src), "layer: hosts", "layer: roof", 1), "actions: [A-TWO]", "actions: [A-GONE]", 1))
	code, out, _ := ssrm(t, "bank", "lint", bad)
	if code != 1 {
		t.Errorf("lint of a bad bank exits %d, want 1", code)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 2 {
		t.Errorf("want one line per problem, got:\n%s", out)
	}
	for _, l := range lines {
		if !strings.HasPrefix(l, bad+":") {
			t.Errorf("%q is not FILE:LINE: message", l)
		}
	}
	if code, out, _ := ssrm(t, "bank", "lint", smallBank); code != 0 || !strings.Contains(out, "ok: 6 questions") {
		t.Errorf("lint of a good bank: %d %s", code, out)
	}

	code, yml, errs := ssrm(t, "bank", "export")
	if code != 0 || !strings.Contains(yml, "questions:") || !strings.Contains(yml, "# ssrm question bank") {
		t.Fatalf("export: %d %s", code, errs)
	}
	exported := writeFile(t, dir, "exported.yaml", yml)
	if code, _, errs := ssrm(t, "bank", "lint", exported); code != 0 {
		t.Errorf("exported bank does not lint clean: %s", errs)
	}
	code, js, _ := ssrm(t, "--bank", smallBank, "bank", "export", "--format", "json")
	var v struct{ Questions []struct{ ID string } }
	if code != 0 || json.Unmarshal([]byte(js), &v) != nil || len(v.Questions) != 6 {
		t.Errorf("json export of the custom bank: %d, %d questions", code, len(v.Questions))
	}
	if code, _, errs := ssrm(t, "--bank", bad, "bank", "export"); code != 1 || !strings.Contains(errs, bad+":") {
		t.Errorf("--bank with a broken file: %d %s", code, errs)
	}
}

func TestUsageErrorsExitTwo(t *testing.T) {
	for _, args := range [][]string{{"report"}, {"nope"}, {"demo", "--bogus"}, {"bank", "export", "--format", "xml"}} {
		if code, _, errs := ssrm(t, args...); code != 2 || errs == "" {
			t.Errorf("%v: exit %d, stderr %q", args, code, errs)
		}
	}
}

func TestReportFontFlag(t *testing.T) {
	dir := t.TempDir()
	a := demoFile(t, dir)
	notFont := writeFile(t, dir, "x.ttf", "not a font")
	if code, _, errs := ssrm(t, "report", a, "-o", filepath.Join(dir, "p.pdf"), "--font", notFont); code != 2 || !strings.Contains(errs, "not a TrueType font") {
		t.Errorf("--font with a non-font: %d %s", code, errs)
	}
	const vl = "/usr/share/fonts/truetype/vlgothic/VL-PGothic-Regular.ttf"
	if _, err := os.Stat(vl); err != nil {
		t.Skip("fonts-vlgothic not installed")
	}
	out := filepath.Join(dir, "p.pdf")
	if code, _, errs := ssrm(t, "report", a, "-o", out, "--font", vl); code != 0 {
		t.Fatalf("--font %s: %s", vl, errs)
	}
	plain := filepath.Join(dir, "plain.pdf")
	if code, _, errs := ssrm(t, "report", a, "-o", plain); code != 0 {
		t.Fatal(errs)
	}
	withFont, _ := os.ReadFile(out)
	without, _ := os.ReadFile(plain)
	if bytes.Equal(withFont, without) || !bytes.HasPrefix(withFont, []byte("%PDF-")) {
		t.Error("--font changed nothing in the PDF")
	}
}

// TestMain keeps the tests' cache of the parsed bank out of the user's
// cache directory.
func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "ssrm-test-cache")
	if err != nil {
		panic(err)
	}
	os.Setenv(envCacheDir, dir)
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}
