package main

import (
	"errors"
	"github.com/ssrm/ssrm/reports"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/spf13/cobra"
)

// Flag tests: each command is built with a runF that keeps the options it
// is given (cli/cli's NewCmdX(f, runF)), so what the flags parse to, and
// which mistakes are usage errors, is tested without loading, scoring or
// rendering anything.

// parse runs cmd with args, its runF keeping what it is handed.
func parse(t *testing.T, cmd *cobra.Command, args ...string) error {
	t.Helper()
	cmd.SetArgs(args)
	cmd.SetOut(io.Discard)
	cmd.SetErr(io.Discard)
	cmd.SilenceUsage, cmd.SilenceErrors = true, true
	return cmd.Execute()
}

func day(s string) time.Time {
	d, _ := time.Parse("2006-01-02", s)
	return d
}

func TestReportFlags(t *testing.T) {
	for _, tc := range []struct {
		args   []string
		format string
		date   time.Time
		err    string // a usage error naming this
		check  func(*reportOptions) bool
	}{
		{args: []string{"a.json", "-o", "plan.pdf"}, format: "pdf"},
		{args: []string{"a.json", "-o", "plan.MD"}, format: "md"},
		{args: []string{"a.json", "-o", "x.txt", "--format", "Markdown"}, format: "md"},
		{args: []string{"a.json", "-o", "-", "--format", ".json"}, format: "json"},
		{args: []string{"a.json", "-o", "plan.csv", "--date", "2026-12-01"}, format: "csv", date: day("2026-12-01")},
		{args: []string{"a.json", "-o", "x.pdf", "--format", "html"}, err: `--format "html"`},
		{args: []string{"a.json", "-o", "plan.docx"}, err: `cannot tell the report format of "plan.docx"`},
		{args: []string{"a.json", "-o", "p.pdf", "--date", "1/12/2026"}, err: `--date "1/12/2026": use YYYY-MM-DD`},
		{args: []string{"a.json", "-o", "p.pdf", "--logo", "l.png", "--font", "f.ttf", "--redact", "--baseline", "q1.json", "--baseline", "q2.json"}, format: "pdf",
			check: func(o *reportOptions) bool {
				return o.File == "a.json" && o.Logo == "l.png" && o.Font == "f.ttf" && o.Redact && strings.Join(o.Baselines, ",") == "q1.json,q2.json"
			}},
		{args: []string{"a.json", "-o", "p.pdf"}, format: "pdf",
			check: func(o *reportOptions) bool {
				return o.audience == reports.AudienceFull && o.appendix == reports.AppendixShort
			}},
		{args: []string{"a.json", "-o", "p.pdf", "--audience", "Board", "--appendix", "none"}, format: "pdf",
			check: func(o *reportOptions) bool {
				return o.audience == reports.AudienceBoard && o.appendix == reports.AppendixNone
			}},
		{args: []string{"a.json", "-o", "p.md", "--audience", "technical", "--appendix", "full"}, format: "md",
			check: func(o *reportOptions) bool {
				return o.audience == reports.AudienceTechnical && o.appendix == reports.AppendixFull
			}},
		{args: []string{"a.json", "-o", "p.pdf", "--audience", "cfo"}, err: `--audience "cfo": use board, technical or full`},
		{args: []string{"a.json", "-o", "p.pdf", "--appendix", "long"}, err: `--appendix "long": use full, short or none`},
	} {
		t.Run(strings.Join(tc.args, " "), func(t *testing.T) {
			var got *reportOptions
			err := parse(t, newReportCmd(&globals{}, func(o *reportOptions) error { got = o; return nil }), tc.args...)
			if tc.err != "" {
				if !errors.Is(err, errUsage) || !strings.Contains(err.Error(), tc.err) || got != nil {
					t.Fatalf("err %v, ran %v: want a usage error naming %q", err, got != nil, tc.err)
				}
				return
			}
			if err != nil || got == nil {
				t.Fatalf("err %v", err)
			}
			if got.format != tc.format || !got.date.Equal(tc.date) || tc.check != nil && !tc.check(got) {
				t.Fatalf("options %+v", got)
			}
		})
	}
	if err := parse(t, newReportCmd(&globals{}, func(*reportOptions) error { return nil }), "a.json"); err == nil || !strings.Contains(err.Error(), "output") {
		t.Errorf("no -o: %v", err)
	}
}

