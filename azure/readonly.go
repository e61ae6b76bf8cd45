package azure

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore/policy"
)

// ErrWriteRefused is returned, without any network traffic, for a request
// that could change something in Azure, or that goes anywhere but the
// configured Azure Resource Manager and Microsoft Graph endpoints.
var ErrWriteRefused = errors.New("refused: ssrm only reads from Azure")

// graphQueryPath is the one POST that reads: a Resource Graph query.
const graphQueryPath = "/providers/microsoft.resourcegraph/resources"

// readOnlyPolicy is the first policy of every pipeline ssrm builds. It lets
// through GET and HEAD to the configured Resource Manager and Microsoft
// Graph hosts, and POST to the Resource Graph query endpoint of the
// Resource Manager host; it refuses everything else before it leaves the
// machine. Binding to the hosts matters because a pipeline signs whatever
// it sends: a next link, or a redirect, that pointed at another host would
// otherwise carry the bearer token there.
type readOnlyPolicy struct {
	// arm and graph are the allowed hosts (host[:port], lower case); an
	// empty graph allows no Graph host.
	arm, graph string
}

// newReadOnlyPolicy binds the policy to the endpoints of the options.
func newReadOnlyPolicy(armEndpoint, graphEndpoint string) readOnlyPolicy {
	return readOnlyPolicy{arm: hostOf(armEndpoint), graph: hostOf(graphEndpoint)}
}

// hostOf returns host[:port] of an endpoint URL in lower case, with the
// default https port left out, or "" when there is none.
func hostOf(endpoint string) string {
	u, err := url.Parse(strings.TrimSpace(endpoint))
	if err != nil || u.Host == "" {
		return ""
	}
	h := strings.ToLower(u.Host)
	return strings.TrimSuffix(h, ":443")
}

func (p readOnlyPolicy) Do(req *policy.Request) (*http.Response, error) {
	r := req.Raw()
	host := strings.TrimSuffix(strings.ToLower(r.URL.Host), ":443")
	toARM := p.arm != "" && host == p.arm
	toGraph := p.graph != "" && host == p.graph
	switch r.Method {
	case http.MethodGet, http.MethodHead:
		if (toARM || toGraph) && r.URL.Scheme == "https" {
			return req.Next()
		}
	case http.MethodPost:
		if toARM && r.URL.Scheme == "https" && strings.EqualFold(strings.TrimRight(r.URL.Path, "/"), graphQueryPath) {
			return req.Next()
		}
	}
	return nil, fmt.Errorf("%w: %s %s://%s%s", ErrWriteRefused, r.Method, r.URL.Scheme, r.URL.Host, r.URL.Path)
}
