package pipedrive

import (
	"context"
	"encoding/json"
	"iter"
	"net/http"
	"slices"
	"strconv"
	"strings"
)

// RolesService manages roles (visibility groups): their tree, who is
// assigned to them, their default visibility settings and the pipelines
// they see (API v1). A user's own view is on Client.Users
// (RoleAssignments, RoleSettings).
type RolesService service

// PermissionSetsService reads permission sets and who they are assigned
// to (API v1).
type PermissionSetsService service

// Role is a role of the company.
type Role struct {
	ID int `json:"id"`
	// ParentRoleID is the role above this one; 0 for a top-level role.
	ParentRoleID int      `json:"parent_role_id"`
	Name         string   `json:"name"`
	ActiveFlag   FlexBool `json:"active_flag"`
	// AssignmentCount and SubRoleCount arrive as text ("1").
	AssignmentCount FlexInt `json:"assignment_count"`
	SubRoleCount    FlexInt `json:"sub_role_count"`
	// Level is the role's depth in the tree (1 at the top); List only.
	Level int `json:"level"`
}

// RoleParams create (Name required) or change (the fields set) a role.
type RoleParams struct {
	Name string `json:"name,omitempty"`
	// ParentRoleID puts the role under another one; 0 leaves it unset.
	ParentRoleID int `json:"parent_role_id,omitempty"`
}

func (p *RoleParams) check(create bool, id int) error {
	switch {
	case p == nil:
		return invalid("params", "nil *RoleParams")
	case create && isBlank(p.Name):
		return invalid("name", "empty: a role needs a name")
	case !create && *p == (RoleParams{}):
		return invalid("params", "nothing to change")
	case p.Name != "" && isBlank(p.Name):
		return invalid("name", "blank: a role needs a name")
	case id > 0 && p.ParentRoleID == id:
		return invalid("parent_role_id", "%d: a role cannot be its own parent", id)
	}
	return checkOptionalID("parent_role_id", p.ParentRoleID)
}

// roleID is the data of the answers that return a role's id only.
type roleID struct {
	ID FlexInt `json:"id"`
}

func rolePath(id int, rest ...string) string {
	return v1Path(append([]string{"roles", strconv.Itoa(id)}, rest...)...)
}

// List returns one page of the company's roles.
//
// Pipedrive: GET /api/v1/roles (https://developers.pipedrive.com/docs/api/v1/Roles#getRoles).
// Token cost: 20.
func (s *RolesService) List(ctx context.Context, opts *ListOptions) ([]*Role, *Response, error) {
	return validated(checkOptions(opts), func() ([]*Role, *Response, error) {
		return listPage[Role](ctx, s.client, v1Path("roles"), queryOf(opts), "")
	})
}

// All iterates over every role, fetching pages lazily.
//
// Pipedrive: GET /api/v1/roles, once per page.
// Token cost: 20 per page.
func (s *RolesService) All(ctx context.Context, opts *ListOptions) iter.Seq2[*Role, error] {
	return allPages(ctx, offsetPages, opts, func(o *ListOptions) *int { return &o.Start }, s.List)
}

// Get returns a role. Its visibility settings are RolesService.Settings.
//
// Pipedrive: GET /api/v1/roles/{id} (https://developers.pipedrive.com/docs/api/v1/Roles#getRole).
// Token cost: 2.
func (s *RolesService) Get(ctx context.Context, id int) (*Role, *Response, error) {
	return validated(checkID("id", id), func() (*Role, *Response, error) {
		return v1Get[Role](ctx, s.client, rolePath(id), "")
	})
}

// Create adds a role and returns its id (Pipedrive answers nothing else).
//
// Pipedrive: POST /api/v1/roles (https://developers.pipedrive.com/docs/api/v1/Roles#addRole).
// Token cost: 10.
func (s *RolesService) Create(ctx context.Context, p *RoleParams) (int, *Response, error) {
	if err := p.check(true, 0); err != nil {
		return 0, nil, err
	}
	r, resp, err := v1Create[roleID](ctx, s.client, v1Path("roles"), p, "")
	if err != nil {
		return 0, resp, err
	}
	return int(r.ID), resp, nil
}

