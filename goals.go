package pipedrive

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strings"
)

// GoalsService manages goals and reads their results (API v1).
//
// Goal ids are text (32 hexadecimal digits). Answers wrap the goal:
// {"data": {"goal": {...}}} and {"data": {"goals": [...]}}; the methods
// unwrap it.
type GoalsService service

// GoalTypeName is what a goal counts.
type GoalTypeName string

// Goal types. Find does not filter by GoalRevenueForecast (the spec's
// type.name parameter leaves it out).
const (
	GoalDealsWon            GoalTypeName = "deals_won"
	GoalDealsProgressed     GoalTypeName = "deals_progressed"
	GoalActivitiesCompleted GoalTypeName = "activities_completed"
	GoalActivitiesAdded     GoalTypeName = "activities_added"
	GoalDealsStarted        GoalTypeName = "deals_started"
	GoalRevenueForecast     GoalTypeName = "revenue_forecast"
)

var goalTypeNames = []GoalTypeName{GoalDealsWon, GoalDealsProgressed, GoalActivitiesCompleted, GoalActivitiesAdded, GoalDealsStarted, GoalRevenueForecast}

// GoalAssigneeType is who a goal is assigned to.
type GoalAssigneeType string

// Goal assignee types.
const (
	GoalAssigneePerson  GoalAssigneeType = "person"
	GoalAssigneeCompany GoalAssigneeType = "company"
	GoalAssigneeTeam    GoalAssigneeType = "team"
)

// GoalMetric is how a goal's outcome is tracked: a count, or a sum of
// deal values.
type GoalMetric string

// Goal metrics.
const (
	GoalQuantity GoalMetric = "quantity"
	GoalSum      GoalMetric = "sum"
)

// GoalInterval is the period a goal's target applies to.
type GoalInterval string

// Goal intervals.
const (
	GoalWeekly    GoalInterval = "weekly"
	GoalMonthly   GoalInterval = "monthly"
	GoalQuarterly GoalInterval = "quarterly"
	GoalYearly    GoalInterval = "yearly"
)

// Goal is a sales goal.
type Goal struct {
	// ID is text (32 hexadecimal digits).
	ID string `json:"id"`
	// OwnerID is the user who created the goal.
	OwnerID         int          `json:"owner_id"`
	Title           string       `json:"title"`
	Type            GoalType     `json:"type"`
	Assignee        GoalAssignee `json:"assignee"`
	Interval        GoalInterval `json:"interval"`
	Duration        GoalDuration `json:"duration"`
	ExpectedOutcome GoalOutcome  `json:"expected_outcome"`
	// IsActive tells whether the goal is currently active.
	IsActive bool `json:"is_active"`
	// ReportIDs are the reports that track the goal.
	ReportIDs []string `json:"report_ids"`
}

// GoalType is what a goal counts and where.
type GoalType struct {
	// Name is the goal's type (Pipedrive may answer a display name such
	// as "Deals started").
	Name   GoalTypeName   `json:"name"`
	Params GoalTypeParams `json:"params"`
}

// GoalTypeParams narrow what a goal counts.
type GoalTypeParams struct {
	// PipelineIDs are the pipelines counted; nil (sent as null) counts
	// every pipeline.
	PipelineIDs []int `json:"pipeline_id"`
	// StageID is the stage deals reach (deals_progressed goals only).
	StageID int `json:"stage_id,omitempty"`
	// ActivityTypeIDs are the activity types counted (activities_completed
	// and activities_added goals); nil (sent as null) counts every type.
	ActivityTypeIDs []int `json:"activity_type_id"`
}

// GoalAssignee is who a goal is assigned to: a user (GoalAssigneePerson),
// the company or a team, with its id.
type GoalAssignee struct {
	ID   int              `json:"id"`
	Type GoalAssigneeType `json:"type"`
}

// GoalDuration is when a goal starts and ends; an empty End is an
// open-ended goal (sent as null).
type GoalDuration struct {
	Start Date `json:"start"`
	End   Date `json:"end"`
}

// MarshalJSON implements json.Marshaler: an empty End is null.
func (d GoalDuration) MarshalJSON() ([]byte, error) {
	var end *Date
	if d.End != "" {
		end = &d.End
	}
	return json.Marshal(struct {
		Start Date  `json:"start"`
		End   *Date `json:"end"`
	}{d.Start, end})
}

