package azure

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore/policy"
)

// Resource Graph's throttling headers (per user, per time window).
const (
	headerQuotaRemaining = "x-ms-user-quota-remaining"
	headerQuotaResets    = "x-ms-user-quota-resets-after"
)

// parseResetsAfter reads "hh:mm:ss", with optional fractional seconds.
func parseResetsAfter(s string) (time.Duration, bool) {
	parts := strings.Split(strings.TrimSpace(s), ":")
	if len(parts) != 3 {
		return 0, false
	}
	h, err1 := strconv.Atoi(parts[0])
	m, err2 := strconv.Atoi(parts[1])
	sec, err3 := strconv.ParseFloat(parts[2], 64)
	// sec < 60 also refuses NaN, Inf and exponents such as "7e9".
	if err1 != nil || err2 != nil || err3 != nil || h < 0 || h > 24 || m < 0 || m > 59 || !(sec >= 0 && sec < 60) {
		return 0, false
	}
	return time.Duration(h)*time.Hour + time.Duration(m)*time.Minute + time.Duration(sec*float64(time.Second)), true
}

// quota keeps the client inside Resource Graph's per-user quota instead of
// running into 429s. It learns the remaining queries and the end of the
// window from every response; once the window is spent it holds requests
// back until the window resets. After a reset it sends a single probe, whose
// response tells the size of the new window, before letting the others go.
type quota struct {
	mu        sync.Mutex
	known     bool      // remaining and resetAt describe the current window
	free      bool      // the server sends no quota headers: do not hold back
	remaining int       // queries left in the window, less those in flight
	resetAt   time.Time // when the window ends
	since     time.Time // when the current window was learned
	inflight  int
	changed   chan struct{}

	waits  int
	waited time.Duration
	now    func() time.Time
}

func newQuota() *quota {
	return &quota{changed: make(chan struct{}), now: time.Now}
}

// ticket is one admitted request.
type ticket struct{ sent time.Time }

// acquire waits until a request may go, or ctx ends.
func (qt *quota) acquire(ctx context.Context) (ticket, time.Duration, error) {
	var waitedHere time.Duration
	for {
		qt.mu.Lock()
		now := qt.now()
		if qt.known && !now.Before(qt.resetAt) {
			qt.known = false
		}
		var wait time.Duration
		var ch chan struct{}
		switch {
		case qt.free && !qt.known:
			qt.inflight++
			qt.mu.Unlock()
			return ticket{now}, waitedHere, nil
		case !qt.known && qt.inflight == 0:
			qt.inflight++ // the probe
			qt.mu.Unlock()
			return ticket{now}, waitedHere, nil
		case qt.known && qt.remaining > 0:
			qt.remaining--
			qt.inflight++
			qt.mu.Unlock()
			return ticket{now}, waitedHere, nil
		case qt.known:
			wait = qt.resetAt.Sub(now)
		}
		ch = qt.changed
		qt.mu.Unlock()

		start := time.Now()
		var timer *time.Timer
		var fired <-chan time.Time
		if wait > 0 {
			timer = time.NewTimer(wait)
			fired = timer.C
		}
		select {
		case <-ctx.Done():
			if timer != nil {
				timer.Stop()
			}
			return ticket{}, waitedHere, ctx.Err()
		case <-ch:
		case <-fired:
		}
		if timer != nil {
			timer.Stop()
		}
		if wait > 0 {
			d := time.Since(start)
			waitedHere += d
			qt.mu.Lock()
			qt.waits++
			qt.waited += d
			qt.mu.Unlock()
		}
	}
}

// observe learns from a response (nil when the request failed on the way).
func (qt *quota) observe(t ticket, resp *http.Response) {
	qt.mu.Lock()
	defer func() {
		close(qt.changed)
		qt.changed = make(chan struct{})
		qt.mu.Unlock()
	}()
	qt.inflight--
	if resp == nil {
		return
	}
	now := qt.now()
	rem, err := strconv.Atoi(strings.TrimSpace(resp.Header.Get(headerQuotaRemaining)))
	d, ok := parseResetsAfter(resp.Header.Get(headerQuotaResets))
	if err != nil || !ok {
		if resp.StatusCode == http.StatusTooManyRequests {
			// Throttled without quota headers: hold everyone back for the
			// Retry-After the SDK will wait anyway.
			if ra := retryAfter(resp); ra > 0 {
				qt.known, qt.free, qt.remaining, qt.since = true, false, 0, now
				qt.resetAt = laterOf(qt.resetAt, now.Add(ra))
			}
			return
		}
		if !qt.known {
			qt.free = true
		}
		return
	}
	qt.free = false
	if !strings.Contains(resp.Header.Get(headerQuotaResets), ".") {
		d += 250 * time.Millisecond // whole seconds: the window may end up to a second later
	}
	if resp.StatusCode == http.StatusTooManyRequests {
		rem = 0
		qt.waits++
	}
	candidate := rem - qt.inflight
	if candidate < 0 {
		candidate = 0
	}
	reset := now.Add(d)
	switch {
	case !qt.known:
		qt.known, qt.remaining, qt.resetAt, qt.since = true, candidate, reset, now
	case t.sent.Before(qt.since):
		// An answer from before the current window was learned: stale.
	default:
		if candidate < qt.remaining {
			qt.remaining = candidate
		}
		qt.resetAt = laterOf(qt.resetAt, reset)
	}
}

func laterOf(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}

// retryAfter reads Retry-After (seconds) and its millisecond variants.
func retryAfter(resp *http.Response) time.Duration {
	for _, h := range []string{"retry-after-ms", "x-ms-retry-after-ms"} {
		if v, err := strconv.Atoi(resp.Header.Get(h)); err == nil && v > 0 {
			return time.Duration(v) * time.Millisecond
		}
	}
	if v, err := strconv.Atoi(resp.Header.Get("Retry-After")); err == nil && v > 0 {
		return time.Duration(v) * time.Second
	}
	return 0
}

// quotaPolicy puts the quota in the pipeline, once per try (so retries wait
// too). Only Resource Graph queries count against the quota.
type quotaPolicy struct{ q *quota }

func (p quotaPolicy) Do(req *policy.Request) (*http.Response, error) {
	if !strings.EqualFold(strings.TrimRight(req.Raw().URL.Path, "/"), graphQueryPath) {
		return req.Next()
	}
	ctx := req.Raw().Context()
	t, waited, err := p.q.acquire(ctx)
	if w, ok := ctx.Value(waitsKey{}).(*waitCounter); ok && waited > 0 {
		w.add(waited)
	}
	if err != nil {
		return nil, err
	}
	resp, err := req.Next()
	p.q.observe(t, resp)
	return resp, err
}

// waitsKey carries a *waitCounter in a request's context, so each query
// counts its own waits for the quota.
type waitsKey struct{}

type waitCounter struct {
	mu     sync.Mutex
	n      int
	waited time.Duration
}

func (w *waitCounter) add(d time.Duration) {
	w.mu.Lock()
	w.n++
	w.waited += d
	w.mu.Unlock()
}

func (w *waitCounter) get() (int, time.Duration) {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.n, w.waited
}
