package azure

import (
	"fmt"
	"strings"
	"time"
)

// Lifecycle data: vendors' published end-of-support dates, and the date
// they were last checked against their sources. The date-based checks
// (operating systems, language stacks, Kubernetes versions) judge a
// version against the time the collection describes (Inventory.AsOf), never
// against the clock of the machine that runs ssrm, so an old snapshot is
// judged as it was when it was taken and a check's verdict never changes
// by itself.
//
// When the collection is more than lifecycleStale after the review date,
// the finding says so: a version released (or a date extended) since may
// be missing. Review: compare every date with its source, add new
// versions, and move LifecycleReviewed.

// LifecycleReviewed is the date every table below was last compared with
// its source.
const LifecycleReviewed = "2026-11-25"

// lifecycleStale is how long after LifecycleReviewed a finding starts
// saying that the table may be missing newer versions.
const lifecycleStale = 183 * 24 * time.Hour

// versionEnd is one version of a product and the end of its support.
type versionEnd struct {
	version string // "19", "3.1", "8.2": compared component by component
	ends    string // YYYY-MM-DD: the last day of support, or the day it ended
	// extended is the end of paid or opt-in extended support (AKS long-term
	// support), "" when there is none.
	extended string
}

// endUnknown marks a version known to be current whose end-of-support date
// ssrm could not source: it is reported with that gap named, never passed
// and never given an invented date.
const endUnknown = "unknown"

// productLife is one product's published lifecycle.
type productLife struct {
	name   string // "Node.js"
	source string
	// olderEnded: every version older than the oldest listed was out of
	// support before it, so an older version fails rather than "unknown".
	olderEnded bool
	// newerSupported: a version newer than every listed one was released
	// after the review, and the product supports each release at least
	// this long, so it passes while the collection is within this window
	// of LifecycleReviewed (zero: such a version is "unknown").
	newerSupported time.Duration
	versions       []versionEnd
}

// Language stacks of App Service and Functions, by the stack names
// linuxFxVersion uses. Sources read 2026-11-25: Node.js, PHP, Python and
// .NET release schedules as endoflife.date lists them (nodejs, php,
// python, dotnet, dotnetfx, powershell, microsoft-build-of-openjdk), which
// the App Service language runtime support policy follows ("App Service
// follows community support timelines").
var runtimeLife = map[string]*productLife{
	"node": {name: "Node.js", source: "nodejs.org release schedule", olderEnded: true, versions: []versionEnd{
		{"4", "2018-04-30", ""}, {"6", "2019-04-30", ""}, {"8", "2019-12-31", ""}, {"9", "2018-06-30", ""},
		{"10", "2021-04-30", ""}, {"11", "2019-06-30", ""}, {"12", "2022-04-30", ""}, {"13", "2020-06-01", ""},
		{"14", "2023-04-30", ""}, {"15", "2021-06-01", ""}, {"16", "2023-09-11", ""}, {"17", "2022-06-01", ""},
		{"18", "2025-04-30", ""}, {"19", "2023-06-01", ""}, {"20", "2026-04-30", ""}, {"21", "2024-06-01", ""},
		{"22", "2027-04-30", ""}, {"24", "2028-04-30", ""},
	}},
	"php": {name: "PHP", source: "php.net supported versions", olderEnded: true, versions: []versionEnd{
		{"5.3", "2014-08-14", ""}, {"5.4", "2015-09-14", ""}, {"5.5", "2016-07-21", ""}, {"5.6", "2018-12-31", ""},
		{"7.0", "2019-01-10", ""}, {"7.1", "2019-12-01", ""}, {"7.2", "2020-11-30", ""}, {"7.3", "2021-12-06", ""},
		{"7.4", "2022-11-28", ""}, {"8.0", "2023-11-26", ""}, {"8.1", "2025-12-31", ""}, {"8.2", "2026-12-31", ""},
		{"8.3", "2027-12-31", ""}, {"8.4", "2028-12-31", ""},
	}},
	"python": {name: "Python", source: "devguide.python.org/versions", olderEnded: true, versions: []versionEnd{
		{"2.7", "2020-01-01", ""}, {"3.4", "2019-03-18", ""}, {"3.5", "2020-09-30", ""}, {"3.6", "2021-12-23", ""},
		{"3.7", "2023-06-27", ""}, {"3.8", "2024-10-07", ""}, {"3.9", "2025-10-31", ""}, {"3.10", "2026-10-31", ""},
		{"3.11", "2027-10-31", ""}, {"3.12", "2028-10-31", ""}, {"3.13", "2029-10-31", ""}, {"3.14", "2030-10-31", ""},
	}},
	// .NET (Core) as linuxFxVersion DOTNETCORE|x.y or DOTNET|x.y, and as
	// Windows netFrameworkVersion v5.0 and later.
	"dotnetcore": {name: ".NET", source: "dotnet.microsoft.com .NET support policy", olderEnded: true, versions: []versionEnd{
		{"1.0", "2019-06-27", ""}, {"1.1", "2019-06-27", ""}, {"2.0", "2018-10-01", ""}, {"2.1", "2021-08-21", ""},
		{"2.2", "2019-12-23", ""}, {"3.0", "2020-03-03", ""}, {"3.1", "2022-12-13", ""}, {"5.0", "2022-05-10", ""},
		{"6.0", "2024-11-12", ""}, {"7.0", "2024-05-14", ""}, {"8.0", "2026-11-10", ""}, {"9.0", "2026-11-10", ""},
		{"10.0", "2028-11-14", ""},
	}},
	// .NET Framework as App Service's netFrameworkVersion names the CLR:
	// v2.0 runs .NET Framework 3.5 SP1, v4.0 runs 4.8 (the "ASP.NET V3.5"
	// and "ASP.NET V4.8" stacks). 4.8 has no end date of its own: it
	// follows the Windows Server it runs on, which App Service keeps
	// supported.
	"dotnetframework": {name: ".NET Framework", source: "Microsoft .NET Framework lifecycle", versions: []versionEnd{
		{"3.5", "2029-01-09", ""}, {"4.8", "", ""},
	}},
	"powershell": {name: "PowerShell", source: "PowerShell support lifecycle", olderEnded: true, versions: []versionEnd{
		{"6.0", "2019-02-13", ""}, {"6.1", "2019-09-28", ""}, {"6.2", "2020-09-04", ""}, {"7.0", "2022-12-03", ""},
		{"7.1", "2022-05-08", ""}, {"7.2", "2024-11-08", ""}, {"7.3", "2024-05-08", ""}, {"7.4", "2026-11-10", ""},
		{"7.5", "2026-11-10", ""},
	}},
	// Java: the earliest end of support Microsoft publishes for its Build
	// of OpenJDK. Java 8 on App Service is Eclipse Temurin, for which ssrm
	// holds no date: it is reported, not judged. Java 25 is an LTS release
	// Microsoft builds (learn.microsoft.com/java/openjdk/download#openjdk-25),
	// but its end date on the support roadmap was not in the sources
	// available on 2026-11-26: it is named as a gap (endUnknown), not judged.
	"java": {name: "Java", source: "Microsoft Build of OpenJDK support roadmap", versions: []versionEnd{
		{"11", "2027-09-30", ""}, {"17", "2027-09-30", ""}, {"21", "2028-09-30", ""}, {"25", endUnknown, ""},
	}},
}

