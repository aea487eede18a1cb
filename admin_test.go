package pipedrive

import (
	"context"
	"encoding/json"
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// validGoal is a goal every check accepts.
func validGoal() *GoalParams {
	return &GoalParams{
		Assignee:        &GoalAssignee{ID: 1, Type: GoalAssigneePerson},
		Type:            &GoalType{Name: GoalDealsWon},
		ExpectedOutcome: &GoalOutcome{Target: 5, TrackingMetric: GoalQuantity},
		Duration:        &GoalDuration{Start: "2026-01-01", End: "2026-12-31"},
		Interval:        GoalMonthly,
	}
}

// Bad goal input never reaches the network.
func TestGoalsRefused(t *testing.T) {
	env := setupRaw(t)
	ctx := context.Background()
	g := env.client.Goals
	with := func(change func(p *GoalParams)) *GoalParams {
		p := validGoal()
		change(p)
		return p
	}
	errs := []error{
		second(g.Create(ctx, nil)),
		second(g.Create(ctx, &GoalParams{Title: "only a title"})),
		second(g.Create(ctx, with(func(p *GoalParams) { p.Type = nil }))),
		second(g.Create(ctx, with(func(p *GoalParams) { p.Assignee = nil }))),
		second(g.Create(ctx, with(func(p *GoalParams) { p.ExpectedOutcome = nil }))),
		second(g.Create(ctx, with(func(p *GoalParams) { p.Duration = nil }))),
		second(g.Create(ctx, with(func(p *GoalParams) { p.Interval = "" }))),
		second(g.Create(ctx, with(func(p *GoalParams) { p.Interval = "daily" }))),
		second(g.Create(ctx, with(func(p *GoalParams) { p.Assignee.ID = 0 }))),
		second(g.Create(ctx, with(func(p *GoalParams) { p.Assignee.Type = "group" }))),
		second(g.Create(ctx, with(func(p *GoalParams) { p.Type.Name = "deals_lost" }))),
		second(g.Create(ctx, with(func(p *GoalParams) { p.Type.Params.StageID = 2 }))),
		second(g.Create(ctx, with(func(p *GoalParams) { p.Type.Params.ActivityTypeIDs = []int{1} }))),
		second(g.Create(ctx, with(func(p *GoalParams) { p.Type.Params.PipelineIDs = []int{1, -1} }))),
		second(g.Create(ctx, with(func(p *GoalParams) { p.ExpectedOutcome.Target = 0 }))),
		second(g.Create(ctx, with(func(p *GoalParams) { p.ExpectedOutcome.Target = 2.5 }))),
		second(g.Create(ctx, with(func(p *GoalParams) { p.ExpectedOutcome.TrackingMetric = "count" }))),
		second(g.Create(ctx, with(func(p *GoalParams) { p.ExpectedOutcome.CurrencyID = 1 }))),
		second(g.Create(ctx, with(func(p *GoalParams) { p.Duration.Start = "" }))),
		second(g.Create(ctx, with(func(p *GoalParams) { p.Duration.Start = "2026-13-01" }))),
		second(g.Create(ctx, with(func(p *GoalParams) { p.Duration.End = "2025-12-31" }))),
		second(g.Update(ctx, "", &GoalParams{Title: "x"})),
		second(g.Update(ctx, "../deals", &GoalParams{Title: "x"})),
		second(g.Update(ctx, "abc", &GoalParams{})),
		second(g.Update(ctx, "abc", nil)),
		second(g.Find(ctx, &GoalFindOptions{TypeName: GoalRevenueForecast})),
		second(g.Find(ctx, &GoalFindOptions{AssigneeType: "group"})),
		second(g.Find(ctx, &GoalFindOptions{PeriodStart: "2026-01-01"})),
		second(g.Find(ctx, &GoalFindOptions{PeriodStart: "2026-02-01", PeriodEnd: "2026-01-01"})),
		second(g.Find(ctx, &GoalFindOptions{TrackingMetric: GoalQuantity, CurrencyID: 1})),
		second(g.Find(ctx, &GoalFindOptions{PipelineIDs: []int{0}})),
		second(g.Result(ctx, "abc", "", "2026-01-31")),
		second(g.Result(ctx, "abc", "2026-01-01", "")),
		second(g.Result(ctx, "abc", "2026-01-01", "31/01/2026")),
		second(g.Result(ctx, "a b", "2026-01-01", "2026-01-31")),
	}
	_, err := g.Delete(ctx, "x/y")
	errs = append(errs, err)
	assertRefused(t, env, errs)
}

// assertRefused checks that every error is a *ValidationError and that
// nothing was sent.
func assertRefused(t *testing.T, env *testEnv, errs []error) {
	t.Helper()
	var ve *ValidationError
	for i, err := range errs {
		assert.True(t, errors.As(err, &ve), "%d: %v", i, err)
	}
	assert.Zero(t, env.requests.Load(), "nothing sent")
}

// Bad mailbox and meetings input never reaches the network.
func TestMailboxRefused(t *testing.T) {
	env := setupRaw(t)
	ctx := context.Background()
	m, mt := env.client.Mailbox, env.client.Meetings
	okLink := UserProviderLinkParams{UserProviderID: "7b1c6a52-3f0e-4b8e-9d55-2f2d7f0c8a11", UserID: 1, CompanyID: 1, MarketplaceClientID: "app"}
	link := func(change func(p *UserProviderLinkParams)) *UserProviderLinkParams {
		p := okLink
		change(&p)
		return &p
	}
	errs := []error{
		second(m.Message(ctx, 0, false)),
		second(m.Threads(ctx, nil)),
		second(m.Threads(ctx, &MailThreadListOptions{})),
		second(m.Threads(ctx, &MailThreadListOptions{Folder: "spam"})),
		second(m.Threads(ctx, &MailThreadListOptions{Folder: MailInbox, ListOptions: ListOptions{Limit: 501}})),
		second(m.Thread(ctx, -1)),
		second(m.UpdateThread(ctx, 0, &MailThreadUpdateParams{Read: Ptr(true)})),
		second(m.UpdateThread(ctx, 1, nil)),
		second(m.UpdateThread(ctx, 1, &MailThreadUpdateParams{})),
		second(m.UpdateThread(ctx, 1, &MailThreadUpdateParams{DealID: -2})),
		second(m.UpdateThread(ctx, 1, &MailThreadUpdateParams{LeadID: "42"})),
		second(m.ThreadMessages(ctx, 0)),
		second(mt.LinkUserProvider(ctx, nil)),
		second(mt.LinkUserProvider(ctx, link(func(p *UserProviderLinkParams) { p.UserProviderID = "" }))),
		second(mt.LinkUserProvider(ctx, link(func(p *UserProviderLinkParams) { p.UserProviderID = "not-a-uuid" }))),
		second(mt.LinkUserProvider(ctx, link(func(p *UserProviderLinkParams) { p.UserID = 0 }))),
		second(mt.LinkUserProvider(ctx, link(func(p *UserProviderLinkParams) { p.CompanyID = 0 }))),
		second(mt.LinkUserProvider(ctx, link(func(p *UserProviderLinkParams) { p.MarketplaceClientID = " " }))),
		second(mt.UnlinkUserProvider(ctx, "")),
		second(mt.UnlinkUserProvider(ctx, "../users")),
	}
	_, err := m.DeleteThread(ctx, 0)
	errs = append(errs, err)
	for _, err := range m.ThreadsAll(ctx, nil) {
		errs = append(errs, err)
	}
	assertRefused(t, env, errs)
}

// Bad role and permission set input never reaches the network.
func TestRolesRefused(t *testing.T) {
	env := setupRaw(t)
	ctx := context.Background()
	r, ps := env.client.Roles, env.client.PermissionSets
	errs := []error{
		second(r.List(ctx, &ListOptions{Start: -1})),
		second(r.Get(ctx, 0)),
		second(r.Create(ctx, nil)),
		second(r.Create(ctx, &RoleParams{})),
		second(r.Create(ctx, &RoleParams{Name: "  "})),
		second(r.Create(ctx, &RoleParams{Name: "x", ParentRoleID: -1})),
		second(r.Assignments(ctx, 0, nil)),
		second(r.Assignments(ctx, 1, &ListOptions{Limit: 900})),
		second(r.Assign(ctx, 1, 0)),
		second(r.Assign(ctx, 0, 1)),
		second(r.Settings(ctx, 0)),
		second(r.Pipelines(ctx, 0, true)),
		second(r.SetPipelines(ctx, 1, nil)),
		second(r.SetPipelines(ctx, 1, &RolePipelinesParams{})),
		second(r.SetPipelines(ctx, 1, &RolePipelinesParams{Add: []int{0}})),
		second(r.SetPipelines(ctx, 1, &RolePipelinesParams{Add: []int{2}, Remove: []int{2}})),
		second(r.SetPipelines(ctx, 0, &RolePipelinesParams{Add: []int{2}})),
		second(ps.List(ctx, "crm")),
		second(ps.Get(ctx, "")),
		second(ps.Get(ctx, "a/b")),
		second(ps.Assignments(ctx, "", nil)),
		second(ps.Assignments(ctx, "abc", &ListOptions{Limit: -1})),
	}
	for _, call := range []func() (*Response, error){
		func() (*Response, error) { return r.Update(ctx, 0, &RoleParams{Name: "x"}) },
		func() (*Response, error) { return r.Update(ctx, 2, nil) },
		func() (*Response, error) { return r.Update(ctx, 2, &RoleParams{}) },
		func() (*Response, error) { return r.Update(ctx, 2, &RoleParams{ParentRoleID: 2}) },
		func() (*Response, error) { return r.Delete(ctx, 0) },
		func() (*Response, error) { return r.Unassign(ctx, 1, -1) },
		func() (*Response, error) { return r.SetSetting(ctx, 0, DealDefaultVisibility, VisibilityCompany) },
		func() (*Response, error) { return r.SetSetting(ctx, 1, "task_default_visibility", VisibilityCompany) },
		func() (*Response, error) { return r.SetSetting(ctx, 1, DealDefaultVisibility, 4) },
	} {
		_, err := call()
		errs = append(errs, err)
	}
	for _, err := range r.AssignmentsAll(ctx, 0, nil) {
		errs = append(errs, err)
	}
	for _, err := range ps.AssignmentsAll(ctx, "", nil) {
		errs = append(errs, err)
	}
	assertRefused(t, env, errs)
}

// The wire shapes the admin services send and take.
func TestAdminWireShapes(t *testing.T) {
	b, err := json.Marshal(validGoal())
	require.NoError(t, err)
	assert.JSONEq(t, `{"assignee":{"id":1,"type":"person"},"type":{"name":"deals_won","params":{"pipeline_id":null,"activity_type_id":null}},
		"expected_outcome":{"target":5,"tracking_metric":"quantity"},"duration":{"start":"2026-01-01","end":"2026-12-31"},"interval":"monthly"}`, string(b))
	b, err = json.Marshal(GoalDuration{Start: "2026-01-01"})
	require.NoError(t, err)
	assert.JSONEq(t, `{"start":"2026-01-01","end":null}`, string(b), "an open-ended goal")

	f := (&MailThreadUpdateParams{DealID: 3, Read: Ptr(true), Archived: Ptr(false)}).form()
	assert.Equal(t, "archived_flag=0&deal_id=3&read_flag=1", f.Encode())

	// GET /permissionSets/{id}: the spec's example answers an array.
	for _, data := range []string{`{"id":"a","name":"Deals admin","contents":["x"]}`, `[{"id":"a","name":"Deals admin","contents":["x"]}]`} {
		var d permissionSetData
		require.NoError(t, json.Unmarshal([]byte(data), &d))
		require.NotNil(t, d.set)
		assert.Equal(t, "Deals admin", d.set.Name)
		assert.Equal(t, []string{"x"}, d.set.Contents)
	}
	var thread MailThread
	require.NoError(t, json.Unmarshal([]byte(`{"id":1,"read_flag":1,"parties":{"from":[{"id":2,"message_time":1574677850000,"linked_organization_id":null}]},
		"deal_id":null,"lead_id":null,"last_message_sent_timestamp":null,"last_message_timestamp":"2019-11-20T20:20:46.000Z"}`), &thread))
	assert.True(t, bool(thread.ReadFlag))
	assert.Equal(t, FlexInt(1574677850000), thread.Parties.From[0].MessageTime)
	assert.Equal(t, 2019, thread.LastMessageTimestamp.Year())
	var role Role
	require.NoError(t, json.Unmarshal([]byte(`{"id":2,"parent_role_id":null,"assignment_count":"4","sub_role_count":"1","active_flag":true}`), &role))
	assert.Equal(t, Role{ID: 2, AssignmentCount: 4, SubRoleCount: 1, ActiveFlag: true}, role)
}