// GoalOutcome is a goal's target: a number of deals or activities
// (GoalQuantity) or a sum of deal values in a currency (GoalSum).
type GoalOutcome struct {
	Target         float64    `json:"target"`
	TrackingMetric GoalMetric `json:"tracking_metric"`
	// CurrencyID is the currency of a GoalSum target (Currencies.List
	// gives the ids); 0 for GoalQuantity.
	CurrencyID int `json:"currency_id,omitempty"`
}

// GoalParams create a goal (everything but Title required) or change one
// (the fields set).
type GoalParams struct {
	Title           string        `json:"title,omitempty"`
	Assignee        *GoalAssignee `json:"assignee,omitempty"`
	Type            *GoalType     `json:"type,omitempty"`
	ExpectedOutcome *GoalOutcome  `json:"expected_outcome,omitempty"`
	Duration        *GoalDuration `json:"duration,omitempty"`
	Interval        GoalInterval  `json:"interval,omitempty"`
}

func (p *GoalParams) check(create bool) error {
	switch {
	case p == nil:
		return invalid("params", "nil *GoalParams")
	case create && p.Type == nil:
		return invalid("type", "nil: a goal needs a type")
	case create && p.Assignee == nil:
		return invalid("assignee", "nil: a goal needs an assignee")
	case create && p.ExpectedOutcome == nil:
		return invalid("expected_outcome", "nil: a goal needs a target")
	case create && p.Duration == nil:
		return invalid("duration", "nil: a goal needs a start date")
	case create && p.Interval == "":
		return invalid("interval", "empty: weekly, monthly, quarterly or yearly")
	case !create && *p == (GoalParams{}):
		return invalid("params", "nothing to change")
	}
	var errs []error
	if p.Interval != "" {
		errs = append(errs, checkEnumList("interval", []GoalInterval{p.Interval}, GoalWeekly, GoalMonthly, GoalQuarterly, GoalYearly))
	}
	if a := p.Assignee; a != nil {
		errs = append(errs, checkID("assignee.id", a.ID),
			checkEnumList("assignee.type", []GoalAssigneeType{a.Type}, GoalAssigneePerson, GoalAssigneeCompany, GoalAssigneeTeam))
	}
	if t := p.Type; t != nil {
		errs = append(errs, checkGoalType(t))
	}
	if o := p.ExpectedOutcome; o != nil {
		errs = append(errs, checkGoalOutcome(o))
	}
	if d := p.Duration; d != nil {
		errs = append(errs, checkGoalDuration(d))
	}
	return firstInvalid(errs...)
}

func checkGoalType(t *GoalType) error {
	if err := checkEnumList("type.name", []GoalTypeName{t.Name}, goalTypeNames...); err != nil {
		return err
	}
	activities := t.Name == GoalActivitiesCompleted || t.Name == GoalActivitiesAdded
	switch {
	case t.Params.StageID != 0 && t.Name != GoalDealsProgressed:
		return invalid("type.params.stage_id", "only deals_progressed goals have a stage")
	case len(t.Params.ActivityTypeIDs) > 0 && !activities:
		return invalid("type.params.activity_type_id", "only activities_completed and activities_added goals count activity types")
	}
	return firstInvalid(checkIDs("type.params.pipeline_id", t.Params.PipelineIDs), checkOptionalID("type.params.stage_id", t.Params.StageID),
		checkIDs("type.params.activity_type_id", t.Params.ActivityTypeIDs))
}

func checkGoalOutcome(o *GoalOutcome) error {
	if err := checkEnumList("expected_outcome.tracking_metric", []GoalMetric{o.TrackingMetric}, GoalQuantity, GoalSum); err != nil {
		return err
	}
	switch {
	case o.Target <= 0:
		return invalid("expected_outcome.target", "%v: the target must be above 0", o.Target)
	case o.TrackingMetric == GoalQuantity && o.Target != float64(int64(o.Target)):
		return invalid("expected_outcome.target", "%v: a quantity is a whole number", o.Target)
	case o.CurrencyID != 0 && o.TrackingMetric != GoalSum:
		return invalid("expected_outcome.currency_id", "only sum goals have a currency")
	}
	return checkOptionalID("expected_outcome.currency_id", o.CurrencyID)
}

