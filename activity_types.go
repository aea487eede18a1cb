package pipedrive

import (
	"context"
	"regexp"
	"strings"
)

// ActivityTypesService manages the types of activities (API v1): the
// values an activity's Type takes ("call", "meeting" or a custom type's
// KeyString).
type ActivityTypesService service

// ActivityType is a type of activity.
type ActivityType struct {
	ID      int    `json:"id"`
	OrderNr int    `json:"order_nr"`
	Name    string `json:"name"`
	// KeyString is what an activity's type holds ("call").
	KeyString    string   `json:"key_string"`
	IconKey      string   `json:"icon_key"`
	ActiveFlag   FlexBool `json:"active_flag"`
	Color        string   `json:"color"`
	IsCustomFlag FlexBool `json:"is_custom_flag"`
	AddTime      Time     `json:"add_time"`
	UpdateTime   Time     `json:"update_time"`
}

// ActivityTypeParams creates (Name and IconKey required) or updates (the
// fields given) an activity type.
type ActivityTypeParams struct {
	Name string `json:"name,omitempty"`
	// IconKey is one of Pipedrive's icons: task, email, meeting, deadline,
	// call, lunch, calendar, camera...
	IconKey string `json:"icon_key,omitempty"`
	// Color is RRGGBB, without "#".
	Color   string `json:"color,omitempty"`
	OrderNr int    `json:"order_nr,omitempty"`
}

// ActivityIcons are the icon keys an activity type can have.
var ActivityIcons = []string{"task", "email", "meeting", "deadline", "call", "lunch", "calendar", "downarrow", "document",
	"smartphone", "camera", "scissors", "cogs", "bubble", "uparrow", "checkbox", "signpost", "shuffle", "addressbook",
	"linegraph", "picture", "car", "world", "search", "clip", "sound", "brush", "key", "padlock", "pricetag", "suitcase",
	"finish", "plane", "loop", "wifi", "truck", "cart", "bulb", "bell", "presentation"}

var rgbForm = textForm{regexp.MustCompile(`^[0-9A-Fa-f]{6}$`), "a color RRGGBB (6 hexadecimal digits, no #)"}

func (p *ActivityTypeParams) validate(create bool) error {
	switch {
	case p == nil:
		return invalid("params", "nil *ActivityTypeParams")
	case create && strings.TrimSpace(p.Name) == "":
		return invalid("name", "empty: an activity type needs a name")
	case create && p.IconKey == "":
		return invalid("icon_key", "empty: an activity type needs an icon")
	case !create && p.Name == "" && p.IconKey == "" && p.Color == "" && p.OrderNr == 0:
		return invalid("params", "nothing to change")
	case p.OrderNr < 0:
		return invalid("order_nr", "%d is negative", p.OrderNr)
	}
	if p.IconKey != "" {
		if err := checkEnumList("icon_key", []string{p.IconKey}, ActivityIcons...); err != nil {
			return err
		}
	}
	return rgbForm.check("color", p.Color)
}

// List returns every activity type (deactivated ones too, with ActiveFlag
// false).
//
// Pipedrive: GET /api/v1/activityTypes (https://developers.pipedrive.com/docs/api/v1/ActivityTypes#getActivityTypes).
// Token cost: 20.
func (s *ActivityTypesService) List(ctx context.Context) ([]*ActivityType, *Response, error) {
	return listPage[ActivityType](ctx, s.client, v1Path("activityTypes"), nil, "")
}

// Create adds an activity type.
//
// Pipedrive: POST /api/v1/activityTypes (https://developers.pipedrive.com/docs/api/v1/ActivityTypes#addActivityType).
// Token cost: 10.
func (s *ActivityTypesService) Create(ctx context.Context, p *ActivityTypeParams) (*ActivityType, *Response, error) {
	return validated(p.validate(true), func() (*ActivityType, *Response, error) {
		return v1Create[ActivityType](ctx, s.client, v1Path("activityTypes"), p, "")
	})
}

// Update changes the fields of p that are set.
//
// Pipedrive: PUT /api/v1/activityTypes/{id} (https://developers.pipedrive.com/docs/api/v1/ActivityTypes#updateActivityType).
// Token cost: 10.
func (s *ActivityTypesService) Update(ctx context.Context, id int, p *ActivityTypeParams) (*ActivityType, *Response, error) {
	return validated(firstInvalid(checkID("id", id), p.validate(false)), func() (*ActivityType, *Response, error) {
		return v1Update[ActivityType](ctx, s.client, v1IDPath("activityTypes", id), p, "")
	})
}

// Delete deactivates a custom activity type and returns it.
//
// Pipedrive: DELETE /api/v1/activityTypes/{id} (https://developers.pipedrive.com/docs/api/v1/ActivityTypes#deleteActivityType).
// Token cost: 6.
func (s *ActivityTypesService) Delete(ctx context.Context, id int) (*ActivityType, *Response, error) {
	return validated(checkID("id", id), func() (*ActivityType, *Response, error) {
		return doOne[ActivityType](ctx, s.client, &request{method: "DELETE", path: v1IDPath("activityTypes", id)})
	})
}
