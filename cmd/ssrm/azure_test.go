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

const fixtures = "../../azure/testdata/fixtures.json"

func runCLI(t *testing.T, args ...string) (string, string, int) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(args, strings.NewReader(""), &out, &errb)
	return out.String(), errb.String(), code
}

func TestAzureCheckJSON(t *testing.T) {
	out, stderr, code := runCLI(t, "azure", "check", "--snapshot", fixtures, "--format", "json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var fs []map[string]any
	if err := json.Unmarshal([]byte(out), &fs); err != nil {
		t.Fatal(err)
	}
	if len(fs) < 50 {
		t.Fatalf("%d findings", len(fs))
	}
	for _, k := range []string{"check", "title", "severity", "status", "resource_id", "resource_type", "questions", "detail"} {
		if _, ok := fs[0][k]; !ok {
			t.Errorf("finding has no %q: %v", k, fs[0])
		}
	}
}

func TestAzureCheckTableAndAzGraphOutput(t *testing.T) {
	dir := t.TempDir()
	az := filepath.Join(dir, "az.json")
	os.WriteFile(az, []byte(`{"count": 1, "data": [{"id": "/subscriptions/x/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/st1",
	  "type": "Microsoft.Storage/storageAccounts", "properties": {"supportsHttpsTrafficOnly": false}}], "skip_token": null}`), 0o600)
	out, stderr, code := runCLI(t, "azure", "check", "--snapshot", az)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.Contains(out, "storage-https-only") || !strings.Contains(out, "rg/st1") {
		t.Errorf("table:\n%s", out)
	}
	if _, _, code := runCLI(t, "azure", "check", "--snapshot", az, "--format", "xml"); code != exitUsage {
		t.Errorf("--format xml: exit %d, want %d", code, exitUsage)
	}
}

func TestAzureCatalogFormats(t *testing.T) {
	out, _, code := runCLI(t, "azure", "catalog")
	if code != 0 || !strings.Contains(out, "VERIFY BY HAND") || !strings.Contains(out, "nsg-mgmt-ports-open") {
		t.Fatalf("exit %d:\n%s", code, out)
	}
	out, _, _ = runCLI(t, "azure", "catalog", "--format", "md")
	if !strings.Contains(out, "| `diagnostic-settings` |") || !strings.Contains(out, "verify by hand: Diagnostic settings are not in Azure Resource Graph") {
		t.Errorf("md:\n%s", out)
	}
	out, _, _ = runCLI(t, "azure", "catalog", "--format", "json")
	var cs []map[string]any
	if err := json.Unmarshal([]byte(out), &cs); err != nil || len(cs) < 30 {
		t.Fatalf("json: %v, %d checks", err, len(cs))
	}
}

func TestAssessWithEvidence(t *testing.T) {
	dir := t.TempDir()
	answers := filepath.Join(dir, "answers.yaml")
	os.WriteFile(answers, []byte("profile: {organization: Contoso, size: small, sensitivity: high, models: [iaas, paas]}\nanswers:\n  ID-MFA-ADMIN: 4\n"), 0o600)
	out := filepath.Join(dir, "a.json")
	if _, stderr, code := runCLI(t, "assess", "--answers", answers, "--evidence", fixtures, "-o", out); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	a, err := questionnaire.LoadAssessment(out)
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, e := range a.Evidence["ID-MFA-ADMIN"] {
		if e.Source == "live" && e.Check == "identity-mfa-owners" && e.Status == "fail" {
			found = true
		}
	}
	if !found {
		t.Errorf("no live MFA evidence: %+v", a.Evidence["ID-MFA-ADMIN"])
	}
	if _, _, code := runCLI(t, "assess", "--answers", answers, "--evidence", filepath.Join(dir, "missing.json"), "-o", filepath.Join(dir, "b.json")); code == 0 {
		t.Error("a missing evidence file must fail")
	}
}

func TestAzureCollectRefusesToOverwrite(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "s.json")
	os.WriteFile(p, []byte("{}"), 0o600)
	_, stderr, code := runCLI(t, "azure", "collect", "-o", p)
	if code == 0 || !strings.Contains(stderr, "exists already") {
		t.Errorf("exit %d: %s", code, stderr)
	}
	if _, _, code := runCLI(t, "azure", "collect", "-o", filepath.Join(dir, "n.json"), "--sign-in", "carrier-pigeon"); code != exitUsage {
		t.Errorf("unknown sign-in: exit %d, want %d", code, exitUsage)
	}
}
