package azure

import (
	"strconv"
	"strings"
)

// Doc is one Resource Graph row: a resource document as Azure Resource
// Manager describes it (id, name, type, location, subscriptionId,
// properties, sku, ...). Real documents are messy, so every accessor is
// tolerant: keys match case-insensitively, a missing or mistyped field reads
// as its zero value, and nothing panics.
type Doc map[string]any

// Get walks a path of keys (case-insensitive) and returns what is there, or
// nil.
func (d Doc) Get(path ...string) any {
	var cur any = map[string]any(d)
	for _, k := range path {
		m, ok := cur.(map[string]any)
		if !ok {
			return nil
		}
		cur = lookup(m, k)
	}
	return cur
}

func lookup(m map[string]any, k string) any {
	if v, ok := m[k]; ok {
		return v
	}
	for kk, v := range m {
		if strings.EqualFold(kk, k) {
			return v
		}
	}
	return nil
}

// Str returns the string at path, or "" (numbers and booleans are printed).
func (d Doc) Str(path ...string) string { return asString(d.Get(path...)) }

// Bool returns the boolean at path and whether one was there. The strings
// "true" and "false" count too.
func (d Doc) Bool(path ...string) (bool, bool) { return asBool(d.Get(path...)) }

// Num returns the number at path and whether one was there.
func (d Doc) Num(path ...string) (float64, bool) { return asNum(d.Get(path...)) }

// List returns the array at path, or nil.
func (d Doc) List(path ...string) []any {
	l, _ := d.Get(path...).([]any)
	return l
}

// Sub returns the object at path as a Doc, or nil.
func (d Doc) Sub(path ...string) Doc {
	m, _ := d.Get(path...).(map[string]any)
	return Doc(m)
}

// ID is the resource id as written.
func (d Doc) ID() string { return d.Str("id") }

// Name is the resource name, or the last segment of its id.
func (d Doc) Name() string {
	if n := d.Str("name"); n != "" {
		return n
	}
	id := strings.TrimRight(d.ID(), "/")
	return id[strings.LastIndex(id, "/")+1:]
}

// Type is the resource type in lower case ("microsoft.storage/storageaccounts").
func (d Doc) Type() string { return strings.ToLower(strings.TrimSpace(d.Str("type"))) }

// Subscription is the subscription id, from the document or parsed from its id.
func (d Doc) Subscription() string {
	if s := d.Str("subscriptionId"); s != "" {
		return strings.ToLower(s)
	}
	return subscriptionOf(d.ID())
}

// Location is the region, normalized: lower case without spaces
// ("West Europe" and "westeurope" are the same).
func (d Doc) Location() string {
	return strings.ToLower(strings.ReplaceAll(d.Str("location"), " ", ""))
}

// subscriptionOf parses the subscription id out of a resource id.
func subscriptionOf(id string) string {
	parts := strings.Split(id, "/")
	for i := 0; i+1 < len(parts); i++ {
		if strings.EqualFold(parts[i], "subscriptions") {
			return strings.ToLower(parts[i+1])
		}
	}
	return ""
}

func asString(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	case bool:
		return strconv.FormatBool(x)
	}
	return ""
}

func asBool(v any) (bool, bool) {
	switch x := v.(type) {
	case bool:
		return x, true
	case string:
		switch strings.ToLower(strings.TrimSpace(x)) {
		case "true", "enabled", "yes":
			return true, true
		case "false", "disabled", "no":
			return false, true
		}
	}
	return false, false
}

func asNum(v any) (float64, bool) {
	switch x := v.(type) {
	case float64:
		return x, true
	case string:
		f, err := strconv.ParseFloat(strings.TrimSpace(x), 64)
		return f, err == nil
	}
	return 0, false
}

// objects returns the elements of a list that are objects, as Docs.
func objects(l []any) []Doc {
	out := make([]Doc, 0, len(l))
	for _, v := range l {
		if m, ok := v.(map[string]any); ok {
			out = append(out, Doc(m))
		}
	}
	return out
}

// strs returns the string elements of a list.
func strs(l []any) []string {
	out := make([]string, 0, len(l))
	for _, v := range l {
		if s := asString(v); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// eq compares two strings case-insensitively, ignoring surrounding space.
func eq(a, b string) bool { return strings.EqualFold(strings.TrimSpace(a), strings.TrimSpace(b)) }
