package azure

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/arm"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/cloud"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/policy"
	"github.com/Azure/azure-sdk-for-go/sdk/resourcemanager/resourcegraph/armresourcegraph"
)

// Query is one Resource Graph query of a collection.
type Query struct {
	Name  string
	Table string
	KQL   string
	// Optional queries may fail (a table the tenant does not have, a
	// permission missing) without failing the collection.
	Optional bool
}

// quoted joins strings as a KQL list of literals.
func quoted(xs []string) string {
	out := make([]string, len(xs))
	for i, x := range xs {
		out[i] = "'" + strings.ReplaceAll(x, "'", "") + "'"
	}
	return strings.Join(out, ", ")
}

// typesOf lists the resource types the catalogue reads from a table: the
// types its checks judge and the types they follow (Refs).
func typesOf(table string) []string {
	seen := map[string]bool{}
	var out []string
	add := func(t string) {
		if tableOf(t) == table && !seen[t] {
			seen[t] = true
			out = append(out, t)
		}
	}
	for _, c := range Catalog() {
		for _, t := range c.Types {
			add(t)
		}
		for _, t := range c.Refs {
			add(t)
		}
	}
	// Documents the checks follow references to.
	if table == TableResources {
		for _, t := range []string{typeFirewallPolicy, typeAppGWWAFPolicy, typeFDWAFPolicy, typeBastion} {
			add(t)
		}
	}
	sort.Strings(out)
	return out
}

// DefaultQueries are the few queries a collection runs: everything the
// catalogue reads, across all chosen subscriptions at once.
func DefaultQueries() []Query {
	roles := make([]string, 0, len(privilegedRoles))
	for id := range privilegedRoles {
		roles = append(roles, id)
	}
	sort.Strings(roles)
	return []Query{
		{Name: "subscriptions", Table: TableContainers,
			KQL: "resourcecontainers | where type =~ '" + typeSubscription + "' | project id, name, type, subscriptionId, tenantId, properties | order by id asc"},
		{Name: "resources", Table: TableResources,
			KQL: "resources | where type in~ (" + quoted(typesOf(TableResources)) + ") | project id, name, type, kind, location, resourceGroup, subscriptionId, sku, identity, tags, properties | order by id asc"},
		{Name: "security", Table: TableSecurity, KQL: securityKQL()},
		{Name: "roles", Table: TableAuthorization,
			KQL: "authorizationresources | where (type =~ '" + typeRoleAssignment + "' and tostring(properties.roleDefinitionId) has_any (" + quoted(roles) + ")) or (type =~ '" + typeRoleDefinition + "' and properties.type =~ 'CustomRole') or type =~ '" + typeClassicAdmin + "' | project id, name, type, subscriptionId, properties | order by id asc"},
		{Name: "policy", Table: "policyresources", Optional: true,
			KQL: "policyresources | where type =~ '" + typePolicyAssign + "' and tostring(properties.policyDefinitionId) endswith '" + mcsbInitiative + "' | project id, name, type, subscriptionId, properties | order by id asc"},
		{Name: "appservice-config", Table: TableAppService, Optional: true,
			KQL: "appserviceresources | where type in~ (" + quoted(typesOf(TableAppService)) + ") | project id, name, type, subscriptionId, properties | order by id asc"},
		{Name: "backup", Table: TableRecovery, Optional: true,
			KQL: "recoveryservicesresources | where type =~ '" + typeProtectedItem + "' | project id, name, type, subscriptionId, properties = pack('sourceResourceId', properties.sourceResourceId, 'virtualMachineId', properties.virtualMachineId, 'protectionState', properties.protectionState) | order by id asc"},
		{Name: "machine-configuration", Table: TableGuestConfig, Optional: true,
			KQL: "guestconfigurationresources | where type =~ '" + typeGuestConfig + "' and tostring(properties.guestConfiguration.name) contains 'baseline' | project id, name, type, subscriptionId, properties = pack('complianceStatus', properties.complianceStatus, 'guestConfiguration', pack('name', properties.guestConfiguration.name)) | order by id asc"},
		{Name: "patches", Table: TablePatches, Optional: true,
			KQL: "patchassessmentresources | where type =~ '" + typePatchResult + "' | project id, name, type, subscriptionId, properties = pack('status', properties.status, 'lastModifiedDateTime', properties.lastModifiedDateTime, 'availablePatchCountByClassification', properties.availablePatchCountByClassification) | order by id asc"},
	}
}

