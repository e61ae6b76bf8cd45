package azure

import (
	"strings"
	"testing"
)

const idSub = "0d0d0d0d-1111-4222-8333-444444444444"

func subDoc() Doc {
	return Doc{"id": "/subscriptions/" + idSub, "type": typeSubscription, "subscriptionId": idSub}
}

func assessmentDoc(scope, key, code string, extra map[string]any) Doc {
	p := map[string]any{"status": map[string]any{"code": code}}
	for k, v := range extra {
		p[k] = v
	}
	return Doc{"id": scope + "/providers/Microsoft.Security/assessments/" + key, "name": key, "type": typeAssessment, "subscriptionId": idSub, "properties": p}
}

func subAssessmentDoc(scope, key, oid, code string) Doc {
	return Doc{"id": scope + "/providers/Microsoft.Security/assessments/" + key + "/subassessments/" + oid, "name": oid,
		"type": typeSubAssessment, "subscriptionId": idSub, "properties": map[string]any{"status": map[string]any{"code": code}}}
}

func findingOf(t *testing.T, docs []Doc, check string) Finding {
	t.Helper()
	var out []Finding
	for _, f := range Run(docs, Catalog()) {
		if f.Check == check {
			out = append(out, f)
		}
	}
	if len(out) != 1 {
		t.Fatalf("%s: %d findings %+v, want 1", check, len(out), out)
	}
	return out[0]
}

// TestIdentityBothShapes: the owner-MFA recommendation as Microsoft has
// shaped it — V1 key on the subscription with the accounts in
// additionalData, V2 key with one sub-assessment per account, V2 parent rows
// on resource groups only, sub-assessments with no parent row at all — is
// read the same way, and the accounts are counted once.
func TestIdentityBothShapes(t *testing.T) {
	s := "/subscriptions/" + idSub
	const v1, v2 = "94290b00-4d0c-d7b4-7cea-064a9554e681", "6240402e-f77c-46fa-9060-a7ce53997754"
	a, b := "1a1a1a1a-0000-4000-8000-000000000001", "1a1a1a1a-0000-4000-8000-000000000002"
	cases := map[string]struct {
		docs []Doc
		want Status
		n    string
	}{
		"V1 aggregate with ids": {[]Doc{subDoc(), assessmentDoc(s, strings.ToUpper(v1), "Unhealthy",
			map[string]any{"additionalData": map[string]any{"usersWithNoMfaObjectIdList": a + ", " + b, "userPrincipalNames": []any{"ann@contoso.example"}}})}, Fail, "2 account(s)"},
		"V1 aggregate without ids": {[]Doc{subDoc(), assessmentDoc(s, v1, "Unhealthy", nil)}, Fail, "some account(s)"},
		"V2 parent and per identity": {[]Doc{subDoc(), assessmentDoc(s+"/resourceGroups/rg1", v2, "Unhealthy", nil),
			subAssessmentDoc(s+"/resourceGroups/rg1", v2, a, "Unhealthy"), subAssessmentDoc(s+"/resourceGroups/rg2", v2, a, "Unhealthy"),
			subAssessmentDoc(s, v2, b, "Unhealthy")}, Fail, "2 account(s)"},
		"V2 per identity only": {[]Doc{subDoc(), subAssessmentDoc(s, v2, a, "Unhealthy")}, Fail, "1 account(s)"},
		"both shapes mixed": {[]Doc{subDoc(), assessmentDoc(s, v1, "Unhealthy", map[string]any{"additionalData": map[string]any{"usersWithNoMfaObjectIdList": []any{a}}}),
			subAssessmentDoc(s, v2, b, "Unhealthy"), assessmentDoc(s, v2, "Healthy", nil)}, Fail, "2 account(s)"},
		"display name only": {[]Doc{subDoc(), assessmentDoc(s, "9f9f9f9f-0000-4000-8000-000000000000", "Unhealthy",
			map[string]any{"displayName": "Accounts with owner permissions on Azure resources should be MFA enabled"})}, Fail, "some account(s)"},
		"healthy both":   {[]Doc{subDoc(), assessmentDoc(s, v1, "Healthy", nil), assessmentDoc(s+"/resourceGroups/rg1", v2, "Healthy", nil)}, Pass, ""},
		"not applicable": {[]Doc{subDoc(), assessmentDoc(s, v2, "NotApplicable", map[string]any{"status": map[string]any{"code": "NotApplicable", "cause": "NoOwners"}})}, NA, ""},
		// Sub-assessments name the finding, not the recommendation: a
		// display name is no fallback for them.
		"foreign sub-assessment": {[]Doc{subDoc(), subAssessmentDoc(s, "4ab6e3c5-74dd-8b35-9ab9-f61b30875b27", a, "Unhealthy"), assessmentDoc(s, v2, "Healthy", nil)}, Pass, ""},
	}
	for name, tc := range cases {
		f := findingOf(t, tc.docs, "identity-mfa-owners")
		if f.Status != tc.want || !strings.Contains(f.Detail, tc.n) {
			t.Errorf("%s: %s %q, want %s with %q", name, f.Status, f.Detail, tc.want, tc.n)
		}
		if strings.Contains(f.Detail, "@") || strings.Contains(f.Detail, "ann") {
			t.Errorf("%s: the detail names an account: %q", name, f.Detail)
		}
	}
	if fs := Run([]Doc{subDoc()}, Catalog()); len(fs) != 0 {
		for _, f := range fs {
			if c, _ := CheckByID(f.Check); strings.HasPrefix(f.Check, "identity-") && c.Table != TableGraph {
				t.Errorf("no Defender rows, yet %s says %s", f.Check, f.Status)
			}
		}
	}
}

