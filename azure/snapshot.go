package azure

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
	"time"

	q "github.com/ssrm/ssrm/questionnaire"
)

// SnapshotSchema is the version of the snapshot format this build writes.
// It reads every version up to this one.
const SnapshotSchema = 1

// Subscription is an Azure subscription the credential can read.
type Subscription struct {
	ID       string `json:"id"`
	Name     string `json:"name,omitempty"`
	TenantID string `json:"tenant_id,omitempty"`
	State    string `json:"state,omitempty"`
}

// QueryStats says what one query of a collection returned.
type QueryStats struct {
	Name  string `json:"name"`
	Table string `json:"table"`
	Rows  int    `json:"rows"`
	Pages int    `json:"pages"`
	// Throttled counts the waits for the Resource Graph quota, Waited their
	// total length.
	Throttled int           `json:"throttled,omitempty"`
	Waited    time.Duration `json:"waited_ns,omitempty"`
	// Error is set when an optional query failed (the others still ran).
	Error string `json:"error,omitempty"`
}

// Snapshot is the raw documents of one collection, and where they came
// from: what `ssrm azure collect` writes and `ssrm azure check` reads.
type Snapshot struct {
	Schema           int            `json:"schema"`
	Tool             string         `json:"tool,omitempty"`
	Collected        time.Time      `json:"collected"`
	Subscriptions    []Subscription `json:"subscriptions,omitempty"`
	ManagementGroups []string       `json:"management_groups,omitempty"`
	Queries          []QueryStats   `json:"queries,omitempty"`
	Documents        []Doc          `json:"documents"`

	// Graph holds the Microsoft Graph v1.0 results of `collect --graph`,
	// keyed by request path without query ("/policies/authorizationPolicy"):
	// the returned object, or for a collection the value arrays of every
	// page concatenated. Reads says how each Graph and ARM read went.
	// TenantID is the tenant the token was for; IncludeNames is set when
	// display names were collected (`--include-names`).
	Graph        map[string]any `json:"graph,omitempty"`
	Reads        []ReadStats    `json:"reads,omitempty"`
	TenantID     string         `json:"tenant_id,omitempty"`
	IncludeNames bool           `json:"include_names,omitempty"`

	// Source says what kind of file the documents were read from: snapshot,
	// az-graph-query, rest-page or array. Not saved.
	Source string `json:"-"`
	// Truncated is set when the file was one page of a longer result (it
	// carries a skip token): the checks see only that page. Not saved.
	Truncated bool `json:"-"`
	// Skipped counts rows that were not objects. Not saved.
	Skipped int `json:"-"`
}

// ErrNotDocuments is returned for a file that is none of the formats
// ParseSnapshot reads.
var ErrNotDocuments = errors.New("not a snapshot, an 'az graph query' output or a Resource Graph response")

// LoadSnapshot reads a plain snapshot file (see ParseSnapshot); an
// encrypted one is an error saying so (see LoadSnapshotWith).
func LoadSnapshot(path string) (*Snapshot, error) {
	return LoadSnapshotWith(path, q.LoadOptions{})
}

// MaxSnapshotSize is the largest snapshot (or `az graph query` output) ssrm
// reads: about two million resources as 'ssrm azure collect' writes them.
// Documented in the README ("Limits"). A plain snapshot is decoded
// document by document from disk, so memory follows the documents kept,
// not the file; an encrypted one is also held decrypted in memory.
const MaxSnapshotSize = 1 << 30

