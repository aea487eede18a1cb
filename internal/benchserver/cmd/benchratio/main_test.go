package main

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const sample = `goos: linux
BenchmarkPerCall/side=sdk-2         	 5000	 220000 ns/op	 230000 cpu-ns/op	 28000 B/op	 350 allocs/op
BenchmarkPerCall/side=baseline-2    	 5000	 200000 ns/op	 200000 cpu-ns/op	 36000 B/op	 300 allocs/op
BenchmarkPerCall/side=sdk-2         	 5000	 240000 ns/op	 250000 cpu-ns/op	 28000 B/op	 350 allocs/op
BenchmarkPerCall/side=baseline-2    	 5000	 200000 ns/op	 200000 cpu-ns/op	 36000 B/op	 300 allocs/op
BenchmarkPerCall/side=sdk-2         	 5000	 210000 ns/op	 210000 cpu-ns/op	 28000 B/op	 350 allocs/op
BenchmarkPerCall/side=baseline-2    	 5000	 200000 ns/op	 200000 cpu-ns/op	 36000 B/op	 300 allocs/op
BenchmarkConnReuse/side=sdk-2       	 4	 1000 ns/op	 3 tcp-conns/op
BenchmarkConnReuse/side=baseline-2  	 4	 1000 ns/op	 1 tcp-conns/op
BenchmarkLonely/side=sdk-2          	 4	 1000 ns/op
PASS
`

func TestRun(t *testing.T) {
	var out strings.Builder
	missed, err := run(strings.NewReader(sample), &out)
	require.NoError(t, err)
	text := out.String()
	// Medians: sdk 220µs over baseline 200µs.
	assert.Contains(t, text, "1.100x")
	assert.Contains(t, text, "1.167x", "allocs 350/300")
	assert.NotContains(t, text, "Lonely", "a benchmark without its baseline is no pair")
	assert.Regexp(t, `ok +per call time <= 1.10x +1.100x`, text)
	assert.Regexp(t, `MISSED +per call CPU <= 1.10x +1.150x`, text)
	assert.Regexp(t, `MISSED +1,000 calls open <= 2 connections +3`, text)
	assert.Regexp(t, `MISSED +per call allocs <= 1.00x +1.167x`, text)
	assert.Regexp(t, `ok +per call bytes <= 1.00x +0.778x`, text)
	assert.Contains(t, text, "(not measured)")
	assert.Equal(t, 3, missed)
}

func TestRunWithoutPairs(t *testing.T) {
	_, err := run(strings.NewReader("BenchmarkX-2 1 5 ns/op\n"), &strings.Builder{})
	assert.Error(t, err)
}

func TestMedian(t *testing.T) {
	assert.Equal(t, 2.0, median([]float64{3, 1, 2}))
	assert.Equal(t, 2.5, median([]float64{4, 1, 2, 3}))
	assert.Equal(t, 0.0, median(nil))
}
