package tui

import (
	"strings"
	"time"
)

// dateShown is how the wizard shows a date, on every screen: "23 Dec 2026".
const dateShown = "2 Jan 2006"

// showDate is a date as the wizard shows it.
func showDate(t time.Time) string { return t.Format(dateShown) }

// parseDate reads a typed date: YYYY-MM-DD (what the prompts ask for), or
// the way the wizard shows dates, "23 Dec 2026".
func parseDate(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	t, err := time.Parse(dateLayout, s)
	if err == nil {
		return t, nil
	}
	if t2, err2 := time.Parse(dateShown, s); err2 == nil {
		return t2, nil
	}
	return t, err
}