// Update renames a role or moves it under another parent.
//
// Pipedrive: PUT /api/v1/roles/{id} (https://developers.pipedrive.com/docs/api/v1/Roles#updateRole).
// Token cost: 10.
func (s *RolesService) Update(ctx context.Context, id int, p *RoleParams) (*Response, error) {
	if err := firstInvalid(checkID("id", id), p.check(false, id)); err != nil {
		return nil, err
	}
	_, resp, err := v1Update[roleID](ctx, s.client, rolePath(id), p, "")
	return resp, err
}

// Delete marks a role as deleted.
//
// Pipedrive: DELETE /api/v1/roles/{id} (https://developers.pipedrive.com/docs/api/v1/Roles#deleteRole).
// Token cost: 6.
func (s *RolesService) Delete(ctx context.Context, id int) (*Response, error) {
	if err := checkID("id", id); err != nil {
		return nil, err
	}
	return deleteOne(ctx, s.client, rolePath(id), "")
}

// Assignments returns one page of the users assigned to a role.
//
// Pipedrive: GET /api/v1/roles/{id}/assignments (https://developers.pipedrive.com/docs/api/v1/Roles#getRoleAssignments).
// Token cost: 10.
func (s *RolesService) Assignments(ctx context.Context, id int, opts *ListOptions) ([]*RoleAssignment, *Response, error) {
	return validated(firstInvalid(checkID("id", id), checkOptions(opts)), func() ([]*RoleAssignment, *Response, error) {
		return listPage[RoleAssignment](ctx, s.client, rolePath(id, "assignments"), queryOf(opts), "")
	})
}

// AssignmentsAll iterates over every user assigned to a role.
//
// Pipedrive: GET /api/v1/roles/{id}/assignments, once per page.
// Token cost: 10 per page.
func (s *RolesService) AssignmentsAll(ctx context.Context, id int, opts *ListOptions) iter.Seq2[*RoleAssignment, error] {
	return allPages(ctx, offsetPages, opts, func(o *ListOptions) *int { return &o.Start },
		func(ctx context.Context, o *ListOptions) ([]*RoleAssignment, *Response, error) {
			return s.Assignments(ctx, id, o)
		})
}

// roleUser is the body of an assignment's add and delete.
type roleUser struct {
	UserID int `json:"user_id"`
}

// Assign assigns a user to a role (a user has one role). The answer has
// UserID and RoleID only.
//
// Pipedrive: POST /api/v1/roles/{id}/assignments (https://developers.pipedrive.com/docs/api/v1/Roles#addRoleAssignment).
// Token cost: 10.
func (s *RolesService) Assign(ctx context.Context, id, userID int) (*RoleAssignment, *Response, error) {
	return validated(firstInvalid(checkID("id", id), checkID("user_id", userID)), func() (*RoleAssignment, *Response, error) {
		return v1Create[RoleAssignment](ctx, s.client, rolePath(id, "assignments"), roleUser{userID}, "")
	})
}

// Unassign removes a user from a role; the user moves to the default
// role.
//
// Pipedrive: DELETE /api/v1/roles/{id}/assignments (https://developers.pipedrive.com/docs/api/v1/Roles#deleteRoleAssignment).
// Token cost: 6.
func (s *RolesService) Unassign(ctx context.Context, id, userID int) (*Response, error) {
	if err := firstInvalid(checkID("id", id), checkID("user_id", userID)); err != nil {
		return nil, err
	}
	return s.client.do(ctx, &request{method: http.MethodDelete, path: rolePath(id, "assignments"), body: roleUser{userID}}, nil)
}

// Settings returns a role's default visibility settings, by kind of item
// ("deal_default_visibility": 3).
//
// Pipedrive: GET /api/v1/roles/{id}/settings (https://developers.pipedrive.com/docs/api/v1/Roles#getRoleSettings).
// Token cost: 20.
func (s *RolesService) Settings(ctx context.Context, id int) (RoleSettings, *Response, error) {
	if err := checkID("id", id); err != nil {
		return nil, nil, err
	}
	var rs RoleSettings
	resp, err := s.client.do(ctx, &request{method: http.MethodGet, path: rolePath(id, "settings")}, &rs)
	return rs, resp, err
}

// RoleSettingKey names a role's default visibility setting.
type RoleSettingKey string

// Role settings.
const (
	DealDefaultVisibility    RoleSettingKey = "deal_default_visibility"
	LeadDefaultVisibility    RoleSettingKey = "lead_default_visibility"
	OrgDefaultVisibility     RoleSettingKey = "org_default_visibility"
	PersonDefaultVisibility  RoleSettingKey = "person_default_visibility"
	ProductDefaultVisibility RoleSettingKey = "product_default_visibility"
)

