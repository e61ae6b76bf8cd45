package azure

import (
	"encoding/json"
	"strings"
	"testing"
)

// Before, a collection kept Defender's aggregate rows whole: user
// principal names in additionalData, free text in status.description, and
// the classic administrators' e-mail addresses went into every snapshot.
// Now only object ids are kept unless --include-names, and the checks
// read the same verdicts from what is kept.
func TestCollectionKeepsObjectIDsOnly(t *testing.T) {
	s := "/subscriptions/" + idSub
	const v1, v2 = "94290b00-4d0c-d7b4-7cea-064a9554e681", "6240402e-f77c-46fa-9060-a7ce53997754"
	a, b := "1a1a1a1a-0000-4000-8000-000000000001", "1a1a1a1a-0000-4000-8000-000000000002"
	docs := []Doc{
		subDoc(),
		assessmentDoc(s, v1, "Unhealthy", map[string]any{
			"displayName": "MFA should be enabled on accounts with owner permissions on Azure resources",
			"status":      map[string]any{"code": "Unhealthy", "cause": "Ask ann@contoso.example", "description": "Ann Lee (ann@contoso.example) has no MFA"},
			"additionalData": map[string]any{"usersWithNoMfaObjectIdList": a + ", " + b,
				"userPrincipalNames": []any{"ann@contoso.example", "Bob Smith"}},
			"metadata": map[string]any{"description": "free text naming bob@contoso.example"}}),
		subAssessmentDoc(s, v2, a, "Unhealthy"),
		{"id": s + "/providers/Microsoft.Authorization/classicAdministrators/c1", "type": typeClassicAdmin, "subscriptionId": idSub,
			"properties": map[string]any{"emailAddress": "carol@contoso.example", "role": "CoAdministrator", "adminState": "Enabled"}},
	}
	docs[2]["properties"].(map[string]any)["status"] = map[string]any{"code": "Unhealthy", "description": "dave@contoso.example"}
	var kept []Doc
	for _, d := range docs {
		kept = append(kept, minimizeDoc(d, false))
	}
	data, err := (&Snapshot{Documents: kept}).Marshal()
	if err != nil {
		t.Fatal(err)
	}
	for _, leak := range []string{"@", "Bob Smith", "Ann Lee"} {
		if strings.Contains(string(data), leak) {
			t.Errorf("the snapshot keeps %q:\n%s", leak, data)
		}
	}
	for _, want := range []string{a, b, "Unhealthy", "CoAdministrator", "MFA should be enabled"} {
		if !strings.Contains(string(data), want) {
			t.Errorf("the snapshot lost %q", want)
		}
	}
	for _, check := range []string{"identity-mfa-owners", "classic-administrators"} {
		before, after := findingOf(t, docs, check), findingOf(t, kept, check)
		if before.Status != after.Status || before.Detail != after.Detail {
			t.Errorf("%s: %s %q on the whole rows, %s %q on what is kept", check, before.Status, before.Detail, after.Status, after.Detail)
		}
	}
	// --include-names keeps the rows as Azure gave them.
	whole, _ := json.Marshal(minimizeDoc(docs[3], true))
	if !strings.Contains(string(whole), "carol@contoso.example") {
		t.Error("--include-names dropped the administrator's address")
	}
	// The original rows are not modified.
	if docs[1].Str("properties", "additionalData", "userPrincipalNames") == "" && docs[1].List("properties", "additionalData", "userPrincipalNames") == nil {
		t.Error("minimizeDoc modified the row it was given")
	}
}