// aksLife is the AKS Kubernetes release calendar: the end of community
// support of each minor version, and the end of long-term support for
// clusters on the AKSLongTermSupport plan. "Unless an explicit date is
// provided, the End of Life date is the last day of the specified month."
// Source: learn.microsoft.com/azure/aks/supported-kubernetes-versions
// (AKS Kubernetes release calendar and LTS versions), read 2026-11-25.
// "AKS follows 12 months of support for a generally available (GA)
// Kubernetes version": a version newer than the calendar passes for a
// year after the review.
var aksLife = &productLife{name: "AKS Kubernetes", source: "AKS Kubernetes release calendar", olderEnded: true, newerSupported: 365 * 24 * time.Hour, versions: []versionEnd{
	{"1.27", "2024-07-31", "2025-07-31"},
	{"1.28", "2025-01-31", ""},
	{"1.29", "2025-03-31", "2026-04-30"},
	{"1.30", "2025-08-22", "2026-07-31"},
	{"1.31", "2025-11-01", "2026-11-30"},
	{"1.32", "2026-03-31", "2027-03-31"},
	{"1.33", "2026-07-31", "2027-07-31"},
	{"1.34", "2026-11-30", "2027-11-30"},
	{"1.35", "2027-03-31", "2028-03-31"},
	{"1.36", "2027-06-30", "2028-06-30"},
	{"1.37", "2027-10-31", "2028-10-31"},
}}

// versionParts parses "3.10.4", "19-lts", "v8.0", "~20" into numbers,
// stopping at the first part that is not one.
func versionParts(v string) []int {
	v = strings.TrimSpace(strings.ToLower(v))
	v = strings.TrimLeft(v, "v~^=")
	var out []int
	for _, p := range strings.Split(v, ".") {
		n := 0
		digits := 0
		for _, r := range p {
			if r < '0' || r > '9' {
				break
			}
			n = n*10 + int(r-'0')
			digits++
		}
		if digits == 0 {
			break
		}
		out = append(out, n)
		if digits < len(p) { // "19-lts": stop after the number
			break
		}
	}
	return out
}