func TestBacklogFlags(t *testing.T) {
	for _, tc := range []struct {
		args   []string
		format string
		err    string
	}{
		{args: []string{"a.json", "--format", "ado"}, format: "azure-devops"},
		{args: []string{"a.json", "--format", "GitHub", "-o", "issues.csv"}, format: "github"},
		{args: []string{"a.json", "-o", "plan.md"}, format: "markdown"},
		{args: []string{"a.json", "-o", "plan.csv"}, err: "give --format"},
		{args: []string{"a.json", "--format", "jira"}, err: `--format "jira"`},
		{args: []string{"a.json", "--format", "md", "--date", "tomorrow"}, err: `--date "tomorrow"`},
	} {
		t.Run(strings.Join(tc.args, " "), func(t *testing.T) {
			var got *backlogOptions
			err := parse(t, newBacklogCmd(&globals{}, func(o *backlogOptions) error { got = o; return nil }), tc.args...)
			if tc.err != "" {
				if !errors.Is(err, errUsage) || !strings.Contains(err.Error(), tc.err) || got != nil {
					t.Fatalf("err %v: want a usage error naming %q", err, tc.err)
				}
				return
			}
			if err != nil || got == nil || got.format != tc.format || got.WorkItemType != "Task" {
				t.Fatalf("err %v, options %+v", err, got)
			}
		})
	}
}

func TestCompareFlags(t *testing.T) {
	for _, tc := range []struct {
		args   []string
		format string
		files  int
		err    string
	}{
		{args: []string{"q1.json", "q2.json"}, format: "md", files: 2},
		{args: []string{"q1.json", "q2.json", "q3.json", "-o", "trend.pdf"}, format: "pdf", files: 3},
		{args: []string{"q1.json", "q2.json", "-o", "x", "--format", "markdown"}, format: "md", files: 2},
		{args: []string{"q1.json", "q2.json", "-o", "x.docx"}, err: `as "docx"`},
	} {
		t.Run(strings.Join(tc.args, " "), func(t *testing.T) {
			var got *compareOptions
			err := parse(t, newCompareCmd(&globals{}, func(o *compareOptions) error { got = o; return nil }), tc.args...)
			if tc.err != "" {
				if !errors.Is(err, errUsage) || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("err %v: want a usage error naming %q", err, tc.err)
				}
				return
			}
			if err != nil || got == nil || got.format != tc.format || len(got.Files) != tc.files {
				t.Fatalf("err %v, options %+v", err, got)
			}
		})
	}
	if err := parse(t, newCompareCmd(&globals{}, func(*compareOptions) error { return nil }), "only.json"); err == nil {
		t.Error("one file compared")
	}
}

func TestWorkshopPackFlags(t *testing.T) {
	var got *workshopPackOptions
	keep := func(o *workshopPackOptions) error { got = o; return nil }
	if err := parse(t, newWorkshopPackCmd(&globals{}, keep), "-o", "pack", "--org", "Contoso", "--size", "medium", "--models", "IaaS, saas", "--start", "13:30", "--date", "2026-12-01"); err != nil {
		t.Fatal(err)
	}
	if got.Profile.Organization != "Contoso" || got.Profile.Size != "medium" || len(got.Profile.Models) != 2 || got.Profile.Models[1] != "saas" ||
		got.start.Format("15:04") != "13:30" || !got.date.Equal(day("2026-12-01")) || got.Profile.Sensitivity != "moderate" {
		t.Fatalf("options %+v", got)
	}
	for _, tc := range []struct {
		args []string
		err  string
	}{
		{[]string{"--org", "X"}, "needs -o DIR"},
		{[]string{"-o", "p", "--models", "iaas,onprem"}, `unknown service model "onprem"`},
		{[]string{"-o", "p", "--size", "huge"}, `--size "huge"`},
		{[]string{"-o", "p", "--start", "9am"}, `--start "9am"`},
	} {
		got = nil
		err := parse(t, newWorkshopPackCmd(&globals{}, keep), tc.args...)
		if !errors.Is(err, errUsage) || !strings.Contains(err.Error(), tc.err) || got != nil {
			t.Errorf("%v: err %v: want a usage error naming %q", tc.args, err, tc.err)
		}
	}
	if err := parse(t, newWorkshopPackCmd(&globals{}, keep), "-o", "p", "--answers", "a.yaml", "--org", "X"); err == nil {
		t.Error("--answers and --org together")
	}
}