func checkGoalDuration(d *GoalDuration) error {
	switch {
	case d.Start == "":
		return invalid("duration.start", "empty: a goal needs a start date")
	case !d.Start.Valid():
		return invalid("duration.start", "%q is not a date in the form YYYY-MM-DD", string(d.Start))
	case d.End != "" && !d.End.Valid():
		return invalid("duration.end", "%q is not a date in the form YYYY-MM-DD", string(d.End))
	case d.End != "" && d.End < d.Start:
		return invalid("duration.end", "%s is before the start %s", d.End, d.Start)
	}
	return nil
}

// checkTextID refuses a text id (a goal's, a permission set's) that is
// empty or could steer the path.
func checkTextID(field, what, id string) error {
	if strings.TrimSpace(id) == "" || strings.ContainsAny(id, "/?#%\\ ") || id == "." || id == ".." {
		return invalid(field, "%q is not %s id", id, what)
	}
	return nil
}

// GoalFindOptions filter goals. Without any filter but Title, IsActive
// and the period, Find returns the authorizing user's goals only; any
// other filter searches everyone's.
type GoalFindOptions struct {
	// TypeName is one of the goal types but GoalRevenueForecast.
	TypeName GoalTypeName `url:"type.name,omitempty"`
	Title    string       `url:"title,omitempty"`
	// IsActive nil lists the active goals (Pipedrive's default); false
	// lists the inactive ones.
	IsActive       *bool            `url:"is_active,omitempty"`
	AssigneeID     int              `url:"assignee.id,omitempty"`
	AssigneeType   GoalAssigneeType `url:"assignee.type,omitempty"`
	Target         float64          `url:"expected_outcome.target,omitempty"`
	TrackingMetric GoalMetric       `url:"expected_outcome.tracking_metric,omitempty"`
	// CurrencyID filters sum goals by currency (TrackingMetric GoalSum).
	CurrencyID      int   `url:"expected_outcome.currency_id,omitempty"`
	PipelineIDs     []int `url:"type.params.pipeline_id,omitempty"`
	StageID         int   `url:"type.params.stage_id,omitempty"`
	ActivityTypeIDs []int `url:"type.params.activity_type_id,omitempty"`
	// PeriodStart and PeriodEnd, given together, keep the goals whose
	// duration overlaps the period.
	PeriodStart Date `url:"period.start,omitempty"`
	PeriodEnd   Date `url:"period.end,omitempty"`
}

func (o *GoalFindOptions) validate() error {
	var errs []error
	if o.TypeName != "" {
		errs = append(errs, checkEnumList("type.name", []GoalTypeName{o.TypeName}, goalTypeNames[:5]...))
	}
	if o.AssigneeType != "" {
		errs = append(errs, checkEnumList("assignee.type", []GoalAssigneeType{o.AssigneeType}, GoalAssigneePerson, GoalAssigneeCompany, GoalAssigneeTeam))
	}
	if o.TrackingMetric != "" {
		errs = append(errs, checkEnumList("expected_outcome.tracking_metric", []GoalMetric{o.TrackingMetric}, GoalQuantity, GoalSum))
	}
	if o.CurrencyID != 0 && o.TrackingMetric == GoalQuantity {
		errs = append(errs, invalid("expected_outcome.currency_id", "only sum goals have a currency"))
	}
	if o.Target < 0 {
		errs = append(errs, invalid("expected_outcome.target", "%v is negative", o.Target))
	}
	errs = append(errs, checkOptionalID("assignee.id", o.AssigneeID), checkOptionalID("expected_outcome.currency_id", o.CurrencyID),
		checkIDs("type.params.pipeline_id", o.PipelineIDs), checkOptionalID("type.params.stage_id", o.StageID),
		checkIDs("type.params.activity_type_id", o.ActivityTypeIDs), checkPeriod(o.PeriodStart, o.PeriodEnd, false))
	return firstInvalid(errs...)
}

// checkPeriod refuses a period with one end only (or, when required,
// none), dates not in the form YYYY-MM-DD and an end before the start.
func checkPeriod(start, end Date, required bool) error {
	switch {
	case required && start == "":
		return invalid("period.start", "empty: the period's start is required")
	case required && end == "":
		return invalid("period.end", "empty: the period's end is required")
	case (start == "") != (end == ""):
		return invalid("period.end", "period.start and period.end go together")
	}
	if err := firstInvalid(checkDate("period.start", start), checkDate("period.end", end)); err != nil {
		return err
	}
	if end < start {
		return invalid("period.end", "%s is before the start %s", end, start)
	}
	return nil
}

