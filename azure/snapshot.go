package azure

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
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

// LoadSnapshotWith reads a snapshot file, opening an encrypted one
// (`ssrm azure collect --encrypt`) with the passphrase from opts.
func LoadSnapshotWith(path string, opts q.LoadOptions) (*Snapshot, error) {
	data, err := q.ReadFileWith(path, opts)
	if err != nil {
		return nil, err
	}
	s, err := ParseSnapshot(data)
	if err != nil {
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
	data = bytes.TrimSpace(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")))
	if len(data) == 0 {
		return nil, fmt.Errorf("empty file: %w", ErrNotDocuments)
	}
	if data[0] == '[' {
		var rows []any
		if err := json.Unmarshal(data, &rows); err != nil {
			return nil, fmt.Errorf("decode array: %w", err)
		}
		s := &Snapshot{Schema: SnapshotSchema, Source: "array"}
		s.Documents, s.Skipped = rowsToDocs(rows)
		return s, nil
	}
	var top map[string]json.RawMessage
	if err := json.Unmarshal(data, &top); err != nil {
		return nil, fmt.Errorf("decode: %w", err)
	}
	field := func(name string) (json.RawMessage, bool) {
		if v, ok := top[name]; ok {
			return v, true
		}
		for k, v := range top {
			if strings.EqualFold(k, name) {
				return v, true
			}
		}
		return nil, false
	}
	if _, ok := field("documents"); ok {
		return parseOwnSnapshot(data)
	}
	raw, ok := field("data")
	if !ok {
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
	var data0 any
	if err := json.Unmarshal(raw, &data0); err != nil {
		return nil, fmt.Errorf("decode data: %w", err)
	}
	switch d := data0.(type) {
	case []any:
		s.Documents, s.Skipped = rowsToDocs(d)
	case map[string]any:
		docs, skipped, err := tableToDocs(Doc(d))
		if err != nil {
			return nil, err
		}
		s.Documents, s.Skipped = docs, skipped
	case nil:
	default:
		return nil, fmt.Errorf("data is neither a list of rows nor a table: %w", ErrNotDocuments)
	}
	return s, nil
}

func parseOwnSnapshot(data []byte) (*Snapshot, error) {
	var raw struct {
		Snapshot
		Documents []any `json:"documents"`
	}
	if err := json.Unmarshal(data, &raw); err != nil {
		return nil, fmt.Errorf("decode snapshot: %w", err)
	}
	if raw.Schema > SnapshotSchema {
		return nil, fmt.Errorf("snapshot schema %d is newer than this ssrm reads (%d): update ssrm", raw.Schema, SnapshotSchema)
	}
	s := raw.Snapshot
	s.Source = "snapshot"
	s.Documents, s.Skipped = rowsToDocs(raw.Documents)
	return &s, nil
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
