package pipedrive

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// FiltersService manages saved filters (API v1): the filter_id that the
// lists of deals, persons, organizations, activities, products, leads
// and projects take.
type FiltersService service

// FilterType is the kind of items a filter selects.
type FilterType string

// Filter types.
const (
	FilterDeals         FilterType = "deals"
	FilterLeads         FilterType = "leads"
	FilterOrganizations FilterType = "org"
	FilterPersons       FilterType = "people"
	FilterProducts      FilterType = "products"
	FilterActivities    FilterType = "activity"
	FilterProjects      FilterType = "projects"
)

var filterTypes = []FilterType{FilterDeals, FilterLeads, FilterOrganizations, FilterPersons, FilterProducts, FilterActivities, FilterProjects}

// Filter is a saved filter. List leaves Conditions empty; Get fills them.
type Filter struct {
	ID            int        `json:"id"`
	Name          string     `json:"name"`
	FilterCode    string     `json:"filter_code,omitempty"`
	IsEditable    bool       `json:"is_editable"`
	ActiveFlag    bool       `json:"active_flag"`
	Type          FilterType `json:"type"`
	TemporaryFlag bool       `json:"temporary_flag"`
	UserID        int        `json:"user_id"`
	AddTime       Time       `json:"add_time"`
	UpdateTime    Time       `json:"update_time"`
	// VisibleTo is the visibility group: "1" owner only, "3" owner's
	// group, "5" owner's group and subgroups, "7" the whole company.
	VisibleTo    string            `json:"visible_to"`
	LastUsedTime Time              `json:"last_used_time"`
	CustomViewID int               `json:"custom_view_id,omitempty"`
	Conditions   *FilterConditions `json:"conditions,omitempty"`
}

// FilterConditions are a filter's conditions: Pipedrive's fixed
// two-level shape, an "and" of groups, where the first group's
// conditions must all hold and the second's are joined by "or". Build
// them with AllOf and AnyOf, or MatchAll.
type FilterConditions struct {
	// Glue is always "and".
	Glue       string        `json:"glue"`
	Conditions []FilterGroup `json:"conditions"`
}

// FilterGroup is a group of conditions joined by Glue ("and" or "or").
type FilterGroup struct {
	Glue       string            `json:"glue"`
	Conditions []FilterCondition `json:"conditions"`
}

// FilterCondition compares one field of an item.
type FilterCondition struct {
	// Object is the kind of item the field belongs to: deal, person,
	// organization, product, activity (a deal filter may test the deal's
	// person or organization).
	Object string `json:"object"`
	// FieldID is the field's numeric id (Fields.List), as text.
	FieldID FlexString `json:"field_id"`
	// Operator is one of the FilterOp constants.
	Operator FilterOp `json:"operator"`
	// Value is compared with the field (nil for IS NULL and IS NOT
	// NULL); dates are YYYY-MM-DD, options their id.
	Value      *string `json:"value"`
	ExtraValue *string `json:"extra_value"`
	// JSONValueFlag says Value is JSON-encoded.
	JSONValueFlag bool `json:"json_value_flag,omitempty"`
	// FieldCode names the field by its code; set in answers when asked
	// for (FilterGetOptions.IncludeFieldCode). It is not sent.
	FieldCode string `json:"field_code,omitempty"`
}

// MarshalJSON implements json.Marshaler: FieldCode, an answer-only
// property, is left out.
func (c FilterCondition) MarshalJSON() ([]byte, error) {
	type plain FilterCondition
	p := plain(c)
	p.FieldCode = ""
	return json.Marshal(p)
}

// FilterOp is a condition's operator.
type FilterOp string

// Filter operators.
const (
	OpEqual        FilterOp = "="
	OpNotEqual     FilterOp = "!="
	OpLess         FilterOp = "<"
	OpGreater      FilterOp = ">"
	OpLessEqual    FilterOp = "<="
	OpGreaterEqual FilterOp = ">="
	OpIsNull       FilterOp = "IS NULL"
	OpIsNotNull    FilterOp = "IS NOT NULL"
	OpStartsWith   FilterOp = "LIKE '$%'"
	OpContains     FilterOp = "LIKE '%$%'"
	OpNotStarts    FilterOp = "NOT LIKE '$%'"
)

