package azure

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	q "github.com/ssrm/ssrm/questionnaire"
	"github.com/ssrm/ssrm/scoring"
)

// fixedNow is the date the date-based checks (end of support) are judged
// at in tests, so the fixtures do not age.
var fixedNow = time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)

func loadFixtures(t *testing.T) []Doc {
	t.Helper()
	return loadFixtureFile(t, "testdata/fixtures.json").Documents
}

func loadFixtureFile(t *testing.T, path string) *Snapshot {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	s, err := ParseSnapshot(data)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestFixtures runs the catalogue over realistic documents (mixed casing,
// missing fields, placeholders, both shapes of Defender's identity rows)
// and compares with the "_expect" each document carries; every automated
// check must have a passing and a failing fixture. Each testdata/fixtures*.json
// is a tenant of its own: fixtures.json a mixed one, fixtures-healthy.json
// (a snapshot, with its query list) one subscription where Defender finds
// nothing.
func TestFixtures(t *testing.T) {
	files, _ := filepath.Glob("testdata/fixtures*.json")
	if len(files) < 2 {
		t.Fatalf("fixture files %v", files)
	}
	seen := map[string]map[Status]bool{}
	for _, file := range files {
		s := loadFixtureFile(t, file)
		if s.Collected.IsZero() {
			s.Collected = fixedNow
		}
		got := map[string]Status{}
		for _, f := range RunSnapshot(s, Catalog()) {
			got[f.Check+" "+f.ResourceID] = f.Status
		}
		for _, d := range fixtureDocs(s) {
			exp, _ := d.Get("_expect").(map[string]any)
			for check, st := range exp {
				want := Status(st.(string))
				if _, ok := CheckByID(check); !ok {
					t.Errorf("%s: fixture %s expects unknown check %s", file, d.ID(), check)
				}
				if g := got[check+" "+d.ID()]; g != want {
					t.Errorf("%s: %s on %s = %q, want %q", file, check, d.ID(), g, want)
				}
				if seen[check] == nil {
					seen[check] = map[Status]bool{}
				}
				seen[check][want] = true
			}
		}
	}
	for _, c := range Catalog() {
		if c.Eval == nil {
			continue
		}
		if !seen[c.ID][Pass] || !seen[c.ID][Fail] {
			t.Errorf("check %s needs a passing and a failing fixture in testdata/fixtures*.json", c.ID)
		}
	}
}

var mcsbRe = regexp.MustCompile(`^(NS|IM|PA|DP|AM|LT|IR|PV|ES|BR|DS|GS)-\d+$`)

func TestCatalogIsComplete(t *testing.T) {
	b, err := q.DefaultBank()
	if err != nil {
		t.Fatal(err)
	}
	domains := map[string]bool{}
	for _, d := range b.Domains {
		domains[d.ID] = true
	}
	ids := map[string]bool{}
	automated := 0
	for _, c := range Catalog() {
		if ids[c.ID] {
			t.Errorf("duplicate check id %s", c.ID)
		}
		ids[c.ID] = true
		if c.Title == "" || c.Remediation == "" || len(c.Questions) == 0 {
			t.Errorf("%s: title, remediation and questions are required", c.ID)
		}
		if c.Layer != q.LayerApplications && c.Layer != q.LayerHosts && c.Layer != q.LayerNetworks && c.Layer != q.LayerFoundation {
			t.Errorf("%s: layer %q", c.ID, c.Layer)
		}
		if !domains[c.Domain] {
			t.Errorf("%s: domain %q is not one of the bank's", c.ID, c.Domain)
		}
		if c.Severity != High && c.Severity != Medium && c.Severity != Low {
			t.Errorf("%s: severity %q", c.ID, c.Severity)
		}
		if !mcsbRe.MatchString(c.MCSB) {
			t.Errorf("%s: MCSB control %q", c.ID, c.MCSB)
		}
		switch {
		case c.Eval != nil && c.Manual != "" && c.Table != TableGraph && c.Table != TableARM:
			t.Errorf("%s: only checks over Graph or ARM reads say how to verify by hand what was not collected", c.ID)
		case c.Eval == nil && c.Manual == "":
			t.Errorf("%s: no function and no manual instructions", c.ID)
		case c.Eval != nil:
			automated++
			if strings.TrimSpace(c.Absent) == "" {
				t.Errorf("%s: no rule for a missing property (Absent)", c.ID)
			}
			if len(c.Types) == 0 {
				t.Errorf("%s: no resource types", c.ID)
			}
			for _, ty := range c.Types {
				if ty != strings.ToLower(ty) {
					t.Errorf("%s: type %s is not lower case", c.ID, ty)
				}
			}
		}
	}
	if automated < 150 || len(Catalog()) < 165 {
		t.Errorf("%d checks, %d automated: want at least 165, 150 automated", len(Catalog()), automated)
	}
	t.Logf("%d checks: %d automated, %d to verify by hand", len(Catalog()), automated, len(Catalog())-automated)
}

// TestChecksInformBankQuestions: every question a check declares is in the
// default bank.
func TestChecksInformBankQuestions(t *testing.T) {
	b, err := q.DefaultBank()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range Catalog() {
		for _, id := range c.Questions {
			if _, ok := b.Question(id); !ok {
				t.Errorf("check %s informs question %s, which the default bank does not have", c.ID, id)
			}
		}
	}
}

// notYetImplemented are check ids the bank names that Resource Graph could
// answer but the catalogue does not have yet. The list is the visible
// backlog: TestBankChecksAreImplemented prints it on every run, fails for
// any other missing id, and fails when an id here gets implemented (take it
// off the list).
var notYetImplemented = map[string]string{
	// Empty: every id the bank names is automated or a "verify by hand" entry.
}

// TestBankChecksAreImplemented: every check id the bank names is in the
// catalogue, automated or documented as "verify by hand" (Manual), or on
// the visible notYetImplemented backlog.
func TestBankChecksAreImplemented(t *testing.T) {
	b, err := q.DefaultBank()
	if err != nil {
		t.Fatal(err)
	}
	missing := map[string][]string{}
	for _, qq := range b.Questions {
		for _, id := range qq.Checks {
			if _, ok := CheckByID(id); !ok {
				missing[id] = append(missing[id], qq.ID)
			}
		}
	}
	var pending, unknown []string
	for id, qs := range missing {
		line := id + " (asked by " + strings.Join(qs, ", ") + ")"
		if why, ok := notYetImplemented[id]; ok {
			pending = append(pending, line+": "+why)
		} else {
			unknown = append(unknown, line)
		}
	}
	sort.Strings(pending)
	sort.Strings(unknown)
	if len(pending) > 0 {
		t.Logf("%d bank check ids not implemented yet (no evidence for them):\n  %s", len(pending), strings.Join(pending, "\n  "))
	}
	if len(unknown) > 0 {
		t.Errorf("%d check ids named in the bank are neither implemented, documented as verify-by-hand, nor on the backlog:\n  %s", len(unknown), strings.Join(unknown, "\n  "))
	}
	for id := range notYetImplemented {
		if _, ok := CheckByID(id); ok {
			t.Errorf("%s is implemented now: take it off notYetImplemented", id)
		}
	}
}

func TestRunToleratesMessyDocuments(t *testing.T) {
	weird := []Doc{
		nil, {}, {"type": 42}, {"type": nil, "id": []any{1}},
		{"type": "microsoft.network/networksecuritygroups", "properties": map[string]any{"securityRules": []any{nil, 3, "x", map[string]any{"properties": "y"}}}},
		{"type": "microsoft.network/virtualnetworks", "properties": map[string]any{"subnets": map[string]any{"a": 1}}},
		{"type": "microsoft.compute/virtualmachines", "properties": []any{}},
		{"type": "microsoft.security/securescores", "properties": map[string]any{"score": map[string]any{"percentage": "0.5"}}},
		{"type": "microsoft.resources/subscriptions", "id": "/subscriptions/"},
		{"type": "microsoft.authorization/roleassignments", "properties": map[string]any{"scope": nil, "roleDefinitionId": 7}},
		{"TYPE": "Microsoft.Web/Sites", "ID": "/subscriptions/x/providers/Microsoft.Web/sites/a", "Properties": map[string]any{"HttpsOnly": "true"}},
	}
	fs := Run(weird, Catalog())
	var https *Finding
	for i, f := range fs {
		if f.Check == "appservice-https-only" {
			https = &fs[i]
		}
	}
	if https == nil || https.Status != Pass {
		t.Errorf("keys in other casings should read: %+v", https)
	}
}

func TestSnapshotFormats(t *testing.T) {
	cases := map[string]struct {
		in     string
		source string
		n      int
		trunc  bool
	}{
		"az graph query": {`{"count": 2, "data": [{"id": "/a", "type": "x"}, {"id": "/b"}], "skip_token": null, "total_records": 2}`, "az-graph-query", 2, false},
		"az truncated":   {`{"count": 1, "data": [{"id": "/a"}], "skip_token": "ew0KI"}`, "az-graph-query", 1, true},
		"rest page":      {`{"totalRecords": 3, "count": 1, "data": [{"id": "/a"}, 5, null], "resultTruncated": "false", "$skipToken": "x"}`, "rest-page", 1, true},
		"rest table": {`{"totalRecords": 2, "count": 2, "data": {"columns": [{"name": "id", "type": "string"}, {"name": "type", "type": "string"}],
			"rows": [["/a", "microsoft.keyvault/vaults"], ["/b", "microsoft.sql/servers"]]}}`, "rest-page", 2, false},
		"array":    {"\ufeff[{\"id\": \"/a\"}]", "array", 1, false},
		"snapshot": {`{"schema": 1, "collected": "2026-11-20T09:00:00Z", "documents": [{"id": "/a"}], "queries": [{"name": "resources", "table": "resources", "rows": 1, "pages": 1}]}`, "snapshot", 1, false},
	}
	for name, tc := range cases {
		s, err := ParseSnapshot([]byte(tc.in))
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if s.Source != tc.source || len(s.Documents) != tc.n || s.Truncated != tc.trunc {
			t.Errorf("%s: source %s, %d documents, truncated %v", name, s.Source, len(s.Documents), s.Truncated)
		}
	}
	for _, bad := range []string{``, `{}`, `{"data": 5}`, `{"schema": 99, "documents": []}`, `nonsense`, `{"data": {"x": 1}}`} {
		if _, err := ParseSnapshot([]byte(bad)); err == nil {
			t.Errorf("%q: want an error", bad)
		}
	}
}

func testBank(t *testing.T) *q.Bank {
	t.Helper()
	b, err := q.DefaultBank()
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestApplyAndContradictions(t *testing.T) {
	b := testBank(t)
	a := q.NewAssessment(b, q.Profile{Organization: "Contoso", Size: "small", Sensitivity: "high", Models: []q.Model{q.IaaS, q.PaaS}}, time.Now())
	a.SetAnswer("ID-MFA-ADMIN", q.Answer{Status: q.Answered, Level: 4}, time.Now())
	a.SetAnswer("NET-DDOS", q.Answer{Status: q.Answered, Level: 1}, time.Now())
	a.Evidence = map[string][]q.Evidence{"ID-MFA-ADMIN": {{Source: "note", Detail: "screenshot of CA policy"}}, "NET-DDOS": {{Source: SourceLive, Check: "old", Status: "fail"}}}
	when := time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)
	res := Apply(b, a, RunAt(loadFixtures(t), Catalog(), fixedNow), when)
	if res.Questions == 0 || res.Findings == 0 {
		t.Fatalf("applied %+v", res)
	}
	mfa := a.Evidence["ID-MFA-ADMIN"]
	if len(mfa) == 0 || mfa[0].Source != "note" {
		t.Fatalf("MFA evidence %+v: the note must be kept", mfa)
	}
	var live *q.Evidence
	for i, e := range mfa {
		if e.Check == "identity-mfa-owners" {
			live = &mfa[i]
		}
	}
	if live == nil || live.Source != SourceLive || live.Status != "fail" || live.Severity != "high" || live.Suggested == nil || !live.Collected.Equal(when) {
		t.Fatalf("MFA live evidence %+v", live)
	}
	if !strings.Contains(live.Detail, "1 of 2 fail") || strings.Contains(live.Detail, "contradicts") {
		t.Errorf("detail %q: the finding, and no note on the answer (scoring works that out)", live.Detail)
	}
	for _, e := range a.Evidence["NET-DDOS"] {
		if e.Check == "old" {
			t.Error("earlier live evidence should be replaced")
		}
	}
	// Manual checks come as "verify by hand", never as a pass.
	foundManual := false
	for _, e := range a.Evidence["MON-LOGS"] {
		if e.Check == "diagnostic-settings" {
			foundManual = true
			if e.Status != "na" || !strings.HasPrefix(e.Detail, "Verify by hand") || e.Suggested != nil {
				t.Errorf("diagnostic-settings evidence %+v", e)
			}
		}
	}
	if !foundManual {
		t.Error("no verify-by-hand reminder for diagnostic settings on MON-LOGS")
	}
	cs := scoring.Compute(b, a, scoring.Options{}).Contradictions
	var mfaC *scoring.Contradiction
	for i := range cs {
		if cs[i].QuestionID == "ID-MFA-ADMIN" {
			mfaC = &cs[i]
		}
		if cs[i].QuestionID == "NET-DDOS" {
			t.Errorf("NET-DDOS answered 1, at or below the evidence: not a contradiction")
		}
	}
	if mfaC == nil || mfaC.AnsweredLevel != 4 || mfaC.SuggestedLevel >= 4 || len(mfaC.Findings) != 2 {
		t.Fatalf("MFA contradiction %+v in %+v", mfaC, cs)
	}
	// Idempotent: applying again gives the same evidence.
	before, _ := json.Marshal(a.Evidence)
	Apply(b, a, RunAt(loadFixtures(t), Catalog(), fixedNow), when)
	after, _ := json.Marshal(a.Evidence)
	if string(before) != string(after) {
		t.Error("a second Apply changed the evidence")
	}
}

func TestSuggestLevelSnapsToOptions(t *testing.T) {
	qq := &q.Question{Options: []q.Option{{Level: 0}, {Level: 1}, {Level: 3}, {Level: 4}, {Level: 5}}}
	for _, tc := range []struct{ p, f, want int }{{5, 0, 3}, {3, 1, 1}, {1, 3, 1}, {0, 2, 0}} {
		if got, ok := SuggestLevel(qq, tc.p, tc.f); !ok || got != tc.want {
			t.Errorf("%d pass %d fail: %d, want %d", tc.p, tc.f, got, tc.want)
		}
	}
	if _, ok := SuggestLevel(qq, 0, 0); ok {
		t.Error("no evidence, no suggestion")
	}
}

// preciseQuestions are the checks whose subject has a question of its own
// in the bank beside a more general one they used to point at alone: each
// must name the precise question (bank 2026.12).
var preciseQuestions = map[string]string{
	"identity-break-glass":          "PA-BREAK-GLASS",
	"identity-pim-privileged":       "PA-PIM",
	"azure-pim-privileged":          "PA-PIM",
	"identity-legacy-auth-blocked":  "ID-LEGACY-AUTH",
	"user-consent-allowed":          "ID-CONSENT",
	"storage-shared-key":            "DATA-STORAGE-KEYS",
	"storage-sas-expiry-policy":     "DATA-STORAGE-KEYS",
	"storage-key-expiry":            "DATA-KEY-LIFECYCLE",
	"aks-supported-version":         "HOST-AKS-UPGRADE",
	"aks-auto-upgrade":              "HOST-AKS-UPGRADE",
	"aks-node-os-upgrade":           "HOST-AKS-UPGRADE",
	"sql-auditing":                  "APP-SQL-AUDIT",
	"keyvault-secret-expiry":        "DATA-KEY-LIFECYCLE",
	"app-secret-expiry":             "DATA-KEY-LIFECYCLE",
	"storage-cmk":                   "DATA-KEYS",
	"identity-risk-policies":        "ID-PROTECTION",
	"identity-blocked-owners":       "ID-LEAVERS",
	"identity-blocked-accounts":     "ID-LEAVERS",
	"defender-plans":                "MON-DEFENDER-PLANS",
	"public-ip-inventory":           "NET-EASM",
	"log-analytics-retention":       "MON-RETENTION",
	"defender-security-contact":     "MON-ALERT-CONTACTS",
	"identity-admin-mfa-registered": "ID-MFA-ADMIN",
}

// TestChecksNamePreciseQuestions: a check names the precise question of
// its subject (preciseQuestions), every question the bank says a check
// informs (its checks: list) is named by that check in turn, and every
// question a check names is in the bank.
func TestChecksNamePreciseQuestions(t *testing.T) {
	b, err := q.DefaultBank()
	if err != nil {
		t.Fatal(err)
	}
	inBank := map[string]bool{}
	for _, qq := range b.Questions {
		inBank[qq.ID] = true
	}
	names := func(c Check, id string) bool {
		for _, x := range c.Questions {
			if x == id {
				return true
			}
		}
		return false
	}
	for id, want := range preciseQuestions {
		c, ok := CheckByID(id)
		switch {
		case !ok:
			t.Errorf("%s: no such check", id)
		case !inBank[want]:
			t.Errorf("%s: question %s is not in the bank", id, want)
		case !names(c, want):
			t.Errorf("%s names %v, not the precise question %s", id, c.Questions, want)
		}
	}
	for _, qq := range b.Questions {
		for _, id := range qq.Checks {
			if c, ok := CheckByID(id); ok && !names(c, qq.ID) {
				t.Errorf("the bank's %s names check %s, whose questions %v do not name it back", qq.ID, id, c.Questions)
			}
		}
	}
	for _, c := range Catalog() {
		for _, x := range c.Questions {
			if !inBank[x] {
				t.Errorf("%s names %s, which is not in the bank", c.ID, x)
			}
		}
	}
}
