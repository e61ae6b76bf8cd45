// Package fuzzlimit bounds the time one fuzz input may take. Go's fuzzer
// has no such bound of its own: an input that makes a loader work for
// minutes (a YAML alias bomb, an scrypt work factor of 2^30) only slows the
// run down, and nobody notices. With the bound it is a failure, and the
// input lands in testdata/fuzz like any crasher.
//
// It is imported by tests only; it must not import anything of ssrm's.
package fuzzlimit

import (
	"fmt"
	"os"
	"runtime/debug"
	"testing"
	"time"
)

// PerInput is how long one input may take: far above what any loader
// needs for the inputs the fuzzers feed (at most a few hundred KB take
// milliseconds), low enough that a hang is caught within the run. The
// environment variable SSRM_FUZZ_INPUT_LIMIT (a Go duration) overrides it
// on a slow machine.
var PerInput = 5 * time.Second

func init() {
	if s := os.Getenv("SSRM_FUZZ_INPUT_LIMIT"); s != "" {
		if d, err := time.ParseDuration(s); err == nil && d > 0 {
			PerInput = d
		}
	}
}

// Run calls f and fails t if it has not returned within PerInput, if it
// returns an error (what the fuzz target found wrong with the result), or
// if it panics (with the stack). f runs on a goroutine of its own, so it
// reports through its error, never through t.
func Run(t testing.TB, input []byte, f func() error) {
	t.Helper()
	done := make(chan string, 1)
	go func() {
		defer func() {
			if r := recover(); r != nil {
				done <- fmt.Sprintf("panic: %v\n%s", r, debug.Stack())
				return
			}
			done <- ""
		}()
		if err := f(); err != nil {
			done <- err.Error()
			return
		}
	}()
	timer := time.NewTimer(PerInput)
	defer timer.Stop()
	select {
	case msg := <-done:
		if msg != "" {
			t.Fatal(msg)
		}
	case <-timer.C:
		t.Fatalf("one input of %d bytes took longer than %s (a hang, or work exponential in the input): %q",
			len(input), PerInput, clip(input))
	}
}

func clip(b []byte) []byte {
	if len(b) > 300 {
		return b[:300]
	}
	return b
}
