package pipedrivetest

import (
	"fmt"
	"math"
	"net/http"
	"slices"
	"strconv"
	"time"
)

// Deal statistics (API v1, current): the summary of deal values, the
// timeline of deals by period, and a pipeline's conversion and movement
// statistics, computed from the store. Converted values use the fixed
// rates below (USD per unit): the fake has no exchange-rate feed.

var usdPerUnit = map[string]float64{"USD": 1, "EUR": 1.08, "GBP": 1.27, "CHF": 1.12, "SEK": 0.095, "NOK": 0.094, "DKK": 0.145, "JPY": 0.0067, "CAD": 0.73, "AUD": 0.66}

// convert turns value in currency from into currency to.
func convert(value float64, from, to string) float64 {
	f, okFrom := usdPerUnit[from]
	t, okTo := usdPerUnit[to]
	if !okFrom || !okTo || from == to {
		return value
	}
	return math.Round(value*f/t*100) / 100
}

// money formats an amount as "1,234.50 EUR".
func money(value float64, currency string) string {
	s := strconv.FormatFloat(math.Abs(value), 'f', 2, 64)
	intPart, frac := s[:len(s)-3], s[len(s)-3:]
	for i := len(intPart) - 3; i > 0; i -= 3 {
		intPart = intPart[:i] + "," + intPart[i:]
	}
	if value < 0 {
		intPart = "-" + intPart
	}
	return intPart + frac + " " + currency
}

// notEmulatedParam answers a query parameter the fake does not implement
// (rather than ignoring it and answering something else).
func notEmulatedParam(name string) *reply {
	return pdError(http.StatusNotImplemented, NotEmulatedPrefix+": the "+name+" parameter")
}

func registerDealStatsV1(rt *router) {
	rt.handle("GET /deals/summary", 40, dealsSummary)
	rt.handle("GET /deals/timeline", 20, dealsTimeline)
	rt.handle("GET /pipelines/{id}/conversion_statistics", 40, conversionStats)
	rt.handle("GET /pipelines/{id}/movement_statistics", 40, movementStats)
}

// dealFilter reads the filter_id, user_id, pipeline_id and stage_id
// filters.
func dealFilter(c *call) (func(*deal) bool, *reply) {
	saved := func(int) bool { return true }
	if filterID, has, rep := queryInt(c.q, "filter_id"); rep != nil {
		return nil, rep
	} else if has {
		if saved, rep = savedFilter(c, "deals", filterID); rep != nil {
			return nil, rep
		}
	}
	want := map[string]int{}
	for _, k := range []string{"user_id", "pipeline_id", "stage_id"} {
		n, has, rep := queryInt(c.q, k)
		if rep != nil {
			return nil, rep
		}
		if has {
			want[k] = n
		}
	}
	return func(d *deal) bool {
		for k, n := range want {
			v := map[string]int{"user_id": d.OwnerID, "pipeline_id": d.PipelineID, "stage_id": d.StageID}[k]
			if v != n {
				return false
			}
		}
		return !d.Deleted && !d.IsArchived && saved(d.ID)
	}, nil
}

func dealsSummary(c *call) *reply {
	keep, rep := dealFilter(c)
	if rep != nil {
		return rep
	}
	status := c.q.Get("status")
	if status != "" && !slices.Contains([]string{"open", "won", "lost"}, status) {
		return badRequest(`Invalid value for parameter "status": expected open, won or lost`)
	}
	def := c.defaultCurrency()
	type sum struct {
		value, weighted float64
		count           int
	}
	sums := map[string]*sum{}
	total, totalConv, weightedConv := 0, 0.0, 0.0
	for _, d := range c.st.deals.rows {
		if !keep(d) || (status != "" && d.Status != status) {
			continue
		}
		s := sums[d.Currency]
		if s == nil {
			s = &sum{}
			sums[d.Currency] = s
		}
		w := d.Value
		if d.Probability != nil {
			w = d.Value * *d.Probability / 100
		}
		s.value += d.Value
		s.weighted += w
		s.count++
		total++
		totalConv += convert(d.Value, d.Currency, def)
		weightedConv += convert(w, d.Currency, def)
	}
	values, weighted := map[string]any{}, map[string]any{}
	for cur, s := range sums {
		conv := convert(s.value, cur, def)
		values[cur] = map[string]any{"value": s.value, "count": s.count, "value_converted": conv,
			"value_formatted": money(s.value, cur), "value_converted_formatted": money(conv, def)}
		weighted[cur] = map[string]any{"value": s.weighted, "count": s.count, "value_formatted": money(s.weighted, cur)}
	}
	return ok(http.StatusOK, map[string]any{
		"values_total": values, "weighted_values_total": weighted, "total_count": total,
		"total_currency_converted_value": totalConv, "total_weighted_currency_converted_value": weightedConv,
		"total_currency_converted_value_formatted":          money(totalConv, def),
		"total_weighted_currency_converted_value_formatted": money(weightedConv, def),
	}, nil, nil)
}

