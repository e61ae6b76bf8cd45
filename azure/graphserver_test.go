package azure

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/cloud"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/policy"
)

// secretToken is what the test credential hands out: it must never show up
// in an error, a snapshot or any output.
const secretToken = "eyJ0eXAiOiJKV1Qi.SECRET-TEST-TOKEN.do-not-print"

type testCredential struct{}

func (testCredential) GetToken(context.Context, policy.TokenRequestOptions) (azcore.AccessToken, error) {
	return azcore.AccessToken{Token: secretToken, ExpiresOn: time.Now().Add(time.Hour)}, nil
}

// graphCall is one request the fake Resource Graph received.
type graphCall struct {
	Method    string
	Path      string
	Table     string
	Subs      int
	SkipToken string
	Top       int
	Status    int
	At        time.Duration
	AuthOK    bool
}

// fakeGraph is a loopback Resource Graph: it answers queries from tables of
// documents, pages them with $skipToken, and enforces a per-user quota of
// Limit queries per Window, answering 429 past it, with the quota headers
// on every response.
type fakeGraph struct {
	t      testing.TB
	srv    *httptest.Server
	start  time.Time
	Tables map[string][]Doc

	Limit   int
	Window  time.Duration
	Latency time.Duration
	// Fail answers the nth query (1-based) with a status instead.
	Fail map[int]int
	// FailTable answers every query of a table with a status.
	FailTable map[string]int
	// ARM answers read-only ARM GETs by lower-case path: a JSON value,
	// or an int status to fail with.
	ARM map[string]any

	mu          sync.Mutex
	calls       []graphCall
	windowStart time.Time
	used        int
	throttled   int
	n           int
}

func newFakeGraph(t testing.TB) *fakeGraph {
	g := &fakeGraph{t: t, Tables: map[string][]Doc{}, Limit: 15, Window: 5 * time.Second, Fail: map[int]int{}, FailTable: map[string]int{}}
	g.srv = httptest.NewUnstartedServer(http.HandlerFunc(g.serve))
	g.srv.Config.ErrorLog = log.New(io.Discard, "", 0) // closed keep-alive connections at shutdown
	g.srv.StartTLS()
	g.start = time.Now()
	t.Cleanup(g.srv.Close)
	return g
}

// options returns collector options pointing the real SDK client at the
// server.
func (g *fakeGraph) options() Options {
	return Options{
		Credential: testCredential{},
		Transport:  g.srv.Client(),
		Cloud: cloud.Configuration{
			ActiveDirectoryAuthorityHost: g.srv.URL + "/",
			Services: map[cloud.ServiceName]cloud.ServiceConfiguration{
				cloud.ResourceManager: {Audience: "https://management.core.windows.net/", Endpoint: g.srv.URL},
			},
		},
		RetryDelay: 10 * time.Millisecond,
		Now:        func() time.Time { return time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC) },
	}
}

func (g *fakeGraph) Calls() []graphCall {
	g.mu.Lock()
	defer g.mu.Unlock()
	return append([]graphCall(nil), g.calls...)
}

func (g *fakeGraph) Throttled() int {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.throttled
}

func fmtDuration(d time.Duration) string {
	if d < 0 {
		d = 0
	}
	h := int(d / time.Hour)
	m := int(d % time.Hour / time.Minute)
	s := float64(d%time.Minute) / float64(time.Second)
	return fmt.Sprintf("%02d:%02d:%06.3f", h, m, s)
}

// typeListRe finds the type list of a "where type in~ (...)" clause.
var typeListRe = regexp.MustCompile(`where type in~ \(([^)]*)\)`)

