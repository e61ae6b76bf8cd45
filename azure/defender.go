package azure

import (
	"fmt"
	"regexp"
	"sort"
	"strings"
)

// typeSubAssessment is a Defender for Cloud sub-assessment: one row per
// item an assessment judged (for the identity recommendations V2, one row
// per account, named by the account's object id).
const typeSubAssessment = "microsoft.security/assessments/subassessments"

// defenderTopic is one Defender for Cloud recommendation the catalogue
// reads. Microsoft renames and re-keys recommendations (identity V1 → V2 in
// 2024, Qualys → MDVM for containers), so a topic lists every assessment key
// it is known by, newest first, and phrases of its display names as the
// fallback for a key this table does not know yet. Keys are from Microsoft's
// Defender for Cloud documentation (release notes, "identity
// recommendations V2", recommendations reference).
type defenderTopic struct {
	id   string
	keys []string
	// phrases: a display name matches when it contains every string of
	// one entry (lower case).
	phrases [][]string
	// identity topics have per-account sub-assessments worth collecting.
	identity bool
}

// Topics of the Defender recommendations the catalogue reads.
const (
	topicMFAOwners      = "mfa-owners"
	topicMFAWrite       = "mfa-write"
	topicMFARead        = "mfa-read"
	topicGuestOwners    = "guest-owners"
	topicGuestWrite     = "guest-write"
	topicGuestRead      = "guest-read"
	topicBlockedOwners  = "blocked-owners"
	topicBlockedOthers  = "blocked-readwrite"
	topicSystemUpdates  = "system-updates"
	topicEDR            = "edr"
	topicVASolution     = "va-solution"
	topicVAFindings     = "va-findings"
	topicACRFindings    = "acr-findings"
	topicJIT            = "jit"
	topicDevOpsFindings = "devops-findings"
)

// defenderTopics is the one table of assessment keys. The order matters
// for the display-name fallback: the blocked-account phrases are tried
// before the guest and MFA ones.
var defenderTopics = []defenderTopic{
	{id: topicBlockedOwners, identity: true,
		keys:    []string{"050ac097-3dda-4d24-ab6d-82568e7a50cf", "e52064aa-6853-e252-a11e-dffc675689c2"},
		phrases: [][]string{{"blocked accounts", "owner permissions"}, {"deprecated accounts", "owner permissions"}}},
	{id: topicBlockedOthers, identity: true,
		keys:    []string{"1ff0b4c9-ed56-4de6-be9c-d7ab39645926", "00c6d40b-e990-6acf-d4f3-471e747a27c4"},
		phrases: [][]string{{"blocked accounts", "read and write"}, {"deprecated accounts should be removed"}}},
	{id: topicMFAOwners, identity: true,
		keys:    []string{"6240402e-f77c-46fa-9060-a7ce53997754", "94290b00-4d0c-d7b4-7cea-064a9554e681"},
		phrases: [][]string{{"owner permissions", "mfa"}}},
	{id: topicMFAWrite, identity: true,
		keys:    []string{"c0cb17b2-0607-48a7-b0e0-903ed22de39b", "57e98606-6b1e-6193-0e3d-fe621387c16b"},
		phrases: [][]string{{"write permissions", "mfa"}}},
	{id: topicMFARead, identity: true,
		keys:    []string{"dabc9bc4-b8a8-45bd-9a5a-43000df8aa1c", "151e82c5-5341-a74b-1eb0-bc38d2c84bb5"},
		phrases: [][]string{{"read permissions", "mfa"}}},
	{id: topicGuestOwners, identity: true,
		keys:    []string{"20606e75-05c4-48c0-9d97-add6daa2109a", "c3b6ae71-f1f0-31b4-e6c1-d5951285d03d"},
		phrases: [][]string{{"guest accounts", "owner permissions"}, {"external accounts", "owner permissions"}}},
	{id: topicGuestWrite, identity: true,
		keys:    []string{"0354476c-a12a-4fcc-a79d-f0ab7ffffdbb", "04e7147b-0deb-9796-2e5c-0336343ceb3d"},
		phrases: [][]string{{"guest accounts", "write permissions"}, {"external accounts", "write permissions"}}},
	{id: topicGuestRead, identity: true,
		keys:    []string{"fde1c0c9-0fd2-4ecc-87b5-98956cbc1095", "a8c6a4ad-d51e-88fe-2979-d3ee3c864f8b"},
		phrases: [][]string{{"guest accounts", "read permissions"}, {"external accounts", "read permissions"}}},
	{id: topicSystemUpdates,
		keys:    []string{"e1145ab1-eb4f-43d8-911b-36ddf771d13f", "4ab6e3c5-74dd-8b35-9ab9-f61b30875b27"},
		phrases: [][]string{{"system updates should be installed"}}},
	{id: topicEDR,
		keys:    []string{"06e3a6db-6c0c-4ad9-943f-31d9d73ecf6c"},
		phrases: [][]string{{"edr solution should be installed"}, {"edr configuration issues should be resolved"}, {"endpoint protection should be installed"}, {"endpoint protection health issues"}}},
	{id: topicVASolution,
		keys:    []string{"ffff0522-1e88-47fc-8382-2a80ba848f5d"},
		phrases: [][]string{{"vulnerability assessment solution"}}},
	{id: topicVAFindings,
		keys:    []string{"1195afff-c881-495e-9bc5-1486211ae03f"},
		phrases: [][]string{{"machines should have vulnerability findings resolved"}, {"vulnerabilities in your virtual machines"}}},
	{id: topicACRFindings,
		keys:    []string{"c0b7cfc6-3172-465a-b378-53c7ff2cc0d5", "dbd0cb49-b563-45e7-9724-889e799fa648"},
		phrases: [][]string{{"container images should have vulnerabilit"}, {"registry images should have vulnerabilit"}}},
	{id: topicJIT,
		phrases: [][]string{{"just-in-time network access"}}},
	{id: topicDevOpsFindings,
		phrases: [][]string{{"code repositories should have", "findings resolved"}}},
}