// LoadSnapshotWith reads a snapshot file, opening an encrypted one
// (`ssrm azure collect --encrypt`) with the passphrase from opts. A file
// over MaxSnapshotSize (or opts.Limit, when set) is refused with an error
// naming it; a damaged one gives an error naming the file and the byte
// where decoding stopped.
func LoadSnapshotWith(path string, opts q.LoadOptions) (*Snapshot, error) {
	if opts.Limit == 0 {
		opts.Limit = MaxSnapshotSize
	}
	if opts.Kind == "" {
		opts.Kind = "Azure snapshots"
	}
	f, err := q.OpenSealed(path, opts, "check the path, or write one with 'ssrm azure collect -o FILE'")
	if err != nil {
		return nil, err
	}
	defer f.Close()
	s, err := DecodeSnapshot(f)
	if err != nil {
		var tl *q.TooLargeError
		if errors.As(err, &tl) {
			return nil, tl
		}
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return s, nil
}

// ParseSnapshot reads resource documents from any of:
//
//   - a snapshot written by `ssrm azure collect` ({"schema": 1, "documents": [...]});
//   - what `az graph query -q "..."` prints ({"count": n, "data": [...], "skip_token": ...});
//   - a Resource Graph REST response page ({"totalRecords": n, "data": [...]}),
//     in objectArray or table ({"columns": [...], "rows": [[...]]}) format;
//   - a bare JSON array of documents.
//
// Rows that are not objects are skipped and counted.
func ParseSnapshot(data []byte) (*Snapshot, error) {
	return DecodeSnapshot(bytes.NewReader(data))
}

// DecodeSnapshot is ParseSnapshot reading from r: the documents are
// decoded one by one as they arrive, so the file is never held whole in
// memory, nor a second, generic copy of every document.
func DecodeSnapshot(r io.Reader) (*Snapshot, error) {
	br := bufio.NewReaderSize(r, 1<<16)
	if bom, _ := br.Peek(3); bytes.Equal(bom, []byte("\xef\xbb\xbf")) {
		br.Discard(3)
	}
	dec := json.NewDecoder(br)
	tok, err := dec.Token()
	if err == io.EOF {
		return nil, fmt.Errorf("empty file: %w", ErrNotDocuments)
	}
	if err != nil {
		return nil, decodeError("decode", dec, err)
	}
	var s *Snapshot
	switch tok {
	case json.Delim('['):
		s = &Snapshot{Schema: SnapshotSchema, Source: "array"}
		if s.Documents, s.Skipped, err = decodeRows(dec); err != nil {
			return nil, decodeError("decode array", dec, err)
		}
	case json.Delim('{'):
		if s, err = decodeObject(dec); err != nil {
			return nil, err
		}
	default:
		return nil, fmt.Errorf("decode: the file starts with %v, not an object or an array: %w", tok, ErrNotDocuments)
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, decodeError("decode", dec, errors.New("more data after the end of the JSON value"))
	}
	return s, nil
}

// decodeError says where decoding stopped, as a byte offset (a streamed
// file has no line count).
func decodeError(what string, dec *json.Decoder, err error) error {
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return fmt.Errorf("%s: %w (at byte %d): the file is damaged or not JSON", what, err, se.Offset)
	}
	if errors.Is(err, io.ErrUnexpectedEOF) || err == io.EOF {
		return fmt.Errorf("%s: the file ends early (at byte %d): it was cut short; collect it again", what, dec.InputOffset())
	}
	return fmt.Errorf("%s: %w (at byte %d)", what, err, dec.InputOffset())
}

// decodeRows reads the elements of an array whose '[' was just read, one
// at a time: objects become documents, anything else is counted as
// skipped.
func decodeRows(dec *json.Decoder) ([]Doc, int, error) {
	var docs []Doc
	skipped := 0
	in := interner{m: map[string]string{}}
	for dec.More() {
		var v any
		if err := dec.Decode(&v); err != nil {
			return nil, 0, err
		}
		if m, ok := v.(map[string]any); ok && m != nil {
			in.doc(m)
			docs = append(docs, Doc(m))
		} else {
			skipped++
		}
	}
	if _, err := dec.Token(); err != nil { // ']'
		return nil, 0, err
	}
	if docs == nil {
		docs = []Doc{}
	}
	return docs, skipped, nil
}

// interner shares the strings that repeat across documents: keys
// ("properties", "provisioningState"), types, locations, subscription ids,
// states. Each decoded document holds its own copy of every string; a
// million documents of a dozen keys and values each hold tens of millions
// of copies of a few thousand strings.
//
// Small nested objects that repeat whole (tags, a sku, a status, the
// settings most resources leave at their defaults) are shared too: one
// map for every document holding the same keys and values. Documents are
// read-only once loaded, so sharing cannot leak a change from one to
// another.
//
// A string value is shared with the interface holding it: an `any` holding
// a string is a separate 16-byte allocation, one per value otherwise.
type interner struct {
	m     map[string]string
	boxed map[string]any
	objs  map[string]map[string]any
	key   []byte
	keys  []string
}

const (
	internLen = 64      // longest string shared: longer ones are ids, unique anyway
	internCap = 1 << 16 // most strings remembered
)

func (in *interner) str(s string) string {
	if len(s) > internLen {
		return s
	}
	if v, ok := in.m[s]; ok {
		return v
	}
	if len(in.m) < internCap {
		in.m[s] = s
	}
	return s
}

