package safetext

import (
	"fmt"
	"net"
	"regexp"
	"sort"
	"strings"
	"unicode"
)

// Kind is one kind of thing a Redactor removes; its value is the word that
// stands in for it.
type Kind string

// What a Redactor removes, in the order it looks for them: a connection
// string first (it holds keys, passwords and host names), the resource ids
// and GUIDs last (an e-mail or a token may contain one).
const (
	ConnectionString Kind = "[connection string]"
	Token            Kind = "[token]"         // a JSON Web Token (eyJ….eyJ….sig)
	SASSignature     Kind = "[SAS signature]" // the sig= of a shared access signature
	Password         Kind = "[password]"      // after password:, pwd=, secret is, …
	AccountKey       Kind = "[key]"           // a storage account key (88 base64 characters)
	Email            Kind = "[e-mail address]"
	ResourceID       Kind = "[resource ID]"
	IPAddress        Kind = "[IP address]"
	GUID             Kind = "[subscription ID]"
)

// kindNames are how a summary counts each kind.
var kindNames = map[Kind][2]string{
	ConnectionString: {"connection string", "connection strings"},
	Token:            {"token (JWT)", "tokens (JWT)"},
	SASSignature:     {"SAS signature", "SAS signatures"},
	Password:         {"password", "passwords"},
	AccountKey:       {"account key", "account keys"},
	Email:            {"e-mail address", "e-mail addresses"},
	ResourceID:       {"Azure resource ID", "Azure resource IDs"},
	IPAddress:        {"IP address", "IP addresses"},
	GUID:             {"subscription or object ID", "subscription or object IDs"},
}

var (
	// key=value; pairs, two or more; kept only when a key holds a secret.
	reConnString = regexp.MustCompile(`(?i)(?:[a-z][a-z0-9 ]{0,40}=[^;\r\n]*;\s*)+[a-z][a-z0-9 ]{0,40}=[^;\r\n\s]*;?`)
	reSecretKey  = regexp.MustCompile(`(?i)(?:^|;)\s*(?:account ?key|shared ?access ?key|shared ?access ?signature|password|pwd|access ?key|client ?secret|sharedsecretvalue|primary ?key)\s*=`)
	reJWT        = regexp.MustCompile(`\beyJ[A-Za-z0-9_-]{4,}\.eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*`)
	reSAS        = regexp.MustCompile(`(?i)(\bsig=)[A-Za-z0-9%+/=_-]+`)
	rePassword   = regexp.MustCompile(`(?i)\b(pass(?:word|wd|phrase)?|pwd|secret|client[ _-]?secret|api[ _-]?key|access[ _-]?key)(\s*(?:[:=]|\bis\b)\s*)("[^"]*"|'[^']*'|[^\s,;]+)`)
	reAccountKey = regexp.MustCompile(`(?:^|[^A-Za-z0-9+/])([A-Za-z0-9+/]{86}==)`)
	reEmail      = regexp.MustCompile(`(?i)\b[a-z0-9._%+'-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}\b`)
	reResourceID = regexp.MustCompile(`(?i)/?subscriptions/[^\s"'<>,;()\[\]{}]+`)
	reGUID       = regexp.MustCompile(`(?i)\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b`)
	reIPv4       = regexp.MustCompile(`\b(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?:/\d{1,2})?\b`)
	// IPv6 candidates are checked with net.ParseIP before they are
	// replaced, so times like 10:30:00 survive.
	reIPv6 = regexp.MustCompile(`(?i)(?:[0-9a-f]{0,4}:){2,7}[0-9a-f]{0,4}(?:%[0-9a-z]+)?(?:/\d{1,3})?`)
)

// A Redactor removes secrets and personal data from text and counts what
// it removed, so a report can say so. The zero value is ready; it is not
// safe for concurrent use.
type Redactor struct {
	counts map[Kind]int
	seen   map[string]bool // kind and value of what was counted
}

// add counts a value removed, once however often it is met: the same
// address in a note and in the evidence list is one address.
func (r *Redactor) add(k Kind, value string) {
	if r.counts == nil {
		r.counts, r.seen = map[Kind]int{}, map[string]bool{}
	}
	key := string(k) + "\x00" + value
	if r.seen[key] {
		return
	}
	r.seen[key] = true
	r.counts[k]++
}