func (g *fakeGraph) serve(w http.ResponseWriter, r *http.Request) {
	if g.Latency > 0 {
		time.Sleep(g.Latency)
	}
	call := graphCall{Method: r.Method, Path: r.URL.Path, At: time.Since(g.start), AuthOK: r.Header.Get("Authorization") == "Bearer "+secretToken}
	var body struct {
		Query         string   `json:"query"`
		Subscriptions []string `json:"subscriptions"`
		Options       struct {
			Top       int    `json:"$top"`
			SkipToken string `json:"$skipToken"`
			Format    string `json:"resultFormat"`
		} `json:"options"`
	}
	_ = json.NewDecoder(r.Body).Decode(&body)
	call.Table = strings.ToLower(strings.Fields(body.Query + " ?")[0])
	call.Subs, call.SkipToken, call.Top = len(body.Subscriptions), body.Options.SkipToken, body.Options.Top

	g.mu.Lock()
	g.n++
	n := g.n
	now := time.Now()
	if g.windowStart.IsZero() || now.Sub(g.windowStart) >= g.Window {
		g.windowStart, g.used = now, 0
	}
	g.used++
	over := g.used > g.Limit
	remaining := max(g.Limit-g.used, 0)
	resets := g.Window - now.Sub(g.windowStart)
	status := g.Fail[n]
	if s, ok := g.FailTable[call.Table]; ok {
		status = s
	}
	if over {
		g.throttled++
		status = http.StatusTooManyRequests
	}
	call.Status = status
	if status == 0 {
		call.Status = 200
	}
	g.calls = append(g.calls, call)
	g.mu.Unlock()

	w.Header().Set("Content-Type", "application/json")
	w.Header().Set(headerQuotaRemaining, strconv.Itoa(remaining))
	w.Header().Set(headerQuotaResets, fmtDuration(resets))
	if status == http.StatusTooManyRequests {
		w.Header().Set("x-ms-retry-after-ms", strconv.Itoa(int(resets/time.Millisecond)+1))
	}
	if v, ok := g.ARM[strings.ToLower(r.URL.Path)]; ok && r.Method == http.MethodGet && status == 0 {
		if code, bad := v.(int); bad {
			w.WriteHeader(code)
			fmt.Fprintf(w, `{"error":{"code":"AuthorizationFailed","message":"no access %d"}}`, code)
			return
		}
		_ = json.NewEncoder(w).Encode(v)
		return
	}
	if status != 0 {
		w.WriteHeader(status)
		fmt.Fprintf(w, `{"error":{"code":"Test%d","message":"injected failure %d"}}`, status, status)
		return
	}
	if r.Method != http.MethodPost || !strings.EqualFold(r.URL.Path, "/providers/Microsoft.ResourceGraph/resources") {
		w.WriteHeader(http.StatusMethodNotAllowed)
		return
	}
	subs := map[string]bool{}
	for _, s := range body.Subscriptions {
		subs[strings.ToLower(s)] = true
	}
	// The resources query names the types it reads ("where type in~
	// (...)"): answer with those only, so a type the query forgets is
	// missing from the collection, as it would be live.
	types := map[string]bool{}
	if m := typeListRe.FindStringSubmatch(body.Query); call.Table == TableResources && m != nil {
		for _, t := range strings.Split(m[1], ",") {
			types[strings.ToLower(strings.Trim(strings.TrimSpace(t), "'"))] = true
		}
	}
	var rows []Doc
	for _, d := range g.Tables[call.Table] {
		if (len(subs) == 0 || subs[d.Subscription()]) && (len(types) == 0 || types[d.Type()]) {
			rows = append(rows, d)
		}
	}
	off, _ := strconv.Atoi(strings.TrimPrefix(body.Options.SkipToken, "page:"))
	top := body.Options.Top
	if top <= 0 || top > 1000 {
		top = 1000
	}
	end := min(off+top, len(rows))
	if off > len(rows) {
		off = len(rows)
	}
	resp := map[string]any{"totalRecords": len(rows), "count": end - off, "data": rows[off:end], "resultTruncated": "false"}
	if end < len(rows) {
		resp["$skipToken"] = "page:" + strconv.Itoa(end)
	}
	_ = json.NewEncoder(w).Encode(resp)
}
