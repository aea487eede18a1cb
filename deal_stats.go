package pipedrive

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"strconv"
)

// Deal statistics (API v1, current, with no v2 counterpart): the summary
// of deal values, the timeline of deals by period, and the conversion and
// movement statistics of a pipeline.

// DealsSummaryOptions filters the deals a summary counts.
type DealsSummaryOptions struct {
	// Status is open, won or lost ("" for all).
	Status     string `url:"status,omitempty"`
	FilterID   int    `url:"filter_id,omitempty"`
	UserID     int    `url:"user_id,omitempty"`
	PipelineID int    `url:"pipeline_id,omitempty"`
	StageID    int    `url:"stage_id,omitempty"`
}

func (o *DealsSummaryOptions) validate() error {
	if o == nil {
		return nil
	}
	if o.Status != "" {
		if err := checkEnumList("status", []string{o.Status}, "open", "won", "lost"); err != nil {
			return err
		}
	}
	return checkNonNegative(map[string]int{"filter_id": o.FilterID, "user_id": o.UserID, "pipeline_id": o.PipelineID, "stage_id": o.StageID})
}

// checkNonNegative refuses negative optional ids (0 means "not set").
func checkNonNegative(ids map[string]int) error {
	for _, k := range []string{"filter_id", "user_id", "pipeline_id", "stage_id"} {
		if n, ok := ids[k]; ok && n < 0 {
			return invalid(k, "%d is not a valid id (ids are positive)", n)
		}
	}
	return nil
}

// DealsSummaryValue is the total of the deals in one currency.
type DealsSummaryValue struct {
	Value float64 `json:"value"`
	Count int     `json:"count"`
	// ValueConverted is Value in the user's default currency.
	ValueConverted          float64 `json:"value_converted,omitempty"`
	ValueFormatted          string  `json:"value_formatted"`
	ValueConvertedFormatted string  `json:"value_converted_formatted,omitempty"`
}

// DealsSummary totals the deals matching DealsSummaryOptions, by currency
// and converted into the user's default currency.
type DealsSummary struct {
	ValuesTotal         map[string]DealsSummaryValue `json:"values_total"`
	WeightedValuesTotal map[string]DealsSummaryValue `json:"weighted_values_total"`
	TotalCount          int                          `json:"total_count"`

	TotalCurrencyConvertedValue                  float64 `json:"total_currency_converted_value"`
	TotalWeightedCurrencyConvertedValue          float64 `json:"total_weighted_currency_converted_value"`
	TotalCurrencyConvertedValueFormatted         string  `json:"total_currency_converted_value_formatted"`
	TotalWeightedCurrencyConvertedValueFormatted string  `json:"total_weighted_currency_converted_value_formatted"`
}

// Summary totals the deals that are not archived.
//
// Pipedrive: GET /api/v1/deals/summary (https://developers.pipedrive.com/docs/api/v1/Deals#getDealsSummary).
// Token cost: 40.
func (s *DealsService) Summary(ctx context.Context, opts *DealsSummaryOptions) (*DealsSummary, *Response, error) {
	return validated(opts.validate(), func() (*DealsSummary, *Response, error) {
		return doOne[DealsSummary](ctx, s.client, &request{method: http.MethodGet, path: v1Path("deals", "summary"), query: queryOf(opts)})
	})
}

// TimelineInterval is the length of the periods of a timeline.
type TimelineInterval string

// Timeline intervals.
const (
	TimelineDay     TimelineInterval = "day"
	TimelineWeek    TimelineInterval = "week"
	TimelineMonth   TimelineInterval = "month"
	TimelineQuarter TimelineInterval = "quarter"
)

// DealsTimelineOptions asks for Amount periods of Interval from StartDate,
// grouping the open and won deals by the date field FieldKey.
type DealsTimelineOptions struct {
	StartDate Date             `url:"start_date"`
	Interval  TimelineInterval `url:"interval"`
	Amount    int              `url:"amount"`
	// FieldKey is a date field of deals: "add_time", "won_time",
	// "expected_close_date", a custom date field's key...
	FieldKey   string `url:"field_key"`
	UserID     int    `url:"user_id,omitempty"`
	PipelineID int    `url:"pipeline_id,omitempty"`
	FilterID   int    `url:"filter_id,omitempty"`
	// ExcludeDeals returns the totals only.
	ExcludeDeals bool `url:"exclude_deals,int,omitempty"`
	// TotalsConvertCurrency adds each period's totals converted into this
	// currency ("EUR", or "default_currency").
	TotalsConvertCurrency string `url:"totals_convert_currency,omitempty"`
}

