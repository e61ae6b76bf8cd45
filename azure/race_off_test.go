//go:build !race

package azure

// quotaHeadroom is how many times the quota-bound minimum a collection may
// take in TestCollectStaysWithinQuota (measured: 1.1–1.3× on two busy
// cores).
const quotaHeadroom = 3.0
