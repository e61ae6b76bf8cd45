package main

import (
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/ssrm/ssrm/questionnaire"
	"github.com/ssrm/ssrm/reports"
	"github.com/ssrm/ssrm/scoring"
)

// compareOptions are the inputs of `ssrm compare`.
type compareOptions struct {
	Old, New string
	Out      string
	Stdout   io.Writer
}

func newCompareCmd(g *globals) *cobra.Command {
	opts := &compareOptions{}
	cmd := &cobra.Command{
		Use:   "compare OLD NEW -o OUT.md",
		Short: "Show what moved between two assessments, per question, layer and kill-chain phase",
		Args:  cobra.ExactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Old, opts.New, opts.Stdout = args[0], args[1], cmd.OutOrStdout()
			return compareRun(g, opts)
		},
	}
	cmd.Flags().StringVarP(&opts.Out, "output", "o", "-", "where to write the comparison (Markdown; - for standard output)")
	return cmd
}

func compareRun(g *globals, opts *compareOptions) error {
	b, err := g.Bank()
	if err != nil {
		return err
	}
	oldA, err := loadAssessment(opts.Old)
	if err != nil {
		return err
	}
	newA, err := loadAssessment(opts.New)
	if err != nil {
		return err
	}
	d := scoring.Compare(scoring.Compute(b, oldA, scoring.Options{}), scoring.Compute(b, newA, scoring.Options{}))
	if opts.Out == "-" {
		return reports.WriteCompareMarkdown(opts.Stdout, d)
	}
	var buf bytesBuffer
	if err := reports.WriteCompareMarkdown(&buf, d); err != nil {
		return err
	}
	if err := questionnaire.WriteFileAtomic(opts.Out, buf.Bytes()); err != nil {
		return err
	}
	fmt.Fprintf(opts.Stdout, "wrote %s\n", opts.Out)
	return nil
}