// compareParts orders two parsed versions over the length of the shorter.
func compareParts(a, b []int) int {
	for i := 0; i < len(a) && i < len(b); i++ {
		if a[i] != b[i] {
			if a[i] < b[i] {
				return -1
			}
			return 1
		}
	}
	return 0
}

// lookup finds the listed version a version belongs to: the entry whose
// parts are a prefix of the version's ("3.1" holds 3.1.4 but not 3.10).
func (p *productLife) lookup(version string) (versionEnd, bool) {
	vp := versionParts(version)
	if len(vp) == 0 {
		return versionEnd{}, false
	}
	for _, e := range p.versions {
		ep := versionParts(e.version)
		if len(ep) > len(vp) {
			// "8" given for "8.0": a major version names its .0 release
			if len(vp) == 1 && len(ep) == 2 && vp[0] == ep[0] && ep[1] == 0 {
				return e, true
			}
			continue
		}
		if compareParts(ep, vp[:len(ep)]) == 0 {
			return e, true
		}
	}
	return versionEnd{}, false
}

// reviewed is LifecycleReviewed as a time.
func reviewed() time.Time {
	t, _ := time.Parse("2006-01-02", LifecycleReviewed)
	return t
}

// staleNote says when the collection is long after the tables' review.
func staleNote(asOf time.Time) string {
	rev := reviewed()
	if asOf.Sub(rev) < lifecycleStale {
		return ""
	}
	months := int(asOf.Sub(rev).Hours() / 24 / 30)
	return fmt.Sprintf(" (ssrm's end-of-support table was reviewed on %s, %d months before this collection: newer releases may be missing)", LifecycleReviewed, months)
}

// judgeVersion judges one version of a product at asOf: fail when its
// support ended, pass when it has not, na when the table does not know it.
// A version older than every listed one fails when the product says all
// older versions ended; a version newer than every listed one is na, with
// the review date, never a pass on a guess. extended uses the extended
// support date where the version has one.
func judgeVersion(what string, p *productLife, version string, asOf time.Time, extended bool) Result {
	note := staleNote(asOf)
	day := asOf.Format("2006-01-02")
	e, ok := p.lookup(version)
	if !ok {
		vp := versionParts(version)
		if len(vp) == 0 || len(p.versions) == 0 {
			return na(what + ": version not recognised" + note)
		}
		oldest, newest := p.versions[0], p.versions[0]
		for _, v := range p.versions {
			if compareParts(versionParts(v.version), versionParts(oldest.version)) < 0 {
				oldest = v
			}
			if compareParts(versionParts(v.version), versionParts(newest.version)) > 0 {
				newest = v
			}
		}
		switch {
		case p.olderEnded && compareParts(vp, versionParts(oldest.version)) < 0:
			return fail(fmt.Sprintf("%s is older than %s %s, which left support on %s: no more security fixes", what, p.name, oldest.version, oldest.ends))
		case compareParts(vp, versionParts(newest.version)) > 0 && p.newerSupported > 0 && asOf.Before(reviewed().Add(p.newerSupported)):
			return pass(fmt.Sprintf("%s is newer than every %s version in ssrm's table (reviewed %s): released since, and so still in its support window", what, p.name, LifecycleReviewed))
		case compareParts(vp, versionParts(newest.version)) > 0:
			return na(fmt.Sprintf("%s is newer than every %s version in ssrm's end-of-support table (reviewed %s): check its support by hand", what, p.name, LifecycleReviewed))
		}
		return na(fmt.Sprintf("%s is not in ssrm's end-of-support table for %s (reviewed %s)", what, p.name, LifecycleReviewed))
	}
	if e.ends == endUnknown {
		return na(fmt.Sprintf("%s is a current release of %s, but ssrm's table holds no end-of-support date for it: none was found in the sources available at the review (%s). Check %s by hand", what, p.name, LifecycleReviewed, p.source) + note)
	}
	ends := e.ends
	label := ""
	if extended && e.extended != "" {
		ends, label = e.extended, " (long-term support)"
	}
	if ends == "" {
		return pass(fmt.Sprintf("%s has no announced end of support (%s)", what, p.source) + note)
	}
	end, err := time.Parse("2006-01-02", ends)
	if err != nil {
		return na(what + ": end-of-support date unreadable in ssrm's table")
	}
	if asOf.Before(end.Add(24 * time.Hour)) {
		return pass(fmt.Sprintf("%s is supported until %s%s (%s; judged at %s)", what, ends, label, p.source, day) + note)
	}
	return fail(fmt.Sprintf("%s has been out of support since %s%s: no more security fixes (%s; judged at %s)", what, ends, label, p.source, day))
}

