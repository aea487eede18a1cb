// Command benchratio reads `go test -bench` output and prints, for every
// pair of benchmarks X/side=sdk and X/side=baseline, the ratio SDK/baseline of the
// median of each metric (sec/op, cpu-ns/op, B/op, allocs/op), next to the
// targets of the SDK's performance budget, plus the SDK's absolute metrics
// (peak heap, TCP connections).
//
//	go run ./internal/benchserver/cmd/benchratio bench.txt
//
// It exits with status 1 when a target is missed.
package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"
)

// target is one line of the performance budget.
type target struct {
	scenario string  // benchmark name without "Benchmark" and "/side=sdk"
	unit     string  // metric unit as go test prints it
	max      float64 // the SDK's value (ratio, or absolute) must be at most max
	strict   bool    // below max, not equal
	absolute bool    // compare the SDK's value itself, not the ratio
	what     string
}

var targets = []target{
	{"PerCall", "sec/op", 1.10, false, false, "per call time <= 1.10x"},
	{"PerCall", "cpu-ns/op", 1.10, false, false, "per call CPU <= 1.10x"},
	{"PerCall", "allocs/op", 1.00, false, false, "per call allocs <= 1.00x"},
	{"PerCall", "B/op", 1.00, false, false, "per call bytes <= 1.00x"},
	{"Create", "sec/op", 1.10, false, false, "create time <= 1.10x"},
	{"Create", "allocs/op", 1.00, false, false, "create allocs <= 1.00x"},
	{"Create", "B/op", 1.00, false, false, "create bytes <= 1.00x"},
	{"PageDecode/read", "allocs/op", 0.95, false, false, "page read+decode allocs <= 0.95x"},
	{"PageDecode/decode", "sec/op", 1.10, false, false, "page decode time <= 1.10x encoding/json"},
	{"PageDecode/decode", "cpu-ns/op", 1.10, false, false, "page decode CPU <= 1.10x encoding/json"},
	{"PageDecode/read", "B/op", 1.00, true, false, "bytes per page read+decode < baseline"},
	{"PageDecode/custom-fields", "sec/op", 2.00, true, false, "custom fields cost less than a second full decode"},
	{"Stream/deals=100000", "sec/op", 1.10, false, false, "100k deals time <= 1.10x"},
	{"Stream/deals=100000", "cpu-ns/op", 1.10, false, false, "100k deals CPU <= 1.10x"},
	{"Stream/deals=100000", "pages-of-heap", 2.00, true, true, "peak live heap < 2 pages in flight"},
	{"ConnReuse", "tcp-conns/op", 2.00, false, true, "1,000 calls open <= 2 connections"},
}

// units are the ratio columns, in order.
var units = []string{"sec/op", "cpu-ns/op", "B/op", "allocs/op"}

// absolute are the metrics printed as they are, not as ratios.
var absolute = []string{"page-held-MB", "deal-held-kB", "peak-live-MB", "peak-heap-MB", "pages-of-heap", "tcp-conns/op"}

var procSuffix = regexp.MustCompile(`-\d+$`)

// parse collects the values of every metric of every benchmark.
func parse(r io.Reader) (map[string]map[string][]float64, []string, error) {
	results := map[string]map[string][]float64{}
	var order []string
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) < 4 || !strings.HasPrefix(f[0], "Benchmark") {
			continue
		}
		if _, err := strconv.Atoi(f[1]); err != nil {
			continue // not a result line
		}
		name := procSuffix.ReplaceAllString(strings.TrimPrefix(f[0], "Benchmark"), "")
		m, ok := results[name]
		if !ok {
			m = map[string][]float64{}
			results[name] = m
			order = append(order, name)
		}
		for i := 2; i+1 < len(f); i += 2 {
			v, err := strconv.ParseFloat(f[i], 64)
			if err != nil {
				continue
			}
			unit := f[i+1]
			if unit == "ns/op" {
				unit, v = "sec/op", v/1e9
			}
			m[unit] = append(m[unit], v)
		}
	}
	return results, order, sc.Err()
}

