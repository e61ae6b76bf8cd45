package questionnaire

import (
	"strings"
	"testing"
)

// TestStaleFactsWarn: bank lint warns about a fact whose data is more than
// StaleFactYears older than the bank's version, and about an unreadable
// year, naming the fact; a recent fact raises nothing.
func TestStaleFactsWarn(t *testing.T) {
	b := &Bank{Version: "2026.12", Facts: []Fact{
		{ID: "F-OLD", Published: "2019"},
		{ID: "F-NEW", Published: "2025-06-01"},
		{ID: "F-EDGE", Published: "2023"},
		{ID: "F-BAD", Published: "last year"},
		{ID: "F-NONE"},
	}}
	w := strings.Join(b.Warnings(), "\n")
	for _, want := range []string{"fact F-OLD: its data is from 2019, 7 years", `fact F-BAD: published "last year"`} {
		if !strings.Contains(w, want) {
			t.Errorf("warnings lack %q:\n%s", want, w)
		}
	}
	for _, not := range []string{"F-NEW", "F-EDGE", "F-NONE"} {
		if strings.Contains(w, not) {
			t.Errorf("warning about %s:\n%s", not, w)
		}
	}
	// The default bank dates every statistic it quotes.
	d, err := DefaultBank()
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range d.Facts {
		if f.Year() == 0 && f.ID != "F-DEFAULTS" {
			t.Errorf("fact %s has no published year", f.ID)
		}
	}
	if mfa, _ := d.Fact("F-MANDATORY-MFA"); !strings.Contains(mfa.Text, "1 October 2025") || strings.Contains(mfa.Text, "second phase in 2025") {
		t.Errorf("F-MANDATORY-MFA still describes phase 2 as coming: %q", mfa.Text)
	}
}

// TestShortLaddersWarn: bank lint names the questions whose actions never
// reach the target for the most sensitive data, and only those.
func TestShortLaddersWarn(t *testing.T) {
	d, err := DefaultBank()
	if err != nil {
		t.Fatal(err)
	}
	var w string
	for _, x := range d.Warnings() {
		if strings.Contains(x, "no action that reaches level 4") {
			w = x
		}
	}
	for _, want := range []string{"ID-MFA-USERS (3)", "NET-FIREWALL (3)"} {
		if !strings.Contains(w, want) {
			t.Errorf("%s not named: %q", want, w)
		}
	}
	for _, not := range []string{"ID-MFA-ADMIN", "PA-BREAK-GLASS", "NET-IDS"} { // their actions reach 4, 5 and 4
		if strings.Contains(w, not+" (") {
			t.Errorf("%s named: %q", not, w)
		}
	}
}
