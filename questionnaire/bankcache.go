package questionnaire

import (
	"bytes"
	"crypto/sha256"
	"encoding/gob"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"

	"github.com/ssrm/ssrm/assets"
)

// DefaultBankCached is DefaultBank, kept parsed in dir between runs: the
// embedded bank's YAML takes about 12 ms to parse and check (most of the
// wizard's start-up), its cached form under half a millisecond to read.
// The cache file is named by the embedded bank's checksum and the shape of
// the Bank type, so another bank or a build whose types changed never reads
// it; one that does not read is parsed afresh and written again. An error
// writing the cache loses nothing: the bank is returned all the same. dir
// "" caches nothing.
func DefaultBankCached(dir string) (*Bank, error) {
	if dir == "" {
		return DefaultBank()
	}
	path := filepath.Join(dir, "bank-"+bankCacheKey()+".gob")
	if data, err := os.ReadFile(path); err == nil {
		var b Bank
		if gob.NewDecoder(bytes.NewReader(data)).Decode(&b) == nil && len(b.Questions) > 0 {
			b.reindex()
			b.checksum = checksum(assets.Bank)
			return &b, nil
		}
	}
	b, err := DefaultBank()
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if gob.NewEncoder(&buf).Encode(b) == nil && os.MkdirAll(dir, 0o700) == nil {
		// older caches (another bank, another build) go
		if old, _ := filepath.Glob(filepath.Join(dir, "bank-*.gob")); len(old) > 0 {
			for _, f := range old {
				if f != path {
					_ = os.Remove(f)
				}
			}
		}
		_ = WriteFileAtomic(path, buf.Bytes())
	}
	return b, nil
}

var (
	cacheKeyOnce sync.Once
	cacheKey     string
)

// bankCacheKey names the cache of the embedded bank: the checksum of its
// bytes and of the Bank type's shape (every field's name, type and tags).
func bankCacheKey() string {
	cacheKeyOnce.Do(func() {
		h := sha256.New()
		h.Write(assets.Bank)
		fmt.Fprint(h, "\x00gob1\x00")
		typeShape(h, reflect.TypeOf(Bank{}), map[reflect.Type]bool{})
		cacheKey = hex.EncodeToString(h.Sum(nil))[:24]
	})
	return cacheKey
}

// typeShape writes what gob would see of a type.
func typeShape(w interface{ Write([]byte) (int, error) }, t reflect.Type, seen map[reflect.Type]bool) {
	fmt.Fprintf(w, "%s:%s;", t.Kind(), t.String())
	if seen[t] {
		return
	}
	seen[t] = true
	switch t.Kind() {
	case reflect.Struct:
		for i := 0; i < t.NumField(); i++ {
			f := t.Field(i)
			if !f.IsExported() {
				continue
			}
			fmt.Fprintf(w, "{%s %s ", f.Name, strings.TrimSpace(string(f.Tag)))
			typeShape(w, f.Type, seen)
			fmt.Fprint(w, "}")
		}
	case reflect.Slice, reflect.Array, reflect.Pointer:
		typeShape(w, t.Elem(), seen)
	case reflect.Map:
		typeShape(w, t.Key(), seen)
		typeShape(w, t.Elem(), seen)
	}
}
