package questionnaire

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// WriteFileAtomic replaces path with data so that a crash at any moment
// leaves either the old file or the new one, never a mix. The file is
// private to its owner (0600). A symbolic link at path is followed: the
// file it points to is replaced and the link stays a link. Temporary files
// that an earlier, killed ssrm left beside path are removed.
func WriteFileAtomic(path string, data []byte) (err error) {
	target, err := resolvePath(path)
	if err != nil {
		return fmt.Errorf("save %s: %w", path, err)
	}
	dir := filepath.Dir(target)
	removeStaleTemps(target)
	tmp, err := os.CreateTemp(dir, tempPrefix(target)+strconv.Itoa(os.Getpid())+"-*.tmp")
	if errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("save %s: the folder %s does not exist: create it, or choose another place", path, dir)
	}
	if errors.Is(err, fs.ErrPermission) {
		return fmt.Errorf("save %s: no permission to write in %s: choose another place", path, dir)
	}
	if err != nil {
		return fmt.Errorf("save %s: %w", path, err)
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if err = tmp.Chmod(0o600); err != nil {
		return fmt.Errorf("save %s: %w", path, err)
	}
	if _, err = tmp.Write(data); err != nil {
		return fmt.Errorf("save %s: %w", path, err)
	}
	if err = tmp.Sync(); err != nil {
		return fmt.Errorf("save %s: flush: %w", path, err)
	}
	if err = tmp.Close(); err != nil {
		return fmt.Errorf("save %s: %w", path, err)
	}
	if err = os.Rename(tmp.Name(), target); err != nil {
		return fmt.Errorf("save %s: %w", path, err)
	}
	if d, derr := os.Open(dir); derr == nil {
		_ = d.Sync() // make the rename itself durable; not all filesystems allow it
		d.Close()
	}
	return nil
}

// tempPrefix is how the temporary files of a save to target begin:
// ".NAME." (then the writer's process id, a dash, random digits, ".tmp").
func tempPrefix(target string) string { return "." + filepath.Base(target) + "." }

// staleTempAge is how old a temporary file must be before it counts as
// left behind when its writer cannot be asked whether it still runs.
const staleTempAge = time.Hour

// removeStaleTemps removes the ".NAME.*.tmp" files beside target that an
// ssrm killed mid-save left behind: those whose writer (the process id in
// the name) is gone, and any older than staleTempAge. A save in flight in
// another live process is never touched.
func removeStaleTemps(target string) {
	prefix := tempPrefix(target)
	matches, _ := filepath.Glob(filepath.Join(filepath.Dir(target), globEscape(prefix)+"*.tmp"))
	for _, m := range matches {
		info, err := os.Lstat(m)
		if err != nil || !info.Mode().IsRegular() {
			continue
		}
		rest := strings.TrimSuffix(strings.TrimPrefix(filepath.Base(m), prefix), ".tmp")
		pid := 0
		if i := strings.IndexByte(rest, '-'); i > 0 {
			pid, _ = strconv.Atoi(rest[:i])
		}
		old := time.Since(info.ModTime()) > staleTempAge
		gone := pid > 0 && pid != os.Getpid() && !processAlive(pid)
		if old || gone {
			os.Remove(m)
		}
	}
}

// globEscape quotes the characters filepath.Match treats specially.
func globEscape(s string) string {
	var b strings.Builder
	for _, r := range s {
		if strings.ContainsRune(`*?[\`, r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// resolvePath is the file a save to path really replaces: path made
// absolute, with symbolic links at its end followed (even a link to a file
// that does not exist yet).
func resolvePath(path string) (string, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", err
	}
	for range 40 {
		info, err := os.Lstat(abs)
		if err != nil || info.Mode()&fs.ModeSymlink == 0 {
			return abs, nil
		}
		link, err := os.Readlink(abs)
		if err != nil {
			return "", err
		}
		if !filepath.IsAbs(link) {
			link = filepath.Join(filepath.Dir(abs), link)
		}
		abs = filepath.Clean(link)
	}
	return "", errors.New("too many levels of symbolic links")
}