func (o *DealsTimelineOptions) validate() error {
	switch {
	case o == nil:
		return invalid("opts", "nil *DealsTimelineOptions: start_date, interval, amount and field_key are required")
	case o.StartDate == "":
		return invalid("start_date", "empty: the first period's date (YYYY-MM-DD) is required")
	case o.Amount < 1:
		return invalid("amount", "%d: at least one period", o.Amount)
	case o.FieldKey == "":
		return invalid("field_key", "empty: the date field to group deals by is required")
	}
	return firstInvalid(
		checkDate("start_date", o.StartDate),
		checkEnumList("interval", []TimelineInterval{o.Interval}, TimelineDay, TimelineWeek, TimelineMonth, TimelineQuarter),
		fieldKeyForm.check("field_key", o.FieldKey),
		checkNonNegative(map[string]int{"user_id": o.UserID, "pipeline_id": o.PipelineID, "filter_id": o.FilterID}),
	)
}

// DealsTimelineTotals are the totals of one period, by currency.
type DealsTimelineTotals struct {
	Count              int                `json:"count"`
	Values             map[string]float64 `json:"values"`
	WeightedValues     map[string]float64 `json:"weighted_values"`
	OpenCount          int                `json:"open_count"`
	OpenValues         map[string]float64 `json:"open_values"`
	WeightedOpenValues map[string]float64 `json:"weighted_open_values"`
	WonCount           int                `json:"won_count"`
	WonValues          map[string]float64 `json:"won_values"`
}

// DealsTimelinePeriod is one period of a timeline with its deals (none
// with ExcludeDeals) and totals.
type DealsTimelinePeriod struct {
	PeriodStart Time                `json:"period_start"`
	PeriodEnd   Time                `json:"period_end"`
	Deals       []*Deal             `json:"deals"`
	Totals      DealsTimelineTotals `json:"totals"`
	// TotalsConverted holds the totals in TotalsConvertCurrency, as sent.
	TotalsConverted json.RawMessage `json:"totals_converted,omitempty"`
}

// timelinePeriods decodes the periods of a timeline: an array, or a single
// period object as the spec declares it.
type timelinePeriods []*DealsTimelinePeriod

// UnmarshalJSON implements json.Unmarshaler.
func (t *timelinePeriods) UnmarshalJSON(data []byte) error {
	data = bytes.TrimSpace(data)
	if len(data) > 0 && data[0] == '{' {
		var p DealsTimelinePeriod
		if err := json.Unmarshal(data, &p); err != nil {
			return err
		}
		*t = timelinePeriods{&p}
		return nil
	}
	var ps []*DealsTimelinePeriod
	if err := json.Unmarshal(data, &ps); err != nil {
		return err
	}
	*t = ps
	return nil
}

// Timeline groups the open and won deals that are not archived into
// periods by a date field.
//
// Pipedrive: GET /api/v1/deals/timeline (https://developers.pipedrive.com/docs/api/v1/Deals#getDealsTimeline).
// Token cost: 20.
func (s *DealsService) Timeline(ctx context.Context, opts *DealsTimelineOptions) ([]*DealsTimelinePeriod, *Response, error) {
	if err := opts.validate(); err != nil {
		return nil, nil, err
	}
	var out timelinePeriods
	resp, err := s.client.do(ctx, &request{method: http.MethodGet, path: v1Path("deals", "timeline"), query: opts}, &out)
	return out, resp, err
}

// PipelineStatsOptions is the period of a pipeline's statistics, and
// optionally one user's deals.
type PipelineStatsOptions struct {
	StartDate Date `url:"start_date"`
	EndDate   Date `url:"end_date"`
	UserID    int  `url:"user_id,omitempty"`
}

