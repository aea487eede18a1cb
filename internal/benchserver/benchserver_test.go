package benchserver

import (
	"encoding/json"
	"io"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestQueryInt(t *testing.T) {
	assert.Equal(t, 500, queryInt("limit=500&start=500", "start"))
	assert.Equal(t, 0, queryInt("limit=500", "start"))
	assert.Equal(t, 0, queryInt("start=-3", "start"))
	assert.Equal(t, 0, queryInt("start=x", "start"))
	assert.Equal(t, 7, queryInt("start=7", "start"))
}

type listPage struct {
	Success bool              `json:"success"`
	Data    []json.RawMessage `json:"data"`
	Extra   struct {
		Pagination struct {
			Start     int  `json:"start"`
			MoreItems bool `json:"more_items_in_collection"`
			NextStart *int `json:"next_start"`
		} `json:"pagination"`
	} `json:"additional_data"`
}

func get(t *testing.T, url string) (*http.Response, []byte) {
	t.Helper()
	resp, err := http.Get(url)
	require.NoError(t, err)
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return resp, b
}

func TestServer(t *testing.T) {
	for _, chunked := range []bool{false, true} {
		srv := New(Config{PageSize: 3, Total: 5, NoContentLength: chunked})
		resp, b := get(t, srv.URL+"/pipedrive/api/v1/deals?limit=3")
		if chunked {
			assert.EqualValues(t, -1, resp.ContentLength)
		} else {
			assert.EqualValues(t, len(b), resp.ContentLength)
		}
		var p listPage
		require.NoError(t, json.Unmarshal(b, &p))
		assert.True(t, p.Success)
		assert.Len(t, p.Data, 3)
		assert.True(t, p.Extra.Pagination.MoreItems)
		require.NotNil(t, p.Extra.Pagination.NextStart)
		assert.Equal(t, 3, *p.Extra.Pagination.NextStart)

		_, b = get(t, srv.URL+"/pipedrive/api/v1/deals?limit=3&start=3")
		p = listPage{}
		require.NoError(t, json.Unmarshal(b, &p))
		assert.Equal(t, 3, p.Extra.Pagination.Start)
		assert.False(t, p.Extra.Pagination.MoreItems, "the page reaching the total is the last")
		assert.Nil(t, p.Extra.Pagination.NextStart, "next_start only when more items follow")

		resp, b = get(t, srv.URL+"/pipedrive/api/v1/deals/42")
		assert.Equal(t, http.StatusOK, resp.StatusCode)
		assert.True(t, json.Valid(b))
		resp, _ = get(t, srv.URL+"/pipedrive/api/v1/nothing")
		assert.Equal(t, http.StatusNotFound, resp.StatusCode)

		assert.EqualValues(t, 4, srv.Requests())
		assert.EqualValues(t, 1, srv.NewConns(), "http.Get reuses its connection")
		srv.Close()
	}
}

func TestPageBody(t *testing.T) {
	b := PageBody(500)
	assert.True(t, json.Valid(b))
	assert.Greater(t, len(b), 1_000_000, "a page of 500 deals is over 1 MB")
	var p listPage
	require.NoError(t, json.Unmarshal(b, &p))
	require.Len(t, p.Data, 500)
	var d map[string]json.RawMessage
	require.NoError(t, json.Unmarshal(p.Data[0], &d))
	for _, k := range CustomKeys {
		assert.Contains(t, d, k)
	}
	assert.Contains(t, d, CustomKeys[0]+"_currency")
}
