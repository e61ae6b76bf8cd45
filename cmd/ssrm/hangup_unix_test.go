//go:build unix

package main

import (
	"os"
	"os/signal"
	"syscall"
	"testing"
	"time"
)

// Closing the terminal sends SIGHUP, which ended the wizard at once, four
// or five answers short on an encrypted file. It is now passed on as
// SIGTERM, which the wizard handles by saving and quitting.
func TestHangupBecomesTerm(t *testing.T) {
	term := make(chan os.Signal, 1)
	signal.Notify(term, syscall.SIGTERM)
	defer signal.Stop(term)
	stop := hangupAsTerm()
	defer stop()
	if err := syscall.Kill(os.Getpid(), syscall.SIGHUP); err != nil {
		t.Fatal(err)
	}
	select {
	case <-term:
	case <-time.After(10 * time.Second):
		t.Fatal("SIGHUP was not passed on as SIGTERM")
	}
}