// dealDate returns the value of a date field of a deal (zero when unset),
// or false for a field that is not a date the timeline can group by.
func dealDate(d *deal, key string) (time.Time, bool) {
	switch key {
	case "add_time":
		return d.AddTime, true
	case "update_time":
		return d.UpdateTime, true
	case "close_time":
		return d.CloseTime, true
	case "won_time":
		return d.WonTime, true
	case "lost_time":
		return d.LostTime, true
	case "stage_change_time":
		return d.StageChangeTime, true
	case "expected_close_date":
		t, _ := time.Parse(time.DateOnly, d.ExpectedCloseDate)
		return t, true
	}
	return time.Time{}, false
}

// dealsTimeline groups the open and won deals that are not archived into
// amount periods from start_date, by a date field. The answer is one
// object per period (see the erratum for getDealsTimeline in
// internal/conformance).
func dealsTimeline(c *call) *reply {
	keep, rep := dealFilter(c)
	if rep != nil {
		return rep
	}
	if c.q.Get("totals_convert_currency") != "" {
		return notEmulatedParam("totals_convert_currency")
	}
	start, err := time.Parse(time.DateOnly, c.q.Get("start_date"))
	if err != nil {
		return badRequest(`Invalid value for parameter "start_date": expected YYYY-MM-DD`)
	}
	interval := c.q.Get("interval")
	step := map[string]func(time.Time) time.Time{
		"day":     func(t time.Time) time.Time { return t.AddDate(0, 0, 1) },
		"week":    func(t time.Time) time.Time { return t.AddDate(0, 0, 7) },
		"month":   func(t time.Time) time.Time { return t.AddDate(0, 1, 0) },
		"quarter": func(t time.Time) time.Time { return t.AddDate(0, 3, 0) },
	}[interval]
	if step == nil {
		return badRequest(`Invalid value for parameter "interval": expected day, week, month or quarter`)
	}
	amount, has, rep := queryInt(c.q, "amount")
	if rep != nil {
		return rep
	}
	if !has || amount < 1 || amount > 100 {
		return badRequest(`Invalid value for parameter "amount": expected an integer from 1 to 100`)
	}
	key := c.q.Get("field_key")
	if _, ok := dealDate(&deal{}, key); !ok {
		return badRequest(fmt.Sprintf(`Invalid value for parameter "field_key": %q is not a date field of deals`, key))
	}
	exclude := c.q.Get("exclude_deals") == "1"
	periods := make([]map[string]any, 0, amount)
	for from := start; len(periods) < amount; from = step(from) {
		to := step(from)
		deals := []map[string]any{}
		count, openCount, wonCount := 0, 0, 0
		values, weighted, openValues, weightedOpen, wonValues := map[string]float64{}, map[string]float64{}, map[string]float64{}, map[string]float64{}, map[string]float64{}
		for _, d := range c.st.deals.rows {
			at, _ := dealDate(d, key)
			if !keep(d) || d.Status == "lost" || at.IsZero() || at.Before(from) || !at.Before(to) {
				continue
			}
			w := d.Value
			if d.Probability != nil {
				w = d.Value * *d.Probability / 100
			}
			count++
			values[d.Currency] += d.Value
			weighted[d.Currency] += w
			if d.Status == "open" {
				openCount++
				openValues[d.Currency] += d.Value
				weightedOpen[d.Currency] += w
			} else {
				wonCount++
				wonValues[d.Currency] += d.Value
			}
			if !exclude {
				deals = append(deals, flatRefs(renderV1(c, "deals", d.ID)))
			}
		}
		periods = append(periods, map[string]any{
			"period_start": ts(from), "period_end": ts(to.Add(-time.Second)), "deals": deals,
			"totals": map[string]any{"count": count, "values": values, "weighted_values": weighted,
				"open_count": openCount, "open_values": openValues, "weighted_open_values": weightedOpen,
				"won_count": wonCount, "won_values": wonValues},
		})
	}
	return ok(http.StatusOK, periods, nil, nil)
}

// statsQuery reads the pipeline and the period of a statistics request.
func statsQuery(c *call) (p *pipeline, from, to time.Time, keep func(*deal) bool, rep *reply) {
	p, found := c.st.pipelines.live(c.id)
	if !found {
		return nil, from, to, nil, notFound("Pipeline")
	}
	var err error
	if from, err = time.Parse(time.DateOnly, c.q.Get("start_date")); err != nil {
		return nil, from, to, nil, badRequest(`Invalid value for parameter "start_date": expected YYYY-MM-DD`)
	}
	if to, err = time.Parse(time.DateOnly, c.q.Get("end_date")); err != nil || to.Before(from) {
		return nil, from, to, nil, badRequest(`Invalid value for parameter "end_date": expected YYYY-MM-DD, not before start_date`)
	}
	to = to.AddDate(0, 0, 1) // the whole end day
	user, hasUser, rep := queryInt(c.q, "user_id")
	if rep != nil {
		return nil, from, to, nil, rep
	}
	keep = func(d *deal) bool {
		return !d.Deleted && d.PipelineID == c.id && (!hasUser || d.OwnerID == user)
	}
	return p, from, to, keep, nil
}

