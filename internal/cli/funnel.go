package cli

import (
	"context"
	"flag"
	"fmt"
	"io"
	"maps"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/gopipedrive/pipedrive"
)

// funnelStage is one bar of the funnel.
type funnelStage struct {
	ID      int                `json:"id"`
	Name    string             `json:"name"`
	OrderNr int                `json:"order_nr"`
	Deals   int                `json:"deals"`
	Value   map[string]float64 `json:"value"`
}

// funnelTotal sums the stages.
type funnelTotal struct {
	Deals int                `json:"deals"`
	Value map[string]float64 `json:"value"`
}

// funnel is the deal count and value of each stage of a pipeline.
type funnel struct {
	Pipeline struct {
		ID   int    `json:"id"`
		Name string `json:"name"`
	} `json:"pipeline"`
	Status string        `json:"status"`
	Stages []funnelStage `json:"stages"`
	Total  funnelTotal   `json:"total"`
}

type funnelFlags struct {
	pipeline optInt
	status   string
	by       string
}

func (f *funnelFlags) register(fs *flag.FlagSet, withPipeline bool) {
	if withPipeline {
		fs.Var(&f.pipeline, "pipeline", "pipeline id (default the selected, else the first pipeline)")
	}
	fs.StringVar(&f.status, "status", "open", "count deals with this status: open, won, lost or all_not_deleted")
	fs.StringVar(&f.by, "by", "value", "bar length by value or count")
}

func funnelCommand() *command {
	return &command{
		name: "funnel", summary: "Show each stage of a pipeline with its deal count and value as a bar chart",
		setup: func(fs *flag.FlagSet) runFunc {
			f := &funnelFlags{}
			f.register(fs, true)
			return func(ctx context.Context, a *app, args []string) error {
				if err := wantArgs(args, "", 0); err != nil {
					return err
				}
				return a.runFunnel(ctx, f)
			}
		},
	}
}

func showCommand() *command {
	return &command{
		name: "show", args: "ID", summary: "Show a pipeline's funnel: its stages with deal count and value (deals funnel --pipeline ID)",
		setup: func(fs *flag.FlagSet) runFunc {
			f := &funnelFlags{}
			f.register(fs, false)
			return func(ctx context.Context, a *app, args []string) error {
				if err := wantArgs(args, "ID", 1); err != nil {
					return err
				}
				id, err := parseID("pipeline", args[0])
				if err != nil {
					return err
				}
				f.pipeline = optInt{v: id, set: true}
				return a.runFunnel(ctx, f)
			}
		},
	}
}

func (a *app) runFunnel(ctx context.Context, f *funnelFlags) error {
	switch f.by {
	case "value", "count":
	default:
		return usagef("--by %q: choose value or count", f.by)
	}
	switch f.status {
	case "open", "won", "lost", "all_not_deleted":
	default:
		return usagef("--status %q: choose open, won, lost or all_not_deleted", f.status)
	}
	fn, err := a.buildFunnel(ctx, f)
	if err != nil {
		return err
	}
	switch a.g.output {
	case formatJSON:
		return writeJSON(a.stdout, fn, true)
	case formatNDJSON:
		for _, s := range fn.Stages {
			if err := writeJSON(a.stdout, s, false); err != nil {
				return err
			}
		}
		return nil
	}
	by := f.by
	if by == "value" {
		if cur := currencies(fn.Total.Value); len(cur) > 1 {
			fmt.Fprintf(a.stderr, "note: the deals use several currencies (%s): bars show deal counts\n", strings.Join(cur, ", "))
			by = "count"
		}
	}
	width := terminalWidth(a.env, a.stdout)
	if width == 0 {
		width = 80
	}
	return drawFunnel(a.stdout, fn, by, width)
}

// buildFunnel reads the pipeline, its stages and, stage by stage, every
// deal with the status (one page of up to 500 deals in memory at a time).
func (a *app) buildFunnel(ctx context.Context, f *funnelFlags) (*funnel, error) {
	pipelines, err := a.backend(ctx, pipelinesResource())
	if err != nil {
		return nil, err
	}
	stages, err := a.backend(ctx, stagesResource())
	if err != nil {
		return nil, err
	}
	deals, err := a.backend(ctx, dealsResource())
	if err != nil {
		return nil, err
	}
	fn := &funnel{Status: f.status, Total: funnelTotal{Value: map[string]float64{}}}
	if f.pipeline.set {
		r, err := pipelines.get(ctx, f.pipeline.v)
		if err != nil {
			return nil, err
		}
		fn.Pipeline.ID, fn.Pipeline.Name, _, _ = pipelineInfo(r.value)
	} else {
		p, err := pipelines.list(ctx, &query{}, "")
		if err != nil {
			return nil, err
		}
		if len(p.rows) == 0 {
			return nil, fmt.Errorf("the account has no pipeline")
		}
		best, bestOrder, bestSel := 0, math.MaxInt, false
		for i, r := range p.rows {
			_, _, order, sel := pipelineInfo(r.value)
			if (sel && !bestSel) || (sel == bestSel && order < bestOrder) {
				best, bestOrder, bestSel = i, order, sel
			}
		}
		fn.Pipeline.ID, fn.Pipeline.Name, _, _ = pipelineInfo(p.rows[best].value)
	}

	sq := &query{pipeline: optInt{v: fn.Pipeline.ID, set: true}, limit: optInt{v: pipedrive.MaxLimit, set: true}}
	if err := eachPage(ctx, func(ctx context.Context, pos string) (page, error) { return stages.list(ctx, sq, pos) }, func(r row) {
		id, name, order := stageInfo(r.value)
		fn.Stages = append(fn.Stages, funnelStage{ID: id, Name: name, OrderNr: order, Value: map[string]float64{}})
	}); err != nil {
		return nil, err
	}
	sort.SliceStable(fn.Stages, func(i, j int) bool { return fn.Stages[i].OrderNr < fn.Stages[j].OrderNr })

	for i := range fn.Stages {
		s := &fn.Stages[i]
		dq := &query{
			stage:  optInt{v: s.ID, set: true},
			status: optString{v: f.status, set: true},
			limit:  optInt{v: pipedrive.MaxLimit, set: true},
		}
		if err := eachPage(ctx, func(ctx context.Context, pos string) (page, error) { return deals.list(ctx, dq, pos) }, func(r row) {
			value, currency := dealValue(r.value)
			s.Deals++
			s.Value[currency] += value
			fn.Total.Deals++
			fn.Total.Value[currency] += value
		}); err != nil {
			return nil, err
		}
	}
	return fn, nil
}

