package pipedrivetest_test

import (
	"bytes"
	"io"
	"net/http"
	"testing"

	"github.com/gopipedrive/pipedrive"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Changelog, flow, files, mail, permitted users, merge and duplicate of
// deals, persons and organizations through the SDK, validated against the
// spec.
func TestConformanceHistory(t *testing.T) {
	_, c, ctx := sdkConformance(t)

	deal, _, err := c.V2.Deals.Create(ctx, &pipedrive.V2DealCreateParams{Title: "History", Value: 100, Currency: "EUR"})
	require.NoError(t, err)
	_, _, err = c.V2.Deals.Update(ctx, deal.ID, &pipedrive.V2DealUpdateParams{Title: pipedrive.Set("History 2"), Value: pipedrive.Set(250.0)})
	require.NoError(t, err)
	_, _, err = c.V2.Deals.Update(ctx, deal.ID, &pipedrive.V2DealUpdateParams{Title: pipedrive.Set("History 3")})
	require.NoError(t, err)

	// The changelog, newest first, by cursor.
	var log []*pipedrive.ChangelogEntry
	for e, err := range c.Deals.ChangelogAll(ctx, deal.ID, &pipedrive.ChangelogOptions{Limit: 2}) {
		require.NoError(t, err)
		log = append(log, e)
	}
	require.Len(t, log, 3)
	assert.Equal(t, "title", log[0].FieldKey)
	assert.Equal(t, "History 2", string(*log[0].OldValue))
	assert.Equal(t, "History 3", string(*log[0].NewValue))
	assert.Equal(t, "api", log[0].ChangeSource)
	assert.False(t, log[0].Time.IsZero())
	var keys []string
	for _, e := range log[1:] {
		keys = append(keys, e.FieldKey)
	}
	assert.ElementsMatch(t, []string{"title", "value"}, keys)

	// The flow: changes, then a note and an activity, typed by kind.
	_, _, err = c.Notes.Create(ctx, &pipedrive.NoteCreateParams{Content: "Called them", DealID: deal.ID})
	require.NoError(t, err)
	_, _, err = c.V2.Activities.Create(ctx, &pipedrive.V2ActivityCreateParams{Subject: "Follow up", Type: "call", DealID: deal.ID})
	require.NoError(t, err)
	flow, _, err := c.Deals.Updates(ctx, deal.ID, &pipedrive.FlowOptions{AllChanges: true})
	require.NoError(t, err)
	kinds := map[string]int{}
	for _, it := range flow {
		kinds[it.Object]++
		switch it.Object {
		case "dealChange":
			require.NotNil(t, it.Change)
			assert.Equal(t, deal.ID, it.Change.ItemID)
		case "note":
			require.NotNil(t, it.Note)
			assert.Equal(t, "Called them", it.Note.Content)
		case "activity":
			require.NotNil(t, it.Activity)
			assert.Equal(t, "Follow up", it.Activity.Subject)
		}
		assert.Nil(t, it.Unknown, it.Object)
	}
	assert.Equal(t, map[string]int{"dealChange": 3, "note": 1, "activity": 1}, kinds)
	n := 0
	for it, err := range c.Deals.UpdatesAll(ctx, deal.ID, &pipedrive.FlowOptions{Items: []string{"note", "activity"}, ListOptions: pipedrive.ListOptions{Limit: 1}}) {
		require.NoError(t, err)
		assert.Contains(t, []string{"note", "activity"}, it.Object)
		n++
	}
	assert.Equal(t, 2, n)

	// No files and no mail in the fake; every user may see the deal.
	files, _, err := c.Deals.Files(ctx, deal.ID, &pipedrive.FileListOptions{Sort: "id DESC"})
	require.NoError(t, err)
	assert.Empty(t, files)
	mail, _, err := c.Deals.MailMessages(ctx, deal.ID, &pipedrive.MailMessageOptions{IncludeBody: true})
	require.NoError(t, err)
	assert.Empty(t, mail)
	users, _, err := c.Deals.PermittedUsers(ctx, deal.ID)
	require.NoError(t, err)
	assert.Contains(t, users, 1)

	// Duplicate, then merge the copy back into the original: its activity
	// moves, the copy is gone.
	cp, _, err := c.Deals.Duplicate(ctx, deal.ID)
	require.NoError(t, err)
	assert.NotEqual(t, deal.ID, cp.ID)
	assert.Equal(t, "History 3", cp.Title)
	_, _, err = c.V2.Activities.Create(ctx, &pipedrive.V2ActivityCreateParams{Subject: "On the copy", Type: "call", DealID: cp.ID})
	require.NoError(t, err)
	merged, _, err := c.Deals.Merge(ctx, cp.ID, deal.ID)
	require.NoError(t, err)
	assert.Equal(t, deal.ID, merged.ID)
	acts, _, err := c.V2.Activities.List(ctx, &pipedrive.V2ActivityListOptions{DealID: deal.ID})
	require.NoError(t, err)
	assert.Len(t, acts, 2)
	gone, _, err := c.V2.Deals.Get(ctx, cp.ID)
	require.NoError(t, err)
	assert.True(t, gone.IsDeleted, "the merged deal is deleted")

	// Persons and organizations have the same history.
	org, _, err := c.V2.Organizations.Create(ctx, &pipedrive.V2OrganizationCreateParams{Name: "Old name"})
	require.NoError(t, err)
	other, _, err := c.V2.Organizations.Create(ctx, &pipedrive.V2OrganizationCreateParams{Name: "Other"})
	require.NoError(t, err)
	_, _, err = c.V2.Organizations.Update(ctx, org.ID, &pipedrive.V2OrganizationUpdateParams{Name: pipedrive.Set("New name")})
	require.NoError(t, err)
	olog, _, err := c.Organizations.Changelog(ctx, org.ID, nil)
	require.NoError(t, err)
	require.Len(t, olog, 1)
	assert.Equal(t, "name", olog[0].FieldKey)
	p, _, err := c.V2.Persons.Create(ctx, &pipedrive.V2PersonCreateParams{Name: "Pat", OrgID: other.ID})
	require.NoError(t, err)
	mo, _, err := c.Organizations.Merge(ctx, other.ID, org.ID)
	require.NoError(t, err)
	assert.Equal(t, org.ID, mo.ID)
	moved, _, err := c.V2.Persons.Get(ctx, p.ID)
	require.NoError(t, err)
	assert.Equal(t, org.ID, moved.OrgID, "the merged organization's persons move")
	for _, call := range []func() error{
		func() error { _, _, err := c.Persons.Changelog(ctx, p.ID, nil); return err },
		func() error { _, _, err := c.Persons.Updates(ctx, p.ID, nil); return err },
		func() error { _, _, err := c.Persons.Files(ctx, p.ID, nil); return err },
		func() error { _, _, err := c.Persons.MailMessages(ctx, p.ID, nil); return err },
		func() error { _, _, err := c.Persons.PermittedUsers(ctx, p.ID); return err },
		func() error { _, _, err := c.Organizations.Updates(ctx, org.ID, nil); return err },
		func() error { _, _, err := c.Organizations.Files(ctx, org.ID, nil); return err },
		func() error { _, _, err := c.Organizations.MailMessages(ctx, org.ID, nil); return err },
		func() error { _, _, err := c.Organizations.PermittedUsers(ctx, org.ID); return err },
	} {
		require.NoError(t, call())
	}
	p2, _, err := c.V2.Persons.Create(ctx, &pipedrive.V2PersonCreateParams{Name: "Pat again"})
	require.NoError(t, err)
	mp, _, err := c.Persons.Merge(ctx, p2.ID, p.ID)
	require.NoError(t, err)
	assert.Equal(t, p.ID, mp.ID)
	_, _, err = c.Persons.Merge(ctx, p.ID, 99999)
	assert.ErrorIs(t, err, pipedrive.ErrNotFound)
	_, _, err = c.Deals.Changelog(ctx, 99999, nil)
	assert.ErrorIs(t, err, pipedrive.ErrNotFound)
}

// The participants of a deal: the contact person from the start, then
// whoever is added, with the changelog.
func TestConformanceParticipants(t *testing.T) {
	_, c, ctx := sdkConformance(t)
	ann, _, err := c.V2.Persons.Create(ctx, &pipedrive.V2PersonCreateParams{Name: "Ann"})
	require.NoError(t, err)
	bob, _, err := c.V2.Persons.Create(ctx, &pipedrive.V2PersonCreateParams{Name: "Bob"})
	require.NoError(t, err)
	deal, _, err := c.V2.Deals.Create(ctx, &pipedrive.V2DealCreateParams{Title: "Shared", PersonID: ann.ID})
	require.NoError(t, err)

	ps, _, err := c.Deals.Participants(ctx, deal.ID, nil)
	require.NoError(t, err)
	require.Len(t, ps, 1)
	assert.Equal(t, ann.ID, ps[0].PersonID.ID, "the contact person takes part from the start")
	added, _, err := c.Deals.AddParticipant(ctx, deal.ID, bob.ID)
	require.NoError(t, err)
	assert.Equal(t, "Bob", added.Person.Name)
	assert.Equal(t, deal.ID, added.RelatedItemData.DealID)
	_, _, err = c.Deals.AddParticipant(ctx, deal.ID, bob.ID)
	var apiErr *pipedrive.APIError
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, http.StatusBadRequest, apiErr.StatusCode)
	_, _, err = c.Deals.AddParticipant(ctx, deal.ID, 99999)
	assert.ErrorIs(t, err, pipedrive.ErrNotFound)

	var names []string
	for p, err := range c.Deals.ParticipantsAll(ctx, deal.ID, &pipedrive.ListOptions{Limit: 1}) {
		require.NoError(t, err)
		names = append(names, p.PersonID.Name)
	}
	assert.Equal(t, []string{"Ann", "Bob"}, names)
	_, err = c.Deals.DeleteParticipant(ctx, deal.ID, added.ID)
	require.NoError(t, err)
	_, err = c.Deals.DeleteParticipant(ctx, deal.ID, added.ID)
	assert.ErrorIs(t, err, pipedrive.ErrNotFound)

	var actions []string
	for ch, err := range c.Deals.ParticipantsChangelogAll(ctx, deal.ID, &pipedrive.ChangelogOptions{Limit: 2}) {
		require.NoError(t, err)
		actions = append(actions, ch.Action)
	}
	assert.Equal(t, []string{"removed", "added", "added"}, actions)
	log, _, err := c.Deals.ParticipantsChangelog(ctx, deal.ID, nil)
	require.NoError(t, err)
	assert.Equal(t, bob.ID, log[0].PersonID)
}

