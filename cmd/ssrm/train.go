package main

import (
	"os"
	"time"

	"github.com/spf13/cobra"

	"github.com/ssrm/ssrm/tui"
)

func newTrainCmd(g *globals) *cobra.Command {
	return &cobra.Command{
		Use:   "train",
		Short: "Teach the shared responsibility model: who secures what, and a quiz (no assessment)",
		Long: `train opens the trainer: the bank's responsibility table, row by row,
with who secures it under IaaS, PaaS and SaaS and why (from Microsoft's
table, whose date it gives), and a quiz drawn at random from questions made
from the bank (owners, kill-chain phases, terms) for one player or several
in turns. Scores are kept in the config directory. Nothing is saved about
any organization.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			in, out := g.In, cmd.OutOrStdout()
			if !isTerminal(in, out) {
				return errNoTerminal
			}
			b, err := g.Bank()
			if err != nil {
				return err
			}
			defer hangupAsTerm()()
			return tui.Run(tui.Options{Bank: b, Train: true, RecentDir: configDir(), Now: time.Now,
				Tool: tool(), NoColor: os.Getenv("NO_COLOR") != ""}, in, out)
		},
	}
}
