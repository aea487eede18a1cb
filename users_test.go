package pipedrive

import (
	"context"
	"errors"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestUsersList(t *testing.T) {
	env := setup(t)
	env.gateway.HandleFunc("GET /pipedrive/api/v1/users", func(w http.ResponseWriter, r *http.Request) {
		testQuery(t, r, nil)
		writeJSON(t, w, http.StatusOK, testdata(t, "v1/users/list.json"))
	})
	users, resp, err := env.client.Users.List(context.Background())
	require.NoError(t, err)
	require.Len(t, users, 2)
	assert.Equal(t, User{
		ID: 11, Name: "Olivia Owner", Email: "olivia@example.com", Phone: "+3725551111",
		DefaultCurrency: "EUR", Locale: "et_EE", Lang: 1, Activated: true, ActiveFlag: true,
		HasCreatedCompany: true,
		Access: []UserAccess{
			{App: UserAppSales, Admin: true, PermissionSetID: "62cc4d7f-4038-4352-abf3-a8c1c822b631"},
			{App: UserAppGlobal, Admin: true, PermissionSetID: "233b7976-39bd-43a9-b305-ef3a2b0998e5"},
		},
		IsYou: true, RoleID: 1, TimezoneName: "Europe/Tallinn", TimezoneOffset: "+02:00",
		IconURL:   "https://icons.example.com/11.jpg",
		LastLogin: Time{v1crudTime(t, "2026-02-01 08:45:56")},
		Created:   Time{v1crudTime(t, "2024-01-10 09:00:00")},
		Modified:  Time{v1crudTime(t, "2026-02-01 08:45:56")},
	}, *users[0])
	u := users[1]
	assert.Equal(t, "", u.Phone)
	assert.Equal(t, "", u.IconURL)
	assert.True(t, u.Modified.IsZero())
	assert.True(t, u.LastLogin.IsZero())
	assert.False(t, u.Activated)
	assert.True(t, u.IsDeleted)
	assert.Equal(t, UserAppCampaigns, u.Access[0].App)
	assert.False(t, u.Access[0].Admin)
	assert.Nil(t, resp.Pagination)
}

func TestUsersMe(t *testing.T) {
	env := setup(t)
	env.gateway.HandleFunc("GET /pipedrive/api/v1/users/me", func(w http.ResponseWriter, r *http.Request) {
		testQuery(t, r, nil)
		writeJSON(t, w, http.StatusOK, testdata(t, "v1/users/me.json"))
	})
	me, _, err := env.client.Users.Me(context.Background())
	require.NoError(t, err)
	assert.Equal(t, 11, me.ID)
	assert.Equal(t, "Olivia Owner", me.Name)
	assert.True(t, me.IsYou)
	assert.Equal(t, UserAppAccountSettings, me.Access[1].App)
	assert.Equal(t, 7001, me.CompanyID)
	assert.Equal(t, "Acme Sales OÜ", me.CompanyName)
	assert.Equal(t, "acme-sales-3f9a1", me.CompanyDomain)
	assert.Equal(t, "EE", me.CompanyCountry)
	assert.Equal(t, "IT Services", me.CompanyIndustry)
	assert.Equal(t, UserLanguage{LanguageCode: "et", CountryCode: "EE"}, me.Language)
}

func TestUsersGet(t *testing.T) {
	env := setup(t)
	env.gateway.HandleFunc("GET /pipedrive/api/v1/users/{id}", func(w http.ResponseWriter, r *http.Request) {
		assert.Equal(t, "12", r.PathValue("id"))
		writeJSON(t, w, http.StatusOK, testdata(t, "v1/users/get.json"))
	})
	u, _, err := env.client.Users.Get(context.Background(), 12)
	require.NoError(t, err)
	assert.Equal(t, "Peter Planner", u.Name)
	assert.Equal(t, UserAppProjects, u.Access[1].App)
	assert.Equal(t, "-05:00", u.TimezoneOffset)
	assert.True(t, u.Modified.IsZero())
}

func TestUsersErrors(t *testing.T) {
	env := setup(t)
	env.gateway.HandleFunc("GET /pipedrive/api/v1/users/me", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(t, w, http.StatusUnauthorized, testdata(t, "v1/users/error_401.json"))
	})
	env.gateway.HandleFunc("GET /pipedrive/api/v1/users/{id}", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(t, w, http.StatusNotFound, testdata(t, "v1/users/error_404.json"))
	})

	_, _, err := env.client.Users.Me(context.Background())
	var apiErr *APIError
	require.ErrorAs(t, err, &apiErr)
	assert.True(t, errors.Is(err, ErrUnauthorized))
	assert.Equal(t, "unauthorized access", apiErr.Message)
	assert.Equal(t, "401", apiErr.Code)
	assert.Equal(t, SourcePipedrive, apiErr.Source)

	_, _, err = env.client.Users.Get(context.Background(), 404)
	require.ErrorAs(t, err, &apiErr)
	assert.True(t, errors.Is(err, ErrNotFound))
	assert.Equal(t, "User not found or not accessible.", apiErr.Message)
	assert.Empty(t, apiErr.Replacement, "users are not retired")
	assert.NotContains(t, err.Error(), "retired")
}

func TestUsersValidation(t *testing.T) {
	env := setup(t)
	for _, id := range []int{0, -7} {
		_, _, err := env.client.Users.Get(context.Background(), id)
		v1crudAssertValidation(t, err, "id")
	}
	assert.Equal(t, int64(0), env.requests.Load())
}

func TestUsersSpecExamples(t *testing.T) {
	v1crudSpecExamples(t, "getUsers", func(t *testing.T, _ string, v *[]*User) {
		require.Len(t, *v, 2)
		assert.Equal(t, "", (*v)[1].IconURL)
		assert.Equal(t, UserAppAccountSettings, (*v)[0].Access[2].App)
	})
	v1crudSpecExamples(t, "getUser", func(t *testing.T, _ string, u *User) {
		assert.Equal(t, "Jane Doe", u.Name)
		assert.Equal(t, "0000-0002", u.Phone)
	})
	v1crudSpecExamples(t, "getCurrentUser", func(t *testing.T, _ string, u *CurrentUser) {
		assert.Equal(t, 54235233, u.CompanyID)
		assert.Equal(t, UserLanguage{LanguageCode: "en", CountryCode: "US"}, u.Language)
		assert.Equal(t, "Me", u.Name)
	})
}