// Deal summary, timeline and pipeline statistics, computed from the store.
func TestConformanceDealStats(t *testing.T) {
	_, c, ctx := sdkConformance(t)
	won, _, err := c.V2.Deals.Create(ctx, &pipedrive.V2DealCreateParams{Title: "Won", Value: 300, Currency: "EUR", StageID: 1})
	require.NoError(t, err)
	_, _, err = c.V2.Deals.Create(ctx, &pipedrive.V2DealCreateParams{Title: "Open", Value: 100, Currency: "EUR", StageID: 1})
	require.NoError(t, err)
	_, _, err = c.V2.Deals.Create(ctx, &pipedrive.V2DealCreateParams{Title: "Dollars", Value: 50, Currency: "USD", StageID: 1})
	require.NoError(t, err)
	_, _, err = c.V2.Deals.Update(ctx, won.ID, &pipedrive.V2DealUpdateParams{StageID: pipedrive.Set(2)})
	require.NoError(t, err)
	_, _, err = c.V2.Deals.Update(ctx, won.ID, &pipedrive.V2DealUpdateParams{Status: pipedrive.Set(pipedrive.V2DealStatus("won"))})
	require.NoError(t, err)

	sum, _, err := c.Deals.Summary(ctx, nil)
	require.NoError(t, err)
	assert.Equal(t, 3, sum.TotalCount)
	assert.Equal(t, 400.0, sum.ValuesTotal["EUR"].Value)
	assert.Equal(t, 2, sum.ValuesTotal["EUR"].Count)
	assert.NotEmpty(t, sum.TotalCurrencyConvertedValueFormatted)
	open, _, err := c.Deals.Summary(ctx, &pipedrive.DealsSummaryOptions{Status: "open", PipelineID: 1, UserID: 1})
	require.NoError(t, err)
	assert.Equal(t, 2, open.TotalCount)

	// The deals were added today (or, at midnight, today and tomorrow).
	today := pipedrive.Date(won.AddTime.UTC().Format("2006-01-02"))
	tomorrow := pipedrive.Date(won.AddTime.UTC().AddDate(0, 0, 1).Format("2006-01-02"))
	periods, _, err := c.Deals.Timeline(ctx, &pipedrive.DealsTimelineOptions{StartDate: today, Interval: pipedrive.TimelineDay, Amount: 3, FieldKey: "add_time"})
	require.NoError(t, err)
	require.Len(t, periods, 3)
	assert.Equal(t, 3, periods[0].Totals.Count+periods[1].Totals.Count)
	assert.Equal(t, 1, periods[0].Totals.WonCount+periods[1].Totals.WonCount)
	assert.Len(t, append(periods[0].Deals, periods[1].Deals...), 3)
	assert.Zero(t, periods[2].Totals.Count)
	excl, _, err := c.Deals.Timeline(ctx, &pipedrive.DealsTimelineOptions{StartDate: today, Interval: pipedrive.TimelineWeek, Amount: 1, FieldKey: "add_time", ExcludeDeals: true, PipelineID: 1})
	require.NoError(t, err)
	require.Len(t, excl, 1)
	assert.Empty(t, excl[0].Deals)
	assert.Equal(t, 3, excl[0].Totals.Count)

	period := &pipedrive.PipelineStatsOptions{StartDate: today, EndDate: tomorrow}
	conv, _, err := c.Pipelines.ConversionStatistics(ctx, 1, period)
	require.NoError(t, err)
	require.NotEmpty(t, conv.StageConversions)
	assert.Equal(t, 33, conv.StageConversions[0].ConversionRate, "1 of the 3 deals in stage 1 reached stage 2")
	assert.Equal(t, 33, conv.WonConversion)
	mv, _, err := c.Pipelines.MovementStatistics(ctx, 1, &pipedrive.PipelineStatsOptions{StartDate: today, EndDate: tomorrow, UserID: 1})
	require.NoError(t, err)
	assert.Equal(t, 3, mv.NewDeals.Count)
	assert.Equal(t, 1, mv.WonDeals.Count)
	assert.Equal(t, []int{won.ID}, mv.WonDeals.DealIDs)
	assert.Equal(t, 1, mv.MovementsBetweenStages.Count)
	assert.Equal(t, 150.0, mv.DealsLeftOpen.Values["EUR"]+mv.DealsLeftOpen.Values["USD"])
	_, _, err = c.Pipelines.MovementStatistics(ctx, 999, period)
	assert.ErrorIs(t, err, pipedrive.ErrNotFound)
}