func median(v []float64) float64 {
	if len(v) == 0 {
		return 0
	}
	s := slices.Clone(v)
	slices.Sort(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

func format(unit string, v float64) string {
	switch unit {
	case "sec/op":
		switch {
		case v >= 1:
			return fmt.Sprintf("%.3fs", v)
		case v >= 1e-3:
			return fmt.Sprintf("%.2fms", v*1e3)
		default:
			return fmt.Sprintf("%.1fµs", v*1e6)
		}
	case "cpu-ns/op":
		return format("sec/op", v/1e9)
	case "B/op":
		if v >= 1<<20 {
			return fmt.Sprintf("%.2fMiB", v/(1<<20))
		}
		return fmt.Sprintf("%.1fKiB", v/1024)
	case "allocs/op":
		return strconv.FormatFloat(v, 'f', 0, 64)
	}
	return strconv.FormatFloat(v, 'g', 4, 64)
}

func main() { os.Exit(mainCode()) }

// mainCode runs the command and returns its exit status.
func mainCode() int {
	in := io.Reader(os.Stdin)
	if len(os.Args) > 1 {
		f, err := os.Open(os.Args[1])
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 2
		}
		defer f.Close()
		in = f
	}
	missed, err := run(in, os.Stdout)
	if err != nil {
		fmt.Fprintln(os.Stderr, "benchratio:", err)
		return 2
	}
	if missed > 0 {
		fmt.Printf("%d target(s) missed\n", missed)
		return 1
	}
	return 0
}

// run reads benchmark results from in, writes the tables to out and
// returns how many targets were missed.
func run(in io.Reader, out io.Writer) (missed int, err error) {
	results, order, err := parse(in)
	if err != nil {
		return 0, err
	}
	type pair struct{ sdk, base map[string][]float64 }
	pairs := map[string]pair{}
	var scenarios []string
	for _, name := range order {
		scenario, ok := strings.CutSuffix(name, "/side=sdk")
		if !ok {
			continue
		}
		base, ok := results[scenario+"/side=baseline"]
		if !ok {
			continue
		}
		pairs[scenario] = pair{results[name], base}
		scenarios = append(scenarios, scenario)
	}
	if len(scenarios) == 0 {
		return 0, errors.New("no X/side=sdk and X/side=baseline pairs in the input")
	}

	fmt.Fprintln(out, "SDK / baseline, medians (n = runs of the SDK side)")
	tw := tabwriter.NewWriter(out, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprint(tw, "scenario\tn\t")
	for _, u := range units {
		fmt.Fprintf(tw, "%s sdk\tbaseline\tratio\t", u)
	}
	fmt.Fprintln(tw)
	for _, sc := range scenarios {
		p := pairs[sc]
		fmt.Fprintf(tw, "%s\t%d\t", sc, len(p.sdk["sec/op"]))
		for _, u := range units {
			s, b := median(p.sdk[u]), median(p.base[u])
			if len(p.sdk[u]) == 0 || len(p.base[u]) == 0 || b == 0 {
				fmt.Fprint(tw, "-\t-\t-\t")
				continue
			}
			fmt.Fprintf(tw, "%s\t%s\t%.3fx\t", format(u, s), format(u, b), s/b)
		}
		fmt.Fprintln(tw)
	}
	_ = tw.Flush()

	fmt.Fprintln(out, "\nabsolute metrics, medians")
	tw = tabwriter.NewWriter(out, 0, 0, 2, ' ', tabwriter.AlignRight)
	for _, sc := range scenarios {
		p := pairs[sc]
		for _, u := range absolute {
			if len(p.sdk[u]) == 0 {
				continue
			}
			fmt.Fprintf(tw, "%s\t%s\tsdk %.4g\tbaseline %.4g\t\n", sc, u, median(p.sdk[u]), median(p.base[u]))
		}
	}
	_ = tw.Flush()

	fmt.Fprintln(out, "\ntargets")
	tw = tabwriter.NewWriter(out, 0, 0, 2, ' ', 0)
	for _, t := range targets {
		p, ok := pairs[t.scenario]
		if !ok || len(p.sdk[t.unit]) == 0 {
			fmt.Fprintf(tw, "  ?\t%s\t(not measured)\n", t.what)
			continue
		}
		v := median(p.sdk[t.unit])
		shown := fmt.Sprintf("%.3g", v)
		if !t.absolute {
			b := median(p.base[t.unit])
			if b == 0 {
				fmt.Fprintf(tw, "  ?\t%s\t(no baseline)\n", t.what)
				continue
			}
			v /= b
			shown = fmt.Sprintf("%.3fx", v)
		}
		met := v <= t.max
		if t.strict {
			met = v < t.max
		}
		mark := "ok"
		if !met {
			mark, missed = "MISSED", missed+1
		}
		fmt.Fprintf(tw, "  %s\t%s\t%s\n", mark, t.what, shown)
	}
	_ = tw.Flush()
	return missed, nil
}
