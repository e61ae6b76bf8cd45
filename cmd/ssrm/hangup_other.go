//go:build !unix

package main

// hangupAsTerm does nothing where there is no SIGHUP.
func hangupAsTerm() (stop func()) { return func() {} }
