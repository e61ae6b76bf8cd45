package main

import (
	"os"
	"path/filepath"
	"testing"
)

// TestBrandBeside: ssrm report without --brand takes the brand file
// beside the assessment (the demo's demo-brand.yaml, or brand.yaml), so the
// editions of one assessment carry one brand (review 3, finding 17).
func TestBrandBeside(t *testing.T) {
	dir := t.TempDir()
	demo := filepath.Join(dir, "demo-assessment.json")
	other := filepath.Join(dir, "client.json")
	if got := brandBeside(demo); got != "" {
		t.Errorf("no brand file yet, got %q", got)
	}
	if err := os.WriteFile(filepath.Join(dir, demoBrandFile), []byte("firm: X\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if got := brandBeside(demo); got != filepath.Join(dir, demoBrandFile) {
		t.Errorf("demo assessment: got %q", got)
	}
	if got := brandBeside(other); got != "" {
		t.Errorf("another assessment takes the demo's brand: %q", got)
	}
	if err := os.WriteFile(filepath.Join(dir, "brand.yaml"), []byte("firm: Y\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if got := brandBeside(other); got != filepath.Join(dir, "brand.yaml") {
		t.Errorf("brand.yaml: got %q", got)
	}
	if got := brandBeside("-"); got != "" {
		t.Errorf("stdin: got %q", got)
	}
}
