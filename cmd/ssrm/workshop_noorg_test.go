package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestWorkshopPackWithoutOrgSaysYourOrganization: a pack made before the
// organization is named is titled "Your organization", not "—".
func TestWorkshopPackWithoutOrgSaysYourOrganization(t *testing.T) {
	dir := t.TempDir()
	code, out, errs := ssrm(t, "--bank", smallBank, "workshop", "pack", "-o", dir, "--size", "small", "--sensitivity", "moderate", "--models", "iaas", "--date", "2026-12-01")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if !strings.Contains(out, "for Your organization") || strings.Contains(out, "—") {
		t.Errorf("summary: %s", out)
	}
	md, _ := os.ReadFile(filepath.Join(dir, "agenda.md"))
	if !strings.HasPrefix(string(md), "# Workshop agenda: Your organization\n") {
		t.Errorf("agenda.md begins %.60q", md)
	}
}
