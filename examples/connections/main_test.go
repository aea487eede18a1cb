package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"net/http"
	"testing"
	"time"

	"github.com/gopipedrive/pipedrive"
	"github.com/gopipedrive/pipedrive/pipedrivetest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// runConnections runs the program with args and returns what it printed.
func runConnections(t *testing.T, args ...string) (stdout string, err error) {
	t.Helper()
	var out, errOut bytes.Buffer
	err = run(context.Background(), args, &out, &errOut)
	return out.String(), err
}

// liveEnv points -live at a pipedrivetest server without any connection.
func liveEnv(t *testing.T) *pipedrivetest.Server {
	srv := pipedrivetest.NewServer(pipedrivetest.WithoutConnection())
	t.Cleanup(srv.Close)
	t.Setenv(pipedrive.EnvAPIKey, srv.APIKey)
	t.Setenv(pipedrive.EnvGatewayURL, srv.GatewayURL())
	t.Setenv(pipedrive.EnvControlURL, srv.ControlURL())
	t.Setenv(pipedrive.EnvConnection, "")
	return srv
}

func TestOfflineCreatesAndActivates(t *testing.T) {
	stdout, err := runConnections(t)
	require.NoError(t, err)
	for _, want := range []string{
		"before     Users.Me: no active Pipedrive connection (ErrMissingConnection)",
		" PENDING\n",
		"https://connect.maton.ai/?session_token=",
		"srv.Activate",
		" ACTIVE\n",
		"after      Users.Me: Alice Admin <alice@example.com>",
		"export MATON_CONNECTION=",
	} {
		assert.Contains(t, stdout, want)
	}
}

func TestLiveWithoutWaitLeavesItPending(t *testing.T) {
	srv := liveEnv(t)
	stdout, err := runConnections(t, "-live")
	require.NoError(t, err)

	conns := srv.Connections()
	require.Len(t, conns, 1)
	assert.Equal(t, pipedrivetest.StatusPending, conns[0].Status)
	assert.Contains(t, stdout, conns[0].URL)
	assert.Contains(t, stdout, "get        "+conns[0].ID+" PENDING")
	assert.Contains(t, stdout, "not authorized yet")
	assert.NotContains(t, stdout, "after")
}

func TestLiveWaitsForTheAuthorization(t *testing.T) {
	srv := liveEnv(t)
	// The "person" authorizes the connection as soon as it exists.
	authorized := make(chan error, 1)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go func() {
		for ctx.Err() == nil {
			if conns := srv.Connections(); len(conns) > 0 {
				authorized <- srv.Activate(conns[0].ID)
				return
			}
			time.Sleep(time.Millisecond)
		}
	}()

	stdout, err := runConnections(t, "-live", "-wait", "1m", "-poll", "5ms")
	require.NoError(t, err)
	require.NoError(t, <-authorized)
	id := srv.Connections()[0].ID
	assert.Contains(t, stdout, "get        "+id+" ACTIVE")
	assert.Contains(t, stdout, "after      Users.Me: Alice Admin <alice@example.com>")

	var sawConnectionHeader bool
	for _, r := range srv.RequestLog() {
		if r.Path == "/pipedrive/api/v1/users/me" && r.Header.Get("Maton-Connection") == id {
			sawConnectionHeader = true
		}
	}
	assert.True(t, sawConnectionHeader, "the call after authorization names the connection")
}

func TestLiveCreateFailureIsAnError(t *testing.T) {
	srv := liveEnv(t)
	srv.InjectFault(pipedrivetest.Fault{Method: http.MethodPost, PathPrefix: "/connections", Status: http.StatusUnauthorized,
		Body: `{"message":"Invalid API key","type":"authentication_error","code":401}`})
	_, err := runConnections(t, "-live")
	assert.ErrorIs(t, err, pipedrive.ErrUnauthorized)
	assert.ErrorContains(t, err, "creating the connection")
}

func TestCommandLineErrors(t *testing.T) {
	_, err := runConnections(t, "-poll", "0s")
	assert.Error(t, err)
	_, err = runConnections(t, "extra")
	assert.ErrorContains(t, err, `unexpected argument "extra"`)
	_, err = runConnections(t, "-bogus")
	var usage usageError
	assert.True(t, errors.As(err, &usage), "got %v", err)
	_, err = runConnections(t, "-h")
	assert.ErrorIs(t, err, flag.ErrHelp)
}
