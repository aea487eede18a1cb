package pipedrive

import (
	"sort"
	"testing"

	"github.com/gopipedrive/pipedrive/internal/conformance"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestV2SpecExamples decodes every response example the v2 spec gives for
// the operations the V2 services call into the SDK's types.
func TestV2SpecExamples(t *testing.T) {
	spec := conformance.Load(t, conformance.V2)
	type decoded struct {
		out   func() any
		check func(t *testing.T, out any, res *Response)
	}
	one := func(new func() any) decoded { return decoded{out: new} }
	deal := func() any { return new(*V2Deal) }
	deals := func() any { return new([]*V2Deal) }
	person := func() any { return new(*V2Person) }
	org := func() any { return new(*V2Organization) }
	act := func() any { return new(*V2Activity) }
	pipe := func() any { return new(*V2Pipeline) }
	stage := func() any { return new(*V2Stage) }
	del := func() any { return new(struct{ ID int }) }
	search := func() any {
		return new(struct {
			Items        []*V2ItemSearchResult `json:"items"`
			RelatedItems []*V2ItemSearchResult `json:"related_items"`
		})
	}
	withCursor := func(new func() any) decoded {
		return decoded{out: new, check: func(t *testing.T, _ any, res *Response) {
			assert.NotEmpty(t, res.NextCursor, "the example carries a next_cursor")
		}}
	}
	ops := map[string]decoded{
		"getDeals":           withCursor(deals),
		"getArchivedDeals":   withCursor(deals),
		"getDeal":            one(deal),
		"addDeal":            one(deal),
		"updateDeal":         one(deal),
		"deleteDeal":         one(del),
		"searchDeals":        withCursor(func() any { return new(struct{ Items []*V2DealSearchResult }) }),
		"getPersons":         withCursor(func() any { return new([]*V2Person) }),
		"getPerson":          one(person),
		"addPerson":          one(person),
		"updatePerson":       one(person),
		"deletePerson":       one(del),
		"searchPersons":      withCursor(func() any { return new(struct{ Items []*V2PersonSearchResult }) }),
		"getOrganizations":   withCursor(func() any { return new([]*V2Organization) }),
		"getOrganization":    one(org),
		"addOrganization":    one(org),
		"updateOrganization": one(org),
		"deleteOrganization": one(del),
		"searchOrganization": withCursor(func() any { return new(struct{ Items []*V2OrganizationSearchResult }) }),
		"getActivities":      withCursor(func() any { return new([]*V2Activity) }),
		"getActivity":        one(act),
		"addActivity":        one(act),
		"updateActivity":     one(act),
		"deleteActivity":     one(del),
		"getPipelines":       withCursor(func() any { return new([]*V2Pipeline) }),
		"getPipeline":        one(pipe),
		"addPipeline":        one(pipe),
		"updatePipeline":     one(pipe),
		"deletePipeline":     one(del),
		"getStages":          withCursor(func() any { return new([]*V2Stage) }),
		"getStage":           one(stage),
		"addStage":           one(stage),
		"updateStage":        one(stage),
		"deleteStage":        one(del),
		"searchItem":         withCursor(search),
	}
	ids := make([]string, 0, len(ops))
	for id := range ops {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		d := ops[id]
		t.Run(id, func(t *testing.T) {
			_, ok := spec.Operation(id)
			require.True(t, ok, "operation %s is in the v2 spec", id)
			examples, err := spec.ResponseExamples(id)
			require.NoError(t, err)
			require.NotEmpty(t, examples, "operation %s has response examples", id)
			for name, body := range examples {
				out := d.out()
				res := &Response{}
				require.NoError(t, decodeEnvelope(body, out, res), "example %s of %s", name, id)
				if d.check != nil {
					d.check(t, out, res)
				}
			}
		})
	}
}

// TestV2SpecExampleValues spot-checks typed values decoded from the spec's
// own examples.
func TestV2SpecExampleValues(t *testing.T) {
	spec := conformance.Load(t, conformance.V2)
	first := func(id string) []byte {
		ex, err := spec.ResponseExamples(id)
		require.NoError(t, err)
		for _, b := range ex {
			return b
		}
		t.Fatalf("no example for %s", id)
		return nil
	}

	var d *V2Deal
	require.NoError(t, decodeEnvelope(first("getDeal"), &d, &Response{}))
	assert.Equal(t, V2VisibilityCompany, d.VisibleTo)
	assert.Equal(t, []int{1, 2, 3}, d.LabelIDs)
	assert.Equal(t, v2Time(t, "2021-01-01T00:00:00Z"), d.AddTime)
	assert.Equal(t, Date("2021-01-01"), d.ExpectedCloseDate)
	require.NotNil(t, d.Probability)
	assert.Equal(t, 90.0, *d.Probability)

	var p *V2Person
	require.NoError(t, decodeEnvelope(first("getPerson"), &p, &Response{}))
	assert.Equal(t, "email1@email.com", p.Emails[0].Value)
	assert.True(t, bool(p.Emails[0].Primary))
	assert.Equal(t, "skypeusername", p.IMs[0].Value)
	assert.Equal(t, "Sunnyvale", p.PostalAddress.Locality)

	var a *V2Activity
	require.NoError(t, decodeEnvelope(first("getActivity"), &a, &Response{}))
	assert.Equal(t, "abc-def", a.LeadID)
	assert.Equal(t, []V2ActivityAttendee{{Email: "some@email.com", Name: "Some Name", Status: "accepted", IsOrganizer: true, PersonID: 1, UserID: 1}}, a.Attendees)

	var s *V2Stage
	require.NoError(t, decodeEnvelope(first("getStage"), &s, &Response{}))
	assert.Equal(t, 2, *s.DaysToRotten)

	var items struct {
		Items        []*V2ItemSearchResult `json:"items"`
		RelatedItems []*V2ItemSearchResult `json:"related_items"`
	}
	require.NoError(t, decodeEnvelope(first("searchItem"), &items, &Response{}))
	require.Len(t, items.Items, 6)
	assert.Equal(t, "product-code", items.Items[5].Item.Code)
	assert.Equal(t, "/files/4/download", items.Items[3].Item.URL)
	require.Len(t, items.RelatedItems, 1)
}
