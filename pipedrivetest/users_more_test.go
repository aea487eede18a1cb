package pipedrivetest_test

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/gopipedrive/pipedrive"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Users: find, add, deactivate, permissions, roles; note comments; lead
// fields — through the SDK, validated against the spec.
func TestConformanceUsersAndComments(t *testing.T) {
	srv, c, ctx := sdkConformance(t)

	u, _, err := c.Users.Create(ctx, &pipedrive.UserCreateParams{Email: "dana@example.com",
		Access: []pipedrive.UserAccess{{App: pipedrive.UserAppSales}}})
	require.NoError(t, err)
	assert.Equal(t, "dana@example.com", u.Email)
	_, _, err = c.Users.Create(ctx, &pipedrive.UserCreateParams{Email: "dana@example.com"})
	var apiErr *pipedrive.APIError
	require.ErrorAs(t, err, &apiErr, "the email is taken")
	found, _, err := c.Users.Find(ctx, &pipedrive.UserFindOptions{Term: "dan"})
	require.NoError(t, err)
	require.Len(t, found, 1)
	assert.Equal(t, u.ID, found[0].ID)
	byEmail, _, err := c.Users.Find(ctx, &pipedrive.UserFindOptions{Term: "example.com", ByEmail: true})
	require.NoError(t, err)
	assert.GreaterOrEqual(t, len(byEmail), 2)

	off, _, err := c.Users.SetActive(ctx, u.ID, false)
	require.NoError(t, err)
	assert.False(t, off.ActiveFlag)
	_, _, err = c.Users.SetActive(ctx, 1, false)
	require.ErrorAs(t, err, &apiErr, "one cannot deactivate oneself")

	perms, _, err := c.Users.Permissions(ctx, u.ID)
	require.NoError(t, err)
	assert.True(t, perms["can_merge_deals"])
	assert.False(t, perms["can_add_custom_fields"], "a regular user")
	admin, _, err := c.Users.Permissions(ctx, 1)
	require.NoError(t, err)
	assert.True(t, admin["can_add_custom_fields"])
	roles, _, err := c.Users.RoleAssignments(ctx, 1, &pipedrive.ListOptions{Limit: 10})
	require.NoError(t, err)
	require.Len(t, roles, 1)
	assert.Equal(t, "Admins", roles[0].Name)
	settings, _, err := c.Users.RoleSettings(ctx, 1)
	require.NoError(t, err)
	assert.Equal(t, pipedrive.FlexInt(3), settings["deal_default_visibility"])
	followers, _, err := c.Users.Followers(ctx, 1)
	require.NoError(t, err)
	assert.Empty(t, followers)
	_, _, err = c.Users.Permissions(ctx, 999)
	assert.ErrorIs(t, err, pipedrive.ErrNotFound)

	note, _, err := c.Notes.Create(ctx, &pipedrive.NoteCreateParams{Content: "Commented", DealID: 0, PersonID: mustPerson(t, c)})
	require.NoError(t, err)
	cm, _, err := c.Notes.AddComment(ctx, note.ID, "First!")
	require.NoError(t, err)
	assert.Len(t, cm.UUID, 36)
	assert.Equal(t, note.ID, int(cm.ObjectID))
	assert.Equal(t, "note", cm.ObjectType)
	_, _, err = c.Notes.AddComment(ctx, note.ID, "Second")
	require.NoError(t, err)
	cm, _, err = c.Notes.UpdateComment(ctx, note.ID, cm.UUID, "First, edited")
	require.NoError(t, err)
	assert.Equal(t, "First, edited", cm.Content)
	got, _, err := c.Notes.Comment(ctx, note.ID, cm.UUID)
	require.NoError(t, err)
	assert.Equal(t, "First, edited", got.Content)
	list, res, err := c.Notes.Comments(ctx, note.ID, &pipedrive.ListOptions{Limit: 1})
	require.NoError(t, err)
	require.Len(t, list, 1)
	assert.True(t, res.Pagination.MoreItems)
	_, err = c.Notes.DeleteComment(ctx, note.ID, cm.UUID)
	require.NoError(t, err)
	_, _, err = c.Notes.Comment(ctx, note.ID, cm.UUID)
	assert.ErrorIs(t, err, pipedrive.ErrNotFound)
	_, _, err = c.Notes.Comments(ctx, 99999, nil)
	assert.ErrorIs(t, err, pipedrive.ErrNotFound)

	fields, _, err := c.Leads.Fields(ctx, nil)
	require.NoError(t, err)
	keys := map[string]bool{}
	for _, f := range fields {
		keys[f.Key] = true
	}
	assert.True(t, keys["title"])
	assert.True(t, keys["value"])
	region, _ := srv.Field("", "deal", "Region")
	assert.True(t, keys[region.Key], "leads share the deal custom fields")
}

