package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"strings"
	"testing"

	"github.com/gopipedrive/pipedrive"
	"github.com/gopipedrive/pipedrive/pipedrivetest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// runExport runs the program with args and returns what it printed.
func runExport(t *testing.T, args ...string) (stdout, stderr string, err error) {
	t.Helper()
	var out, errOut bytes.Buffer
	err = run(context.Background(), args, &out, &errOut)
	return out.String(), errOut.String(), err
}

// decodeLines parses every NDJSON line as a deal.
func decodeLines(t *testing.T, ndjson string) []*pipedrive.V2Deal {
	t.Helper()
	var deals []*pipedrive.V2Deal
	sc := bufio.NewScanner(strings.NewReader(ndjson))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var d pipedrive.V2Deal
		require.NoError(t, json.Unmarshal(sc.Bytes(), &d), "line %d: %s", len(deals)+1, sc.Text())
		deals = append(deals, &d)
	}
	require.NoError(t, sc.Err())
	return deals
}

func TestExportsEverySeededDealOnce(t *testing.T) {
	stdout, stderr, err := runExport(t)
	require.NoError(t, err)

	deals := decodeLines(t, stdout)
	require.Len(t, deals, 1234)
	seen := map[int]bool{}
	for _, d := range deals {
		assert.False(t, seen[d.ID], "deal #%d exported twice", d.ID)
		seen[d.ID] = true
		assert.NotEmpty(t, d.Title)
		assert.NotEqual(t, pipedrive.V2DealStatusDeleted, d.Status)
	}
	assert.Contains(t, stderr, "export: seeded 1234 deals")
	assert.Contains(t, stderr, "export: done: 1234 deals in 3 pages of up to 500")
}

func TestStatusFilter(t *testing.T) {
	const seeded = 150
	want := 0
	for i := 1; i <= seeded; i++ {
		if seedStatus(i) == pipedrive.V2DealStatusLost {
			want++
		}
	}
	stdout, _, err := runExport(t, "-seed", fmt.Sprint(seeded), "-status", "lost")
	require.NoError(t, err)

	deals := decodeLines(t, stdout)
	require.Len(t, deals, want)
	for _, d := range deals {
		assert.Equal(t, pipedrive.V2DealStatusLost, d.Status)
	}
}

func TestProgressReportsPages(t *testing.T) {
	stdout, stderr, err := runExport(t, "-seed", "30", "-limit", "10", "-progress", "10")
	require.NoError(t, err)
	assert.Len(t, decodeLines(t, stdout), 30)
	assert.Contains(t, stderr, "export:     10 deals, page 1,")
	assert.Contains(t, stderr, "export:     20 deals, page 2,")
	assert.Contains(t, stderr, "export:     30 deals, page 3,")
	assert.Contains(t, stderr, "export: done: 30 deals in 3 pages of up to 10")
}

func TestNoDealsIsAnEmptyExport(t *testing.T) {
	stdout, stderr, err := runExport(t, "-seed", "0")
	require.NoError(t, err)
	assert.Empty(t, stdout)
	assert.Contains(t, stderr, "export: done: 0 deals in 1 page")
}

func TestLiveUsesTheEnvironment(t *testing.T) {
	srv := pipedrivetest.NewServer(pipedrivetest.WithSeedData())
	t.Cleanup(srv.Close)
	client := srv.Client(t)
	for _, title := range []string{"One", "Two", "Three"} {
		_, _, err := client.Deals.Create(context.Background(), &pipedrive.DealCreateParams{Title: title})
		require.NoError(t, err)
	}
	t.Setenv(pipedrive.EnvAPIKey, srv.APIKey)
	t.Setenv(pipedrive.EnvGatewayURL, srv.GatewayURL())
	t.Setenv(pipedrive.EnvControlURL, srv.ControlURL())
	t.Setenv(pipedrive.EnvConnection, srv.ConnectionID)

	stdout, stderr, err := runExport(t, "-live", "-limit", "2")
	require.NoError(t, err)
	deals := decodeLines(t, stdout)
	require.Len(t, deals, 3)
	assert.Equal(t, []string{"One", "Two", "Three"}, []string{deals[0].Title, deals[1].Title, deals[2].Title})
	assert.NotContains(t, stderr, "seeded")
}

func TestLiveWithoutAKeyFails(t *testing.T) {
	t.Setenv(pipedrive.EnvAPIKey, "")
	_, _, err := runExport(t, "-live")
	var ve *pipedrive.ValidationError
	require.True(t, errors.As(err, &ve), "got %v", err)
	assert.Equal(t, pipedrive.EnvAPIKey, ve.Field)
}

func TestCommandLineErrors(t *testing.T) {
	for _, args := range [][]string{
		{"-limit", "0"},
		{"-limit", "501"},
		{"-status", "maybe"},
		{"-seed", "-1"},
		{"extra"},
	} {
		_, _, err := runExport(t, args...)
		assert.Error(t, err, "%v", args)
	}
	_, _, err := runExport(t, "-bogus")
	var usage usageError
	assert.True(t, errors.As(err, &usage), "got %v", err)
	_, _, err = runExport(t, "-h")
	assert.ErrorIs(t, err, flag.ErrHelp)
}