// securityKQL reads Defender for Cloud: plans, secure scores, the
// assessments the catalogue knows by key or display name, and the
// per-account sub-assessments of the identity recommendations (object ids
// only: additionalData, which may hold names, is not projected for them).
func securityKQL() string {
	phrases := make([]string, 0, 4)
	for _, p := range assessmentPhrases() {
		phrases = append(phrases, "tostring(properties.displayName) contains '"+strings.ReplaceAll(p, "'", "")+"'")
	}
	byName := ""
	if len(phrases) > 0 {
		byName = " or " + strings.Join(phrases, " or ")
	}
	return "securityresources" +
		" | where type in~ ('" + typePricing + "', '" + typeSecureScore + "')" +
		" or (type =~ '" + typeAssessment + "' and (name in~ (" + quoted(AssessmentKeys()) + ")" + byName + "))" +
		" or (type =~ '" + typeSubAssessment + "' and extract('(?i)/assessments/([^/]+)/subassessments/', 1, id) in~ (" + quoted(identityKeys()) + "))" +
		" | extend properties = iff(type =~ '" + typeSubAssessment + "', pack('status', properties.status, 'resourceDetails', properties.resourceDetails), properties)" +
		" | project id, name, type, subscriptionId, properties | order by id asc"
}

// Progress reports on one query of a collection. The callback receives it
// after every page and at the end of each query (Done).
type Progress struct {
	Query string
	// Batch and Batches: the subscriptions are queried in groups.
	Batch, Batches int
	Rows, Pages    int
	// Throttled is how many times this query waited for the quota so far,
	// Waited how long in all.
	Throttled int
	Waited    time.Duration
	Done      bool
	Err       error
}

// Options configure a Collector.
type Options struct {
	// Credential signs requests (see NewCredential). Required.
	Credential azcore.TokenCredential
	// Cloud defaults to Azure public cloud. Tests point its ResourceManager
	// endpoint at a loopback server.
	Cloud cloud.Configuration
	// Transport replaces the HTTP client (tests).
	Transport policy.Transporter
	// Subscriptions to read; empty: every subscription the credential can
	// read (or those under ManagementGroup).
	Subscriptions   []string
	ManagementGroup string
	Queries         []Query // default DefaultQueries()
	// Concurrency bounds the requests in flight (default 4).
	Concurrency int
	// PageSize is the rows per page (default and maximum 1000).
	PageSize int
	// BatchSize is the subscriptions per query (default 200: Resource Graph
	// advises under 300).
	BatchSize int
	// Retry: MaxRetries defaults to 5; RetryDelay to 1 s; MaxRetryDelay to
	// 2 min, so a 429 asking for up to 2 minutes is waited out rather than
	// failing (the SDK does not retry past MaxRetryDelay).
	MaxRetries    int32
	RetryDelay    time.Duration
	MaxRetryDelay time.Duration
	// Progress, when set, is called after every page (never concurrently).
	Progress func(Progress)
	Now      func() time.Time
	Tool     string

	// Beyond Resource Graph (see graph.go and arm.go). Graph adds the
	// Microsoft Graph v1.0 reads, at GraphEndpoint (default
	// https://graph.microsoft.com); ARMExtras the read-only ARM GETs of
	// what Resource Graph does not index. IncludeNames keeps display names
	// in Graph results (object ids only otherwise).
	Graph         bool
	GraphEndpoint string
	ARMExtras     bool
	IncludeNames  bool
	// GraphProgress, when set, is told about every Graph and ARM read.
	GraphProgress func(ReadStats)
}