func mustPerson(t *testing.T, c *pipedrive.Client) int {
	t.Helper()
	p, _, err := c.V2.Persons.Create(context.Background(), &pipedrive.V2PersonCreateParams{Name: "Note person"})
	require.NoError(t, err)
	return p.ID
}

// Activity types: the built-in ones, custom ones with a derived key,
// deactivation.
func TestConformanceActivityTypes(t *testing.T) {
	_, c, ctx := sdkConformance(t)
	types, _, err := c.ActivityTypes.List(ctx)
	require.NoError(t, err)
	require.GreaterOrEqual(t, len(types), 6)
	assert.Equal(t, "call", types[0].KeyString)
	vt, _, err := c.ActivityTypes.Create(ctx, &pipedrive.ActivityTypeParams{Name: "Video call", IconKey: "camera", Color: "aeb31b"})
	require.NoError(t, err)
	assert.Equal(t, "video_call", vt.KeyString)
	assert.True(t, bool(vt.IsCustomFlag))
	assert.Greater(t, vt.ID, types[len(types)-1].ID)
	again, _, err := c.ActivityTypes.Create(ctx, &pipedrive.ActivityTypeParams{Name: "Video call!", IconKey: "camera"})
	require.NoError(t, err)
	assert.Equal(t, "video_call_2", again.KeyString)
	vt, _, err = c.ActivityTypes.Update(ctx, vt.ID, &pipedrive.ActivityTypeParams{Color: "000000"})
	require.NoError(t, err)
	assert.Equal(t, "000000", vt.Color)
	off, _, err := c.ActivityTypes.Delete(ctx, vt.ID)
	require.NoError(t, err)
	assert.False(t, bool(off.ActiveFlag))
	_, _, err = c.ActivityTypes.Delete(ctx, vt.ID)
	assert.ErrorIs(t, err, pipedrive.ErrNotFound)
	_, _, err = c.ActivityTypes.Delete(ctx, types[0].ID)
	var apiErr *pipedrive.APIError
	require.ErrorAs(t, err, &apiErr, "built-in types stay")
	all, _, err := c.ActivityTypes.List(ctx)
	require.NoError(t, err)
	assert.Len(t, all, len(types)+2, "deactivated types are listed too")
}

// Recent changes across item types, note fields, user settings and
// connections, company add-ons.
func TestConformanceWorkspaceReads(t *testing.T) {
	_, c, ctx := sdkConformance(t)
	since := time.Now().Add(-time.Minute)
	deal, _, err := c.V2.Deals.Create(ctx, &pipedrive.V2DealCreateParams{Title: "Recent deal"})
	require.NoError(t, err)
	person, _, err := c.V2.Persons.Create(ctx, &pipedrive.V2PersonCreateParams{Name: "Recent person"})
	require.NoError(t, err)
	_, _, err = c.Notes.Create(ctx, &pipedrive.NoteCreateParams{Content: "Recent note", DealID: deal.ID})
	require.NoError(t, err)
	kinds := map[string]int{}
	for it, err := range c.Recents.All(ctx, &pipedrive.RecentsOptions{Since: since, ListOptions: pipedrive.ListOptions{Limit: 1}}) {
		require.NoError(t, err)
		kinds[it.Item]++
		switch it.Item {
		case "deal":
			assert.Equal(t, "Recent deal", it.Deal.Title)
		case "person":
			assert.Equal(t, person.ID, it.Person.ID)
		case "note":
			assert.Equal(t, "Recent note", it.Note.Content)
		}
	}
	assert.Equal(t, 1, kinds["deal"])
	assert.Equal(t, 1, kinds["person"])
	assert.Equal(t, 1, kinds["note"])
	only, _, err := c.Recents.List(ctx, &pipedrive.RecentsOptions{Since: since, Items: []string{"deal"}})
	require.NoError(t, err)
	require.Len(t, only, 1)

	nf, _, err := c.Notes.Fields(ctx)
	require.NoError(t, err)
	assert.Equal(t, "content", nf[0].Key)
	settings, _, err := c.Users.Settings(ctx)
	require.NoError(t, err)
	assert.Contains(t, settings, "list_limit")
	conns, _, err := c.Users.Connections(ctx)
	require.NoError(t, err)
	assert.Empty(t, conns)
	addons, _, err := c.Users.Addons(ctx)
	require.NoError(t, err)
	assert.NotEmpty(t, addons)
}

