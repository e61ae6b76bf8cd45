package questionnaire

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
)

// OpenSealed opens a file ssrm may have sealed (an Azure snapshot) to be
// read as a stream, so a large one is never held whole in memory: a plain
// file is read from disk as it is; an encrypted one is decrypted first
// (with the passphrase from opts), and then it is in memory once. A file
// larger than opts.Limit (0: no limit) is refused before it is read with a
// *TooLargeError naming it and opts.Kind; a pipe or a growing file that
// goes past the limit fails the read with the same error. advice says what
// to do when the file is missing or a folder.
func OpenSealed(path string, opts LoadOptions, advice string) (io.ReadCloser, error) {
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, &missingFile{path: path, advice: advice}
	}
	if err != nil {
		return nil, err // a *PathError names the file and the operation
	}
	info, err := f.Stat()
	if err == nil && info.IsDir() {
		f.Close()
		return nil, fmt.Errorf("%s is a folder, not a file: %s", path, advice)
	}
	if err == nil && opts.Limit > 0 && info.Mode().IsRegular() && info.Size() > opts.Limit {
		f.Close()
		return nil, &TooLargeError{Path: path, Kind: opts.Kind, Size: info.Size(), Limit: opts.Limit}
	}
	br := bufio.NewReaderSize(&limitedFile{f: f, path: path, kind: opts.Kind, left: opts.Limit, limit: opts.Limit}, 1<<16)
	head, _ := br.Peek(len(armorMagic) + 64)
	if !IsEncrypted(head) {
		return &readCloser{Reader: br, Closer: f}, nil
	}
	defer f.Close()
	raw, err := io.ReadAll(br)
	if err != nil {
		return nil, err
	}
	plain, _, _, err := readSealedBytes(path, raw, opts)
	if err != nil {
		return nil, err
	}
	return io.NopCloser(bytes.NewReader(plain)), nil
}

type readCloser struct {
	io.Reader
	io.Closer
}

// limitedFile reads a file and fails with a *TooLargeError past limit
// bytes (0: no limit).
type limitedFile struct {
	f           *os.File
	path, kind  string
	left, limit int64
}

func (l *limitedFile) Read(p []byte) (int, error) {
	if l.limit <= 0 {
		return l.f.Read(p)
	}
	if l.left <= 0 {
		// One byte more says whether the file really goes on.
		var one [1]byte
		if n, _ := l.f.Read(one[:]); n == 0 {
			return 0, io.EOF
		}
		return 0, &TooLargeError{Path: l.path, Kind: l.kind, Size: -1, Limit: l.limit}
	}
	if int64(len(p)) > l.left {
		p = p[:l.left]
	}
	n, err := l.f.Read(p)
	l.left -= int64(n)
	return n, err
}
