package azure

import (
	"strings"
	"testing"
	"time"
)

func day(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t
}

func TestVersionLookup(t *testing.T) {
	for _, tc := range []struct {
		product *productLife
		version string
		want    string
		found   bool
	}{
		{runtimeLife["python"], "3.10", "3.10", true},
		{runtimeLife["python"], "3.1", "", false}, // not 3.10
		{runtimeLife["node"], "19-lts", "19", true},
		{runtimeLife["node"], "~18", "18", true},
		{runtimeLife["dotnetcore"], "8", "8.0", true}, // a major version names its .0
		{runtimeLife["dotnetcore"], "v6.0", "6.0", true},
		{aksLife, "1.33.7", "1.33", true},
		{aksLife, "garbage", "", false},
	} {
		e, ok := tc.product.lookup(tc.version)
		if ok != tc.found || e.version != tc.want {
			t.Errorf("%s %s: %q %v, want %q %v", tc.product.name, tc.version, e.version, ok, tc.want, tc.found)
		}
	}
}

// Dates are judged at the time the collection describes: the same version
// passes in a snapshot taken before its end of support and fails after.
func TestJudgedAtCollectionTime(t *testing.T) {
	node := runtimeLife["node"]
	if r := judgeVersion("Node 18", node, "18", day("2025-04-30"), false); r.Status != Pass {
		t.Errorf("on its last day: %+v", r)
	}
	if r := judgeVersion("Node 18", node, "18", day("2025-05-01"), false); r.Status != Fail || !strings.Contains(r.Detail, "2025-04-30") {
		t.Errorf("the day after: %+v", r)
	}
	// older than every listed version: fails; newer: unknown, except AKS
	// within a year of the review
	if r := judgeVersion("PHP 5.2", runtimeLife["php"], "5.2", day("2026-01-01"), false); r.Status != Fail {
		t.Errorf("PHP 5.2: %+v", r)
	}
	if r := judgeVersion("Node 30", node, "30", day("2026-12-01"), false); r.Status != NA || !strings.Contains(r.Detail, LifecycleReviewed) {
		t.Errorf("Node 30: %+v", r)
	}
	if r := judgeVersion("Kubernetes 1.40.1", aksLife, "1.40.1", reviewed().AddDate(0, 6, 0), false); r.Status != Pass {
		t.Errorf("AKS newer than the calendar, within a year: %+v", r)
	}
	if r := judgeVersion("Kubernetes 1.40.1", aksLife, "1.40.1", reviewed().AddDate(2, 0, 0), false); r.Status != NA {
		t.Errorf("AKS newer than the calendar, two years on: %+v", r)
	}
	// long-term support extends the date
	if r := judgeVersion("Kubernetes 1.32.4", aksLife, "1.32.4", day("2026-06-01"), true); r.Status != Pass || !strings.Contains(r.Detail, "long-term support") {
		t.Errorf("1.32 under LTS: %+v", r)
	}
	// a collection long after the review says the table may be stale
	if r := judgeVersion("Node 24", node, "24", reviewed().AddDate(0, 8, 0), false); !strings.Contains(r.Detail, "newer releases may be missing") {
		t.Errorf("stale table not said: %+v", r)
	}
	if n := staleNote(reviewed().AddDate(0, 1, 0)); n != "" {
		t.Errorf("a month after the review: %q", n)
	}
}

func TestRunSnapshotUsesCollectionTime(t *testing.T) {
	aks := Doc{"id": "/subscriptions/11111111-2222-4333-8444-555555555555/resourceGroups/a/providers/Microsoft.ContainerService/managedClusters/c",
		"type": typeAKS, "properties": map[string]any{"enableRBAC": true, "currentKubernetesVersion": "1.32.1"}}
	status := func(collected time.Time) Status {
		for _, f := range RunSnapshot(&Snapshot{Collected: collected, Documents: []Doc{aks}}, Catalog()) {
			if f.Check == "aks-supported-version" {
				return f.Status
			}
		}
		return Skip
	}
	if s := status(day("2026-01-15")); s != Pass {
		t.Errorf("collected 2026-01-15: %s", s)
	}
	if s := status(day("2026-05-15")); s != Fail {
		t.Errorf("collected 2026-05-15: %s", s)
	}
}

// Java 25 (LTS) is in the table: reported with its missing end date named
// as a gap, never passed, never "newer than every version" (finding 26).
func TestJava25NamedNotGuessed(t *testing.T) {
	r := judgeVersion("Java 25", runtimeLife["java"], "25", day("2026-11-26"), false)
	if r.Status != NA || !strings.Contains(r.Detail, "no end-of-support date") || strings.Contains(r.Detail, "newer than every") {
		t.Errorf("Java 25: %+v", r)
	}
	if r := judgeVersion("Java 21", runtimeLife["java"], "21", day("2026-11-26"), false); r.Status != Pass {
		t.Errorf("Java 21: %+v", r)
	}
}

// TestEndsNamedIn: the operating systems a note names get their end of
// support from the same table the live check uses; unknown ones none.
func TestEndsNamedIn(t *testing.T) {
	got := EndsNamedIn("The imaging software is supported only on Windows Server 2016 until 2027; the old box runs Ubuntu 18.04 and windows server 2016.")
	if len(got) != 2 || got[0].Product != "Windows Server 2016" || got[0].Ends.Format("2006-01-02") != "2027-01-12" ||
		got[1].Product != "Ubuntu 18.04" || got[1].Ends.Format("2006-01-02") != "2023-05-31" {
		t.Errorf("got %+v", got)
	}
	if got := EndsNamedIn("Windows Server 2030 and Windows 11"); len(got) != 0 {
		t.Errorf("unknown products dated: %+v", got)
	}
}
