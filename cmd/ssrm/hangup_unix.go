//go:build unix

package main

import (
	"os"
	"os/signal"
	"syscall"
)

// hangupAsTerm makes a hang-up (the terminal window closed, the SSH
// session dropped) end the wizard the way SIGTERM does: Bubble Tea turns
// SIGTERM into a quit, and the wizard saves what is not saved yet on the
// way out. By default Go ends the process on SIGHUP at once, mid-save or
// not. The returned function stops forwarding.
func hangupAsTerm() (stop func()) {
	ch := make(chan os.Signal, 1)
	signal.Notify(ch, syscall.SIGHUP)
	done := make(chan struct{})
	go func() {
		for {
			select {
			case <-ch:
				_ = syscall.Kill(os.Getpid(), syscall.SIGTERM)
			case <-done:
				return
			}
		}
	}()
	return func() {
		signal.Stop(ch)
		close(done)
	}
}