var filterOps = []FilterOp{OpEqual, OpNotEqual, OpLess, OpGreater, OpLessEqual, OpGreaterEqual, OpIsNull, OpIsNotNull, OpStartsWith, OpContains, OpNotStarts}

// filterObjects are the kinds of items a condition can test.
var filterObjects = []string{"deal", "person", "organization", "product", "activity", "lead", "project"}

// maxFilterConditions is the most conditions a filter holds.
const maxFilterConditions = 16

// Cond builds a condition on field fieldID of object (deal, person,
// organization, product or activity). value is ignored by IS NULL and
// IS NOT NULL.
func Cond(object string, fieldID int, op FilterOp, value string) FilterCondition {
	c := FilterCondition{Object: object, FieldID: FlexString(strconv.Itoa(fieldID)), Operator: op}
	if op != OpIsNull && op != OpIsNotNull {
		c.Value = &value
	}
	return c
}

// MatchAll returns conditions under which every one of all holds, and
// at least one of any when any is not empty.
func MatchAll(all []FilterCondition, any []FilterCondition) *FilterConditions {
	if all == nil {
		all = []FilterCondition{}
	}
	if any == nil {
		any = []FilterCondition{}
	}
	return &FilterConditions{Glue: "and", Conditions: []FilterGroup{{Glue: "and", Conditions: all}, {Glue: "or", Conditions: any}}}
}

// AllOf returns conditions under which every one of conds holds.
func AllOf(conds ...FilterCondition) *FilterConditions { return MatchAll(conds, nil) }

// AnyOf returns conditions under which at least one of conds holds.
func AnyOf(conds ...FilterCondition) *FilterConditions { return MatchAll(nil, conds) }

var filterDate = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)

func (fc *FilterConditions) validate() error {
	if fc == nil {
		return invalid("conditions", "nil: a filter needs conditions (AllOf, AnyOf or MatchAll)")
	}
	if fc.Glue != "and" {
		return invalid("conditions.glue", "%q: the top level is always \"and\"", fc.Glue)
	}
	if len(fc.Conditions) == 0 || len(fc.Conditions) > 2 {
		return invalid("conditions.conditions", "%d groups: Pipedrive takes an \"and\" group and an optional \"or\" group", len(fc.Conditions))
	}
	n := 0
	for i, g := range fc.Conditions {
		if g.Glue != "and" && g.Glue != "or" {
			return invalid("conditions.conditions["+strconv.Itoa(i)+"].glue", "%q is not \"and\" or \"or\"", g.Glue)
		}
		for j, c := range g.Conditions {
			at := "conditions.conditions[" + strconv.Itoa(i) + "].conditions[" + strconv.Itoa(j) + "]"
			n++
			switch {
			case !slices.Contains(filterObjects, c.Object):
				return invalid(at+".object", "%q is not one of %s", c.Object, strings.Join(filterObjects, ", "))
			case c.FieldID == "":
				return invalid(at+".field_id", "empty: the field's id is required")
			case !slices.Contains(filterOps, c.Operator):
				return invalid(at+".operator", "%q is not a filter operator", c.Operator)
			case c.Operator != OpIsNull && c.Operator != OpIsNotNull && c.Value == nil:
				return invalid(at+".value", "nil: %s needs a value", c.Operator)
			}
			if _, err := strconv.Atoi(string(c.FieldID)); err != nil {
				return invalid(at+".field_id", "%q is not a field id", string(c.FieldID))
			}
			if c.Value != nil && strings.Count(*c.Value, "-") == 2 && len(*c.Value) == 10 && !filterDate.MatchString(*c.Value) {
				return invalid(at+".value", "%q: dates are YYYY-MM-DD", *c.Value)
			}
		}
	}
	if n > maxFilterConditions {
		return invalid("conditions", "%d conditions: a filter holds at most %d", n, maxFilterConditions)
	}
	return nil
}

// FilterCreateParams creates a filter: every field is required.
type FilterCreateParams struct {
	Name       string            `json:"name"`
	Type       FilterType        `json:"type"`
	Conditions *FilterConditions `json:"conditions"`
}