// TestHealthyTenantRaisesNoIdentityFinding: where Defender finds every
// account healthy (both shapes), no identity check fails.
func TestHealthyTenantRaisesNoIdentityFinding(t *testing.T) {
	s := loadFixtureFile(t, "testdata/fixtures-healthy.json")
	n := 0
	for _, f := range RunSnapshot(s, Catalog()) {
		c, _ := CheckByID(f.Check)
		if c.Domain != "identity" {
			continue
		}
		n++
		if f.Status == Fail {
			t.Errorf("%s fails on a healthy tenant: %s", f.Check, f.Detail)
		}
	}
	if n < 10 {
		t.Errorf("%d identity findings: the healthy fixture should exercise every identity check", n)
	}
}

// TestFindingsNameNoAccount: whatever additionalData carries, findings
// hold object ids only.
func TestFindingsNameNoAccount(t *testing.T) {
	for _, f := range Run(loadFixtures(t), Catalog()) {
		if strings.Contains(f.Detail, "@") || strings.Contains(strings.ToLower(f.Detail), "jane") {
			t.Errorf("%s on %s names an account: %q", f.Check, f.ResourceID, f.Detail)
		}
	}
}

// TestRolesByGUID: role definitions are recognised by their built-in GUIDs
// (User Access Administrator included), not by display names.
func TestRolesByGUID(t *testing.T) {
	s := "/subscriptions/" + idSub
	ra := func(id, role, kind string) Doc {
		return Doc{"id": s + "/providers/Microsoft.Authorization/roleAssignments/" + id, "type": typeRoleAssignment, "subscriptionId": idSub,
			"properties": map[string]any{"scope": s, "principalId": id, "principalType": kind, "roleDefinitionId": s + "/providers/Microsoft.Authorization/roleDefinitions/" + role, "roleName": "Reader"}}
	}
	docs := []Doc{subDoc(), ra("u1", "18d7d88d-d35e-4fb5-a5c3-7773c20a72d9", "ServicePrincipal"), ra("g1", roleOwner, "Group"), ra("g2", roleOwner, "Group")}
	if f := findingOf(t, docs, "sp-owner-role"); f.Status != Fail {
		t.Errorf("a service principal with User Access Administrator: %s %q", f.Status, f.Detail)
	}
	docs = append(docs, ra("u2", "f58310d9-a9f6-439a-9e8d-f62e7b41a168", "User"))
	if f := findingOf(t, docs, "privileged-direct-users"); f.Status != Fail || !strings.Contains(f.Detail, "Role Based Access Control Administrator") {
		t.Errorf("a user with RBAC Administrator: %s %q", f.Status, f.Detail)
	}
	for _, g := range []string{"8e3af657-a8ff-443c-a75c-2fe8c4bcb635", "b24988ac-6180-42a0-ab88-20f7382dd24c", "18d7d88d-d35e-4fb5-a5c3-7773c20a72d9", "f58310d9-a9f6-439a-9e8d-f62e7b41a168"} {
		if _, ok := privilegedRoles[g]; !ok {
			t.Errorf("built-in role %s is not privileged", g)
		}
	}
	for i := 0; i < 3; i++ {
		docs = append(docs, ra("o"+string(rune('a'+i)), roleOwner, "Group"))
	}
	if f := findingOf(t, docs, "owner-count"); f.Status != Fail || !strings.Contains(f.Detail, "5 owners") {
		t.Errorf("five owners: %s %q", f.Status, f.Detail)
	}
}