var topicByKey = func() map[string]string {
	m := map[string]string{}
	for _, t := range defenderTopics {
		for _, k := range t.keys {
			m[k] = t.id
		}
	}
	return m
}()

// AssessmentKeys lists the Defender assessment keys the checks read, for the
// collection query.
func AssessmentKeys() []string {
	ks := make([]string, 0, len(topicByKey))
	for k := range topicByKey {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}

// identityKeys lists the assessment keys whose sub-assessments (one per
// account) are collected.
func identityKeys() []string {
	var ks []string
	for _, t := range defenderTopics {
		if t.identity {
			ks = append(ks, t.keys...)
		}
	}
	sort.Strings(ks)
	return ks
}

// assessmentPhrases lists the first phrase word of every display-name
// fallback, for the collection query.
func assessmentPhrases() []string {
	var ps []string
	for _, t := range defenderTopics {
		if len(t.keys) > 0 {
			continue // found by key
		}
		for _, p := range t.phrases {
			ps = append(ps, p[0])
		}
	}
	return ps
}

// topicOf says which topic an assessment key or display name belongs to.
func topicOf(key, displayName string) string {
	if t, ok := topicByKey[strings.ToLower(strings.TrimSpace(key))]; ok {
		return t
	}
	n := strings.ToLower(displayName)
	if n == "" {
		return ""
	}
	for _, t := range defenderTopics {
		for _, p := range t.phrases {
			all := true
			for _, w := range p {
				if !strings.Contains(n, w) {
					all = false
					break
				}
			}
			if all {
				return t.id
			}
		}
	}
	return ""
}

// assessmentTopic says which of our topics a Defender assessment (or
// sub-assessment) document is about.
func assessmentTopic(d Doc) string {
	key := d.Name()
	if d.Type() == typeSubAssessment {
		key = segmentAfter(d.ID(), "assessments")
		// A sub-assessment's display name is the finding's, not the
		// recommendation's: no fallback.
		return topicOf(key, "")
	}
	return topicOf(key, d.Str("properties", "displayName"))
}

// segmentAfter returns the path segment of a resource id that follows the
// last segment equal (case-insensitively) to name.
func segmentAfter(id, name string) string {
	parts := strings.Split(id, "/")
	for i := len(parts) - 2; i >= 0; i-- {
		if strings.EqualFold(parts[i], name) {
			return parts[i+1]
		}
	}
	return ""
}

// assessedResource is the id of the resource an assessment (or
// sub-assessment) is about, in lower case: properties.resourceDetails.id,
// else the part of the assessment id before its provider segment.
func assessedResource(d Doc) string {
	if id := d.Str("properties", "resourceDetails", "id"); id != "" {
		return strings.ToLower(strings.TrimRight(id, "/"))
	}
	if id := d.Str("properties", "resourceDetails", "ResourceId"); id != "" {
		return strings.ToLower(strings.TrimRight(id, "/"))
	}
	id := strings.ToLower(d.ID())
	if i := strings.Index(id, "/providers/microsoft.security/assessments/"); i >= 0 {
		return id[:i]
	}
	return ""
}

// assessmentsFor returns the assessments of a topic on one resource (by
// its id), from an index built once per inventory.
func assessmentsFor(inv *Inventory, resourceID, topic string) []Doc {
	idx := inv.index("assessments-by-resource", func() any {
		m := map[string][]Doc{}
		for _, a := range inv.OfType(typeAssessment) {
			t := assessmentTopic(a)
			if t == "" {
				continue
			}
			k := t + " " + assessedResource(a)
			m[k] = append(m[k], a)
		}
		return m
	}).(map[string][]Doc)
	return idx[topic+" "+strings.ToLower(strings.TrimRight(resourceID, "/"))]
}

// causePattern is what a Defender status cause looks like: Microsoft
// documents status.cause as a "programmatic code for the cause of the
// assessment status" (OffByPolicy, Exempt, ...), and status.description as
// the "human readable description". Free text can carry names and e-mail
// addresses (one did, into every report format): only a code is kept.
var causePattern = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9_.-]{0,63}$`)

// statusCause is an assessment's status cause fit to print, or "". The
// human-readable description is never printed.
func statusCause(d Doc) string {
	c := strings.TrimSpace(d.Str("properties", "status", "cause"))
	if !causePattern.MatchString(c) {
		return ""
	}
	return c
}

// assessmentResult turns a Defender assessment status into a result.
func assessmentResult(d Doc, healthy, unhealthy string) Result {
	code := d.Str("properties", "status", "code")
	cause := statusCause(d)
	switch {
	case eq(code, "Healthy"):
		return pass(healthy)
	case eq(code, "Unhealthy"):
		if cause != "" {
			return fail(unhealthy + " (" + cause + ")")
		}
		return fail(unhealthy)
	case eq(code, "NotApplicable"):
		return na(strings.TrimSpace("Defender for Cloud: not applicable " + cause))
	}
	return na("Defender for Cloud status " + orNone(code))
}

// resourceAssessment judges a resource by the Defender assessments of a
// topic on it: any Unhealthy fails, else any Healthy passes, else not
// applicable; Skip when Defender has none (its plan may be off: the
// defender-plans check says so).
func resourceAssessment(d Doc, inv *Inventory, topic, healthy, unhealthy string) Result {
	as := assessmentsFor(inv, d.ID(), topic)
	if len(as) == 0 {
		return Result{Status: Skip}
	}
	var best Result
	for _, a := range as {
		r := assessmentResult(a, healthy, unhealthy)
		switch {
		case r.Status == Fail:
			return r
		case r.Status == Pass, best.Status == Skip:
			best = r
		}
	}
	return best
}

// identityTally is what Defender says about one identity topic in one
// subscription, from either row shape:
//
//   - the aggregate shape (identity recommendations V1, and V2's parent
//     rows): microsoft.security/assessments rows with a status, on the
//     subscription or on any resource in it, and sometimes a list of
//     object ids in properties.additionalData;
//   - the per-identity shape (V2): .../assessments/{key}/subassessments/{objectId}
//     rows, one per account, each with its own status.
//
// Only object ids are kept: never a display name, user principal name or
// e-mail address, whatever additionalData carries.
type identityTally struct {
	healthy, unhealthy, notApplicable int
	causes                            []string
	accounts                          map[string]bool // object ids of failing accounts
}

func identityTallies(inv *Inventory) map[string]*identityTally {
	return inv.index("identity-tallies", func() any {
		m := map[string]*identityTally{}
		get := func(topic, sub string) *identityTally {
			k := topic + " " + sub
			if m[k] == nil {
				m[k] = &identityTally{accounts: map[string]bool{}}
			}
			return m[k]
		}
		for _, a := range inv.OfType(typeAssessment) {
			t := assessmentTopic(a)
			if !isIdentityTopic(t) {
				continue
			}
			tl := get(t, a.Subscription())
			code := a.Str("properties", "status", "code")
			switch {
			case eq(code, "Unhealthy"):
				tl.unhealthy++
				for _, id := range objectIDs(a.Sub("properties", "additionalData"), a.Subscription()) {
					tl.accounts[id] = true
				}
			case eq(code, "Healthy"):
				tl.healthy++
			case eq(code, "NotApplicable"):
				tl.notApplicable++
				if c := statusCause(a); c != "" {
					tl.causes = append(tl.causes, c)
				}
			}
		}
		for _, s := range inv.OfType(typeSubAssessment) {
			t := assessmentTopic(s)
			if !isIdentityTopic(t) {
				continue
			}
			tl := get(t, s.Subscription())
			code := s.Str("properties", "status", "code")
			switch {
			case eq(code, "Unhealthy"):
				tl.unhealthy++
				if id := subAssessmentAccount(s); id != "" {
					tl.accounts[id] = true
				}
			case eq(code, "Healthy"):
				tl.healthy++
			}
		}
		return m
	}).(map[string]*identityTally)
}

func isIdentityTopic(t string) bool {
	for _, dt := range defenderTopics {
		if dt.id == t {
			return dt.identity
		}
	}
	return false
}

// subAssessmentAccount is the object id of the account a per-identity
// sub-assessment is about: its name, the last segment of its id, or an
// object id field of its additional data; "" when none is a GUID.
func subAssessmentAccount(s Doc) string {
	for _, c := range []string{s.Str("name"), lastSegment(s.ID())} {
		if isObjectID(c) {
			return strings.ToLower(c)
		}
	}
	if ids := objectIDs(s.Sub("properties", "additionalData"), s.Subscription()); len(ids) > 0 {
		return ids[0]
	}
	return ""
}

// objectIDs collects the GUIDs under keys that name object ids, users or
// accounts in additional data (one level of nesting), skipping the
// subscription id. Nothing but GUIDs is ever returned.
func objectIDs(ad Doc, sub string) []string {
	var out []string
	add := func(v any) {
		switch x := v.(type) {
		case string:
			for _, f := range strings.FieldsFunc(x, func(r rune) bool { return r == ',' || r == ';' || r == ' ' }) {
				if isObjectID(f) && !strings.EqualFold(f, sub) {
					out = append(out, strings.ToLower(f))
				}
			}
		case []any:
			for _, e := range x {
				if s := asString(e); isObjectID(s) && !strings.EqualFold(s, sub) {
					out = append(out, strings.ToLower(s))
				}
				if m, ok := e.(map[string]any); ok {
					for k, vv := range m {
						if strings.Contains(strings.ToLower(k), "objectid") {
							if s := asString(vv); isObjectID(s) {
								out = append(out, strings.ToLower(s))
							}
						}
					}
				}
			}
		}
	}
	for k, v := range ad {
		lk := strings.ToLower(k)
		if strings.Contains(lk, "objectid") || strings.Contains(lk, "users") || strings.Contains(lk, "accounts") {
			add(v)
		}
	}
	sort.Strings(out)
	return out
}

// isObjectID accepts a GUID (an Entra object id).
func isObjectID(s string) bool { return isGUIDish(strings.TrimSpace(s)) }

// identityEval judges one subscription by a Defender identity topic: it
// fails when any row of either shape is Unhealthy (saying how many accounts,
// by object id only), passes when rows are Healthy, is not applicable when
// Defender says so, and is skipped when Defender said nothing (no Security
// Reader, or Defender's foundational CSPM off). failing completes "N ..." or
// "some ...", e.g. "account(s) with owner permissions have no MFA".
func identityEval(topic, failing, healthy string) func(Doc, *Inventory) Result {
	return func(d Doc, inv *Inventory) Result {
		tl := identityTallies(inv)[topic+" "+d.Subscription()]
		if tl == nil {
			return Result{Status: Skip}
		}
		switch {
		case tl.unhealthy > 0:
			n := len(tl.accounts)
			if n == 0 {
				return fail("Defender for Cloud: some " + failing)
			}
			ids := make([]string, 0, n)
			for id := range tl.accounts {
				ids = append(ids, id)
			}
			sort.Strings(ids)
			more := ""
			if len(ids) > 3 {
				more = fmt.Sprintf(" +%d more", len(ids)-3)
				ids = ids[:3]
			}
			return fail(fmt.Sprintf("Defender for Cloud: %d %s (object ids %s%s)", n, failing, strings.Join(ids, ", "), more))
		case tl.healthy > 0:
			return pass("Defender for Cloud: " + healthy)
		case tl.notApplicable > 0:
			cause := ""
			if len(tl.causes) > 0 {
				cause = " (" + tl.causes[0] + ")"
			}
			return na("Defender for Cloud: not applicable" + cause)
		}
		return Result{Status: Skip}
	}
}
