package azure

import (
	"hash/maphash"
	"strings"
)

// idIndex finds documents by resource id, case-insensitively, without a
// lower-case copy of every id: it keys them by a hash of the id folded to
// lower case, and checks the id itself on every hit. A million ids of
// ~130 bytes each would otherwise cost some 200 MB of copies.
type idIndex struct {
	seed maphash.Seed
	m    map[uint64]Doc
	// more holds, by lower-case id, the documents whose hash an earlier,
	// different id already took (never, in practice).
	more map[string]Doc
}

func newIDIndex() *idIndex {
	return &idIndex{seed: maphash.MakeSeed(), m: map[uint64]Doc{}}
}

// hash is the hash of id in lower case.
func (x *idIndex) hash(id string) uint64 {
	var buf [256]byte
	if len(id) > len(buf) {
		return maphash.String(x.seed, strings.ToLower(id))
	}
	for i := 0; i < len(id); i++ {
		c := id[i]
		if c >= 0x80 {
			return maphash.String(x.seed, strings.ToLower(id))
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf[i] = c
	}
	return maphash.Bytes(x.seed, buf[:len(id)])
}

// sameID compares two ids case-insensitively (checked only after their
// hashes matched).
func sameID(a, b string) bool { return strings.EqualFold(a, b) }

// put indexes d under id; a later document with the same id replaces an
// earlier one.
func (x *idIndex) put(id string, d Doc) {
	h := x.hash(id)
	if old, ok := x.m[h]; ok && !sameID(old.ID(), id) {
		if x.more == nil {
			x.more = map[string]Doc{}
		}
		x.more[strings.ToLower(id)] = d
		return
	}
	x.m[h] = d
}

// get returns the document with this id (any case).
func (x *idIndex) get(id string) (Doc, bool) {
	if len(x.more) > 0 {
		if d, ok := x.more[strings.ToLower(id)]; ok {
			return d, true
		}
	}
	d, ok := x.m[x.hash(id)]
	if !ok || !sameID(d.ID(), id) {
		return nil, false
	}
	return d, true
}