// Collector runs Resource Graph queries for a collection.
type Collector struct {
	opts   Options
	client *armresourcegraph.Client
	quota  *quota
	sem    chan struct{}
	pmu    sync.Mutex
	// Preflight is what the Microsoft Graph token allowed, after a
	// collection with Graph.
	Preflight *Preflight
	armReads  []ReadStats
}

// ClientOptions returns the pipeline options every Azure client of ssrm
// uses: the read-only policy first, the quota policy on every try, and the
// retry settings. Exposed so a test (or another client) gets the same
// guarantees.
func ClientOptions(o Options, qt *quota) *arm.ClientOptions {
	co := &arm.ClientOptions{}
	co.Cloud = o.Cloud
	if co.Cloud.Services == nil {
		co.Cloud = cloud.AzurePublic
	}
	if o.Transport != nil {
		co.Transport = o.Transport
	}
	co.PerCallPolicies = []policy.Policy{newReadOnlyPolicy(co.Cloud.Services[cloud.ResourceManager].Endpoint, o.graphEndpoint())}
	if qt != nil {
		co.PerRetryPolicies = []policy.Policy{quotaPolicy{qt}}
	}
	co.Retry = o.retryOptions()
	// Resource provider registration would POST on a 409: never.
	co.DisableRPRegistration = true
	co.Telemetry.ApplicationID = "ssrm"
	// Never log request or response bodies, and never headers beyond the
	// SDK's own allow-list (which excludes Authorization).
	co.Logging.IncludeBody = false
	return co
}