// objCap is how many distinct small objects are remembered for sharing.
const objCap = 1 << 16

// shared returns the map already seen with the same keys and scalar
// values as m, or m. Only small objects of short scalars are shared: the
// others (holding ids, lists, nested objects) are seldom repeated.
func (in *interner) shared(m map[string]any) any {
	if len(m) == 0 || len(m) > 8 {
		return m
	}
	in.keys = in.keys[:0]
	for k, v := range m {
		switch x := v.(type) {
		case string:
			if len(x) > internLen || strings.HasPrefix(x, "/") {
				return m
			}
		case bool, float64, nil:
		default:
			return m
		}
		in.keys = append(in.keys, k)
	}
	sort.Strings(in.keys)
	b := in.key[:0]
	for _, k := range in.keys {
		b = append(b, k...)
		b = append(b, 0)
		switch x := m[k].(type) {
		case string:
			b = append(b, 's')
			b = append(b, x...)
		case bool:
			b = strconv.AppendBool(append(b, 'b'), x)
		case float64:
			b = strconv.AppendFloat(append(b, 'f'), x, 'g', -1, 64)
		case nil:
			b = append(b, 'n')
		}
		b = append(b, 0)
	}
	in.key = b
	if old, ok := in.objs[string(b)]; ok {
		return old
	}
	if in.objs == nil {
		in.objs = map[string]map[string]any{}
	}
	if len(in.objs) < objCap {
		in.objs[string(b)] = m
	}
	return m
}

// doc shares the keys and short values of a document; its id and name,
// which no other document has, are left as they are.
func (in *interner) doc(m map[string]any) {
	for k, v := range m {
		switch k {
		case "id", "name":
			m[in.str(k)] = v
			continue
		}
		m[in.str(k)] = in.value(v)
	}
}

func (in *interner) value(v any) any {
	switch x := v.(type) {
	case string:
		if len(x) > internLen || strings.HasPrefix(x, "/") { // a resource id
			return v
		}
		if b, ok := in.boxed[x]; ok {
			return b
		}
		if in.boxed == nil {
			in.boxed = map[string]any{}
		}
		if len(in.boxed) < internCap {
			in.boxed[x] = v
		}
		return v
	case map[string]any:
		for k, e := range x {
			// Assigning to a key that is there replaces the key too.
			x[in.str(k)] = in.value(e)
		}
		return in.shared(x)
	case []any:
		for i, e := range x {
			x[i] = in.value(e)
		}
	}
	return v
}

// decodeObject reads the fields of a top-level object whose '{' was just
// read. The documents ("documents" of a snapshot, "data" of a query
// result) are streamed; every other field is small and kept raw until the
// kind of file is known.
func decodeObject(dec *json.Decoder) (*Snapshot, error) {
	var docs []Doc
	skipped := 0
	var haveDocs, haveData bool
	var data any // the "data" field when it is not an array
	rest := map[string]json.RawMessage{}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, decodeError("decode", dec, err)
		}
		key, _ := tok.(string)
		switch {
		case strings.EqualFold(key, "documents"), strings.EqualFold(key, "data"):
			isDocs := strings.EqualFold(key, "documents")
			what := "decode data"
			if isDocs {
				what = "decode snapshot"
				haveDocs = true
			} else {
				haveData = true
			}
			if isDocs || !haveDocs {
				docs, skipped, data = nil, 0, nil
			}
			v, isArray, err := decodeValueOrArray(dec)
			if err != nil {
				return nil, decodeError(what, dec, err)
			}
			if isArray {
				d, sk, err := decodeRows(dec)
				if err != nil {
					return nil, decodeError(what, dec, err)
				}
				if isDocs || !haveDocs {
					docs, skipped = d, sk
				}
				continue
			}
			if isDocs {
				if v != nil {
					return nil, fmt.Errorf("decode snapshot: documents is %s, not a list of documents", jsonKind(v))
				}
				continue
			}
			if !haveDocs {
				data = v
				if data == nil {
					data = json.RawMessage("null")
				}
			}
		default:
			var raw json.RawMessage
			if err := dec.Decode(&raw); err != nil {
				return nil, decodeError("decode", dec, err)
			}
			rest[key] = raw
		}
	}
	if _, err := dec.Token(); err != nil { // '}'
		return nil, decodeError("decode", dec, err)
	}
	field := func(name string) (json.RawMessage, bool) {
		if v, ok := rest[name]; ok {
			return v, true
		}
		for k, v := range rest {
			if strings.EqualFold(k, name) {
				return v, true
			}
		}
		return nil, false
	}
	if haveDocs {
		var s Snapshot
		head, err := json.Marshal(rest)
		if err == nil {
			err = json.Unmarshal(head, &s)
		}
		if err != nil {
			return nil, fmt.Errorf("decode snapshot: %w", err)
		}
		if s.Schema > SnapshotSchema {
			return nil, fmt.Errorf("snapshot schema %d is newer than this ssrm reads (%d): update ssrm", s.Schema, SnapshotSchema)
		}
		s.Source = "snapshot"
		s.Documents, s.Skipped = docs, skipped
		if s.Documents == nil {
			s.Documents = []Doc{}
		}
		return &s, nil
	}
	if !haveData {
		return nil, ErrNotDocuments
	}
	s := &Snapshot{Schema: SnapshotSchema, Source: "az-graph-query"}
	for _, k := range []string{"skip_token", "skipToken", "$skipToken"} {
		if v, ok := field(k); ok {
			var tok string
			if json.Unmarshal(v, &tok) == nil && tok != "" {
				s.Truncated = true
			}
		}
	}
	if _, ok := field("totalRecords"); ok {
		s.Source = "rest-page"
	}
	switch d := data.(type) {
	case nil: // an array, streamed
		s.Documents, s.Skipped = docs, skipped
	case json.RawMessage: // null
	case map[string]any:
		docs, skipped, err := tableToDocs(Doc(d))
		if err != nil {
			return nil, err
		}
		s.Documents, s.Skipped = docs, skipped
	default:
		return nil, fmt.Errorf("data is neither a list of rows nor a table: %w", ErrNotDocuments)
	}
	return s, nil
}