func (o *PipelineStatsOptions) validate() error {
	switch {
	case o == nil:
		return invalid("opts", "nil *PipelineStatsOptions: start_date and end_date are required")
	case o.StartDate == "":
		return invalid("start_date", "empty: the period's first day (YYYY-MM-DD) is required")
	case o.EndDate == "":
		return invalid("end_date", "empty: the period's last day (YYYY-MM-DD) is required")
	}
	if err := firstInvalid(checkDate("start_date", o.StartDate), checkDate("end_date", o.EndDate)); err != nil {
		return err
	}
	if o.EndDate < o.StartDate {
		return invalid("end_date", "%s is before start_date %s", o.EndDate, o.StartDate)
	}
	return checkNonNegative(map[string]int{"user_id": o.UserID})
}

// StageConversion is the share of the deals in a stage that reached the
// next one, in percent.
type StageConversion struct {
	FromStageID    int `json:"from_stage_id"`
	ToStageID      int `json:"to_stage_id"`
	ConversionRate int `json:"conversion_rate"`
}

// PipelineConversionStats are the stage-to-stage conversion rates of a
// pipeline's deals over a period, and the shares won and lost (percent).
type PipelineConversionStats struct {
	StageConversions []StageConversion `json:"stage_conversions"`
	WonConversion    int               `json:"won_conversion"`
	LostConversion   int               `json:"lost_conversion"`
}

// DealGroupStats counts a group of deals, with their ids and values by
// currency.
type DealGroupStats struct {
	Count           int                `json:"count"`
	DealIDs         []int              `json:"deals_ids"`
	Values          map[string]float64 `json:"values"`
	FormattedValues map[string]string  `json:"formatted_values"`
}

// StageAge is the average age, in days, of the open deals of a stage.
type StageAge struct {
	StageID int `json:"stage_id"`
	Value   int `json:"value"`
}

// PipelineMovementStats describe how a pipeline's deals moved over a
// period.
type PipelineMovementStats struct {
	MovementsBetweenStages struct {
		Count int `json:"count"`
	} `json:"movements_between_stages"`
	NewDeals         DealGroupStats `json:"new_deals"`
	DealsLeftOpen    DealGroupStats `json:"deals_left_open"`
	WonDeals         DealGroupStats `json:"won_deals"`
	LostDeals        DealGroupStats `json:"lost_deals"`
	AverageAgeInDays struct {
		AcrossAllStages int        `json:"across_all_stages"`
		ByStages        []StageAge `json:"by_stages"`
	} `json:"average_age_in_days"`
}

func pipelineStats[T any](ctx context.Context, s *PipelinesService, id int, what string, opts *PipelineStatsOptions) (*T, *Response, error) {
	return validated(firstInvalid(checkID("id", id), opts.validate()), func() (*T, *Response, error) {
		return doOne[T](ctx, s.client, &request{method: http.MethodGet, path: v1Path("pipelines", strconv.Itoa(id), what), query: opts})
	})
}

// ConversionStatistics returns the conversion rates of a pipeline's deals
// added in a period.
//
// Pipedrive: GET /api/v1/pipelines/{id}/conversion_statistics (https://developers.pipedrive.com/docs/api/v1/Pipelines#getPipelineConversionStatistics).
// Token cost: 40.
func (s *PipelinesService) ConversionStatistics(ctx context.Context, id int, opts *PipelineStatsOptions) (*PipelineConversionStats, *Response, error) {
	return pipelineStats[PipelineConversionStats](ctx, s, id, "conversion_statistics", opts)
}

// MovementStatistics returns how a pipeline's deals moved in a period: new,
// left open, won and lost deals, moves between stages and ages.
//
// Pipedrive: GET /api/v1/pipelines/{id}/movement_statistics (https://developers.pipedrive.com/docs/api/v1/Pipelines#getPipelineMovementStatistics).
// Token cost: 40.
func (s *PipelinesService) MovementStatistics(ctx context.Context, id int, opts *PipelineStatsOptions) (*PipelineMovementStats, *Response, error) {
	return pipelineStats[PipelineMovementStats](ctx, s, id, "movement_statistics", opts)
}
