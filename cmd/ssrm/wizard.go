package main

import (
	"fmt"

	"github.com/spf13/cobra"
)

// wizardRun opens the interactive wizard on file ("" for a new assessment).
func wizardRun(g *globals, cmd *cobra.Command, file string) error {
	fmt.Fprintln(cmd.OutOrStdout(), "The interactive wizard is on its way. Meanwhile: 'ssrm demo' writes a sample assessment and its plan,\nand 'ssrm assess --answers FILE' builds one from an answers file (see 'ssrm assess --help').")
	return nil
}
