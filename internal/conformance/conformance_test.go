package conformance

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const hexKey = "d4de1c1518b4531717c676029a45911c340390a6"

func newReq(t *testing.T, method, target, body string) *http.Request {
	t.Helper()
	var r *http.Request
	if body == "" {
		r = httptest.NewRequest(method, target, nil)
	} else {
		r = httptest.NewRequest(method, target, strings.NewReader(body))
		r.Header.Set("Content-Type", "application/json")
	}
	return r
}

func TestLoad(t *testing.T) {
	for _, v := range []Version{V1, V2} {
		s := Load(t, v)
		require.NotNil(t, s)
		assert.Equal(t, v, s.Version())
		assert.Equal(t, "/pipedrive/api/"+string(v), s.Prefix())
		assert.Same(t, s, Load(t, v), "cached")
		t.Logf("%s spec %s loaded in %v", v, s.File(), s.LoadTime())
	}
}

func TestDirFromEnv(t *testing.T) {
	t.Setenv(EnvDir, t.TempDir())
	d, err := Dir()
	require.NoError(t, err)
	assert.NotEmpty(t, d)
	_, err = SpecPath(V1)
	require.ErrorIs(t, err, ErrSpecNotFound)

	t.Setenv(EnvDir, "/nonexistent/openapi")
	_, err = Dir()
	require.ErrorIs(t, err, ErrSpecNotFound)
}

func TestModuleRoot(t *testing.T) {
	root, err := moduleRoot(".")
	require.NoError(t, err, "the package lives inside the module")
	assert.True(t, isModuleRoot(filepath.Join(root, "go.mod")))
	assert.FileExists(t, filepath.Join(root, "internal", "conformance", "spec.go"))
	_, err = moduleRoot(t.TempDir())
	require.ErrorIs(t, err, ErrSpecNotFound)
}

// TestValidateRequest checks the validator on both specs; it skips (once)
// without them.
func TestValidateRequest(t *testing.T) {
	Load(t, V1)
	Load(t, V2)
	t.Run("v1", testValidateRequestV1)
	t.Run("v2", testValidateRequestV2)
}

func testValidateRequestV1(t *testing.T) {
	s := Load(t, V1)
	cases := []struct {
		name, method, target, body string
		wantErr                    string // "" = valid
	}{
		{"list deals", "GET", "/pipedrive/api/v1/deals?status=open&limit=10", "", ""},
		{"list deals full URL", "GET", "http://127.0.0.1:9999/pipedrive/api/v1/deals?start=0&owned_by_you=1", "", ""},
		{"unknown query key", "GET", "/pipedrive/api/v1/deals?statuz=open", "", `unknown query parameter "statuz"`},
		{"bad enum", "GET", "/pipedrive/api/v1/deals?status=bogus", "", `parameter "status" in query`},
		{"numBool not bool", "GET", "/pipedrive/api/v1/deals?owned_by_you=true", "", `parameter "owned_by_you" in query`},
		{"limit not int", "GET", "/pipedrive/api/v1/deals?limit=ten", "", `parameter "limit" in query`},
		{"create deal", "POST", "/pipedrive/api/v1/deals", `{"title":"x","value":"10"}`, ""},
		{"create deal misspelt", "POST", "/pipedrive/api/v1/deals", `{"title":"x","curency":"EUR"}`, `unknown body property "curency"`},
		{"create deal custom field", "POST", "/pipedrive/api/v1/deals", `{"title":"x","` + hexKey + `":"a","` + hexKey + `_currency":"EUR"}`, ""},
		{"create deal numeric value", "POST", "/pipedrive/api/v1/deals", `{"title":"x","value":10}`, `value`},
		{"create deal no title", "POST", "/pipedrive/api/v1/deals", `{"value":"10"}`, `title`},
		{"update deal", "PUT", "/pipedrive/api/v1/deals/5", `{"title":"y","status":"won"}`, ""},
		{"update deal bad id", "PUT", "/pipedrive/api/v1/deals/abc", `{"title":"y"}`, `parameter "id" in path`},
		{"search deals", "GET", "/pipedrive/api/v1/deals/search?term=acme&fields=title,notes&exact_match=true", "", ""},
		{"get deal", "GET", "/pipedrive/api/v1/deals/42", "", ""},
		{"delete deal", "DELETE", "/pipedrive/api/v1/deals/42", "", ""},
		{"list activities", "GET", "/pipedrive/api/v1/activities?user_id=0&done=1&start_date=2026-01-02", "", ""},
		{"activities bad date", "GET", "/pipedrive/api/v1/activities?start_date=02.01.2026", "", `start_date`},
		{"create note", "POST", "/pipedrive/api/v1/notes", `{"content":"hi","deal_id":1,"pinned_to_deal_flag":1}`, ""},
		{"note flag not numBool", "POST", "/pipedrive/api/v1/notes", `{"content":"hi","deal_id":1,"pinned_to_deal_flag":true}`, `pinned_to_deal_flag`},
		{"users me", "GET", "/pipedrive/api/v1/users/me", "", ""},
		{"unknown path", "GET", "/pipedrive/api/v1/nonsense", "", "no operation"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := newReq(t, tc.method, tc.target, tc.body)
			op, err := s.ValidateRequest(r)
			if tc.wantErr == "" {
				require.NoError(t, err)
				require.NotNil(t, op)
			} else {
				require.Error(t, err)
				assert.Contains(t, err.Error(), tc.wantErr)
				t.Logf("error: %v", err)
			}
			if tc.body != "" {
				b := new(bytes.Buffer)
				_, err := b.ReadFrom(r.Body)
				require.NoError(t, err)
				assert.Equal(t, tc.body, b.String(), "body restored")
			}
		})
	}
}