// FilterUpdateParams replaces a filter's conditions (required) and
// optionally renames it.
type FilterUpdateParams struct {
	Name       string            `json:"name,omitempty"`
	Conditions *FilterConditions `json:"conditions"`
}

// FilterListOptions selects the filters of one type (all types when
// Type is empty).
type FilterListOptions struct {
	Type FilterType `url:"type,omitempty"`
}

// FilterGetOptions asks for each condition's field code.
type FilterGetOptions struct {
	IncludeFieldCode bool `url:"include_field_code,omitempty"`
}

func checkFilterType(t FilterType, required bool) error {
	if t == "" && !required {
		return nil
	}
	return checkEnumList("type", []FilterType{t}, filterTypes...)
}

// List returns the company's filters (without their conditions).
//
// Pipedrive: GET /api/v1/filters (https://developers.pipedrive.com/docs/api/v1/Filters#getFilters).
// Token cost: 20.
func (s *FiltersService) List(ctx context.Context, opts *FilterListOptions) ([]*Filter, *Response, error) {
	var check error
	if opts != nil {
		check = checkFilterType(opts.Type, false)
	}
	return validated(check, func() ([]*Filter, *Response, error) {
		return listPage[Filter](ctx, s.client, v1Path("filters"), queryOf(opts), "")
	})
}

// Find returns the filter of type t named name (case-insensitive), or
// an error wrapping ErrNotFound; two filters of that name are an error
// that lists their ids.
//
// Pipedrive: GET /api/v1/filters (https://developers.pipedrive.com/docs/api/v1/Filters#getFilters).
// Token cost: 20.
func (s *FiltersService) Find(ctx context.Context, t FilterType, name string) (*Filter, *Response, error) {
	check := checkFilterType(t, true)
	if check == nil && strings.TrimSpace(name) == "" {
		check = invalid("name", "empty: the filter's name is required")
	}
	if check != nil {
		return nil, nil, check
	}
	all, resp, err := s.List(ctx, &FilterListOptions{Type: t})
	if err != nil {
		return nil, resp, err
	}
	var found []*Filter
	for _, f := range all {
		if strings.EqualFold(strings.TrimSpace(f.Name), strings.TrimSpace(name)) {
			found = append(found, f)
		}
	}
	if len(found) == 1 {
		return found[0], resp, nil
	}
	e := &FilterNameError{Type: t, Name: name}
	for _, f := range found {
		e.IDs = append(e.IDs, f.ID)
	}
	return nil, resp, e
}

// ErrAmbiguousFilter reports several filters of a type with one name.
var ErrAmbiguousFilter = errors.New("pipedrive: ambiguous filter name")

// FilterNameError reports a filter name (Filters.Find) that matched no
// filter (errors.Is ErrNotFound) or several (ErrAmbiguousFilter, with
// their IDs).
type FilterNameError struct {
	Type FilterType
	Name string
	IDs  []int
}

// Error says which name matched nothing, or which ids share it.
func (e *FilterNameError) Error() string {
	if len(e.IDs) == 0 {
		return fmt.Sprintf("pipedrive: no %s filter is named %q", e.Type, e.Name)
	}
	ids := make([]string, len(e.IDs))
	for i, id := range e.IDs {
		ids[i] = strconv.Itoa(id)
	}
	return fmt.Sprintf("pipedrive: %d %s filters are named %q (ids %s): pass an id", len(e.IDs), e.Type, e.Name, strings.Join(ids, ", "))
}

// Unwrap returns ErrNotFound or ErrAmbiguousFilter.
func (e *FilterNameError) Unwrap() error {
	if len(e.IDs) == 0 {
		return ErrNotFound
	}
	return ErrAmbiguousFilter
}

// Get returns a filter with its conditions.
//
// Pipedrive: GET /api/v1/filters/{id} (https://developers.pipedrive.com/docs/api/v1/Filters#getFilter).
// Token cost: 2.
func (s *FiltersService) Get(ctx context.Context, id int, opts *FilterGetOptions) (*Filter, *Response, error) {
	return validated(checkID("id", id), func() (*Filter, *Response, error) {
		return doOne[Filter](ctx, s.client, &request{method: http.MethodGet, path: v1IDPath("filters", id), query: queryOf(opts)})
	})
}