// A person's picture: uploaded (multipart, streamed), read back with v2,
// shown on the person, deleted.
func TestConformancePersonPicture(t *testing.T) {
	_, c, ctx := sdkConformance(t)
	p, _, err := c.V2.Persons.Create(ctx, &pipedrive.V2PersonCreateParams{Name: "Pictured"})
	require.NoError(t, err)
	_, _, err = c.V2.Persons.Picture(ctx, p.ID)
	assert.ErrorIs(t, err, pipedrive.ErrNotFound, "no picture yet")

	img := bytes.Repeat([]byte{0x89, 'P', 'N', 'G'}, 1000)
	pic, _, err := c.Persons.AddPicture(ctx, p.ID, "face.png", io.MultiReader(bytes.NewReader(img)), &pipedrive.PictureCrop{Width: 128, Height: 128})
	require.NoError(t, err)
	assert.Equal(t, p.ID, pic.ItemID)
	assert.NotEmpty(t, pic.Pictures.Size128)
	got, _, err := c.V2.Persons.Picture(ctx, p.ID)
	require.NoError(t, err)
	assert.Equal(t, pic.ID, got.ID)
	assert.Equal(t, int64(len(img)), got.FileSize)
	withPic, _, err := c.V2.Persons.Get(ctx, p.ID)
	require.NoError(t, err)
	assert.Equal(t, pic.ID, withPic.PictureID)

	_, err = c.Persons.DeletePicture(ctx, p.ID)
	require.NoError(t, err)
	_, err = c.Persons.DeletePicture(ctx, p.ID)
	assert.ErrorIs(t, err, pipedrive.ErrNotFound)
	_, _, err = c.Persons.AddPicture(ctx, 99999, "face.png", bytes.NewReader(img), nil)
	assert.ErrorIs(t, err, pipedrive.ErrNotFound)
}
