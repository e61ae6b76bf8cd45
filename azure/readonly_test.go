package azure

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore/arm"
	armruntime "github.com/Azure/azure-sdk-for-go/sdk/azcore/arm/runtime"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/cloud"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/runtime"
)

// recordingTransport answers 200 {} to everything and remembers what
// reached it.
type recordingTransport struct {
	mu   sync.Mutex
	urls []string
}

func (rt *recordingTransport) Do(r *http.Request) (*http.Response, error) {
	rt.mu.Lock()
	rt.urls = append(rt.urls, r.Method+" "+r.URL.String())
	rt.mu.Unlock()
	return &http.Response{StatusCode: 200, Header: http.Header{"Content-Type": {"application/json"}}, Body: http.NoBody, Request: r}, nil
}

func (rt *recordingTransport) seen() []string {
	rt.mu.Lock()
	defer rt.mu.Unlock()
	return append([]string(nil), rt.urls...)
}

// The read-only policy is bound to the configured endpoints: a GET to any
// other host (a next link or a redirect pointing elsewhere would carry the
// bearer token there) never leaves the machine, and neither does a
// Resource Graph query POSTed to another host. Before the binding, the
// policy looked at method and path only and let both through.
func TestReadOnlyPolicyBindsHosts(t *testing.T) {
	rt := &recordingTransport{}
	o := Options{
		Credential: testCredential{},
		Transport:  rt,
		Cloud: cloud.Configuration{ActiveDirectoryAuthorityHost: "https://login.example.test/", Services: map[cloud.ServiceName]cloud.ServiceConfiguration{
			cloud.ResourceManager: {Audience: "https://management.example.test", Endpoint: "https://management.example.test"},
		}},
		GraphEndpoint: "https://graph.example.test",
	}
	co := ClientOptions(o, nil)
	pl, err := armruntime.NewPipeline("ssrm-test", "v0", o.Credential, runtime.PipelineOptions{}, co)
	if err != nil {
		t.Fatal(err)
	}
	do := func(method, url string) error {
		req, err := runtime.NewRequest(context.Background(), method, url)
		if err != nil {
			t.Fatal(err)
		}
		resp, err := pl.Do(req)
		if err == nil {
			resp.Body.Close()
		}
		return err
	}
	for _, tc := range []struct {
		method, url string
		ok          bool
	}{
		{http.MethodGet, "https://management.example.test/subscriptions/x/resourceGroups?api-version=2022-01-01", true},
		{http.MethodGet, "https://MANAGEMENT.example.test/subscriptions/x", true},
		{http.MethodPost, "https://management.example.test" + graphQueryPath + "?api-version=2022-10-01", true},
		{http.MethodGet, "https://graph.example.test/v1.0/policies/authorizationPolicy", true},
		{http.MethodGet, "https://attacker.example.test/v1.0/users", false},
		{http.MethodGet, "https://management.example.test.attacker.test/subscriptions/x", false},
		{http.MethodGet, "https://management.example.test:8443/subscriptions/x", false},
		{http.MethodPost, "https://attacker.example.test" + graphQueryPath, false},
		{http.MethodPost, "https://graph.example.test" + graphQueryPath, false},
		{http.MethodPatch, "https://graph.example.test/v1.0/policies/authorizationPolicy", false},
		{http.MethodDelete, "https://management.example.test/subscriptions/x/resourceGroups/rg", false},
	} {
		before := len(rt.seen())
		err := do(tc.method, tc.url)
		reached := len(rt.seen()) > before
		if tc.ok && (err != nil || !reached) {
			t.Errorf("%s %s: err %v, reached %v; want it through", tc.method, tc.url, err, reached)
		}
		if !tc.ok && (!errors.Is(err, ErrWriteRefused) || reached) {
			t.Errorf("%s %s: err %v, reached %v; want refused before the network", tc.method, tc.url, err, reached)
		}
	}
	for _, u := range rt.seen() {
		if strings.Contains(u, "attacker") {
			t.Errorf("%s reached the transport", u)
		}
	}
	var _ = arm.ClientOptions{}
}