// Organization relationships: parent and daughter seen from each side.
func TestConformanceOrgRelationships(t *testing.T) {
	_, c, ctx := sdkConformance(t)
	parent, _, err := c.V2.Organizations.Create(ctx, &pipedrive.V2OrganizationCreateParams{Name: "Holding"})
	require.NoError(t, err)
	child, _, err := c.V2.Organizations.Create(ctx, &pipedrive.V2OrganizationCreateParams{Name: "Subsidiary"})
	require.NoError(t, err)
	rel, _, err := c.OrganizationRelationships.Create(ctx, &pipedrive.OrganizationRelationshipParams{Type: "parent",
		RelOwnerOrgID: parent.ID, RelLinkedOrgID: child.ID})
	require.NoError(t, err)
	assert.Equal(t, parent.ID, rel.RelOwnerOrgID.ID)
	assert.Equal(t, "Subsidiary", rel.RelLinkedOrgID.Name)
	fromChild, _, err := c.OrganizationRelationships.List(ctx, child.ID)
	require.NoError(t, err)
	require.Len(t, fromChild, 1)
	assert.Equal(t, "parent", fromChild[0].CalculatedType)
	assert.Equal(t, parent.ID, fromChild[0].CalculatedRelatedOrgID)
	got, _, err := c.OrganizationRelationships.Get(ctx, rel.ID, parent.ID)
	require.NoError(t, err)
	assert.Equal(t, "parent", got.Type)
	assert.Equal(t, "daughter", got.CalculatedType, "seen from the parent")
	assert.Equal(t, "Subsidiary", got.RelatedOrganizationName)
	rel, _, err = c.OrganizationRelationships.Update(ctx, rel.ID, &pipedrive.OrganizationRelationshipParams{Type: "related"})
	require.NoError(t, err)
	assert.Equal(t, "related", rel.Type)
	_, _, err = c.OrganizationRelationships.Create(ctx, &pipedrive.OrganizationRelationshipParams{Type: "related", RelOwnerOrgID: parent.ID, RelLinkedOrgID: 99999})
	assert.ErrorIs(t, err, pipedrive.ErrNotFound)
	_, err = c.OrganizationRelationships.Delete(ctx, rel.ID)
	require.NoError(t, err)
	none, _, err := c.OrganizationRelationships.List(ctx, parent.ID)
	require.NoError(t, err)
	assert.Empty(t, none)
}

// Call logs: logged, read, listed, a recording attached once, deleted.
func TestConformanceCallLogs(t *testing.T) {
	_, c, ctx := sdkConformance(t)
	person, _, err := c.V2.Persons.Create(ctx, &pipedrive.V2PersonCreateParams{Name: "Callee"})
	require.NoError(t, err)
	start := time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)
	cl, _, err := c.CallLogs.Create(ctx, &pipedrive.CallLogParams{Outcome: pipedrive.CallConnected, ToPhoneNumber: "+3725551234",
		StartTime: start, EndTime: start.Add(75 * time.Second), Duration: "75", PersonID: person.ID, Subject: "Intro call"})
	require.NoError(t, err)
	assert.True(t, strings.HasPrefix(string(cl.ID), "CA"))
	assert.False(t, cl.HasRecording)
	_, _, err = c.CallLogs.Create(ctx, &pipedrive.CallLogParams{Outcome: pipedrive.CallBusy, ToPhoneNumber: "+3725550000",
		StartTime: start, EndTime: start})
	require.NoError(t, err)
	_, err = c.CallLogs.AddRecording(ctx, string(cl.ID), "call.mp3", strings.NewReader("ID3 audio"))
	require.NoError(t, err)
	_, err = c.CallLogs.AddRecording(ctx, string(cl.ID), "call.mp3", strings.NewReader("again"))
	var apiErr *pipedrive.APIError
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, http.StatusConflict, apiErr.StatusCode)
	got, _, err := c.CallLogs.Get(ctx, string(cl.ID))
	require.NoError(t, err)
	assert.True(t, got.HasRecording)
	assert.Equal(t, "Intro call", got.Subject)
	n := 0
	for _, err := range c.CallLogs.All(ctx, &pipedrive.ListOptions{Limit: 1}) {
		require.NoError(t, err)
		n++
	}
	assert.Equal(t, 2, n)
	_, err = c.CallLogs.Delete(ctx, string(cl.ID))
	require.NoError(t, err)
	_, _, err = c.CallLogs.Get(ctx, string(cl.ID))
	assert.ErrorIs(t, err, pipedrive.ErrNotFound)
}
