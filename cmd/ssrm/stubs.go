package main

import "github.com/spf13/cobra"

func wizardRun(g *globals, cmd *cobra.Command, file string) error { return nil }
func newDemoCmd(g *globals) *cobra.Command                        { return &cobra.Command{Use: "demo"} }
func newAssessCmd(g *globals) *cobra.Command                      { return &cobra.Command{Use: "assess"} }
func newReportCmd(g *globals) *cobra.Command                      { return &cobra.Command{Use: "report"} }
func newCompareCmd(g *globals) *cobra.Command                     { return &cobra.Command{Use: "compare"} }
func addExtraCommands(root *cobra.Command, g *globals)            {}
