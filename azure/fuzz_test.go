package azure

import (
	"fmt"
	"testing"
	"time"

	"github.com/ssrm/ssrm/internal/fuzzlimit"
)

// FuzzParseSnapshot feeds the loader arbitrary bytes (snapshots, az graph
// query output, REST pages in both formats) and runs every check over
// whatever it accepts: nothing may panic. Seeds: testdata/fuzz/FuzzParseSnapshot.
func FuzzParseSnapshot(f *testing.F) {
	f.Add([]byte(`{"count":1,"data":[{"id":"/a","type":"microsoft.network/networksecuritygroups","properties":{"securityRules":[{"properties":{"access":"Allow","direction":"Inbound","sourceAddressPrefix":"*","destinationPortRange":"0-65535"}}]}}],"skip_token":"x"}`))
	f.Add([]byte(`{"totalRecords":1,"data":{"columns":[{"name":"id"},{"name":"type"}],"rows":[["/a","microsoft.sql/servers"]]}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > 1<<16 {
			return
		}
		fuzzlimit.Run(t, data, func() error {
			s, err := ParseSnapshot(data)
			if err != nil {
				return nil
			}
			Run(s.Documents, Catalog())
			if _, err := s.Marshal(); err != nil {
				return fmt.Errorf("an accepted snapshot does not marshal: %v", err)
			}
			return nil
		})
	})
}

// FuzzParseResetsAfter: the quota header parser never panics nor returns a
// negative or absurd wait.
func FuzzParseResetsAfter(f *testing.F) {
	for _, s := range []string{"00:00:03", "00:00:04.250", "01:00:00", "", "::", "-1:00:00", "00:00:1e9"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		fuzzlimit.Run(t, []byte(s), func() error {
			d, ok := parseResetsAfter(s)
			if ok && (d < 0 || d > 25*time.Hour) {
				return fmt.Errorf("%q: %v", s, d)
			}
			return nil
		})
	})
}