// TestRunSnapshotSkipsJoinsToUnreadTables: when the backup table could not
// be read, machines are not reported as unprotected; when it was read and
// holds nothing for them, they are.
func TestRunSnapshotSkipsJoinsToUnreadTables(t *testing.T) {
	vm := Doc{"id": "/subscriptions/" + idSub + "/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm1", "type": typeVM, "subscriptionId": idSub}
	snap := &Snapshot{Documents: []Doc{subDoc(), vm}, Queries: []QueryStats{{Name: "resources", Table: TableResources}, {Name: "backup", Table: TableRecovery, Error: "HTTP 403"}}}
	count := func() map[Status]int {
		m := map[Status]int{}
		for _, f := range RunSnapshot(snap, Catalog()) {
			if f.Check == "backup-vm-protected" {
				m[f.Status]++
			}
		}
		return m
	}
	if m := count(); len(m) != 0 {
		t.Errorf("backup table unread, yet %v", m)
	}
	snap.Queries[1].Error = ""
	if m := count(); m[Fail] != 1 {
		t.Errorf("backup table read and empty: %v, want one fail", m)
	}
}

// TestQueriesReadWhatTheCatalogueNeeds: the collection asks each table for
// the types the checks and their references read, the identity keys'
// sub-assessments, and recognises the privileged roles by GUID.
func TestQueriesReadWhatTheCatalogueNeeds(t *testing.T) {
	kql := map[string]string{}
	for _, q := range DefaultQueries() {
		kql[q.Table] = q.KQL
	}
	for table, want := range map[string][]string{
		TableResources:     {typeVMExtension, typeFlowLog, typeNetworkWatcher, typePublicIP, typeRegistry, typeRSVault, typeActivityAlert, typeSecurityConnector, "tags"},
		TableSecurity:      {typeSubAssessment, "6240402e-f77c-46fa-9060-a7ce53997754", "94290b00-4d0c-d7b4-7cea-064a9554e681", "1ff0b4c9-ed56-4de6-be9c-d7ab39645926", "just-in-time network access"},
		TableAuthorization: {"18d7d88d-d35e-4fb5-a5c3-7773c20a72d9", "f58310d9-a9f6-439a-9e8d-f62e7b41a168"},
		TableRecovery:      {typeProtectedItem},
		TableGuestConfig:   {typeGuestConfig},
		TablePatches:       {typePatchResult},
	} {
		for _, w := range want {
			if !strings.Contains(kql[table], w) {
				t.Errorf("%s query lacks %s:\n%s", table, w, kql[table])
			}
		}
	}
	if strings.Contains(kql[TableSecurity], "additionalData") {
		t.Error("the security query should not name additionalData")
	}
}

// TestDefenderCauseIsACodeOrNothing: status.cause is documented as a
// programmatic code, but a row carried free text with an e-mail address,
// and it reached md, json and pdf even with --redact. Only a code is
// printed; the human-readable description never is.
func TestDefenderCauseIsACodeOrNothing(t *testing.T) {
	s := "/subscriptions/" + idSub
	const v2 = "6240402e-f77c-46fa-9060-a7ce53997754"
	for cause, want := range map[string]string{
		"NoOwners": "(NoOwners)",
		"Exempted by ann.lee@contoso.example on request": "not applicable",
		"\x1b[2Jclear": "not applicable",
	} {
		docs := []Doc{subDoc(), assessmentDoc(s, v2, "NotApplicable", map[string]any{"status": map[string]any{
			"code": "NotApplicable", "cause": cause, "description": "Ask ann.lee@contoso.example"}})}
		f := findingOf(t, docs, "identity-mfa-owners")
		if !strings.Contains(f.Detail, want) || strings.Contains(f.Detail, "@") || strings.Contains(f.Detail, "\x1b") {
			t.Errorf("cause %q: detail %q", cause, f.Detail)
		}
	}
	// A per-resource topic (system updates) reads the same way.
	vm := Doc{"id": s + "/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm1", "type": "microsoft.compute/virtualmachines", "subscriptionId": idSub}
	upd := assessmentDoc(vm.ID(), "4ab6e3c5-74dd-8b35-9ab9-f61b30875b27", "Unhealthy", map[string]any{"status": map[string]any{
		"code": "Unhealthy", "cause": "see bob@contoso.example", "description": "bob@contoso.example owns it"}})
	for _, f := range Run([]Doc{subDoc(), vm, upd}, Catalog()) {
		if strings.Contains(f.Detail, "@") {
			t.Errorf("%s: %q", f.Check, f.Detail)
		}
	}
}
