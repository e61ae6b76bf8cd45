//go:build race

package azure

// quotaHeadroom under the race detector, which slows the work on the
// documents several times (measured: 2.4–2.6× on two busy cores).
const quotaHeadroom = 5.0
