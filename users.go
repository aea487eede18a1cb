package pipedrive

import (
	"context"
)

// UsersService reads the users of the Pipedrive company through API v1
// (users have no API v2 replacement and are not retired).
//
// https://developers.pipedrive.com/docs/api/v1/Users
type UsersService service

// UserApp is an app a user has access to.
type UserApp string

// Values of UserApp.
const (
	UserAppGlobal          UserApp = "global"
	UserAppSales           UserApp = "sales"
	UserAppCampaigns       UserApp = "campaigns"
	UserAppProjects        UserApp = "projects"
	UserAppAccountSettings UserApp = "account_settings"
	UserAppPartnership     UserApp = "partnership"
)

// User is a user of the Pipedrive company.
type User struct {
	ID    int    `json:"id"`
	Name  string `json:"name"`
	Email string `json:"email"`
	// Phone is "" when unset.
	Phone           string `json:"phone"`
	DefaultCurrency string `json:"default_currency"`
	// Locale is the date and number format, e.g. "et_EE" (not the language).
	Locale string `json:"locale"`
	// Lang is the id of the user's language.
	Lang              int          `json:"lang"`
	Activated         bool         `json:"activated"`
	ActiveFlag        bool         `json:"active_flag"`
	IsDeleted         bool         `json:"is_deleted"`
	HasCreatedCompany bool         `json:"has_created_company"`
	Access            []UserAccess `json:"access"`
	// IsYou tells whether this is the authorizing user.
	IsYou        bool   `json:"is_you"`
	RoleID       int    `json:"role_id"`
	TimezoneName string `json:"timezone_name"`
	// TimezoneOffset is the offset from UTC, e.g. "+03:00".
	TimezoneOffset string `json:"timezone_offset"`
	// IconURL is "" when the user has no picture.
	IconURL   string `json:"icon_url"`
	LastLogin Time   `json:"last_login"`
	Created   Time   `json:"created"`
	// Modified is zero when Pipedrive sends null.
	Modified Time `json:"modified"`
}

// UserAccess is a user's access to one app.
type UserAccess struct {
	App             UserApp `json:"app"`
	Admin           bool    `json:"admin"`
	PermissionSetID string  `json:"permission_set_id,omitempty"`
}

// CurrentUser is the authorizing user, with their company and language.
type CurrentUser struct {
	User
	CompanyID       int          `json:"company_id"`
	CompanyName     string       `json:"company_name"`
	CompanyDomain   string       `json:"company_domain"`
	CompanyCountry  string       `json:"company_country"`
	CompanyIndustry string       `json:"company_industry"`
	Language        UserLanguage `json:"language"`
}

// UserLanguage is a user's interface language, e.g. en / US.
type UserLanguage struct {
	LanguageCode string `json:"language_code"`
	CountryCode  string `json:"country_code"`
}

// List returns every user of the company (the endpoint is not paginated).
//
// Pipedrive: GET /api/v1/users,
// https://developers.pipedrive.com/docs/api/v1/Users#getUsers.
// Token cost: 20.
func (s *UsersService) List(ctx context.Context) ([]*User, *Response, error) {
	return listPage[User](ctx, s.client, v1Path("users"), nil, "")
}

// Me returns the authorizing user, with company and language details. A
// bad token gives an error matching ErrUnauthorized.
//
// Pipedrive: GET /api/v1/users/me,
// https://developers.pipedrive.com/docs/api/v1/Users#getCurrentUser.
// Token cost: 2.
func (s *UsersService) Me(ctx context.Context) (*CurrentUser, *Response, error) {
	return v1Get[CurrentUser](ctx, s.client, v1Path("users", "me"), "")
}

// Get returns one user. An unknown or inaccessible user gives an error
// matching ErrNotFound.
//
// Pipedrive: GET /api/v1/users/{id},
// https://developers.pipedrive.com/docs/api/v1/Users#getUser.
// Token cost: 2.
func (s *UsersService) Get(ctx context.Context, id int) (*User, *Response, error) {
	if err := checkID("id", id); err != nil {
		return nil, nil, err
	}
	return v1Get[User](ctx, s.client, v1IDPath("users", id), "")
}