// invalidAnswer is an ErrInvalidResponse for an answer that lacks what
// the operation returns.
func invalidAnswer(method, path, what string) error {
	return fmt.Errorf("pipedrive: %s %s: %w: %s", method, path, ErrInvalidResponse, what)
}

// goalData is the data of a goal's answer.
type goalData struct {
	Goal *Goal `json:"goal"`
}

// goalAnswer unwraps {"goal": {...}}; a missing goal is an invalid
// response.
func goalAnswer(method, path string, d *goalData, resp *Response, err error) (*Goal, *Response, error) {
	if err != nil {
		return nil, resp, err
	}
	if d.Goal == nil {
		return nil, resp, invalidAnswer(method, path, `"data.goal" is missing`)
	}
	return d.Goal, resp, nil
}

// Create adds a goal (and the report that tracks it).
//
// Pipedrive: POST /api/v1/goals (https://developers.pipedrive.com/docs/api/v1/Goals#addGoal).
// Token cost: 10.
func (s *GoalsService) Create(ctx context.Context, p *GoalParams) (*Goal, *Response, error) {
	return validated(p.check(true), func() (*Goal, *Response, error) {
		path := v1Path("goals")
		d, resp, err := v1Create[goalData](ctx, s.client, path, p, "")
		return goalAnswer(http.MethodPost, path, d, resp, err)
	})
}

// Find returns the goals that match opts (nil: the authorizing user's
// active goals). The list is not paginated.
//
// Pipedrive: GET /api/v1/goals/find (https://developers.pipedrive.com/docs/api/v1/Goals#getGoals).
// Token cost: 20.
func (s *GoalsService) Find(ctx context.Context, opts *GoalFindOptions) ([]*Goal, *Response, error) {
	return validated(checkOptions(opts), func() ([]*Goal, *Response, error) {
		var out *struct {
			Goals []*Goal `json:"goals"`
		}
		resp, err := s.client.do(ctx, &request{method: http.MethodGet, path: v1Path("goals", "find"), query: queryOf(opts)}, &out)
		if err != nil || out == nil {
			return nil, resp, err
		}
		return slices.DeleteFunc(out.Goals, func(g *Goal) bool { return g == nil }), resp, nil
	})
}

// Update changes the fields of p that are set.
//
// Pipedrive: PUT /api/v1/goals/{id} (https://developers.pipedrive.com/docs/api/v1/Goals#updateGoal).
// Token cost: 10.
func (s *GoalsService) Update(ctx context.Context, id string, p *GoalParams) (*Goal, *Response, error) {
	return validated(firstInvalid(checkTextID("id", "a goal", id), p.check(false)), func() (*Goal, *Response, error) {
		path := v1Path("goals", id)
		d, resp, err := v1Update[goalData](ctx, s.client, path, p, "")
		return goalAnswer(http.MethodPut, path, d, resp, err)
	})
}

// Delete marks a goal as deleted.
//
// Pipedrive: DELETE /api/v1/goals/{id} (https://developers.pipedrive.com/docs/api/v1/Goals#deleteGoal).
// Token cost: 6.
func (s *GoalsService) Delete(ctx context.Context, id string) (*Response, error) {
	if err := checkTextID("id", "a goal", id); err != nil {
		return nil, err
	}
	return deletePath(ctx, s.client, v1Path("goals", id))
}

// GoalResult is a goal's progress over a period.
type GoalResult struct {
	// Progress is the count or sum reached in the period.
	Progress int   `json:"progress"`
	Goal     *Goal `json:"goal"`
}

// Result returns a goal's progress from start to end (YYYY-MM-DD, both
// required, within the goal's duration).
//
// Pipedrive: GET /api/v1/goals/{id}/results (https://developers.pipedrive.com/docs/api/v1/Goals#getGoalResult).
// Token cost: 20.
func (s *GoalsService) Result(ctx context.Context, id string, start, end Date) (*GoalResult, *Response, error) {
	return validated(firstInvalid(checkTextID("id", "a goal", id), checkPeriod(start, end, true)), func() (*GoalResult, *Response, error) {
		return doOne[GoalResult](ctx, s.client, &request{method: http.MethodGet, path: v1Path("goals", id, "results"), query: struct {
			Start Date `url:"period.start"`
			End   Date `url:"period.end"`
		}{start, end}})
	})
}