// NewCollector builds a collector. It makes no request.
func NewCollector(o Options) (*Collector, error) {
	if o.Credential == nil {
		return nil, errors.New("azure: no credential")
	}
	if o.Concurrency <= 0 {
		o.Concurrency = 4
	}
	if o.PageSize <= 0 || o.PageSize > 1000 {
		o.PageSize = 1000
	}
	if o.BatchSize <= 0 || o.BatchSize > 1000 {
		o.BatchSize = 200
	}
	if o.Queries == nil {
		o.Queries = DefaultQueries()
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	qt := newQuota()
	client, err := armresourcegraph.NewClient(o.Credential, ClientOptions(o, qt))
	if err != nil {
		return nil, fmt.Errorf("azure: resource graph client: %w", err)
	}
	return &Collector{opts: o, client: client, quota: qt, sem: make(chan struct{}, o.Concurrency)}, nil
}

func (c *Collector) report(p Progress) {
	if c.opts.Progress == nil {
		return
	}
	c.pmu.Lock()
	defer c.pmu.Unlock()
	c.opts.Progress(p)
}

// scope is the set of subscriptions (or the management group) one request
// covers.
type scope struct {
	subs []string
	mg   string
}

// page runs one query across a scope, following $skipToken to the end.
func (c *Collector) page(ctx context.Context, q Query, sc scope, batch, batches int, add func([]Doc)) (QueryStats, error) {
	st := QueryStats{Name: q.Name, Table: q.Table}
	var token *string
	top := int32(c.opts.PageSize)
	format := armresourcegraph.ResultFormatObjectArray
	wc := &waitCounter{}
	ctx = context.WithValue(ctx, waitsKey{}, wc)
	for {
		req := armresourcegraph.QueryRequest{Query: &q.KQL, Options: &armresourcegraph.QueryRequestOptions{Top: &top, SkipToken: token, ResultFormat: &format}}
		for i := range sc.subs {
			req.Subscriptions = append(req.Subscriptions, &sc.subs[i])
		}
		if sc.mg != "" {
			req.ManagementGroups = []*string{&sc.mg}
		}
		select {
		case c.sem <- struct{}{}:
		case <-ctx.Done():
			return st, ctx.Err()
		}
		resp, err := c.client.Resources(ctx, req, nil)
		<-c.sem
		if err != nil {
			return st, fmt.Errorf("query %s: %w", q.Name, describe(err))
		}
		rows, _ := resp.Data.([]any)
		docs, _ := rowsToDocs(rows)
		add(docs)
		st.Rows += len(docs)
		st.Pages++
		st.Throttled, st.Waited = wc.get()
		c.report(Progress{Query: q.Name, Batch: batch, Batches: batches, Rows: st.Rows, Pages: st.Pages, Throttled: st.Throttled, Waited: st.Waited})
		if resp.SkipToken == nil || *resp.SkipToken == "" {
			return st, nil
		}
		token = resp.SkipToken
	}
}

// describe shortens an SDK error to its status and code: the SDK's own
// message carries the whole response, which a user does not need (and
// which never holds a token, but may hold tenant details).
func describe(err error) error {
	var re *azcore.ResponseError
	if errors.As(err, &re) {
		code := re.ErrorCode
		if code == "" {
			code = "no error code"
		}
		return fmt.Errorf("HTTP %d (%s): %w", re.StatusCode, code, errShort{err})
	}
	return err
}

// errShort keeps an error in the chain while printing only its first line.
type errShort struct{ err error }

func (e errShort) Error() string {
	msg := e.err.Error()
	if i := strings.IndexByte(msg, '\n'); i >= 0 {
		msg = msg[:i]
	}
	return msg
}
func (e errShort) Unwrap() error { return e.err }

// ListSubscriptions returns the subscriptions the credential can read (under
// the management group when one is set), sorted by name.
func (c *Collector) ListSubscriptions(ctx context.Context) ([]Subscription, error) {
	q := DefaultQueries()[0]
	var docs []Doc
	var mu sync.Mutex
	_, err := c.page(ctx, q, scope{mg: c.opts.ManagementGroup}, 1, 1, func(d []Doc) { mu.Lock(); docs = append(docs, d...); mu.Unlock() })
	if err != nil {
		return nil, err
	}
	return subscriptionsOf(docs), nil
}

func subscriptionsOf(docs []Doc) []Subscription {
	var out []Subscription
	for _, d := range docs {
		if d.Type() != typeSubscription {
			continue
		}
		id := d.Str("subscriptionId")
		if id == "" {
			id = subscriptionOf(d.ID())
		}
		out = append(out, Subscription{ID: id, Name: d.Str("name"), TenantID: d.Str("tenantId"), State: d.Str("properties", "state")})
	}
	sort.Slice(out, func(i, j int) bool {
		return out[i].Name < out[j].Name || out[i].Name == out[j].Name && out[i].ID < out[j].ID
	})
	return out
}

// Collect runs every query over the chosen subscriptions and returns the
// documents. Queries and subscription groups run concurrently, bounded by
// Concurrency and the Resource Graph quota; cancel ctx to stop. A failing
// optional query is recorded in its stats; any other failure stops the
// collection.
func (c *Collector) Collect(ctx context.Context) (*Snapshot, error) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	snap := &Snapshot{Schema: SnapshotSchema, Tool: c.opts.Tool, Collected: c.opts.Now().UTC().Truncate(time.Second)}
	if c.opts.ManagementGroup != "" {
		snap.ManagementGroups = []string{c.opts.ManagementGroup}
	}
	var mu sync.Mutex
	add := func(docs []Doc) {
		for i, d := range docs {
			docs[i] = minimizeDoc(d, c.opts.IncludeNames)
		}
		mu.Lock()
		snap.Documents = append(snap.Documents, docs...)
		mu.Unlock()
	}

	// The subscriptions first: they decide the groups of the other queries.
	queries := c.opts.Queries
	var subsQuery *Query
	var rest []Query
	for i := range queries {
		if queries[i].Name == "subscriptions" && subsQuery == nil {
			subsQuery = &queries[i]
		} else {
			rest = append(rest, queries[i])
		}
	}
	var subDocs []Doc
	if subsQuery != nil {
		st, err := c.page(ctx, *subsQuery, scope{subs: c.opts.Subscriptions, mg: c.opts.ManagementGroup}, 1, 1, func(d []Doc) { subDocs = append(subDocs, d...) })
		c.report(Progress{Query: subsQuery.Name, Batch: 1, Batches: 1, Rows: st.Rows, Pages: st.Pages, Done: true, Err: err})
		if err != nil {
			return nil, err
		}
		add(subDocs)
		snap.Queries = append(snap.Queries, st)
	}
	snap.Subscriptions = subscriptionsOf(subDocs)
	ids := c.opts.Subscriptions
	if len(ids) == 0 {
		for _, s := range snap.Subscriptions {
			ids = append(ids, s.ID)
		}
	}
	if len(snap.Subscriptions) == 0 {
		for _, id := range ids {
			snap.Subscriptions = append(snap.Subscriptions, Subscription{ID: id})
		}
	}
	var scopes []scope
	switch {
	case len(ids) > 0:
		for i := 0; i < len(ids); i += c.opts.BatchSize {
			end := min(i+c.opts.BatchSize, len(ids))
			scopes = append(scopes, scope{subs: ids[i:end]})
		}
	case c.opts.ManagementGroup != "":
		scopes = []scope{{mg: c.opts.ManagementGroup}}
	default:
		return nil, errors.New("azure: the credential can read no subscription")
	}

	stats := make([]QueryStats, len(rest))
	for i, q := range rest {
		stats[i] = QueryStats{Name: q.Name, Table: q.Table}
	}
	var wg sync.WaitGroup
	var errMu sync.Mutex
	var firstErr error
	for qi, q := range rest {
		for bi, sc := range scopes {
			wg.Add(1)
			go func() {
				defer wg.Done()
				st, err := c.page(ctx, q, sc, bi+1, len(scopes), add)
				mu.Lock()
				stats[qi].Rows += st.Rows
				stats[qi].Pages += st.Pages
				stats[qi].Throttled += st.Throttled
				stats[qi].Waited += st.Waited
				if err != nil && q.Optional && ctx.Err() == nil {
					stats[qi].Error = err.Error()
				}
				mu.Unlock()
				c.report(Progress{Query: q.Name, Batch: bi + 1, Batches: len(scopes), Rows: st.Rows, Pages: st.Pages, Throttled: st.Throttled, Waited: st.Waited, Done: true, Err: err})
				if err != nil && !q.Optional {
					errMu.Lock()
					if firstErr == nil {
						firstErr = err
						cancel()
					}
					errMu.Unlock()
				}
			}()
		}
	}
	wg.Wait()
	if firstErr != nil {
		return nil, firstErr
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	snap.Queries = append(snap.Queries, stats...)
	sort.SliceStable(snap.Documents, func(i, j int) bool { return snap.Documents[i].ID() < snap.Documents[j].ID() })
	if err := c.collectExtras(ctx, snap); err != nil {
		return nil, err
	}
	return snap, nil
}

// retryOptions is how ARM, Resource Graph and Microsoft Graph requests
// retry: the options' values, else 5 retries from 1 s up to 2 minutes.
func (o Options) retryOptions() policy.RetryOptions {
	r := policy.RetryOptions{MaxRetries: o.MaxRetries, RetryDelay: o.RetryDelay, MaxRetryDelay: o.MaxRetryDelay}
	if r.MaxRetries == 0 {
		r.MaxRetries = 5
	}
	if r.RetryDelay == 0 {
		r.RetryDelay = time.Second
	}
	if r.MaxRetryDelay == 0 {
		r.MaxRetryDelay = 2 * time.Minute
	}
	return r
}
