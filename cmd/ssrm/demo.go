package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/ssrm/ssrm/assets"
	"github.com/ssrm/ssrm/questionnaire"
	"github.com/ssrm/ssrm/reports"
	"github.com/ssrm/ssrm/scoring"
)

// demoOptions are the inputs of `ssrm demo`.
type demoOptions struct {
	Dir string
	// Brand is a brand file to show on the demo's reports instead of the
	// demo's fictional consultancy; "none" for no brand.
	Brand  string
	Stdout io.Writer
}

// demoReports are the reports `ssrm demo` writes beside the assessment.
var demoReports = []string{"md", "json", "csv", "pdf", "docx", "xlsx"}

func newDemoCmd(g *globals) *cobra.Command {
	opts := &demoOptions{}
	cmd := &cobra.Command{
		Use:   "demo",
		Short: "Write a sample assessment of a small business and its action plan, with no input",
		Long: `Write a realistic sample assessment (a 28-person dental group on Azure and
Microsoft 365) to DIR/demo-assessment.json and its action plan beside it, so you
can see what ssrm produces before answering anything yourself.

The PDF and Word reports carry the brand of a fictional consultancy; its brand
file and logo are written beside them (demo-brand.yaml, demo-logo.png) to show
how ssrm report --brand works. --brand YOURS.yaml previews your own brand on
the demo instead; --brand none leaves the brand out.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Stdout = cmd.OutOrStdout()
			return demoRun(g, opts)
		},
	}
	cmd.Flags().StringVarP(&opts.Dir, "output", "o", ".", "folder to write the demo files to")
	cmd.Flags().StringVar(&opts.Brand, "brand", "", "a brand file to show instead of the demo's fictional firm (none: no brand)")
	return cmd
}

// demoAssessment builds the demo assessment from the embedded answers. Its
// dates come from the file, so the demo is the same on every run.
func demoAssessment(b *questionnaire.Bank) (*questionnaire.Assessment, error) {
	af, err := questionnaire.ParseAnswers("assets/demo.yaml", assets.Demo, b)
	if err != nil {
		return nil, fmt.Errorf("the built-in demo does not fit this question bank: %w", err)
	}
	a := af.Apply(b, af.Date)
	a.Tool = "ssrm " + version
	return a, nil
}

func demoRun(g *globals, opts *demoOptions) error {
	b, err := g.Bank()
	if err != nil {
		return err
	}
	a, err := demoAssessment(b)
	if err != nil {
		return err
	}
	meta := reportMeta()
	// a brand file of the user's is checked before anything is written
	if opts.Brand != "" && opts.Brand != "none" {
		if meta.Brand, err = reports.LoadBrandFile(opts.Brand, os.ReadFile); err != nil {
			return fmt.Errorf("%w: --brand: %v", errUsage, err)
		}
	}
	if err := os.MkdirAll(opts.Dir, 0o755); err != nil {
		return fmt.Errorf("demo: %w", err)
	}
	path := filepath.Join(opts.Dir, "demo-assessment.json")
	if err := questionnaire.SaveAssessment(path, a); err != nil {
		return err
	}
	say(opts.Stdout, "wrote %s (%s, %d answers)\n", path, a.Profile.Organization, len(a.Answers))
	if opts.Brand == "" {
		var wrote []string
		if meta.Brand, wrote, err = demoBrand(opts.Dir); err != nil {
			return err
		}
		for _, w := range wrote {
			say(opts.Stdout, "wrote %s\n", w)
		}
	}
	r := scoring.Compute(b, a, scoring.Options{})
	for _, f := range demoReports {
		out := filepath.Join(opts.Dir, "demo-action-plan."+f)
		if err := writeReportMeta(out, f, r, meta, opts.Stdout); err != nil {
			return err
		}
		say(opts.Stdout, "wrote %s\n", out)
	}
	say(opts.Stdout, "overall maturity %.1f / 5 against a target of %d; %d actions, top: %s\n",
		r.Overall.Level, r.Target, len(r.Actions), topTitle(r))
	return nil
}

func topTitle(r *scoring.Result) string {
	if top := r.Top(1); len(top) > 0 {
		return top[0].Action.Title
	}
	return "none"
}
