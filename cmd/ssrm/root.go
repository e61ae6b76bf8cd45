package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/ssrm/ssrm/questionnaire"
)

// version is the tool's version, printed by --version and on every report.
var version = "0.1.0"

// tool names ssrm and its version on what it saves and writes.
func tool() string { return "ssrm " + version }

// Exit codes, decided here and nowhere else.
const (
	exitOK       = 0
	exitFailure  = 1 // a problem in the input: the user can fix it
	exitUsage    = 2 // the command line itself is wrong
	exitInternal = 3
)

// errProblems marks an error whose details were already printed (lint
// output): main only sets the exit code.
var errProblems = errors.New("problems found")

// errUsage marks a command-line mistake.
var errUsage = errors.New("usage")

// globals are the flags every command shares.
type globals struct {
	BankFile string
	In       io.Reader

	bank *questionnaire.Bank
}

// Bank loads the custom bank given with --bank, or the embedded one, once.
func (g *globals) Bank() (*questionnaire.Bank, error) {
	if g.bank != nil {
		return g.bank, nil
	}
	var err error
	if g.BankFile != "" {
		g.bank, err = questionnaire.LoadBank(g.BankFile)
	} else {
		g.bank, err = questionnaire.DefaultBankCached(cacheDir())
	}
	return g.bank, err
}

// envCacheDir moves the cache of the parsed built-in bank elsewhere.
const envCacheDir = "SSRM_CACHE_DIR"

// cacheDir is where the parsed built-in bank is kept between runs (it
// saves most of the wizard's start-up): $SSRM_CACHE_DIR, else the user's
// cache directory plus "ssrm", else nowhere.
func cacheDir() string {
	if d := os.Getenv(envCacheDir); d != "" {
		return d
	}
	d, err := os.UserCacheDir()
	if err != nil {
		return ""
	}
	return filepath.Join(d, "ssrm")
}

func newRootCmd(g *globals) *cobra.Command {
	root := &cobra.Command{
		Use:   "ssrm",
		Short: "Assess your side of the Azure shared security responsibility model and plan what to fix",
		Long: `ssrm takes an organization through the Azure shared security responsibility
model (who secures what, Microsoft or you, for IaaS, PaaS and SaaS) and its
five-step defence plan: assess maturity per layer, find gaps against the cyber
kill chain, prioritize, fortify, socialize. It writes a scored action plan.

Run it with no arguments to open the wizard, or try 'ssrm demo'.`,
		Version:       version,
		SilenceUsage:  true,
		SilenceErrors: true,
		Args:          cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return wizardRun(g, cmd, "")
		},
	}
	root.PersistentFlags().StringVar(&g.BankFile, "bank", "", "use this question bank (YAML or JSON) instead of the built-in one")
	root.AddCommand(
		newBankCmd(g),
		newDemoCmd(g),
		newAssessCmd(g),
		newReportCmd(g, nil),
		newRespondCmd(g),
		newCompareCmd(g, nil),
		newWorkshopCmd(g, nil),
		newMergeCmd(g),
		newBacklogCmd(g, nil),
		newAzureCmd(g),
		newHandoffCmd(g, nil),
		newTrainCmd(g),
		newResumeCmd(g, root),
	)
	return root
}

// run executes the command line and turns its outcome into an exit code.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	g := &globals{In: stdin}
	root := newRootCmd(g)
	root.SetArgs(args)
	root.SetIn(stdin)
	root.SetOut(stdout)
	root.SetErr(stderr)
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		return fmt.Errorf("%w: %v (see '%s --help')", errUsage, err, c.CommandPath())
	})
	err := root.Execute()
	switch {
	case err == nil:
		return exitOK
	case errors.Is(err, errProblems):
		sayln(stderr, "ssrm:", err)
		return exitFailure
	case errors.Is(err, errUsage):
		sayln(stderr, "ssrm:", err)
		return exitUsage
	}
	if ps, ok := questionnaire.AsProblems(err); ok {
		for _, p := range ps {
			sayln(stderr, p)
		}
		return exitFailure
	}
	sayln(stderr, "ssrm:", err)
	if isUsageErr(err) {
		return exitUsage
	}
	return exitFailure
}

// isUsageErr recognises cobra's own argument errors.
func isUsageErr(err error) bool {
	msg := err.Error()
	for _, p := range []string{"unknown command", "accepts ", "requires at least", "unknown flag", "unknown shorthand", "required flag(s)", "flag needs an argument", "invalid argument"} {
		if strings.Contains(msg, p) {
			return true
		}
	}
	return false
}
