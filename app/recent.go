package app

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	q "github.com/ssrm/ssrm/questionnaire"
)

// Recent is one assessment opened lately.
type Recent struct {
	Path         string    `json:"path"`
	Organization string    `json:"organization,omitempty"`
	Opened       time.Time `json:"opened"`
}

// MaxRecent is how many files the recent-files list keeps.
const MaxRecent = 8

// UserConfigDir is where ssrm keeps its small state by default: the user's
// config directory plus "ssrm". (cmd lets $SSRM_CONFIG_DIR override it.)
func UserConfigDir() (string, error) {
	d, err := os.UserConfigDir()
	if err != nil {
		return "", fmt.Errorf("find config directory: %w", err)
	}
	return filepath.Join(d, "ssrm"), nil
}

// LoadRecent reads the recent-files list kept in dir, newest first,
// leaving out files that no longer exist. A missing or damaged list is an
// empty one; so is dir "".
func LoadRecent(dir string) []Recent {
	if dir == "" {
		return nil
	}
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

// AddRecent puts path at the top of the recent-files list in dir ("" keeps
// none). org is what the list may say about the file: "" for an encrypted
// one (see RecentName).
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
		if r.Path != abs && len(rs) < MaxRecent {
			rs = append(rs, r)
		}
	}
	if err := os.MkdirAll(dir, 0o700); err != nil && !errors.Is(err, os.ErrExist) {
		return fmt.Errorf("recent files: %w", err)
	}
	data, _ := json.MarshalIndent(rs, "", "  ")
	return q.WriteFileAtomic(filepath.Join(dir, "recent.json"), append(data, '\n'))
}

// RecentName is what the recent-files list may say about an assessment:
// its organization, unless the file is encrypted (the list is plain text).
func RecentName(a *q.Assessment) string {
	if a.Encrypted() {
		return ""
	}
	return a.Profile.Organization
}
