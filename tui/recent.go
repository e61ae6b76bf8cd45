package tui

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	q "github.com/ssrm/ssrm/questionnaire"
)

// Recent is one assessment the wizard opened lately.
type Recent struct {
	Path         string    `json:"path"`
	Organization string    `json:"organization,omitempty"`
	Opened       time.Time `json:"opened"`
}

const maxRecent = 8

// ConfigDir is where ssrm keeps its small state: $SSRM_CONFIG_DIR, else
// the user's config directory plus "ssrm".
func ConfigDir() (string, error) {
	if d := os.Getenv("SSRM_CONFIG_DIR"); d != "" {
		return d, nil
	}
	d, err := os.UserConfigDir()
	if err != nil {
		return "", fmt.Errorf("find config directory: %w", err)
	}
	return filepath.Join(d, "ssrm"), nil
}

// LoadRecent reads the recent-files list, newest first, leaving out files
// that no longer exist. A missing or damaged list is an empty one.
func LoadRecent(dir string) []Recent {
	data, err := os.ReadFile(filepath.Join(dir, "recent.json"))
	if err != nil {
		return nil
	}
	var rs []Recent
	if json.Unmarshal(data, &rs) != nil {
		return nil
	}
	out := rs[:0]
	for _, r := range rs {
		if _, err := os.Stat(r.Path); err == nil {
			out = append(out, r)
		}
	}
	return out
}

// AddRecent puts path at the top of the recent-files list.
func AddRecent(dir, path, org string, now time.Time) error {
	if dir == "" {
		return nil
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return err
	}
	rs := []Recent{{Path: abs, Organization: org, Opened: now}}
	for _, r := range LoadRecent(dir) {
		if r.Path != abs && len(rs) < maxRecent {
			rs = append(rs, r)
		}
	}
	if err := os.MkdirAll(dir, 0o700); err != nil && !errors.Is(err, os.ErrExist) {
		return fmt.Errorf("recent files: %w", err)
	}
	data, _ := json.MarshalIndent(rs, "", "  ")
	return q.WriteFileAtomic(filepath.Join(dir, "recent.json"), append(data, '\n'))
}