func testValidateRequestV2(t *testing.T) {
	s := Load(t, V2)
	cases := []struct {
		name, method, target, body string
		wantErr                    string
	}{
		{"include_fields list", "GET", "/pipedrive/api/v2/deals?include_fields=next_activity_id,last_activity_id", "", ""},
		{"include_fields bogus", "GET", "/pipedrive/api/v2/deals?include_fields=next_activity_id,bogus", "", `include_fields`},
		{"status list", "GET", "/pipedrive/api/v2/deals?status=open,won&limit=2&cursor=abc", "", ""},
		{"updated_since", "GET", "/pipedrive/api/v2/deals?updated_since=2026-01-02T03:04:05Z&sort_by=update_time&sort_direction=desc", "", ""},
		{"archived", "GET", "/pipedrive/api/v2/deals/archived?limit=5", "", ""},
		{"patch deal", "PATCH", "/pipedrive/api/v2/deals/7", `{"title":"t","value":10.5,"owner_id":3,"custom_fields":{"` + hexKey + `":1}}`, ""},
		{"patch deal misspelt", "PATCH", "/pipedrive/api/v2/deals/7", `{"titel":"t"}`, `unknown body property "titel"`},
		{"create deal", "POST", "/pipedrive/api/v2/deals", `{"title":"t","value":10}`, ""},
		{"create deal string value", "POST", "/pipedrive/api/v2/deals", `{"title":"t","value":"10"}`, `value`},
		{"bool strict", "GET", "/pipedrive/api/v2/activities?done=1", "", `done`},
		{"item search", "GET", "/pipedrive/api/v2/itemSearch?term=ac&item_types=deal,person&fields=title,name", "", ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			op, err := s.ValidateRequest(newReq(t, tc.method, tc.target, tc.body))
			if tc.wantErr == "" {
				require.NoError(t, err)
				require.NotNil(t, op)
				return
			}
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.wantErr)
			t.Logf("error: %v", err)
		})
	}
}

func TestFindOperation(t *testing.T) {
	s := Load(t, V1)
	op, err := s.FindOperation(httptest.NewRequest("GET", "/pipedrive/api/v1/deals/search?term=x", nil))
	require.NoError(t, err)
	assert.Equal(t, &Operation{ID: "searchDeals", Version: V1, Method: "GET", Path: "/deals/search", Deprecated: true, TokenCost: 40}, op)

	op, err = s.FindOperation(httptest.NewRequest("GET", "/pipedrive/api/v1/notes/1", nil))
	require.NoError(t, err)
	assert.Equal(t, "getNote", op.ID)
	assert.False(t, op.Deprecated)
	assert.Equal(t, 2, op.TokenCost)

	_, err = s.FindOperation(httptest.NewRequest("PATCH", "/pipedrive/api/v1/notes/1", nil))
	require.Error(t, err)

	s2 := Load(t, V2)
	op, err = s2.FindOperation(httptest.NewRequest("PATCH", "/pipedrive/api/v2/deals/1", nil))
	require.NoError(t, err)
	assert.Equal(t, "updateDeal", op.ID)
	assert.Equal(t, 5, op.TokenCost)
	assert.False(t, op.Deprecated)
}

// TestValidateResponse checks the validator on both specs; it skips (once)
// without them.
func TestValidateResponse(t *testing.T) {
	Load(t, V1)
	Load(t, V2)
	t.Run("v1", testValidateResponseV1)
	t.Run("v2", testValidateResponseV2)
}

