package pipedrivetest_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gopipedrive/pipedrive"
	"github.com/gopipedrive/pipedrive/pipedrivetest"
)

func TestClient(t *testing.T) {
	srv := newServer(t, pipedrivetest.WithSeedData())
	client := srv.Client(t)
	ctx := context.Background()

	me, _, err := client.Users.Me(ctx)
	require.NoError(t, err)
	assert.Equal(t, "Alice Admin", me.Name)

	value := 1500.0
	deal, _, err := client.Deals.Create(ctx, &pipedrive.DealCreateParams{Title: "SDK deal", Value: &value})
	require.NoError(t, err)
	assert.Equal(t, 1, deal.ID)
	assert.Equal(t, 1, deal.UserID.ID)

	got, _, err := client.Deals.Get(ctx, deal.ID)
	require.NoError(t, err)
	assert.Equal(t, "SDK deal", got.Title)

	for i := 0; i < 3; i++ {
		_, _, err := client.Deals.Create(ctx, &pipedrive.DealCreateParams{Title: fmt.Sprint("more ", i)})
		require.NoError(t, err)
	}
	var titles []string
	opts := &pipedrive.DealListOptions{}
	opts.Limit = 2
	for d, err := range client.Deals.All(ctx, opts) {
		require.NoError(t, err)
		titles = append(titles, d.Title)
	}
	assert.Equal(t, []string{"SDK deal", "more 0", "more 1", "more 2"}, titles)

	_, _, err = client.Deals.Get(ctx, 999)
	var apiErr *pipedrive.APIError
	require.True(t, errors.As(err, &apiErr), "got %v", err)
	assert.Equal(t, http.StatusNotFound, apiErr.StatusCode)

	conns, _, err := client.Connections.List(ctx, nil)
	require.NoError(t, err)
	require.Len(t, conns, 1)
	assert.Equal(t, srv.ConnectionID, conns[0].ID)
}
