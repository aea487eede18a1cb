package pipedrive

import (
	"context"
	"net/http"
	"strconv"
	"strings"
)

// Users beyond the list (API v1, current): find, followers, permissions,
// roles, role settings, add and (de)activate.

// UserFindOptions searches users by name, or by email with ByEmail.
type UserFindOptions struct {
	Term    string `url:"term"`
	ByEmail bool   `url:"search_by_email,int,omitempty"`
}

// Find returns the users whose name (or, with ByEmail, email) contains the
// term.
//
// Pipedrive: GET /api/v1/users/find (https://developers.pipedrive.com/docs/api/v1/Users#findUsersByName).
// Token cost: 40.
func (s *UsersService) Find(ctx context.Context, opts *UserFindOptions) ([]*User, *Response, error) {
	var check error
	if opts == nil || strings.TrimSpace(opts.Term) == "" {
		check = invalid("term", "empty: a name or email to search for is required")
	}
	return validated(check, func() ([]*User, *Response, error) {
		return listPage[User](ctx, s.client, v1Path("users", "find"), opts, "")
	})
}

// Followers returns the ids of the users following a user.
//
// Pipedrive: GET /api/v1/users/{id}/followers (https://developers.pipedrive.com/docs/api/v1/Users#getUserFollowers).
// Token cost: 20.
func (s *UsersService) Followers(ctx context.Context, id int) ([]int, *Response, error) {
	if err := checkID("id", id); err != nil {
		return nil, nil, err
	}
	var ids []int
	resp, err := s.client.do(ctx, &request{method: http.MethodGet, path: v1Path("users", strconv.Itoa(id), "followers")}, &ids)
	return ids, resp, err
}

// UserPermissions are a user's permission flags by name
// ("can_merge_deals": true); Pipedrive adds flags over time, so they are
// kept as a map.
type UserPermissions map[string]bool

// Permissions returns a user's permissions.
//
// Pipedrive: GET /api/v1/users/{id}/permissions (https://developers.pipedrive.com/docs/api/v1/Users#getUserPermissions).
// Token cost: 10.
func (s *UsersService) Permissions(ctx context.Context, id int) (UserPermissions, *Response, error) {
	if err := checkID("id", id); err != nil {
		return nil, nil, err
	}
	var p UserPermissions
	resp, err := s.client.do(ctx, &request{method: http.MethodGet, path: v1Path("users", strconv.Itoa(id), "permissions")}, &p)
	return p, resp, err
}

// RoleAssignment is a role a user has.
type RoleAssignment struct {
	UserID       int      `json:"user_id"`
	RoleID       int      `json:"role_id"`
	ParentRoleID int      `json:"parent_role_id"`
	Name         string   `json:"name"`
	ActiveFlag   FlexBool `json:"active_flag"`
	Type         string   `json:"type"`
}

// RoleAssignments returns one page of a user's role assignments.
//
// Pipedrive: GET /api/v1/users/{id}/roleAssignments (https://developers.pipedrive.com/docs/api/v1/Users#getUserRoleAssignments).
// Token cost: 10.
func (s *UsersService) RoleAssignments(ctx context.Context, id int, opts *ListOptions) ([]*RoleAssignment, *Response, error) {
	check := checkID("id", id)
	if check == nil && opts != nil {
		check = opts.validate()
	}
	return validated(check, func() ([]*RoleAssignment, *Response, error) {
		return listPage[RoleAssignment](ctx, s.client, v1Path("users", strconv.Itoa(id), "roleAssignments"), queryOf(opts), "")
	})
}

// RoleSettings are the default visibilities of a user's role, by kind of
// item ("deal_default_visibility": 3); kept as a map, as Pipedrive adds
// settings over time.
type RoleSettings map[string]FlexInt

// RoleSettings returns the settings of a user's role.
//
// Pipedrive: GET /api/v1/users/{id}/roleSettings (https://developers.pipedrive.com/docs/api/v1/Users#getUserRoleSettings).
// Token cost: 10.
func (s *UsersService) RoleSettings(ctx context.Context, id int) (RoleSettings, *Response, error) {
	if err := checkID("id", id); err != nil {
		return nil, nil, err
	}
	var rs RoleSettings
	resp, err := s.client.do(ctx, &request{method: http.MethodGet, path: v1Path("users", strconv.Itoa(id), "roleSettings")}, &rs)
	return rs, resp, err
}

// UserCreateParams invites a user.
type UserCreateParams struct {
	// Email is required.
	Email string `json:"email"`
	// Access lists the apps the user may use (default: sales).
	Access []UserAccess `json:"access,omitempty"`
	// ActiveFlag false adds the user deactivated.
	ActiveFlag *bool `json:"active_flag,omitempty"`
}

func (p *UserCreateParams) validate() error {
	switch {
	case p == nil:
		return invalid("params", "nil *UserCreateParams")
	case !strings.Contains(p.Email, "@") || strings.ContainsAny(p.Email, " \t\r\n"):
		return invalid("email", "%q is not an email address", p.Email)
	}
	for _, a := range p.Access {
		if a.App == "" {
			return invalid("access", "an access without an app")
		}
	}
	return nil
}

// Create adds a user to the company (admins only).
//
// Pipedrive: POST /api/v1/users (https://developers.pipedrive.com/docs/api/v1/Users#addUser).
// Token cost: 10.
func (s *UsersService) Create(ctx context.Context, p *UserCreateParams) (*User, *Response, error) {
	return validated(p.validate(), func() (*User, *Response, error) {
		return v1Create[User](ctx, s.client, v1Path("users"), p, "")
	})
}

