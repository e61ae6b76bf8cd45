package reports

import (
	"io"
	"testing"

	"github.com/ssrm/ssrm/scoring"
)

// Generating the demo's report in each format (issue 14: under 250 ms
// each). The result is computed once; the benchmark is the rendering,
// section model included.
func benchmarkFormat(b *testing.B, write func(io.Writer, *scoring.Result, Meta) error) {
	r := demoResult(b)
	m := Meta{Tool: "ssrm bench"}
	b.ReportAllocs()
	for b.Loop() {
		if err := write(io.Discard, r, m); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkDemoMarkdown(b *testing.B) { benchmarkFormat(b, WriteMarkdown) }
func BenchmarkDemoJSON(b *testing.B)     { benchmarkFormat(b, WriteJSON) }

func BenchmarkDemoDocument(b *testing.B) {
	r := demoResult(b)
	b.ReportAllocs()
	for b.Loop() {
		_ = BuildDocument(r, Meta{}, DocOptions{})
	}
}