// pipelineStages returns the stages of a pipeline in order.
func (st *store) pipelineStages(id int) []*stage {
	var out []*stage
	for _, s := range st.stages.rows {
		if !s.Deleted && s.PipelineID == id {
			out = append(out, s)
		}
	}
	slices.SortStableFunc(out, func(a, b *stage) int { return a.OrderNr - b.OrderNr })
	return out
}

// reached reports whether a deal has been in stage s.
func reached(d *deal, s int) bool {
	_, been := d.StageTimes[s]
	return been || d.StageID == s
}

// percent is part of whole in whole percent (0 for an empty whole).
func percent(part, whole int) int {
	if whole == 0 {
		return 0
	}
	return int(math.Round(float64(part) * 100 / float64(whole)))
}

func conversionStats(c *call) *reply {
	_, from, to, keep, rep := statsQuery(c)
	if rep != nil {
		return rep
	}
	var deals []*deal
	for _, d := range c.st.deals.rows {
		if keep(d) && !d.AddTime.Before(from) && d.AddTime.Before(to) {
			deals = append(deals, d)
		}
	}
	stages := c.st.pipelineStages(c.id)
	conv := []map[string]any{}
	for i := 0; i+1 < len(stages); i++ {
		in, next := 0, 0
		for _, d := range deals {
			if reached(d, stages[i].ID) {
				in++
				if reached(d, stages[i+1].ID) {
					next++
				}
			}
		}
		conv = append(conv, map[string]any{"from_stage_id": stages[i].ID, "to_stage_id": stages[i+1].ID, "conversion_rate": percent(next, in)})
	}
	won, lost := 0, 0
	for _, d := range deals {
		switch d.Status {
		case "won":
			won++
		case "lost":
			lost++
		}
	}
	return ok(http.StatusOK, map[string]any{"stage_conversions": conv,
		"won_conversion": percent(won, len(deals)), "lost_conversion": percent(lost, len(deals))}, nil, nil)
}

func movementStats(c *call) *reply {
	_, from, to, keep, rep := statsQuery(c)
	if rep != nil {
		return rep
	}
	in := func(t time.Time) bool { return !t.IsZero() && !t.Before(from) && t.Before(to) }
	group := func(match func(*deal) bool) map[string]any {
		ids := []int{}
		values, formatted := map[string]float64{}, map[string]any{}
		for _, d := range c.st.deals.rows {
			if keep(d) && match(d) {
				ids = append(ids, d.ID)
				values[d.Currency] += d.Value
			}
		}
		for cur, v := range values {
			formatted[cur] = money(v, cur)
		}
		return map[string]any{"count": len(ids), "deals_ids": ids, "values": values, "formatted_values": formatted}
	}
	moves := 0
	for _, d := range c.st.deals.rows {
		if !keep(d) {
			continue
		}
		if log := c.st.crud["deals/"+strconv.Itoa(d.ID)+"/changelog"]; log != nil {
			for _, r := range log.rows {
				if r["field_key"] == "stage_id" && in(r["time"].(time.Time)) {
					moves++
				}
			}
		}
	}
	now := c.st.clock()
	ageDays := func(d *deal) int { return int(now.Sub(d.AddTime).Hours() / 24) }
	var all []int
	byStage := []map[string]any{}
	for _, s := range c.st.pipelineStages(c.id) {
		var ages []int
		for _, d := range c.st.deals.rows {
			if keep(d) && d.Status == "open" && d.StageID == s.ID {
				ages = append(ages, ageDays(d))
			}
		}
		all = append(all, ages...)
		byStage = append(byStage, map[string]any{"stage_id": s.ID, "value": mean(ages)})
	}
	return ok(http.StatusOK, map[string]any{
		"movements_between_stages": map[string]any{"count": moves},
		"new_deals":                group(func(d *deal) bool { return in(d.AddTime) }),
		"deals_left_open":          group(func(d *deal) bool { return d.Status == "open" && d.AddTime.Before(to) }),
		"won_deals":                group(func(d *deal) bool { return d.Status == "won" && in(d.WonTime) }),
		"lost_deals":               group(func(d *deal) bool { return d.Status == "lost" && in(d.LostTime) }),
		"average_age_in_days":      map[string]any{"across_all_stages": mean(all), "by_stages": byStage},
	}, nil, nil)
}

// mean is the rounded average of ns (0 for none).
func mean(ns []int) int {
	if len(ns) == 0 {
		return 0
	}
	sum := 0
	for _, n := range ns {
		sum += n
	}
	return int(math.Round(float64(sum) / float64(len(ns))))
}
