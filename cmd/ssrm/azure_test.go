package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ssrm/ssrm/azure"
	"github.com/ssrm/ssrm/questionnaire"
	"github.com/ssrm/ssrm/scoring"
)

const fixtures = "../../azure/testdata/fixtures.json"

func runCLI(t *testing.T, args ...string) (string, string, int) {
	t.Helper()
	code, out, errs := ssrm(t, args...)
	return out, errs, code
}

// A snapshot saved with `azure collect --encrypt` opens in `azure check` and
// `assess --evidence` with the passphrase, and says what to do without it.
func TestEncryptedSnapshot(t *testing.T) {
	plain, err := os.ReadFile(fixtures)
	if err != nil {
		t.Fatal(err)
	}
	sealed, err := questionnaire.Seal(plain, "correct horse battery")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	snap := writeFile(t, dir, "snap.json", string(sealed))
	if _, stderr, code := runCLI(t, "azure", "check", "--snapshot", snap); code == 0 || !strings.Contains(stderr, snap+" is encrypted") || !strings.Contains(stderr, "SSRM_PASSPHRASE") {
		t.Errorf("without a passphrase: %d %s", code, stderr)
	}
	t.Setenv(envPassphrase, "correct horse battery")
	want, _, _ := runCLI(t, "azure", "check", "--snapshot", fixtures, "--format", "json")
	got, stderr, code := runCLI(t, "azure", "check", "--snapshot", snap, "--format", "json")
	if code != 0 || got != want {
		t.Errorf("encrypted snapshot checks differ from the plain one: %d %s", code, stderr)
	}
	answers := writeFile(t, dir, "a.yaml", "profile: {organization: X, size: small, sensitivity: high, models: [iaas, paas]}\nanswers:\n  ID-MFA-ADMIN: 3\n")
	out := filepath.Join(dir, "a.json")
	if _, stderr, code := runCLI(t, "assess", "--answers", answers, "--evidence", snap, "-o", out); code != 0 {
		t.Fatalf("assess --evidence with an encrypted snapshot: %s", stderr)
	}
	a, err := questionnaire.LoadAssessment(out)
	if err != nil || len(a.Evidence) == 0 {
		t.Errorf("no evidence attached: %v", err)
	}
	t.Setenv(envPassphrase, "wrong passphrase here")
	if _, stderr, code := runCLI(t, "azure", "check", "--snapshot", snap); code == 0 || !strings.Contains(stderr, "wrong passphrase") {
		t.Errorf("wrong passphrase: %d %s", code, stderr)
	}
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
	if code != 0 || !strings.Contains(out, "microsoft graph") || !strings.Contains(out, "nsg-mgmt-ports-open") || !strings.Contains(out, ", 0 to verify by hand") {
		t.Fatalf("exit %d:\n%s", code, out)
	}
	out, _, _ = runCLI(t, "azure", "catalog", "--format", "md")
	if !strings.Contains(out, "| `diagnostic-settings` |") || !strings.Contains(out, "| arm |") || !strings.Contains(out, "| `identity-security-defaults` |") {
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

// TestContradictionEndToEnd is the case every consultant tries first:
// "MFA enforced for administrators" answered, and Defender for Cloud lists
// an owner account without MFA. assess --evidence must keep the answer and
// flag the contradiction, and the Markdown and JSON reports must show it.
func TestContradictionEndToEnd(t *testing.T) {
	dir := t.TempDir()
	answers := filepath.Join(dir, "answers.yaml")
	os.WriteFile(answers, []byte("profile: {organization: Contoso, size: small, sensitivity: high, models: [iaas, paas]}\nanswers:\n  ID-MFA-ADMIN: 3\n"), 0o600)
	const sub = "0b0b0b0b-1111-4222-8333-444444444444"
	snap := `{"schema": 1, "collected": "2026-11-20T09:00:00Z",
	  "queries": [{"name": "security", "table": "securityresources", "rows": 2, "pages": 1}],
	  "documents": [
	    {"id": "/subscriptions/` + sub + `", "type": "microsoft.resources/subscriptions", "subscriptionId": "` + sub + `", "name": "Production"},
	    {"id": "/subscriptions/` + sub + `/providers/Microsoft.Security/assessments/6240402e-f77c-46fa-9060-a7ce53997754",
	     "name": "6240402e-f77c-46fa-9060-a7ce53997754", "type": "microsoft.security/assessments", "subscriptionId": "` + sub + `",
	     "properties": {"displayName": "Accounts with owner permissions on Azure resources should be MFA enabled", "status": {"code": "Unhealthy"}}},
	    {"id": "/subscriptions/` + sub + `/providers/Microsoft.Security/assessments/6240402e-f77c-46fa-9060-a7ce53997754/subassessments/7c7c7c7c-0000-4000-8000-000000000001",
	     "name": "7c7c7c7c-0000-4000-8000-000000000001", "type": "microsoft.security/assessments/subassessments", "subscriptionId": "` + sub + `",
	     "properties": {"status": {"code": "Unhealthy"}, "additionalData": {"userPrincipalName": "owner@contoso.example"}}}]}`
	snapPath := filepath.Join(dir, "snapshot.json")
	os.WriteFile(snapPath, []byte(snap), 0o600)
	out := filepath.Join(dir, "a.json")
	if _, stderr, code := runCLI(t, "assess", "--answers", answers, "--evidence", snapPath, "-o", out); code != 0 {
		t.Fatalf("assess: exit %d: %s", code, stderr)
	}
	b, err := questionnaire.DefaultBank()
	if err != nil {
		t.Fatal(err)
	}
	a, err := questionnaire.LoadAssessment(out)
	if err != nil {
		t.Fatal(err)
	}
	if saved, _ := os.ReadFile(out); strings.Contains(string(saved), "contradicts") {
		t.Errorf("the saved assessment carries a contradiction note; it is worked out when shown:\n%s", saved)
	}
	cs := scoring.Compute(b, a, scoring.Options{}).Contradictions
	if len(cs) != 1 || cs[0].QuestionID != "ID-MFA-ADMIN" || cs[0].AnsweredLevel != 3 || cs[0].SuggestedLevel != 0 {
		t.Fatalf("contradictions %+v", cs)
	}
	want := "Evidence contradicts the answer (level 3; the evidence suggests 0)"
	for _, format := range []string{"md", "json"} {
		rep := filepath.Join(dir, "x."+format)
		if _, stderr, code := runCLI(t, "report", out, "-o", rep); code != 0 {
			t.Fatalf("report %s: exit %d: %s", format, code, stderr)
		}
		data, _ := os.ReadFile(rep)
		if !strings.Contains(string(data), want) || !strings.Contains(string(data), "1 account(s) with owner permissions have no MFA (object ids 7c7c7c7c-0000-4000-8000-000000000001)") {
			t.Errorf("%s report does not show the contradiction:\n%s", format, data)
		}
		if strings.Contains(string(data), "owner@contoso.example") {
			t.Errorf("%s report names the account: only object ids may appear", format)
		}
	}
}

func TestShortIDAboveResourceGroups(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"/subscriptions/11111111-2222-3333-4444-555555555555/resourceGroups/RG-Web/providers/Microsoft.Storage/storageAccounts/stweb", "RG-Web/stweb"},
		{"/subscriptions/aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee/providers/Microsoft.Security/pricings/KeyVaults", "sub aaaaaaaa…/pricings/KeyVaults"},
		{"/providers/Microsoft.Authorization/roleDefinitions/super-operator", "roleDefinitions/super-operator"},
		{"/subscriptions/aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee", "/subscriptions/aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee"},
		{"/tenant", "/tenant"},
		{"/subscriptions/s/resourceGroups/devops/providers/Microsoft.Security/securityConnectors/gh/devops/default/repos/web/providers/Microsoft.Security/assessments/1a2b", "devops/web/assessments/1a2b"},
		{"", ""},
	} {
		if got := shortID(tc.in); got != tc.want {
			t.Errorf("shortID(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// --as-of judges end-of-support dates of an undated export at the given
// day; a snapshot's own collection time wins, with a warning.
func TestAzureCheckAsOf(t *testing.T) {
	dir := t.TempDir()
	az := writeFile(t, dir, "az.json", `{"count": 1, "data": [{"id": "/subscriptions/x/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/aks1",
	  "type": "microsoft.containerservice/managedclusters", "properties": {"enableRBAC": true, "currentKubernetesVersion": "1.33.4"}}]}`)
	status := func(args ...string) string {
		out, stderr, code := runCLI(t, append([]string{"azure", "check", "--snapshot", az, "--format", "json"}, args...)...)
		if code != 0 {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		var fs []azure.Finding
		if err := json.Unmarshal([]byte(out), &fs); err != nil {
			t.Fatal(err)
		}
		for _, f := range fs {
			if f.Check == "aks-supported-version" {
				return string(f.Status)
			}
		}
		return "none"
	}
	if got := status("--as-of", "2026-06-01"); got != "pass" {
		t.Errorf("Kubernetes 1.33 on 2026-06-01 (supported until 2026-07-31): %s", got)
	}
	if got := status("--as-of", "2026-09-01"); got != "fail" {
		t.Errorf("Kubernetes 1.33 on 2026-09-01: %s", got)
	}
	if _, _, code := runCLI(t, "azure", "check", "--snapshot", az, "--as-of", "yesterday"); code != exitUsage {
		t.Errorf("--as-of yesterday: exit %d, want %d", code, exitUsage)
	}
	snap := writeFile(t, dir, "snap.json", `{"schema": 1, "collected": "2026-06-01T00:00:00Z", "documents": []}`)
	if _, stderr, _ := runCLI(t, "azure", "check", "--snapshot", snap, "--as-of", "2026-09-01"); !strings.Contains(stderr, "--as-of ignored") {
		t.Errorf("a dated snapshot: stderr %q", stderr)
	}
}

func TestAzureCheckGraphSnapshotOffline(t *testing.T) {
	out, stderr, code := runCLI(t, "azure", "check", "--snapshot", filepath.Join("..", "..", "azure", "testdata", "fixtures-entra-bad.json"))
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, want := range []string{"identity-security-defaults", "users/00000092-0000-4000-8000-000000000092", "sql-tde-enabled"} {
		if !strings.Contains(out, want) {
			t.Errorf("no %q in:\n%s", want, out)
		}
	}
	out, _, code = runCLI(t, "azure", "permissions")
	if code != 0 || !strings.Contains(out, "GET /identity/conditionalAccess/policies") || !strings.Contains(out, "Policy.Read.All") || !strings.Contains(out, "Global Reader") ||
		!strings.Contains(out, "GroupMember.Read.All") || !strings.Contains(out, "/configurations/{require_secure_transport,ssl_min_protocol_version}") || !strings.Contains(out, "Reader role") {
		t.Errorf("permissions (exit %d):\n%s", code, out)
	}
}
