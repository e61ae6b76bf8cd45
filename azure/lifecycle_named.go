package azure

import (
	"regexp"
	"strings"
	"time"

	"github.com/ssrm/ssrm/reports"
)

// namedOS maps the way people write an operating system in notes and
// justifications ("Windows Server 2016", "Ubuntu 18.04", "RHEL 7") to the
// marketplace prefix of osSupport, whose dates it reuses.
var namedOS = []struct {
	re     *regexp.Regexp
	name   string // with $1 for the version
	prefix string // with $1
	source string
}{
	{regexp.MustCompile(`(?i)\bwindows server (2008|2012|2016|2019|2022|2025)\b`), "Windows Server $1", "microsoftwindowsserver/windowsserver/$1", "Microsoft Lifecycle, Windows Server"},
	{regexp.MustCompile(`(?i)\bubuntu (14\.04|16\.04|18\.04)\b`), "Ubuntu $1", "canonical/ubuntuserver/$1", "Canonical, Ubuntu release cycle"},
	{regexp.MustCompile(`(?i)\b(?:rhel|red hat enterprise linux) ?(6|7|8|9)\b`), "Red Hat Enterprise Linux $1", "redhat/rhel/$1", "Red Hat Enterprise Linux life cycle"},
	{regexp.MustCompile(`(?i)\bdebian (10|11|12)\b`), "Debian $1", "debian/debian-$1/", "Debian LTS"},
}

// EndsNamedIn finds the operating systems a text names and the end of
// their standard support from ssrm's lifecycle data (reviewed
// LifecycleReviewed), for reports to check risk acceptances against
// (reports.Meta.EndOfSupport). A product it does not know is left out,
// never given a date.
func EndsNamedIn(text string) []reports.SupportEnd {
	var out []reports.SupportEnd
	seen := map[string]bool{}
	for _, n := range namedOS {
		for _, m := range n.re.FindAllStringSubmatch(text, -1) {
			v := strings.ToLower(m[1])
			prefix := strings.ReplaceAll(n.prefix, "$1", v)
			name := strings.ReplaceAll(n.name, "$1", m[1])
			if seen[name] {
				continue
			}
			for _, e := range osSupport {
				if !strings.HasPrefix(e.match, prefix) && !strings.HasPrefix(prefix, e.match) {
					continue
				}
				end, err := time.Parse("2006-01-02", e.ends)
				if err != nil {
					break
				}
				seen[name] = true
				out = append(out, reports.SupportEnd{Product: name, Ends: end,
					Source: n.source + ", checked " + checkedDay()})
				break
			}
		}
	}
	return out
}

// checkedDay is LifecycleReviewed as a report prints it ("25 Nov 2026").
func checkedDay() string {
	if t, err := time.Parse("2006-01-02", LifecycleReviewed); err == nil {
		return t.Format("2 Jan 2006")
	}
	return LifecycleReviewed
}
