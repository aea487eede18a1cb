package pipedrivetest_test

import (
	"errors"
	"net/http"
	"testing"
	"time"

	"github.com/gopipedrive/pipedrive"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// apiStatus asserts that err is an *APIError with the status.
func apiStatus(t *testing.T, err error, status int, msgAndArgs ...any) {
	t.Helper()
	var apiErr *pipedrive.APIError
	if assert.ErrorAs(t, err, &apiErr, msgAndArgs...) {
		assert.Equal(t, status, apiErr.StatusCode, msgAndArgs...)
	}
}

// Goals: create, find with the dotted filters, results computed from the
// deals, update, delete.
func TestConformanceAdminGoals(t *testing.T) {
	_, c, ctx := sdkConformance(t)
	today := time.Now().UTC()
	start, end := pipedrive.DateOf(today.AddDate(0, -1, 0)), pipedrive.DateOf(today.AddDate(0, 1, 0))

	won, _, err := c.Goals.Create(ctx, &pipedrive.GoalParams{
		Title:           "Win two",
		Assignee:        &pipedrive.GoalAssignee{ID: 1, Type: pipedrive.GoalAssigneePerson},
		Type:            &pipedrive.GoalType{Name: pipedrive.GoalDealsWon, Params: pipedrive.GoalTypeParams{PipelineIDs: []int{1}}},
		ExpectedOutcome: &pipedrive.GoalOutcome{Target: 2, TrackingMetric: pipedrive.GoalQuantity},
		Duration:        &pipedrive.GoalDuration{Start: start, End: end},
		Interval:        pipedrive.GoalMonthly,
	})
	require.NoError(t, err)
	assert.Len(t, won.ID, 32)
	assert.Equal(t, 1, won.OwnerID)
	assert.Equal(t, "Win two", won.Title)
	assert.Equal(t, []int{1}, won.Type.Params.PipelineIDs)
	assert.Equal(t, pipedrive.GoalOutcome{Target: 2, TrackingMetric: pipedrive.GoalQuantity}, won.ExpectedOutcome)
	assert.Equal(t, pipedrive.GoalDuration{Start: start, End: end}, won.Duration)
	assert.True(t, won.IsActive)
	assert.Len(t, won.ReportIDs, 1)

	started, _, err := c.Goals.Create(ctx, &pipedrive.GoalParams{
		Assignee:        &pipedrive.GoalAssignee{ID: 1, Type: pipedrive.GoalAssigneeCompany},
		Type:            &pipedrive.GoalType{Name: pipedrive.GoalDealsStarted},
		ExpectedOutcome: &pipedrive.GoalOutcome{Target: 10000, TrackingMetric: pipedrive.GoalSum, CurrencyID: 1},
		Duration:        &pipedrive.GoalDuration{Start: start}, // open-ended
		Interval:        pipedrive.GoalQuarterly,
	})
	require.NoError(t, err)
	assert.Equal(t, "Deals started", started.Title, "a title derived from the type")
	assert.Nil(t, started.Type.Params.PipelineIDs, "every pipeline")
	assert.Empty(t, started.Duration.End)
	assert.Equal(t, 1, started.ExpectedOutcome.CurrencyID)
	_, _, err = c.Goals.Create(ctx, &pipedrive.GoalParams{
		Assignee:        &pipedrive.GoalAssignee{ID: 99, Type: pipedrive.GoalAssigneePerson},
		Type:            &pipedrive.GoalType{Name: pipedrive.GoalDealsWon},
		ExpectedOutcome: &pipedrive.GoalOutcome{Target: 1, TrackingMetric: pipedrive.GoalQuantity},
		Duration:        &pipedrive.GoalDuration{Start: start}, Interval: pipedrive.GoalWeekly,
	})
	assert.ErrorIs(t, err, pipedrive.ErrNotFound, "an unknown user")

	mine, _, err := c.Goals.Find(ctx, nil)
	require.NoError(t, err)
	assert.Len(t, mine, 2)
	for _, tc := range []struct {
		opts *pipedrive.GoalFindOptions
		want []string
	}{
		{&pipedrive.GoalFindOptions{TypeName: pipedrive.GoalDealsWon}, []string{won.ID}},
		{&pipedrive.GoalFindOptions{AssigneeType: pipedrive.GoalAssigneeCompany}, []string{started.ID}},
		{&pipedrive.GoalFindOptions{AssigneeID: 1, PipelineIDs: []int{1}}, []string{won.ID}},
		{&pipedrive.GoalFindOptions{TrackingMetric: pipedrive.GoalSum, CurrencyID: 1}, []string{started.ID}},
		{&pipedrive.GoalFindOptions{Target: 2}, []string{won.ID}},
		{&pipedrive.GoalFindOptions{Title: "Win two"}, []string{won.ID}},
		{&pipedrive.GoalFindOptions{IsActive: pipedrive.Ptr(false)}, nil},
		{&pipedrive.GoalFindOptions{PeriodStart: "2001-01-01", PeriodEnd: "2001-12-31"}, nil},
		{&pipedrive.GoalFindOptions{PeriodStart: end, PeriodEnd: pipedrive.DateOf(today.AddDate(1, 0, 0))}, []string{won.ID, started.ID}},
	} {
		found, _, err := c.Goals.Find(ctx, tc.opts)
		require.NoError(t, err)
		var ids []string
		for _, g := range found {
			ids = append(ids, g.ID)
		}
		assert.Equal(t, tc.want, ids, "%+v", *tc.opts)
	}

	// One deal won, two started (worth 500 and 250).
	_, _, err = c.V2.Deals.Create(ctx, &pipedrive.V2DealCreateParams{Title: "Won deal", Value: 500, Status: pipedrive.V2DealStatusWon})
	require.NoError(t, err)
	_, _, err = c.V2.Deals.Create(ctx, &pipedrive.V2DealCreateParams{Title: "Open deal", Value: 250})
	require.NoError(t, err)
	res, _, err := c.Goals.Result(ctx, won.ID, start, end)
	require.NoError(t, err)
	assert.Equal(t, 1, res.Progress)
	assert.Equal(t, won.ID, res.Goal.ID)
	res, _, err = c.Goals.Result(ctx, started.ID, start, end)
	require.NoError(t, err)
	assert.Equal(t, 750, res.Progress, "a sum goal adds the deal values")
	_, _, err = c.Goals.Result(ctx, won.ID, pipedrive.DateOf(today.AddDate(0, -2, 0)), end)
	apiStatus(t, err, http.StatusBadRequest, "a period before the goal's start")

	up, _, err := c.Goals.Update(ctx, won.ID, &pipedrive.GoalParams{Title: "Win three",
		ExpectedOutcome: &pipedrive.GoalOutcome{Target: 3, TrackingMetric: pipedrive.GoalQuantity}})
	require.NoError(t, err)
	assert.Equal(t, "Win three", up.Title)
	assert.Equal(t, 3.0, up.ExpectedOutcome.Target)
	assert.Equal(t, won.Type, up.Type, "the rest is kept")

	_, err = c.Goals.Delete(ctx, won.ID)
	require.NoError(t, err)
	_, _, err = c.Goals.Update(ctx, won.ID, &pipedrive.GoalParams{Title: "Gone"})
	assert.ErrorIs(t, err, pipedrive.ErrNotFound)
	_, _, err = c.Goals.Result(ctx, won.ID, start, end)
	assert.ErrorIs(t, err, pipedrive.ErrNotFound)
	_, err = c.Goals.Delete(ctx, won.ID)
	assert.ErrorIs(t, err, pipedrive.ErrNotFound)
	left, _, err := c.Goals.Find(ctx, nil)
	require.NoError(t, err)
	require.Len(t, left, 1)
	assert.Equal(t, started.ID, left[0].ID)
}

// The mailbox: the seed threads by folder, their messages, linking,
// archiving and deleting a thread.
func TestConformanceAdminMailbox(t *testing.T) {
	_, c, ctx := sdkConformance(t)
	inbox, res, err := c.Mailbox.Threads(ctx, &pipedrive.MailThreadListOptions{Folder: pipedrive.MailInbox, ListOptions: pipedrive.ListOptions{Limit: 1}})
	require.NoError(t, err)
	require.Len(t, inbox, 1)
	assert.True(t, res.Pagination.MoreItems)
	first := inbox[0]
	assert.Equal(t, "Pricing for the Q3 rollout", first.Subject, "the most recent first")
	assert.Equal(t, "chris@acme.example", first.Parties.From[0].EmailAddress)
	assert.Equal(t, 2, first.MessageCount)
	assert.False(t, bool(first.ReadFlag))
	var all []*pipedrive.MailThread
	for th, err := range c.Mailbox.ThreadsAll(ctx, &pipedrive.MailThreadListOptions{Folder: pipedrive.MailInbox, ListOptions: pipedrive.ListOptions{Limit: 1}}) {
		require.NoError(t, err)
		all = append(all, th)
	}
	require.Len(t, all, 2)
	sent, _, err := c.Mailbox.Threads(ctx, &pipedrive.MailThreadListOptions{Folder: pipedrive.MailSent})
	require.NoError(t, err)
	require.Len(t, sent, 1)
	assert.True(t, bool(sent[0].HasSentFlag))

	th, _, err := c.Mailbox.Thread(ctx, first.ID)
	require.NoError(t, err)
	assert.Equal(t, first.Subject, th.Subject)
	assert.False(t, th.LastMessageTimestamp.IsZero())
	msgs, _, err := c.Mailbox.ThreadMessages(ctx, first.ID)
	require.NoError(t, err)
	require.Len(t, msgs, 2)
	assert.Equal(t, first.ID, msgs[0].MailThreadID)
	assert.Empty(t, msgs[0].Body)
	m, _, err := c.Mailbox.Message(ctx, msgs[1].ID, false)
	require.NoError(t, err)
	assert.Empty(t, m.Body)
	assert.Equal(t, "acc-emulated", m.AccountID)
	assert.True(t, bool(m.HasBodyFlag))
	m, _, err = c.Mailbox.Message(ctx, msgs[1].ID, true)
	require.NoError(t, err)
	assert.Contains(t, m.Body, "Following up")

	deal, _, err := c.V2.Deals.Create(ctx, &pipedrive.V2DealCreateParams{Title: "Q3 rollout"})
	require.NoError(t, err)
	th, _, err = c.Mailbox.UpdateThread(ctx, first.ID, &pipedrive.MailThreadUpdateParams{DealID: deal.ID, Read: pipedrive.Ptr(true), Shared: pipedrive.Ptr(true)})
	require.NoError(t, err)
	assert.Equal(t, deal.ID, th.DealID)
	assert.Equal(t, "open", th.DealStatus)
	assert.True(t, bool(th.ReadFlag))
	assert.True(t, bool(th.SharedFlag))
	th, _, err = c.Mailbox.UpdateThread(ctx, first.ID, &pipedrive.MailThreadUpdateParams{Archived: pipedrive.Ptr(true)})
	require.NoError(t, err)
	assert.Equal(t, []string{"archive"}, th.Folders)
	archived, _, err := c.Mailbox.Threads(ctx, &pipedrive.MailThreadListOptions{Folder: pipedrive.MailArchive})
	require.NoError(t, err)
	assert.Len(t, archived, 2)
	_, _, err = c.Mailbox.UpdateThread(ctx, sent[0].ID, &pipedrive.MailThreadUpdateParams{Archived: pipedrive.Ptr(true)})
	apiStatus(t, err, http.StatusBadRequest, "only inbox threads are archived")
	_, _, err = c.Mailbox.UpdateThread(ctx, first.ID, &pipedrive.MailThreadUpdateParams{LeadID: "0b7b6f4e-0000-4000-8000-000000000001"})
	assert.ErrorIs(t, err, pipedrive.ErrNotFound, "an unknown lead")

	_, err = c.Mailbox.DeleteThread(ctx, all[1].ID)
	require.NoError(t, err)
	inbox, _, err = c.Mailbox.Threads(ctx, &pipedrive.MailThreadListOptions{Folder: pipedrive.MailInbox})
	require.NoError(t, err)
	assert.Empty(t, inbox, "archived and deleted")
	gone, _, err := c.Mailbox.Thread(ctx, all[1].ID)
	require.NoError(t, err)
	assert.True(t, bool(gone.DeletedFlag))
	_, _, err = c.Mailbox.UpdateThread(ctx, all[1].ID, &pipedrive.MailThreadUpdateParams{Read: pipedrive.Ptr(false)})
	assert.ErrorIs(t, err, pipedrive.ErrNotFound)
	_, err = c.Mailbox.DeleteThread(ctx, all[1].ID)
	assert.ErrorIs(t, err, pipedrive.ErrNotFound)
	_, _, err = c.Mailbox.Thread(ctx, 999)
	assert.ErrorIs(t, err, pipedrive.ErrNotFound)
	_, _, err = c.Mailbox.Message(ctx, 999, false)
	assert.ErrorIs(t, err, pipedrive.ErrNotFound)
	_, _, err = c.Mailbox.ThreadMessages(ctx, 999)
	assert.ErrorIs(t, err, pipedrive.ErrNotFound)
}

// Meetings: a video-calling app links and unlinks a user.
func TestConformanceAdminMeetings(t *testing.T) {
	_, c, ctx := sdkConformance(t)
	me, _, err := c.Users.Me(ctx)
	require.NoError(t, err)
	const link = "7b1c6a52-3f0e-4b8e-9d55-2f2d7f0c8a11"
	p := &pipedrive.UserProviderLinkParams{UserProviderID: link, UserID: me.ID, CompanyID: me.CompanyID, MarketplaceClientID: "video-app"}
	r, _, err := c.Meetings.LinkUserProvider(ctx, p)
	require.NoError(t, err)
	assert.Equal(t, "The user was added successfully", r.Message)
	_, _, err = c.Meetings.LinkUserProvider(ctx, p)
	require.NoError(t, err, "saving again replaces the link")
	other := *p
	other.CompanyID = me.CompanyID + 1
	_, _, err = c.Meetings.LinkUserProvider(ctx, &other)
	assert.ErrorIs(t, err, pipedrive.ErrForbidden, "another company")
	r, _, err = c.Meetings.UnlinkUserProvider(ctx, link)
	require.NoError(t, err)
	assert.Equal(t, "The user data was successfully removed", r.Message)
	_, _, err = c.Meetings.UnlinkUserProvider(ctx, link)
	assert.ErrorIs(t, err, pipedrive.ErrNotFound)
}

// Roles: the tree, assignments (seen from the user's side too),
// visibility settings and pipelines; deleting a role.
func TestConformanceAdminRoles(t *testing.T) {
	_, c, ctx := sdkConformance(t)
	roles, _, err := c.Roles.List(ctx, nil)
	require.NoError(t, err)
	require.Len(t, roles, 1)
	assert.Equal(t, "(Unassigned users)", roles[0].Name)
	assert.Equal(t, pipedrive.FlexInt(1), roles[0].AssignmentCount, "Alice")

	sales, _, err := c.Roles.Create(ctx, &pipedrive.RoleParams{Name: "Sales"})
	require.NoError(t, err)
	emea, _, err := c.Roles.Create(ctx, &pipedrive.RoleParams{Name: "EMEA", ParentRoleID: sales})
	require.NoError(t, err)
	_, _, err = c.Roles.Create(ctx, &pipedrive.RoleParams{Name: "Orphan", ParentRoleID: 99})
	assert.ErrorIs(t, err, pipedrive.ErrNotFound)
	levels := map[string]int{}
	for r, err := range c.Roles.All(ctx, &pipedrive.ListOptions{Limit: 1}) {
		require.NoError(t, err)
		levels[r.Name] = r.Level
	}
	assert.Equal(t, map[string]int{"(Unassigned users)": 1, "Sales": 1, "EMEA": 2}, levels)
	_, err = c.Roles.Update(ctx, emea, &pipedrive.RoleParams{Name: "EMEA sales"})
	require.NoError(t, err)
	got, _, err := c.Roles.Get(ctx, emea)
	require.NoError(t, err)
	assert.Equal(t, "EMEA sales", got.Name)
	assert.Equal(t, sales, got.ParentRoleID)
	_, err = c.Roles.Update(ctx, sales, &pipedrive.RoleParams{ParentRoleID: emea})
	apiStatus(t, err, http.StatusBadRequest, "a role cannot move under its own sub-role")

	u, _, err := c.Users.Create(ctx, &pipedrive.UserCreateParams{Email: "rep@example.com"})
	require.NoError(t, err)
	a, _, err := c.Roles.Assign(ctx, emea, u.ID)
	require.NoError(t, err)
	assert.Equal(t, u.ID, a.UserID)
	assert.Equal(t, emea, a.RoleID)
	var members []*pipedrive.RoleAssignment
	for ra, err := range c.Roles.AssignmentsAll(ctx, emea, nil) {
		require.NoError(t, err)
		members = append(members, ra)
	}
	require.Len(t, members, 1)
	assert.Equal(t, "EMEA sales", members[0].Name)
	assert.Equal(t, sales, members[0].ParentRoleID)
	own, _, err := c.Users.RoleAssignments(ctx, u.ID, nil)
	require.NoError(t, err)
	require.Len(t, own, 1)
	assert.Equal(t, emea, own[0].RoleID, "the user's side agrees")
	got, _, err = c.Roles.Get(ctx, emea)
	require.NoError(t, err)
	assert.Equal(t, pipedrive.FlexInt(1), got.AssignmentCount)
	_, err = c.Roles.Unassign(ctx, emea, u.ID)
	require.NoError(t, err)
	members, _, err = c.Roles.Assignments(ctx, emea, nil)
	require.NoError(t, err)
	assert.Empty(t, members)
	members, _, err = c.Roles.Assignments(ctx, 1, &pipedrive.ListOptions{Limit: 10})
	require.NoError(t, err)
	assert.Len(t, members, 2, "back in the default role")
	_, err = c.Roles.Unassign(ctx, emea, u.ID)
	apiStatus(t, err, http.StatusBadRequest, "not in the role")
	_, _, err = c.Roles.Assign(ctx, emea, 999)
	assert.ErrorIs(t, err, pipedrive.ErrNotFound)

	settings, _, err := c.Roles.Settings(ctx, emea)
	require.NoError(t, err)
	assert.Equal(t, pipedrive.FlexInt(3), settings["deal_default_visibility"])
	_, err = c.Roles.SetSetting(ctx, emea, pipedrive.DealDefaultVisibility, pipedrive.VisibilityOwner)
	require.NoError(t, err)
	settings, _, err = c.Roles.Settings(ctx, emea)
	require.NoError(t, err)
	assert.Equal(t, pipedrive.FlexInt(1), settings["deal_default_visibility"])
	assert.Equal(t, pipedrive.FlexInt(3), settings["lead_default_visibility"])

	vis, _, err := c.Roles.Pipelines(ctx, emea, true)
	require.NoError(t, err)
	assert.Equal(t, []int{1}, vis.PipelineIDs)
	vis, _, err = c.Roles.SetPipelines(ctx, emea, &pipedrive.RolePipelinesParams{Remove: []int{1}})
	require.NoError(t, err)
	assert.Empty(t, vis.PipelineIDs)
	hidden, _, err := c.Roles.Pipelines(ctx, emea, false)
	require.NoError(t, err)
	assert.False(t, hidden.Visible)
	assert.Equal(t, []int{1}, hidden.PipelineIDs)
	vis, _, err = c.Roles.SetPipelines(ctx, emea, &pipedrive.RolePipelinesParams{Add: []int{1}})
	require.NoError(t, err)
	assert.Equal(t, []int{1}, vis.PipelineIDs)
	_, _, err = c.Roles.SetPipelines(ctx, emea, &pipedrive.RolePipelinesParams{Add: []int{42}})
	assert.ErrorIs(t, err, pipedrive.ErrNotFound)

	_, err = c.Roles.Delete(ctx, sales)
	require.NoError(t, err)
	_, _, err = c.Roles.Get(ctx, sales)
	assert.ErrorIs(t, err, pipedrive.ErrNotFound)
	got, _, err = c.Roles.Get(ctx, emea)
	require.NoError(t, err)
	assert.Zero(t, got.ParentRoleID, "its sub-role moved up")
	_, err = c.Roles.Delete(ctx, 1)
	apiStatus(t, err, http.StatusBadRequest, "the default role stays")
}

// Permission sets: the sets of every company, by app, with their
// contents and holders.
func TestConformanceAdminPermissionSets(t *testing.T) {
	_, c, ctx := sdkConformance(t)
	sets, _, err := c.PermissionSets.List(ctx, "")
	require.NoError(t, err)
	assert.Len(t, sets, 5)
	sales, _, err := c.PermissionSets.List(ctx, pipedrive.AppSales)
	require.NoError(t, err)
	require.Len(t, sales, 2)
	var admin *pipedrive.PermissionSet
	for _, s := range sales {
		if s.Type == "admin" {
			admin = s
		}
	}
	require.NotNil(t, admin)
	assert.Equal(t, 1, admin.AssignmentCount, "Alice")
	me, _, err := c.Users.Get(ctx, 1)
	require.NoError(t, err)
	assert.Equal(t, admin.ID, me.Access[0].PermissionSetID, "the id users carry")

	got, _, err := c.PermissionSets.Get(ctx, admin.ID)
	require.NoError(t, err)
	assert.Equal(t, "Deals admin", got.Name)
	assert.Contains(t, got.Contents, "can_add_custom_fields")
	holders, _, err := c.PermissionSets.Assignments(ctx, admin.ID, nil)
	require.NoError(t, err)
	require.Len(t, holders, 1)
	assert.Equal(t, pipedrive.PermissionSetAssignment{UserID: 1, PermissionSetID: admin.ID, Name: "Deals admin"}, *holders[0])

	_, _, err = c.Users.Create(ctx, &pipedrive.UserCreateParams{Email: "reg@example.com"})
	require.NoError(t, err)
	var regular *pipedrive.PermissionSet
	for _, s := range sales {
		if s.Type == "regular" {
			regular = s
		}
	}
	require.NotNil(t, regular)
	n := 0
	for a, err := range c.PermissionSets.AssignmentsAll(ctx, regular.ID, &pipedrive.ListOptions{Limit: 1}) {
		require.NoError(t, err)
		assert.Equal(t, regular.ID, a.PermissionSetID)
		n++
	}
	assert.Equal(t, 1, n)
	_, _, err = c.PermissionSets.Get(ctx, "no-such-set")
	assert.True(t, errors.Is(err, pipedrive.ErrNotFound), "%v", err)
	_, _, err = c.PermissionSets.Assignments(ctx, "no-such-set", nil)
	assert.ErrorIs(t, err, pipedrive.ErrNotFound)
}