// Redact returns s with connection strings, tokens, SAS signatures,
// passwords, account keys, e-mail addresses, Azure resource ids, IP
// addresses and GUIDs replaced by the words of their Kind.
func (r *Redactor) Redact(s string) string {
	if s == "" {
		return s
	}
	s = reConnString.ReplaceAllStringFunc(s, func(m string) string {
		if !reSecretKey.MatchString(m) && !strings.Contains(strings.ToLower(m), "endpoint=sb://") {
			return m
		}
		r.add(ConnectionString, m)
		return string(ConnectionString)
	})
	s = r.replace(s, reJWT, Token)
	s = reSAS.ReplaceAllStringFunc(s, func(m string) string {
		r.add(SASSignature, m)
		return m[:strings.Index(strings.ToLower(m), "sig=")+4] + string(SASSignature)
	})
	s = rePassword.ReplaceAllStringFunc(s, func(m string) string {
		sm := rePassword.FindStringSubmatch(m)
		if strings.HasPrefix(sm[3], "[") { // already a placeholder
			return m
		}
		// "password is in the safe", "secret is that": after "is", only
		// a quoted value, or one with a digit or a symbol, is a password.
		if strings.TrimSpace(sm[2]) != ":" && strings.TrimSpace(sm[2]) != "=" && !looksSecret(sm[3]) {
			return m
		}
		r.add(Password, m)
		return sm[1] + sm[2] + string(Password)
	})
	s = reAccountKey.ReplaceAllStringFunc(s, func(m string) string {
		r.add(AccountKey, m)
		return strings.TrimSuffix(m, m[len(m)-88:]) + string(AccountKey)
	})
	s = r.replace(s, reEmail, Email)
	s = r.replace(s, reResourceID, ResourceID)
	s = r.replace(s, reGUID, GUID)
	s = r.replaceIPv4(s)
	if strings.Count(s, ":") >= 2 {
		s = reIPv6.ReplaceAllStringFunc(s, func(m string) string {
			addr := m
			if i := strings.IndexAny(addr, "%/"); i >= 0 {
				addr = addr[:i]
			}
			if !strings.Contains(addr, "::") && strings.Count(addr, ":") < 7 {
				return m
			}
			if net.ParseIP(addr) == nil {
				return m
			}
			r.add(IPAddress, m)
			return string(IPAddress)
		})
	}
	return s
}

// looksSecret reports whether a word after "password is" is a password
// rather than the rest of a sentence: quoted, or holding a character that
// is not a letter.
func looksSecret(v string) bool {
	if strings.HasPrefix(v, `"`) || strings.HasPrefix(v, "'") {
		return true
	}
	for _, r := range v {
		if !unicode.IsLetter(r) {
			return true
		}
	}
	return false
}

func (r *Redactor) replace(s string, re *regexp.Regexp, k Kind) string {
	return re.ReplaceAllStringFunc(s, func(m string) string {
		r.add(k, m)
		return string(k)
	})
}

// replaceIPv4 replaces dotted quads that stand alone: not part of a longer
// dotted number such as a version 1.2.3.4.5.
func (r *Redactor) replaceIPv4(s string) string {
	ms := reIPv4.FindAllStringIndex(s, -1)
	if ms == nil {
		return s
	}
	var b strings.Builder
	last := 0
	for _, m := range ms {
		i, j := m[0], m[1]
		if i > 0 && (s[i-1] == '.' || isDigit(s[i-1])) {
			continue
		}
		if j+1 < len(s) && s[j] == '.' && isDigit(s[j+1]) {
			continue
		}
		b.WriteString(s[last:i])
		b.WriteString(string(IPAddress))
		r.add(IPAddress, s[i:j])
		last = j
	}
	b.WriteString(s[last:])
	return b.String()
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// Counts says how many different values of each kind were removed so far.
func (r *Redactor) Counts() map[Kind]int {
	out := make(map[Kind]int, len(r.counts))
	for k, n := range r.counts {
		out[k] = n
	}
	return out
}

// Summary says what was removed, most first: "3 e-mail addresses, 1 SAS
// signature"; "" when nothing was.
func (r *Redactor) Summary() string {
	type kn struct {
		k Kind
		n int
	}
	var xs []kn
	for k, n := range r.counts {
		xs = append(xs, kn{k, n})
	}
	sort.Slice(xs, func(i, j int) bool { return xs[i].n > xs[j].n || xs[i].n == xs[j].n && xs[i].k < xs[j].k })
	parts := make([]string, len(xs))
	for i, x := range xs {
		w := kindNames[x.k]
		name := w[1]
		if x.n == 1 {
			name = w[0]
		}
		parts[i] = fmt.Sprintf("%d %s", x.n, name)
	}
	return strings.Join(parts, ", ")
}
