package pipedrive

import (
	"context"
	"time"
)

// LeadLabelsService manages lead labels (API v1, current): names and
// colors that mark leads. Ids are UUIDs.
type LeadLabelsService service

// LeadSourcesService lists where leads come from (API v1, current).
type LeadSourcesService service

// LeadLabelColor is one of the colors Pipedrive allows for a lead label.
type LeadLabelColor string

// Lead label colors.
const (
	LeadLabelBlue     LeadLabelColor = "blue"
	LeadLabelBrown    LeadLabelColor = "brown"
	LeadLabelDarkGray LeadLabelColor = "dark-gray"
	LeadLabelGray     LeadLabelColor = "gray"
	LeadLabelGreen    LeadLabelColor = "green"
	LeadLabelOrange   LeadLabelColor = "orange"
	LeadLabelPink     LeadLabelColor = "pink"
	LeadLabelPurple   LeadLabelColor = "purple"
	LeadLabelRed      LeadLabelColor = "red"
	LeadLabelYellow   LeadLabelColor = "yellow"
)

// LeadLabel is a lead label.
type LeadLabel struct {
	// ID is a UUID.
	ID         string         `json:"id"`
	Name       string         `json:"name"`
	Color      LeadLabelColor `json:"color"`
	AddTime    time.Time      `json:"add_time,omitzero"`
	UpdateTime time.Time      `json:"update_time,omitzero"`
}

// LeadLabelParams creates (Name and Color required) or updates (only the
// fields given) a lead label.
type LeadLabelParams struct {
	Name  string         `json:"name,omitempty"`
	Color LeadLabelColor `json:"color,omitempty"`
}

func (p *LeadLabelParams) validate(create bool) error {
	if p == nil {
		return invalid("params", "nil *LeadLabelParams")
	}
	if create && p.Name == "" {
		return invalid("name", "empty: a lead label needs a name")
	}
	if create && p.Color == "" {
		return invalid("color", "empty: a lead label needs a color")
	}
	if p.Color == "" {
		return nil
	}
	return checkEnumList("color", []LeadLabelColor{p.Color}, LeadLabelBlue, LeadLabelBrown, LeadLabelDarkGray, LeadLabelGray,
		LeadLabelGreen, LeadLabelOrange, LeadLabelPink, LeadLabelPurple, LeadLabelRed, LeadLabelYellow)
}

// checkLabelID refuses a lead label id that is not a UUID.
func checkLabelID(id string) error {
	if id == "" {
		return invalid("id", "empty: a lead label id is a UUID")
	}
	return leadUUID.check("id", id)
}

// List returns every lead label.
//
// Pipedrive: GET /api/v1/leadLabels (https://developers.pipedrive.com/docs/api/v1/LeadLabels#getLeadLabels).
// Token cost: 10.
func (s *LeadLabelsService) List(ctx context.Context) ([]*LeadLabel, *Response, error) {
	return listPage[LeadLabel](ctx, s.client, v1Path("leadLabels"), nil, "")
}

// Create adds a lead label.
//
// Pipedrive: POST /api/v1/leadLabels (https://developers.pipedrive.com/docs/api/v1/LeadLabels#addLeadLabel).
// Token cost: 10.
func (s *LeadLabelsService) Create(ctx context.Context, p *LeadLabelParams) (*LeadLabel, *Response, error) {
	return validated(p.validate(true), func() (*LeadLabel, *Response, error) {
		return v1Create[LeadLabel](ctx, s.client, v1Path("leadLabels"), p, "")
	})
}

// Update changes the name or color of a lead label (PATCH: only the fields
// given).
//
// Pipedrive: PATCH /api/v1/leadLabels/{id} (https://developers.pipedrive.com/docs/api/v1/LeadLabels#updateLeadLabel).
// Token cost: 10.
func (s *LeadLabelsService) Update(ctx context.Context, id string, p *LeadLabelParams) (*LeadLabel, *Response, error) {
	return validated(firstInvalid(checkLabelID(id), p.validate(false)), func() (*LeadLabel, *Response, error) {
		return v1Patch[LeadLabel](ctx, s.client, v1Path("leadLabels", id), p)
	})
}

// Delete removes a lead label.
//
// Pipedrive: DELETE /api/v1/leadLabels/{id} (https://developers.pipedrive.com/docs/api/v1/LeadLabels#deleteLeadLabel).
// Token cost: 6.
func (s *LeadLabelsService) Delete(ctx context.Context, id string) (*Response, error) {
	if err := checkLabelID(id); err != nil {
		return nil, err
	}
	return deletePath(ctx, s.client, v1Path("leadLabels", id))
}

// LeadSource is where a lead came from ("API", "Web forms"...).
type LeadSource struct {
	Name string `json:"name"`
}

// List returns the lead sources.
//
// Pipedrive: GET /api/v1/leadSources (https://developers.pipedrive.com/docs/api/v1/LeadSources#getLeadSources).
// Token cost: 2.
func (s *LeadSourcesService) List(ctx context.Context) ([]*LeadSource, *Response, error) {
	return listPage[LeadSource](ctx, s.client, v1Path("leadSources"), nil, "")
}
