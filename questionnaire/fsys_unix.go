//go:build unix

package questionnaire

import (
	"errors"
	"fmt"
	"os"
	"syscall"
	"time"
)

// lockWait is how long a save waits for another one in the same folder.
const lockWait = 10 * time.Second

// lockDir takes an exclusive advisory lock (flock) on a folder for the
// length of one save, so two ssrm processes saving beside each other never
// interleave their check of the file and their rename over it. The kernel
// drops the lock if the process dies.
func lockDir(dir string) (func(), error) {
	d, err := os.Open(dir)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil, fmt.Errorf("the folder %s does not exist: create it, or choose another place", dir)
		}
		return nil, err
	}
	deadline := time.Now().Add(lockWait)
	for {
		err = syscall.Flock(int(d.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
		if err == nil {
			return func() {
				_ = syscall.Flock(int(d.Fd()), syscall.LOCK_UN)
				d.Close()
			}, nil
		}
		if !errors.Is(err, syscall.EWOULDBLOCK) && !errors.Is(err, syscall.EINTR) {
			// A filesystem without locks: go on unlocked; the check of the
			// file's content before the rename still catches other writers.
			d.Close()
			return func() {}, nil
		}
		if time.Now().After(deadline) {
			d.Close()
			return nil, fmt.Errorf("another ssrm has been saving in %s for %s: try again, or save to another folder", dir, lockWait)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// processAlive reports whether a process with this id runs (or exists and
// is someone else's).
func processAlive(pid int) bool {
	err := syscall.Kill(pid, 0)
	return err == nil || errors.Is(err, syscall.EPERM)
}