// decodeValueOrArray reads the start of the next value: for an array it
// consumes only the '[' (isArray; the caller reads the elements), for
// anything else the whole value.
func decodeValueOrArray(dec *json.Decoder) (v any, isArray bool, err error) {
	tok, err := dec.Token()
	if err != nil {
		return nil, false, err
	}
	switch tok {
	case json.Delim('['):
		return nil, true, nil
	case json.Delim('{'):
		m := map[string]any{}
		for dec.More() {
			k, err := dec.Token()
			if err != nil {
				return nil, false, err
			}
			var e any
			if err := dec.Decode(&e); err != nil {
				return nil, false, err
			}
			m[k.(string)] = e
		}
		if _, err := dec.Token(); err != nil { // '}'
			return nil, false, err
		}
		return m, false, nil
	}
	return tok, false, nil
}

func jsonKind(v any) string {
	switch v.(type) {
	case map[string]any:
		return "an object"
	case string:
		return "a string"
	case bool:
		return "true or false"
	}
	return "a number"
}

func rowsToDocs(rows []any) ([]Doc, int) {
	docs := make([]Doc, 0, len(rows))
	skipped := 0
	for _, r := range rows {
		if m, ok := r.(map[string]any); ok && m != nil {
			docs = append(docs, Doc(m))
		} else {
			skipped++
		}
	}
	return docs, skipped
}

// tableToDocs turns the table result format ({"columns": [{"name": ...}],
// "rows": [[...]]}) into documents.
func tableToDocs(t Doc) ([]Doc, int, error) {
	cols := t.List("columns")
	rows := t.List("rows")
	if cols == nil && rows == nil {
		return nil, 0, fmt.Errorf("data is an object without columns and rows: %w", ErrNotDocuments)
	}
	names := make([]string, len(cols))
	for i, c := range cols {
		switch x := c.(type) {
		case map[string]any:
			names[i] = Doc(x).Str("name")
		case string:
			names[i] = x
		}
	}
	var docs []Doc
	skipped := 0
	for _, r := range rows {
		vals, ok := r.([]any)
		if !ok {
			skipped++
			continue
		}
		d := Doc{}
		for i, v := range vals {
			if i < len(names) && names[i] != "" {
				d[names[i]] = v
			}
		}
		docs = append(docs, d)
	}
	return docs, skipped, nil
}

// Marshal writes the snapshot as indented JSON.
func (s *Snapshot) Marshal() ([]byte, error) {
	if s.Schema == 0 {
		s.Schema = SnapshotSchema
	}
	if s.Documents == nil {
		s.Documents = []Doc{}
	}
	return json.MarshalIndent(s, "", "  ")
}
