package reports

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
)

// Signer's review 3, finding 1: the security-defaults step needs two
// weeks of preparation; its findings are due 14 days after the report,
// every report says so, and the step names Microsoft's preconditions.
// Finding 2: the lock step says a lock does not stop an Owner.
func TestImmediateStepWithDays(t *testing.T) {
	r := demoResult(t)
	if r.Date.IsZero() {
		t.Fatal("the demo has no report date: the due dates check nothing")
	}
	fs := Findings(r)
	var sd, lock int
	for k, im := range ImmediateSteps(r, fs) {
		switch im.Action.ID {
		case "A-MFA-ALL-USERS":
			sd = k + 1
		case "A-RESOURCE-LOCKS":
			lock = k + 1
		}
	}
	if sd == 0 || lock == 0 {
		t.Fatalf("the demo lacks the security-defaults or the lock step (#%d, #%d)", sd, lock)
	}
	n := 0
	for _, f := range fs {
		switch f.Immediate {
		case sd:
			n++
			if want := r.Date.AddDate(0, 0, 14); !f.Due.Equal(want) || !strings.HasPrefix(f.Window(), "within 14 days") {
				t.Errorf("%s (security defaults): due %s, window %q; want %s, within 14 days", f.ID, f.Due.Format("2006-01-02"), f.Window(), want.Format("2006-01-02"))
			}
			for _, want := range []string{"SMTP AUTH", "14 days to register", "No account can be excluded", "risk logic decides"} {
				if !strings.Contains(f.ImmediateStep, want) {
					t.Errorf("the security-defaults step lacks %q: %s", want, f.ImmediateStep)
				}
			}
		case lock:
			if want := r.Date.AddDate(0, 0, 7); !f.Due.Equal(want) || !strings.HasPrefix(f.Window(), "this week") {
				t.Errorf("%s (locks): due %s, window %q; want a week", f.ID, f.Due.Format("2006-01-02"), f.Window())
			}
			if !strings.Contains(f.ImmediateStep, "not an attacker holding Owner") || strings.Contains(f.ImmediateStep, "cannot delete them") {
				t.Errorf("the lock step still overclaims: %s", f.ImmediateStep)
			}
		}
	}
	if n == 0 {
		t.Fatal("no finding carries the security-defaults step")
	}
	var js bytes.Buffer
	if err := WriteJSON(&js, r, Meta{}); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Immediate []JSONImmediate `json:"immediate"`
	}
	if err := json.Unmarshal(js.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Immediate) < sd || doc.Immediate[sd-1].Days != 14 || doc.Immediate[sd-1].Due != r.Date.AddDate(0, 0, 14).Format("2006-01-02") {
		t.Errorf("JSON immediate step #%d: %+v, want 14 days and its due date", sd, doc.Immediate)
	}
	var md bytes.Buffer
	if err := WriteMarkdown(&md, r, Meta{}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(md.String(), "except #"+itoa(sd)+" within 14 days") {
		t.Errorf("the Immediate block's note does not say step #%d takes 14 days", sd)
	}
}