// SetSetting sets one of a role's default visibilities (1, 3, 5 or 7, as
// the plan allows).
//
// Pipedrive: POST /api/v1/roles/{id}/settings (https://developers.pipedrive.com/docs/api/v1/Roles#addOrUpdateRoleSetting).
// Token cost: 10.
func (s *RolesService) SetSetting(ctx context.Context, id int, key RoleSettingKey, value Visibility) (*Response, error) {
	check := firstInvalid(checkID("id", id), checkEnumList("setting_key", []RoleSettingKey{key},
		DealDefaultVisibility, LeadDefaultVisibility, OrgDefaultVisibility, PersonDefaultVisibility, ProductDefaultVisibility))
	if check == nil && !value.Valid() {
		check = invalid("value", "%d is not one of 1, 3, 5, 7", int(value))
	}
	if check != nil {
		return nil, check
	}
	// The value is a number here, not the text other v1 bodies take.
	body := struct {
		SettingKey RoleSettingKey `json:"setting_key"`
		Value      int            `json:"value"`
	}{key, int(value)}
	return s.client.do(ctx, &request{method: http.MethodPost, path: rolePath(id, "settings"), body: body}, nil)
}

// RolePipelines are the pipelines a role sees (Visible) or does not.
type RolePipelines struct {
	PipelineIDs []int `json:"pipeline_ids"`
	Visible     bool  `json:"visible"`
}

// Pipelines returns the ids of the pipelines a role sees (visible true)
// or those hidden from it (false).
//
// Pipedrive: GET /api/v1/roles/{id}/pipelines (https://developers.pipedrive.com/docs/api/v1/Roles#getRolePipelines).
// Token cost: 20.
func (s *RolesService) Pipelines(ctx context.Context, id int, visible bool) (*RolePipelines, *Response, error) {
	return validated(checkID("id", id), func() (*RolePipelines, *Response, error) {
		return doOne[RolePipelines](ctx, s.client, &request{method: http.MethodGet, path: rolePath(id, "pipelines"), query: struct {
			Visible bool `url:"visible"`
		}{visible}})
	})
}

// RolePipelinesParams show pipelines to a role (Add) and hide others
// (Remove).
type RolePipelinesParams struct {
	Add    []int `json:"add,omitempty"`
	Remove []int `json:"remove,omitempty"`
}

func (p *RolePipelinesParams) validate() error {
	if len(p.Add) == 0 && len(p.Remove) == 0 {
		return invalid("visible_pipeline_ids", "nothing to change: add or remove pipelines")
	}
	if err := firstInvalid(checkIDs("visible_pipeline_ids.add", p.Add), checkIDs("visible_pipeline_ids.remove", p.Remove)); err != nil {
		return err
	}
	for _, id := range p.Add {
		if slices.Contains(p.Remove, id) {
			return invalid("visible_pipeline_ids", "pipeline %d is both added and removed", id)
		}
	}
	return nil
}

// SetPipelines shows and hides pipelines for a role and returns the
// pipelines it now sees.
//
// Pipedrive: PUT /api/v1/roles/{id}/pipelines (https://developers.pipedrive.com/docs/api/v1/Roles#updateRolePipelines).
// Token cost: 10.
func (s *RolesService) SetPipelines(ctx context.Context, id int, p *RolePipelinesParams) (*RolePipelines, *Response, error) {
	return validated(firstInvalid(checkID("id", id), checkRequired(p, "params", "nil *RolePipelinesParams")), func() (*RolePipelines, *Response, error) {
		return v1Update[RolePipelines](ctx, s.client, rolePath(id, "pipelines"), struct {
			VisiblePipelineIDs *RolePipelinesParams `json:"visible_pipeline_ids"`
		}{p}, "")
	})
}

// PermissionSetApp is the part of Pipedrive a permission set governs.
type PermissionSetApp string

// Permission set apps.
const (
	AppSales           PermissionSetApp = "sales"
	AppProjects        PermissionSetApp = "projects"
	AppCampaigns       PermissionSetApp = "campaigns"
	AppGlobal          PermissionSetApp = "global"
	AppAccountSettings PermissionSetApp = "account_settings"
	AppPartnership     PermissionSetApp = "partnership"
	AppNova            PermissionSetApp = "nova"
)

var permissionSetApps = []PermissionSetApp{AppSales, AppProjects, AppCampaigns, AppGlobal, AppAccountSettings, AppPartnership, AppNova}

