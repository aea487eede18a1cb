package pipedrivetest_test

import (
	"net/http"
	"testing"

	"github.com/gopipedrive/pipedrive"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Followers of deals, persons and organizations through the SDK, v1 and
// v2 over one store, every request and answer validated against the specs.
func TestConformanceFollowers(t *testing.T) {
	srv, c, ctx := sdkConformance(t)
	bob := srv.AddUser("", "Bob Seller", "bob@example.com")
	carol := srv.AddUser("", "Carol Closer", "carol@example.com")

	deal, _, err := c.V2.Deals.Create(ctx, &pipedrive.V2DealCreateParams{Title: "Followed"})
	require.NoError(t, err)
	person, _, err := c.V2.Persons.Create(ctx, &pipedrive.V2PersonCreateParams{Name: "Followed person"})
	require.NoError(t, err)
	org, _, err := c.V2.Organizations.Create(ctx, &pipedrive.V2OrganizationCreateParams{Name: "Followed org"})
	require.NoError(t, err)

	for _, e := range []struct {
		t  pipedrive.FollowedType
		id int
	}{{pipedrive.FollowedDeal, deal.ID}, {pipedrive.FollowedPerson, person.ID}, {pipedrive.FollowedOrganization, org.ID}} {
		t.Run(string(e.t), func(t *testing.T) {
			// The owner follows from the start.
			fs, _, err := c.V2.Followers.List(ctx, e.t, e.id, nil)
			require.NoError(t, err)
			require.Len(t, fs, 1)
			owner := fs[0].UserID

			added, _, err := c.V2.Followers.Add(ctx, e.t, e.id, bob)
			require.NoError(t, err)
			assert.Equal(t, bob, added.UserID)
			assert.False(t, added.AddTime.IsZero())
			_, _, err = c.V2.Followers.Add(ctx, e.t, e.id, bob)
			var apiErr *pipedrive.APIError
			require.ErrorAs(t, err, &apiErr, "already a follower")
			assert.Equal(t, http.StatusBadRequest, apiErr.StatusCode)
			_, _, err = c.V2.Followers.Add(ctx, e.t, e.id, 999)
			assert.ErrorIs(t, err, pipedrive.ErrNotFound, "no such user")

			// v1 sees the same followers, with the following's own id.
			v1, _, err := c.Followers.List(ctx, e.t, e.id)
			require.NoError(t, err)
			require.Len(t, v1, 2)
			assert.Equal(t, []int{owner, bob}, []int{v1[0].UserID, v1[1].UserID})
			assert.Equal(t, e.id, v1[1].DealID+v1[1].PersonID+v1[1].OrgID)
			f, _, err := c.Followers.Add(ctx, e.t, e.id, carol)
			require.NoError(t, err)
			assert.Equal(t, carol, f.UserID)
			assert.False(t, f.AddTime.IsZero())
			_, err = c.Followers.Delete(ctx, e.t, e.id, f.ID)
			require.NoError(t, err)
			_, err = c.Followers.Delete(ctx, e.t, e.id, f.ID)
			assert.ErrorIs(t, err, pipedrive.ErrNotFound)

			// v2 removes by user id; pages follow the cursor.
			_, err = c.V2.Followers.Delete(ctx, e.t, e.id, bob)
			require.NoError(t, err)
			var users []int
			for f, err := range c.V2.Followers.All(ctx, e.t, e.id, &pipedrive.V2ListOptions{Limit: 1}) {
				require.NoError(t, err)
				users = append(users, f.UserID)
			}
			assert.Equal(t, []int{owner}, users)

			var log []string
			for ch, err := range c.V2.Followers.ChangelogAll(ctx, e.t, e.id, &pipedrive.V2ListOptions{Limit: 2}) {
				require.NoError(t, err)
				log = append(log, ch.Action)
			}
			assert.Equal(t, []string{"added", "added", "added", "removed", "removed"}, log)
			page, _, err := c.V2.Followers.Changelog(ctx, e.t, e.id, nil)
			require.NoError(t, err)
			assert.Equal(t, carol, page[2].FollowerUserID)
		})
	}
	_, _, err = c.V2.Followers.List(ctx, pipedrive.FollowedDeal, 99999, nil)
	assert.ErrorIs(t, err, pipedrive.ErrNotFound)
	_, _, err = c.Followers.List(ctx, pipedrive.FollowedPerson, 99999)
	assert.ErrorIs(t, err, pipedrive.ErrNotFound)
}
