package pipedrive

import (
	"encoding/json"
	"net/http"
	"net/url"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestFieldSchemaParse(t *testing.T) {
	s := testSchema(t)
	for _, tc := range []struct {
		assignment string
		name       string
		want       any
	}{
		{"Notes summary= Call back in May ", "Notes summary", "Call back in May"},
		{"Website=acme.example", "Website", "acme.example"},
		{"Seats=42.5", "Seats", 42.5},
		{"Contract value=1500 EUR", "Contract value", MonetaryValue{Value: 1500, Currency: "EUR"}},
		{"Contract value=usd 99.5", "Contract value", MonetaryValue{Value: 99.5, Currency: "USD"}},
		{"Contract value=20EUR", "Contract value", MonetaryValue{Value: 20, Currency: "EUR"}},
		{"Renewal date=2026-09-30", "Renewal date", Date("2026-09-30")},
		{"Contract period=2026-01-01..2026-12-31", "Contract period", DateRangeValue{Value: "2026-01-01", Until: "2026-12-31"}},
		{"Contract period=2026-01-01/2026-12-31", "Contract period", DateRangeValue{Value: "2026-01-01", Until: "2026-12-31"}},
		{"Call time=14:30", "Call time", "14:30"},
		{"Office hours=09:00..17:00", "Office hours", TimeRangeValue{Value: "09:00", Until: "17:00"}},
		{"region=emea", "region", "emea"},
		{"Region=12", "Region", 12},
		{"Tags=VIP, Partner", "Tags", []string{"VIP", "Partner"}},
		{"Tags=Hot, urgent", "Tags", []string{"Hot, urgent"}},
		{"Account manager=7", "Account manager", 7},
		{"Champion=31", "Champion", 31},
		{"Parent company=12", "Parent company", 12},
		{"Billing address=" + testAddress, "Billing address", testAddress},
		{"Hotline=+372 5555 0101", "Hotline", "+372 5555 0101"},
		{"Region=", "Region", nil},
		{"Contract value=a=b", "", nil}, // checked below: an error
	} {
		t.Run(tc.assignment, func(t *testing.T) {
			name, value, err := s.ParseAssignment(tc.assignment)
			if tc.name == "" {
				requireFieldError(t, err, ErrFieldType)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tc.name, name)
			assert.Equal(t, tc.want, value)
			require.NoError(t, s.Set(map[string]any{}, name, value))
			require.NoError(t, s.SetV2(map[string]any{}, name, value))
		})
	}
}

func TestFieldSchemaParseErrors(t *testing.T) {
	s := testSchema(t)
	for _, tc := range []struct {
		assignment string
		kind       error
	}{
		{"Seats=many", ErrFieldType},
		{"Contract value=1500", ErrFieldType},
		{"Contract value=1500 EUR USD", ErrFieldType},
		{"Renewal date=31.12.2026", ErrFieldType},
		{"Contract period=2026-01-01", ErrFieldType},
		{"Office hours=9..late", ErrFieldType},
		{"Call time=noon", ErrFieldType},
		{"Champion=Bob", ErrFieldType},
		{"Region=Europe", ErrUnknownOption},
		{"Region=99", ErrUnknownOption},
		{"Tags=VIP, Gold", ErrUnknownOption},
		{"Regoin=EMEA", ErrUnknownField},
	} {
		t.Run(tc.assignment, func(t *testing.T) {
			_, _, err := s.ParseAssignment(tc.assignment)
			requireFieldError(t, err, tc.kind)
		})
	}
	for _, bad := range []string{"Region", "=EMEA", " = x"} {
		_, _, err := s.ParseAssignment(bad)
		requireValidation(t, err, "assignment")
	}
}

// TestFieldSchemaPrintParse: a value printed with fmt parses back to the
// same value.
func TestFieldSchemaPrintParse(t *testing.T) {
	s := testSchema(t)
	v1, _ := testCustomValues(t)
	for _, name := range []string{"Seats", "Contract value", "Renewal date", "Contract period", "Office hours", "Region", "Champion", "Hotline"} {
		v, err := s.Value(v1, name)
		require.NoError(t, err)
		parsed, err := s.ParseValue(name, fmtValue(v))
		require.NoError(t, err, name)
		m1, m2 := map[string]any{}, map[string]any{}
		require.NoError(t, s.Set(m1, name, v))
		require.NoError(t, s.Set(m2, name, parsed))
		assert.Equal(t, m1, m2, name)
	}
}

func fmtValue(v any) string {
	b, _ := json.Marshal(v)
	if s, ok := v.(interface{ String() string }); ok {
		return s.String()
	}
	var s string
	if json.Unmarshal(b, &s) == nil {
		return s
	}
	return string(b)
}

// fieldsServer serves /v1/dealFields (and activityFields) from testdata,
// counting the list calls per connection.
type fieldsServer struct {
	env   *testEnv
	mu    sync.Mutex
	calls map[string]int // by Maton-Connection header
	file  atomic.Value   // string: the testdata file to answer with
}

func newFieldsServer(t *testing.T) *fieldsServer {
	fs := &fieldsServer{env: setup(t, WithConnection(testConnection)), calls: map[string]int{}}
	fs.file.Store("v1/fields/deal_fields.json")
	fs.env.gateway.HandleFunc("GET /pipedrive/api/v1/dealFields", func(w http.ResponseWriter, r *http.Request) {
		testQuery(t, r, url.Values{"limit": {"500"}})
		fs.count(r)
		writeJSON(t, w, http.StatusOK, testdata(t, fs.file.Load().(string)))
	})
	fs.env.gateway.HandleFunc("GET /pipedrive/api/v1/activityFields", func(w http.ResponseWriter, r *http.Request) {
		testQuery(t, r, url.Values{})
		fs.count(r)
		writeJSON(t, w, http.StatusOK, testdata(t, "v1/fields/activity_fields.json"))
	})
	return fs
}

func (fs *fieldsServer) count(r *http.Request) {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	fs.calls[r.Header.Get("Maton-Connection")]++
}

func (fs *fieldsServer) callsFor(conn string) int {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	return fs.calls[conn]
}

// TestFieldSchemaLoadedOnce: many goroutines asking for the schema at once
// share one list request, and later calls use the cache.