// PermissionSet is what the users it is assigned to may do in an app.
type PermissionSet struct {
	// ID is text (a UUID).
	ID          string           `json:"id"`
	Name        string           `json:"name"`
	Description string           `json:"description"`
	App         PermissionSetApp `json:"app"`
	// Type is admin, manager, regular or custom.
	Type            string `json:"type"`
	AssignmentCount int    `json:"assignment_count"`
	// Contents are the permissions granted ("can_add_products"); Get only.
	Contents []string `json:"contents,omitempty"`
}

// permissionSetData decodes the data of GET /permissionSets/{id}: the
// spec's example answers a one-element array, its schema one object.
type permissionSetData struct{ set *PermissionSet }

// UnmarshalJSON implements json.Unmarshaler.
func (d *permissionSetData) UnmarshalJSON(b []byte) error {
	if t := strings.TrimSpace(string(b)); strings.HasPrefix(t, "[") {
		var sets []*PermissionSet
		if err := json.Unmarshal(b, &sets); err != nil {
			return err
		}
		if len(sets) > 0 {
			d.set = sets[0]
		}
		return nil
	}
	return json.Unmarshal(b, &d.set)
}

// List returns the permission sets of an app ("" for every app).
//
// Pipedrive: GET /api/v1/permissionSets (https://developers.pipedrive.com/docs/api/v1/PermissionSets#getPermissionSets).
// Token cost: 20.
func (s *PermissionSetsService) List(ctx context.Context, app PermissionSetApp) ([]*PermissionSet, *Response, error) {
	var check error
	if app != "" {
		check = checkEnumList("app", []PermissionSetApp{app}, permissionSetApps...)
	}
	return validated(check, func() ([]*PermissionSet, *Response, error) {
		return listPage[PermissionSet](ctx, s.client, v1Path("permissionSets"), struct {
			App PermissionSetApp `url:"app,omitempty"`
		}{app}, "")
	})
}

// Get returns a permission set with its Contents.
//
// Pipedrive: GET /api/v1/permissionSets/{id} (https://developers.pipedrive.com/docs/api/v1/PermissionSets#getPermissionSet).
// Token cost: 2.
func (s *PermissionSetsService) Get(ctx context.Context, id string) (*PermissionSet, *Response, error) {
	return validated(checkTextID("id", "a permission set", id), func() (*PermissionSet, *Response, error) {
		path := v1Path("permissionSets", id)
		var d permissionSetData
		resp, err := s.client.do(ctx, &request{method: http.MethodGet, path: path}, &d)
		if err != nil {
			return nil, resp, err
		}
		if d.set == nil {
			return nil, resp, invalidAnswer(http.MethodGet, path, `"data" holds no permission set`)
		}
		return d.set, resp, nil
	})
}

// PermissionSetAssignment is a user a permission set is assigned to.
type PermissionSetAssignment struct {
	UserID          int    `json:"user_id"`
	PermissionSetID string `json:"permission_set_id"`
	// Name is the permission set's.
	Name string `json:"name"`
}

// Assignments returns one page of the users a permission set is assigned
// to.
//
// Pipedrive: GET /api/v1/permissionSets/{id}/assignments (https://developers.pipedrive.com/docs/api/v1/PermissionSets#getPermissionSetAssignments).
// Token cost: 20.
func (s *PermissionSetsService) Assignments(ctx context.Context, id string, opts *ListOptions) ([]*PermissionSetAssignment, *Response, error) {
	return validated(firstInvalid(checkTextID("id", "a permission set", id), checkOptions(opts)), func() ([]*PermissionSetAssignment, *Response, error) {
		return listPage[PermissionSetAssignment](ctx, s.client, v1Path("permissionSets", id, "assignments"), queryOf(opts), "")
	})
}

// AssignmentsAll iterates over every user a permission set is assigned
// to.
//
// Pipedrive: GET /api/v1/permissionSets/{id}/assignments, once per page.
// Token cost: 20 per page.
func (s *PermissionSetsService) AssignmentsAll(ctx context.Context, id string, opts *ListOptions) iter.Seq2[*PermissionSetAssignment, error] {
	return allPages(ctx, offsetPages, opts, func(o *ListOptions) *int { return &o.Start },
		func(ctx context.Context, o *ListOptions) ([]*PermissionSetAssignment, *Response, error) {
			return s.Assignments(ctx, id, o)
		})
}