// SetActive activates or deactivates a user (admins only; not oneself).
//
// Pipedrive: PUT /api/v1/users/{id} (https://developers.pipedrive.com/docs/api/v1/Users#updateUser).
// Token cost: 10.
func (s *UsersService) SetActive(ctx context.Context, id int, active bool) (*User, *Response, error) {
	return validated(checkID("id", id), func() (*User, *Response, error) {
		return v1Update[User](ctx, s.client, v1Path("users", strconv.Itoa(id)), struct {
			ActiveFlag bool `json:"active_flag"`
		}{active}, "")
	})
}

// NoteComment is a comment on a note. Its id is a UUID.
type NoteComment struct {
	UUID       string   `json:"uuid"`
	Content    string   `json:"content"`
	ObjectID   FlexInt  `json:"object_id"`
	ObjectType string   `json:"object_type"`
	UserID     int      `json:"user_id"`
	UpdaterID  int      `json:"updater_id"`
	CompanyID  int      `json:"company_id"`
	ActiveFlag FlexBool `json:"active_flag"`
	AddTime    Time     `json:"add_time"`
	UpdateTime Time     `json:"update_time"`
}

// noteCommentBody is the body of an add or update.
type noteCommentBody struct {
	Content string `json:"content"`
}

// checkComment refuses a note id that cannot exist and a comment id that
// is not a UUID.
func checkComment(noteID int, commentID string) error {
	if err := checkID("id", noteID); err != nil {
		return err
	}
	if commentID == "" {
		return invalid("commentId", "empty: a comment id is a UUID")
	}
	return leadUUID.check("commentId", commentID)
}

func checkContent(content string) error {
	if strings.TrimSpace(content) == "" {
		return invalid("content", "empty: a comment needs content")
	}
	return nil
}

func commentPath(noteID int, rest ...string) string {
	return v1Path(append([]string{"notes", strconv.Itoa(noteID), "comments"}, rest...)...)
}

// Comments returns one page of the comments on a note.
//
// Pipedrive: GET /api/v1/notes/{id}/comments (https://developers.pipedrive.com/docs/api/v1/Notes#getNoteComments).
// Token cost: 20.
func (s *NotesService) Comments(ctx context.Context, noteID int, opts *ListOptions) ([]*NoteComment, *Response, error) {
	check := checkID("id", noteID)
	if check == nil && opts != nil {
		check = opts.validate()
	}
	return validated(check, func() ([]*NoteComment, *Response, error) {
		return listPage[NoteComment](ctx, s.client, commentPath(noteID), queryOf(opts), "")
	})
}

// Comment returns one comment on a note.
//
// Pipedrive: GET /api/v1/notes/{id}/comments/{commentId} (https://developers.pipedrive.com/docs/api/v1/Notes#getComment).
// Token cost: 2.
func (s *NotesService) Comment(ctx context.Context, noteID int, commentID string) (*NoteComment, *Response, error) {
	return validated(checkComment(noteID, commentID), func() (*NoteComment, *Response, error) {
		return v1Get[NoteComment](ctx, s.client, commentPath(noteID, commentID), "")
	})
}

// AddComment comments on a note; content is HTML.
//
// Pipedrive: POST /api/v1/notes/{id}/comments (https://developers.pipedrive.com/docs/api/v1/Notes#addNoteComment).
// Token cost: 10.
func (s *NotesService) AddComment(ctx context.Context, noteID int, content string) (*NoteComment, *Response, error) {
	return validated(firstInvalid(checkID("id", noteID), checkContent(content)), func() (*NoteComment, *Response, error) {
		return v1Create[NoteComment](ctx, s.client, commentPath(noteID), noteCommentBody{content}, "")
	})
}

// UpdateComment replaces the content of a comment.
//
// Pipedrive: PUT /api/v1/notes/{id}/comments/{commentId} (https://developers.pipedrive.com/docs/api/v1/Notes#updateCommentForNote).
// Token cost: 10.
func (s *NotesService) UpdateComment(ctx context.Context, noteID int, commentID, content string) (*NoteComment, *Response, error) {
	return validated(firstInvalid(checkComment(noteID, commentID), checkContent(content)), func() (*NoteComment, *Response, error) {
		return v1Update[NoteComment](ctx, s.client, commentPath(noteID, commentID), noteCommentBody{content}, "")
	})
}

// DeleteComment removes a comment.
//
// Pipedrive: DELETE /api/v1/notes/{id}/comments/{commentId} (https://developers.pipedrive.com/docs/api/v1/Notes#deleteComment).
// Token cost: 6.
func (s *NotesService) DeleteComment(ctx context.Context, noteID int, commentID string) (*Response, error) {
	if err := checkComment(noteID, commentID); err != nil {
		return nil, err
	}
	return deletePath(ctx, s.client, commentPath(noteID, commentID))
}

// Fields returns one page of the lead fields: the lead's own, then the
// deal custom fields, which leads share.
//
// Pipedrive: GET /api/v1/leadFields (https://developers.pipedrive.com/docs/api/v1/LeadFields#getLeadFields).
// Token cost: 20.
func (s *LeadsService) Fields(ctx context.Context, opts *ListOptions) ([]*FieldDefinition, *Response, error) {
	var check error
	if opts != nil {
		check = opts.validate()
	}
	return validated(check, func() ([]*FieldDefinition, *Response, error) {
		return listPage[FieldDefinition](ctx, s.client, v1Path("leadFields"), queryOf(opts), "")
	})
}
