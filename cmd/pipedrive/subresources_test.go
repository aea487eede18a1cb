package main

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestFollowersCommands(t *testing.T) {
	f := newFixture(t)
	for _, kind := range []string{"deals", "persons", "organizations"} {
		res := f.run(kind, "followers", "list", "1")
		require.Equal(t, 0, res.code, res.stderr)
		assert.Contains(t, res.stdout, "USER")
		res = f.run(kind, "followers", "add", "1", "2", "-o", "json")
		require.Equal(t, 0, res.code, res.stderr)
		assert.Contains(t, res.stdout, `"user_id": 2`)
		res = f.run(kind, "followers", "list", "1", "-o", "ndjson")
		require.Equal(t, 0, res.code, res.stderr)
		assert.Contains(t, res.stdout, `"user_id":2`)
		res = f.run(kind, "followers", "delete", "1", "2")
		require.Equal(t, 0, res.code, res.stderr)
		assert.Contains(t, res.stdout, "deleted follower 2")
		res = f.run(kind, "followers", "changelog", "1")
		require.Equal(t, 0, res.code, res.stderr)
		assert.Contains(t, res.stdout, "removed")
	}
	res := f.run("deals", "followers", "add", "1")
	assert.Equal(t, 2, res.code)
	assert.Contains(t, res.stderr, "missing argument: DEAL_ID USER_ID")
	res = f.run("persons", "followers", "list", "0")
	assert.Equal(t, 2, res.code)
	assert.Contains(t, res.stderr, `"0" is not a person id`)
}