// supportEnd is when a product, named by a prefix, leaves support.
type supportEnd struct {
	match string // what the normalized product string starts with
	ends  string // YYYY-MM-DD
	// esuAzure is the last day of the Extended Security Updates Microsoft
	// gives Azure virtual machines free of charge after standard support
	// ends, "" when there are none. Between ends and esuAzure an Azure VM
	// still receives security fixes, if it installs them.
	esuAzure string
}

// osSupport: marketplace images as "publisher/offer/sku" (lower case), from
// the vendors' end of standard support: Microsoft's lifecycle pages for
// Windows Server, Canonical's Ubuntu release cycle, Red Hat's RHEL life
// cycle, the CentOS and Debian (LTS) project pages.
//
// Windows Server 2008/2008 R2 and 2012/2012 R2 received Extended Security
// Updates free of charge on Azure after standard support ended ("In Azure
// … ESUs are free of charge for extra years after their end of support":
// Microsoft Learn, "Extended Security Updates for SQL Server and Windows
// Server", azure-docs, 2024-04-04). Their last days: 2012/2012 R2 on
// 2026-10-13 (Licensing School, "ESUs for Windows Server", and x1f, both
// quoting Microsoft's schedule; Microsoft's lifecycle page was not in the
// sources available); 2008/2008 R2 on 2024-01-09, a fourth year offered on
// Azure only (TechPowerUp, 2023-02-03, quoting Microsoft; Lansweeper).
var osSupport = []supportEnd{
	{match: "microsoftwindowsserver/windowsserver/2008", ends: "2020-01-14", esuAzure: "2024-01-09"},
	{match: "microsoftwindowsserver/windowsserver/2012", ends: "2023-10-10", esuAzure: "2026-10-13"},
	{match: "microsoftwindowsserver/windowsserver/2016", ends: "2027-01-12"},
	{match: "microsoftwindowsserver/windowsserver/2019", ends: "2029-01-09"},
	{match: "microsoftwindowsserver/windowsserver/2022", ends: "2031-10-14"},
	{match: "microsoftwindowsserver/windowsserver/2025", ends: "2034-10-10"},
	{match: "canonical/ubuntuserver/14.04", ends: "2019-04-30"},
	{match: "canonical/ubuntuserver/16.04", ends: "2021-04-30"},
	{match: "canonical/ubuntuserver/18.04", ends: "2023-05-31"},
	{match: "canonical/0001-com-ubuntu-server-focal/", ends: "2025-05-31"},
	{match: "canonical/0001-com-ubuntu-server-jammy/", ends: "2027-04-30"},
	{match: "canonical/ubuntu-24_04-lts/", ends: "2029-05-31"},
	{match: "openlogic/centos", ends: "2024-06-30"},
	{match: "redhat/rhel/6", ends: "2020-11-30"},
	{match: "redhat/rhel/7", ends: "2024-06-30"},
	{match: "redhat/rhel/8", ends: "2029-05-31"},
	{match: "redhat/rhel/9", ends: "2032-05-31"},
	{match: "debian/debian-10/", ends: "2024-06-30"},
	{match: "debian/debian-11/", ends: "2026-08-31"},
	{match: "debian/debian-12/", ends: "2028-06-30"},
}

// judgeSupport compares a product against a prefix table at asOf: fail
// when its support has ended, pass when it has not, na when the table does
// not know it. A product missing from the table is never passed.
func judgeSupport(what, product string, table []supportEnd, asOf time.Time) Result {
	day := asOf.Format("2006-01-02")
	for _, e := range table {
		if !strings.HasPrefix(product, e.match) {
			continue
		}
		end, err := time.Parse("2006-01-02", e.ends)
		if err != nil {
			break
		}
		if asOf.Before(end.Add(24 * time.Hour)) {
			return pass(fmt.Sprintf("%s is supported until %s (judged at %s)", what, e.ends, day) + staleNote(asOf))
		}
		if esu, err := time.Parse("2006-01-02", e.esuAzure); err == nil {
			if asOf.Before(esu.Add(24 * time.Hour)) {
				return pass(fmt.Sprintf("%s: standard support ended %s; free Extended Security Updates on Azure until %s (confirm the VM receives them in Azure Update Manager; judged at %s)", what, e.ends, e.esuAzure, day))
			}
			return fail(fmt.Sprintf("%s: standard support ended %s and the free Extended Security Updates on Azure ended %s: no more security fixes (judged at %s)", what, e.ends, e.esuAzure, day))
		}
		return fail(fmt.Sprintf("%s has been out of support since %s: no more security fixes (judged at %s)", what, e.ends, day))
	}
	return na(what + " is not in ssrm's end-of-support table (reviewed " + LifecycleReviewed + ")")
}
