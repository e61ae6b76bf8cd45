package azure

import "strings"

// minimizeDoc is what a collection keeps of a Resource Graph row when it
// may name people: object ids, never display names, user principal names
// or e-mail addresses (unless --include-names). Defender's aggregate
// assessment rows carry whole lists of accounts in additionalData and free
// text in status.description; classic administrators carry the
// administrator's e-mail address. What the checks read is kept: a
// recommendation's display name (Microsoft's, not a person's), its status
// code and cause code, the resource it is about, and the object ids of
// the accounts it lists. Other rows are returned as they are.
func minimizeDoc(d Doc, includeNames bool) Doc {
	if includeNames {
		return d
	}
	switch d.Type() {
	case typeAssessment, typeSubAssessment:
		p := Doc{}
		if n := d.Str("properties", "displayName"); n != "" {
			p["displayName"] = n
		}
		st := map[string]any{}
		if c := d.Str("properties", "status", "code"); c != "" {
			st["code"] = c
		}
		if c := statusCause(d); c != "" {
			st["cause"] = c
		}
		if len(st) > 0 {
			p["status"] = st
		}
		if rd := d.Sub("properties", "resourceDetails"); rd != nil {
			kept := map[string]any{}
			for k, v := range rd {
				switch strings.ToLower(k) {
				case "id", "resourceid", "source":
					if s, ok := v.(string); ok {
						kept[k] = s
					}
				}
			}
			p["resourceDetails"] = kept
		}
		if ids := objectIDs(d.Sub("properties", "additionalData"), d.Subscription()); len(ids) > 0 {
			list := make([]any, len(ids))
			for i, id := range ids {
				list[i] = id
			}
			p["additionalData"] = map[string]any{"objectIds": list}
		}
		return withProperties(d, p)
	case typeClassicAdmin:
		p := Doc{}
		for _, k := range []string{"role", "adminState"} {
			if v := d.Get("properties", k); v != nil {
				p[k] = v
			}
		}
		return withProperties(d, p)
	}
	return d
}

// withProperties is a copy of d with properties p.
func withProperties(d Doc, p Doc) Doc {
	out := make(Doc, len(d))
	for k, v := range d {
		if strings.EqualFold(k, "properties") {
			continue
		}
		out[k] = v
	}
	out["properties"] = map[string]any(p)
	return out
}
