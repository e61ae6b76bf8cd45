package azure

import (
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore/policy"
)

// ErrWriteRefused is returned, without any network traffic, for a request
// that could change something in Azure.
var ErrWriteRefused = errors.New("refused: ssrm only reads from Azure")

// graphQueryPath is the one POST that reads: a Resource Graph query.
const graphQueryPath = "/providers/microsoft.resourcegraph/resources"

// readOnlyPolicy is the first policy of every pipeline ssrm builds: it lets
// through GET and HEAD, and POST to the Resource Graph query endpoint, and
// refuses everything else before it leaves the machine.
type readOnlyPolicy struct{}

func (readOnlyPolicy) Do(req *policy.Request) (*http.Response, error) {
	r := req.Raw()
	switch r.Method {
	case http.MethodGet, http.MethodHead:
		return req.Next()
	case http.MethodPost:
		if strings.EqualFold(strings.TrimRight(r.URL.Path, "/"), graphQueryPath) {
			return req.Next()
		}
	}
	return nil, fmt.Errorf("%w: %s %s", ErrWriteRefused, r.Method, r.URL.Path)
}