func testValidateResponseV1(t *testing.T) {
	s := Load(t, V1)
	list := httptest.NewRequest("GET", "/pipedrive/api/v1/deals", nil)
	json := http.Header{"Content-Type": {"application/json; charset=utf-8"}}

	valid := `{"success":true,"data":[{"id":1,"title":"Deal","value":10,"currency":"EUR","add_time":"2026-01-02 03:04:05",
		"person_id":null,"org_id":null,"label":null,"stage_id":1,"active":true,"visible_to":"3"}],
		"additional_data":{"pagination":{"start":0,"limit":100,"more_items_in_collection":false}}}`
	require.NoError(t, s.ValidateResponse(list, 200, json, []byte(valid)))
	require.NoError(t, s.ValidateResponse(list, 200, nil, []byte(`{"success":true,"data":null}`)), "nulls tolerated, no Content-Type")

	wrong := `{"success":true,"data":[{"id":"one","title":"Deal"}]}`
	err := s.ValidateResponse(list, 200, json, []byte(wrong))
	require.Error(t, err)
	assert.Contains(t, err.Error(), "id")

	// v1 deal times carry no format; activity field times are date-time.
	for _, tm := range []string{"2026-01-02 03:04:05", "2026-01-02T03:04:05Z", "2026-01-02T03:04:05.123+02:00", "0000-00-00 00:00:00"} {
		require.NoError(t, s.ValidateResponseBody("getActivityFields", 200, []byte(`{"success":true,"data":[{"id":1,"key":"k","add_time":"`+tm+`"}]}`)), tm)
	}
	for _, tm := range []string{"yesterday", "", "2026-01-02", "2026-13-02 03:04:05"} {
		require.Error(t, s.ValidateResponseBody("getActivityFields", 200, []byte(`{"success":true,"data":[{"id":1,"key":"k","add_time":"`+tm+`"}]}`)), tm)
	}

	require.NoError(t, s.ValidateResponse(list, 500, json, []byte(`{"success":false,"error":"boom"}`)), "errors not checked")
	require.Error(t, s.ValidateResponse(list, 200, json, []byte(`{not json`)))

	// addDeal declares 201.
	create := httptest.NewRequest("POST", "/pipedrive/api/v1/deals", nil)
	require.NoError(t, s.ValidateResponse(create, 201, json, []byte(`{"success":true,"data":{"id":1,"title":"x"}}`)))
	err = s.ValidateResponse(create, 200, json, []byte(`{"success":true,"data":{"id":1,"title":"x"}}`))
	require.Error(t, err)
	assert.Contains(t, err.Error(), "status 200")
	assert.Contains(t, err.Error(), "201")

	// addNote declares 200.
	note := httptest.NewRequest("POST", "/pipedrive/api/v1/notes", nil)
	require.Error(t, s.ValidateResponse(note, 201, json, []byte(`{"success":true,"data":{"id":1}}`)))
	require.NoError(t, s.ValidateResponse(note, 200, json, []byte(`{"success":true,"data":{"id":1,"content":"c","add_time":"2026-01-02 03:04:05"}}`)))

	require.NoError(t, s.ValidateResponseBody("deleteNote", 200, []byte(`{"success":true,"data":true}`)))
	require.Error(t, s.ValidateResponseBody("deleteNote", 200, []byte(`{"success":true,"data":"yes"}`)))
	require.Error(t, s.ValidateResponseBody("noSuchOp", 200, []byte(`{}`)))
}

func testValidateResponseV2(t *testing.T) {
	s := Load(t, V2)
	get := httptest.NewRequest("GET", "/pipedrive/api/v2/deals/1", nil)
	body := `{"success":true,"data":{"id":1,"title":"t","owner_id":2,"person_id":null,"org_id":null,"value":10,
		"add_time":"2026-01-02T03:04:05Z","update_time":"2026-01-02T03:04:05.000Z","label_ids":[1,2],"is_deleted":false,"custom_fields":{}}}`
	require.NoError(t, s.ValidateResponse(get, 200, nil, []byte(body)))
	err := s.ValidateResponse(get, 200, nil, []byte(`{"success":true,"data":{"id":1,"value":"10"}}`))
	require.Error(t, err)
	t.Logf("error: %v", err)
}

func TestResponseExamples(t *testing.T) {
	s := Load(t, V1)
	ex, err := s.ResponseExamples("getDeals")
	require.NoError(t, err)
	require.NotEmpty(t, ex)
	for k, b := range ex {
		assert.True(t, strings.HasPrefix(k, "200/"), k)
		require.NoError(t, s.ValidateResponseBody("getDeals", 200, b), k)
	}
	_, err = s.ResponseExamples("nope")
	require.Error(t, err)

	s2 := Load(t, V2)
	ex, err = s2.ResponseExamples("getDeals")
	require.NoError(t, err)
	require.NotEmpty(t, ex)
}

func BenchmarkValidateRequest(b *testing.B) {
	s, err := LoadErr(V1)
	if err != nil {
		b.Skip(err)
	}
	body := `{"title":"x","value":"10","` + hexKey + `":"y"}`
	for b.Loop() {
		r := httptest.NewRequest("POST", "/pipedrive/api/v1/deals?x=1", strings.NewReader(body))
		r.Header.Set("Content-Type", "application/json")
		_, _ = s.ValidateRequest(r)
	}
}

func BenchmarkValidateResponse(b *testing.B) {
	s, err := LoadErr(V1)
	if err != nil {
		b.Skip(err)
	}
	ex, err := s.ResponseExamples("getDeals")
	if err != nil || len(ex) == 0 {
		b.Fatal(err)
	}
	var body []byte
	for _, v := range ex {
		body = v
	}
	r := httptest.NewRequest("GET", "/pipedrive/api/v1/deals", nil)
	for b.Loop() {
		_ = s.ValidateResponse(r, 200, nil, body)
	}
}