// Create saves a filter; Pipedrive checks the conditions' fields.
//
// Pipedrive: POST /api/v1/filters (https://developers.pipedrive.com/docs/api/v1/Filters#addFilter).
// Token cost: 10.
func (s *FiltersService) Create(ctx context.Context, p *FilterCreateParams) (*Filter, *Response, error) {
	check := invalid("params", "nil *FilterCreateParams")
	if p != nil {
		check = checkFilterType(p.Type, true)
		if check == nil && strings.TrimSpace(p.Name) == "" {
			check = invalid("name", "empty: a filter needs a name")
		}
		if check == nil {
			check = p.Conditions.validate()
		}
	}
	return validated(check, func() (*Filter, *Response, error) {
		return v1Create[Filter](ctx, s.client, v1Path("filters"), p, "")
	})
}

// Update replaces a filter's conditions, and its name when set.
//
// Pipedrive: PUT /api/v1/filters/{id} (https://developers.pipedrive.com/docs/api/v1/Filters#updateFilter).
// Token cost: 10.
func (s *FiltersService) Update(ctx context.Context, id int, p *FilterUpdateParams) (*Filter, *Response, error) {
	check := checkID("id", id)
	if check == nil {
		check = invalid("params", "nil *FilterUpdateParams")
		if p != nil {
			check = p.Conditions.validate()
		}
	}
	return validated(check, func() (*Filter, *Response, error) {
		return v1Update[Filter](ctx, s.client, v1IDPath("filters", id), p, "")
	})
}

// Delete removes a filter.
//
// Pipedrive: DELETE /api/v1/filters/{id} (https://developers.pipedrive.com/docs/api/v1/Filters#deleteFilter).
// Token cost: 6.
func (s *FiltersService) Delete(ctx context.Context, id int) (*Response, error) {
	if err := checkID("id", id); err != nil {
		return nil, err
	}
	return deletePath(ctx, s.client, v1IDPath("filters", id))
}

// DeleteMany removes several filters at once and returns their ids.
//
// Pipedrive: DELETE /api/v1/filters (https://developers.pipedrive.com/docs/api/v1/Filters#deleteFilters).
// Token cost: 10.
func (s *FiltersService) DeleteMany(ctx context.Context, ids ...int) ([]int, *Response, error) {
	check := v2CheckIDList(ids)
	if len(ids) == 0 {
		check = invalid("ids", "empty: no filter to delete")
	}
	if check != nil {
		return nil, nil, check
	}
	parts := make([]string, len(ids))
	for i, id := range ids {
		parts[i] = strconv.Itoa(id)
	}
	var out struct {
		ID []int `json:"id"`
	}
	resp, err := s.client.do(ctx, &request{method: http.MethodDelete, path: v1Path("filters"), query: struct {
		IDs string `url:"ids"`
	}{strings.Join(parts, ",")}}, &out)
	if err != nil {
		return nil, resp, err
	}
	return out.ID, resp, nil
}

// FilterHelpers are the rules of filters: for each field type, the
// operators it takes and their labels, and more Pipedrive publishes
// (Raw keeps the whole answer).
type FilterHelpers struct {
	// Operators maps a field type (int, double, date, varchar, enum...)
	// to its operators and their labels.
	Operators map[string]map[string]string `json:"operators"`
	Raw       json.RawMessage              `json:"-"`
}

// UnmarshalJSON implements json.Unmarshaler, keeping the raw answer.
func (h *FilterHelpers) UnmarshalJSON(b []byte) error {
	type plain FilterHelpers
	var p plain
	if err := json.Unmarshal(b, &p); err != nil {
		return err
	}
	*h = FilterHelpers(p)
	h.Raw = append(json.RawMessage(nil), b...)
	return nil
}

// Helpers returns the operators each field type takes in conditions.
//
// Pipedrive: GET /api/v1/filters/helpers (https://developers.pipedrive.com/docs/api/v1/Filters#getFilterHelpers).
// Token cost: 20.
func (s *FiltersService) Helpers(ctx context.Context) (*FilterHelpers, *Response, error) {
	return v1Get[FilterHelpers](ctx, s.client, v1Path("filters", "helpers"), "")
}
