package pipedrive

import (
	"context"
	"net/http"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestFieldSchemaLoadedOnce(t *testing.T) {
	fs := newFieldsServer(t)
	release := make(chan struct{})
	fs.env.gateway.HandleFunc("GET /pipedrive/api/v1/personFields", func(w http.ResponseWriter, r *http.Request) {
		<-release
		fs.count(r)
		writeJSON(t, w, http.StatusOK, testdata(t, "v1/fields/deal_fields.json"))
	})
	const n = 32
	var wg sync.WaitGroup
	keys := make([]string, n)
	errs := make([]error, n)
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			s, err := fs.env.client.FieldSchema(context.Background(), EntityPerson)
			if err == nil {
				keys[i], err = s.Key("Region")
			}
			errs[i] = err
		}()
	}
	close(release)
	wg.Wait()
	for i := range n {
		require.NoError(t, errs[i])
		assert.Equal(t, fkEnum, keys[i])
	}
	assert.Equal(t, 1, fs.callsFor(testConnection), "one list request for all goroutines")

	s, err := fs.env.client.FieldSchema(context.Background(), EntityPerson)
	require.NoError(t, err)
	assert.Equal(t, EntityPerson, s.Entity())
	assert.Equal(t, 1, fs.callsFor(testConnection), "cached")
}

// TestFieldSchemaPerConnection: each Maton connection (a Pipedrive company)
// has its own schema; each entity too.
func TestFieldSchemaPerConnection(t *testing.T) {
	const other = "0d6f4c1e-7a2b-4c3d-9e8f-0123456789ab"
	fs := newFieldsServer(t)
	fs.env.gateway.HandleFunc("GET /pipedrive/api/v1/organizationFields", func(w http.ResponseWriter, r *http.Request) {
		fs.count(r)
		file := "v1/fields/deal_fields.json"
		if r.Header.Get("Maton-Connection") == other {
			file = "v1/fields/deal_fields_standard.json"
		}
		writeJSON(t, w, http.StatusOK, testdata(t, file))
	})
	ctx := context.Background()
	otherCtx := ContextWithConnection(ctx, other)
	for range 2 {
		s, err := fs.env.client.FieldSchema(ctx, EntityOrganization)
		require.NoError(t, err)
		_, err = s.Key("Region")
		require.NoError(t, err)

		s, err = fs.env.client.FieldSchema(otherCtx, EntityOrganization)
		require.NoError(t, err)
		_, err = s.Key("Region")
		requireFieldError(t, err, ErrUnknownField)
	}
	assert.Equal(t, 1, fs.callsFor(testConnection))
	assert.Equal(t, 1, fs.callsFor(other))

	s, err := fs.env.client.FieldSchema(ctx, EntityActivity)
	require.NoError(t, err)
	_, err = s.Key("Meeting room")
	require.NoError(t, err)
	assert.Equal(t, 2, fs.callsFor(testConnection), "activities have their own schema")

	_, err = fs.env.client.FieldSchema(ContextWithConnection(ctx, "not-a-uuid"), EntityDeal)
	requireValidation(t, err, "connection")
	_, err = fs.env.client.FieldSchema(ctx, "lead")
	requireValidation(t, err, "entity")
}

// TestFieldSchemaRefresh reloads the schema for every holder.
func TestFieldSchemaRefresh(t *testing.T) {
	fs := newFieldsServer(t)
	fs.file.Store("v1/fields/deal_fields_standard.json")
	ctx := context.Background()
	s, err := fs.env.client.FieldSchema(ctx, EntityDeal)
	require.NoError(t, err)
	_, err = s.Key("Region")
	requireFieldError(t, err, ErrUnknownField)

	fs.file.Store("v1/fields/deal_fields.json") // someone added fields
	require.NoError(t, s.Refresh(ctx))
	key, err := s.Key("Region")
	require.NoError(t, err)
	assert.Equal(t, fkEnum, key)

	again, err := fs.env.client.FieldSchema(ctx, EntityDeal)
	require.NoError(t, err)
	_, err = again.Key("Region")
	require.NoError(t, err, "the cache holds the refreshed schema")
	assert.Equal(t, 2, fs.callsFor(testConnection))

	requireValidation(t, testSchema(t).Refresh(ctx), "schema")
}

// TestFieldSchemaLoadError: a failed load is not cached.
func TestFieldSchemaLoadError(t *testing.T) {
	env := setup(t)
	var calls atomic.Int32
	env.gateway.HandleFunc("GET /pipedrive/api/v1/dealFields", func(w http.ResponseWriter, r *http.Request) {
		if calls.Add(1) == 1 {
			writeJSON(t, w, http.StatusForbidden, `{"success":false,"error":"Scope and URL mismatch","error_info":"Please check https://pipedrive.readme.io/docs/core-api-concepts-oauth-scopes"}`)
			return
		}
		writeJSON(t, w, http.StatusOK, testdata(t, "v1/fields/deal_fields.json"))
	})
	_, err := env.client.FieldSchema(context.Background(), EntityDeal)
	require.ErrorIs(t, err, ErrForbidden)
	s, err := env.client.FieldSchema(context.Background(), EntityDeal)
	require.NoError(t, err)
	_, err = s.Key("Tags")
	require.NoError(t, err)
	assert.EqualValues(t, 2, calls.Load())
}

// TestFieldSchemaLeaderCanceled: when the caller whose request loads the
// schema gives up, a caller still waiting loads it itself.
func TestFieldSchemaLeaderCanceled(t *testing.T) {
	env := setupRaw(t) // the abandoned request gets no answer
	var calls atomic.Int32
	entered := make(chan struct{})
	env.gateway.HandleFunc("GET /pipedrive/api/v1/dealFields", func(w http.ResponseWriter, r *http.Request) {
		if calls.Add(1) == 1 {
			close(entered)
			<-r.Context().Done() // the first caller cancels
			return
		}
		writeJSON(t, w, http.StatusOK, testdata(t, "v1/fields/deal_fields.json"))
	})
	ctx, cancel := context.WithCancel(context.Background())
	leaderErr := make(chan error, 1)
	go func() {
		_, err := env.client.FieldSchema(ctx, EntityDeal)
		leaderErr <- err
	}()
	<-entered
	waiter := make(chan error, 1)
	go func() {
		s, err := env.client.FieldSchema(context.Background(), EntityDeal)
		if err == nil {
			_, err = s.Key("Region")
		}
		waiter <- err
	}()
	cancel()
	require.ErrorIs(t, <-leaderErr, context.Canceled)
	require.NoError(t, <-waiter)
	assert.EqualValues(t, 2, calls.Load())
}