// eachPage calls fn for every row of every page.
func eachPage(ctx context.Context, fetch fetchFunc, fn func(row)) error {
	pos := ""
	for {
		p, err := fetch(ctx, pos)
		if err != nil {
			return err
		}
		for _, r := range p.rows {
			fn(r)
		}
		if p.next == "" || p.next == pos || len(p.rows) == 0 {
			return nil
		}
		pos = p.next
	}
}

func pipelineInfo(v any) (id int, name string, order int, selected bool) {
	switch p := v.(type) {
	case *pipedrive.Pipeline:
		return p.ID, p.Name, p.OrderNr, p.Selected
	case *pipedrive.V2Pipeline:
		return p.ID, p.Name, p.OrderNr, p.IsSelected
	}
	return 0, "", 0, false
}

func stageInfo(v any) (id int, name string, order int) {
	switch s := v.(type) {
	case *pipedrive.Stage:
		return s.ID, s.Name, s.OrderNr
	case *pipedrive.V2Stage:
		return s.ID, s.Name, s.OrderNr
	}
	return 0, "", 0
}

func dealValue(v any) (float64, string) {
	switch d := v.(type) {
	case *pipedrive.Deal:
		return float64(d.Value), d.Currency
	case *pipedrive.V2Deal:
		return d.Value, d.Currency
	}
	return 0, ""
}

func currencies(m map[string]float64) []string {
	return slices.Sorted(maps.Keys(m))
}

// valueText renders per-currency totals: "12,500 EUR + 300 USD".
func valueText(m map[string]float64) string {
	var parts []string
	for _, c := range currencies(m) {
		parts = append(parts, money(m[c], c))
	}
	if len(parts) == 0 {
		return "0"
	}
	return strings.Join(parts, " + ")
}

// drawFunnel writes the funnel as a bar chart fitting width columns.
func drawFunnel(w io.Writer, fn *funnel, by string, width int) error {
	nameW, countW, valueW := len("TOTAL"), len("DEALS"), len("VALUE")
	for _, s := range fn.Stages {
		nameW = max(nameW, utf8.RuneCountInString(s.Name))
		countW = max(countW, len(strconv.Itoa(s.Deals)))
		valueW = max(valueW, utf8.RuneCountInString(valueText(s.Value)))
	}
	valueW = max(valueW, utf8.RuneCountInString(valueText(fn.Total.Value)))
	nameW = min(nameW, 24)
	barW := max(10, width-1-nameW-countW-valueW-6)

	metric := func(s funnelStage) float64 {
		if by == "count" {
			return float64(s.Deals)
		}
		sum := 0.0
		for _, v := range s.Value {
			sum += v
		}
		return sum
	}
	top := 0.0
	for _, s := range fn.Stages {
		top = max(top, metric(s))
	}

	var b strings.Builder
	fmt.Fprintf(&b, "%s (pipeline %d): %s deals by stage, bars by %s\n\n", fn.Pipeline.Name, fn.Pipeline.ID, fn.Status, by)
	fmt.Fprintf(&b, "%-*s  %*s  %-*s  %*s\n", nameW, "STAGE", countW, "DEALS", barW, "", valueW, "VALUE")
	for _, s := range fn.Stages {
		frac := 0.0
		if top > 0 {
			frac = metric(s) / top
		}
		fmt.Fprintf(&b, "%s  %*d  %s  %*s\n", padRight(truncRunes(s.Name, nameW), nameW), countW, s.Deals,
			padRight(bar(frac, barW), barW), valueW, valueText(s.Value))
	}
	fmt.Fprintf(&b, "%-*s  %*d  %-*s  %*s\n", nameW, "TOTAL", countW, fn.Total.Deals, barW, "", valueW, valueText(fn.Total.Value))
	_, err := io.WriteString(w, b.String())
	return err
}

// eighths are the partial blocks, from one eighth to seven.
var eighths = []string{"", "▏", "▎", "▍", "▌", "▋", "▊", "▉"}

// bar draws frac (0..1) of width cells with Unicode blocks, to the eighth
// of a cell; a non-zero fraction shows at least a sliver.
func bar(frac float64, width int) string {
	if frac <= 0 || width <= 0 {
		return ""
	}
	units := int(math.Round(min(frac, 1) * float64(width*8)))
	units = max(units, 1)
	return strings.Repeat("█", units/8) + eighths[units%8]
}

func padRight(s string, n int) string {
	if pad := n - utf8.RuneCountInString(s); pad > 0 {
		return s + strings.Repeat(" ", pad)
	}
	return s
}

func truncRunes(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n-1]) + "…"
}
