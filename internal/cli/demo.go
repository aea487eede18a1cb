package cli

import (
	"context"
	"crypto/rand"
	"fmt"
	"strconv"
	"time"

	"github.com/gopipedrive/pipedrive"
	"github.com/gopipedrive/pipedrive/pipedrivetest"
)

// DemoTime is the fixed clock of the demo server, so that --demo prints
// the same timestamps on every run.
var DemoTime = time.Date(2026, 3, 2, 9, 30, 0, 0, time.UTC)

// NewDemoServer starts an in-process pipedrivetest server on loopback with
// the seed pipeline ("Sales", stages 1-4) and demo data: a second user,
// organizations, persons, deals spread over the stages, activities and
// notes. The caller closes it. Its clock is fixed at DemoTime and its rate
// limit is off; opts are applied after those settings (tests add handler
// wrappers).
func NewDemoServer(ctx context.Context, opts ...pipedrivetest.Option) (*pipedrivetest.Server, error) {
	srv := pipedrivetest.NewServer(append([]pipedrivetest.Option{
		// A random key: the client redacts every 8-character run of its
		// key from what it prints, and the fake's default key shares
		// "pipedrive" with Pipedrive's own messages.
		pipedrivetest.WithAPIKey("demo-" + rand.Text()),
		pipedrivetest.WithSeedData(),
		pipedrivetest.WithRateLimit(0),
		pipedrivetest.WithClock(func() time.Time { return DemoTime }),
	}, opts...)...)
	cl, err := srv.NewClient(pipedrive.WithRateLimit(1e6, 1000))
	if err == nil {
		err = seedDemo(ctx, srv, cl)
	}
	if err != nil {
		srv.Close()
		return nil, fmt.Errorf("starting the demo server: %w", err)
	}
	return srv, nil
}

func seedDemo(ctx context.Context, srv *pipedrivetest.Server, cl *pipedrive.Client) error {
	bob := srv.AddUser(srv.ConnectionID, "Bob Seller", "bob@example.com")

	orgs := []pipedrive.OrganizationCreateParams{
		{Name: "Acme Corp", Address: "Narva mnt 5, Tallinn, Estonia"},
		{Name: "Globex", Address: "Main St 1, Springfield"},
		{Name: "Initech", Address: "4120 Freidrich Ln, Austin, TX"},
		{Name: "Umbrella Health", OwnerID: bob},
	}
	for i := range orgs {
		if _, _, err := cl.Organizations.Create(ctx, &orgs[i]); err != nil {
			return err
		}
	}
	persons := []pipedrive.PersonCreateParams{
		{Name: "Ann Lee", OrgID: 1, Emails: pipedrive.Contacts("ann@acme.example"), Phones: pipedrive.Contacts("+372 555 0101")},
		{Name: "Raj Patel", OrgID: 2, Emails: pipedrive.Contacts("raj@globex.example")},
		{Name: "Mia Wong", OrgID: 3, Emails: pipedrive.Contacts("mia@initech.example"), Phones: pipedrive.Contacts("+1 512 555 0199")},
		{Name: "Tom Berg", OrgID: 4, Emails: pipedrive.Contacts("tom@umbrella.example"), OwnerID: bob},
		{Name: "Eva Kask", OrgID: 1, Emails: pipedrive.Contacts("eva@acme.example")},
	}
	for i := range persons {
		if _, _, err := cl.Persons.Create(ctx, &persons[i]); err != nil {
			return err
		}
	}
	type deal struct {
		title               string
		value               float64
		stage, person, org  int
		status              pipedrive.DealStatus
		owner               int
		expectedCloseInDays int
		custom              map[string]any // by field name
	}
	deals := []deal{
		{"Acme website relaunch", 12000, 1, 1, 1, "", 0, 30, nil},
		{"Globex CRM rollout", 48000, 3, 2, 2, "", 0, 14, nil},
		{"Initech support plan", 6500, 2, 3, 3, "", 0, 45, map[string]any{"Region": "Americas", "Tags": []string{"Expansion"}}},
		{"Umbrella data audit", 22000, 4, 4, 4, "", bob, 7, nil},
		{"Acme mobile app", 35000, 2, 5, 1, "", 0, 60, nil},
		{"Globex training days", 4200, 1, 2, 2, "", 0, 21, nil},
		{"Initech license renewal", 15000, 3, 3, 3, "", 0, 10, map[string]any{
			"Region": "Americas", "Contract value": pipedrive.MonetaryValue{Value: 15000, Currency: "EUR"},
			"Renewal date": pipedrive.DateOf(DemoTime.AddDate(0, 0, 10)), "Tags": []string{"Hot", "Strategic"},
			"Contract period": pipedrive.DateRangeValue{Value: "2026-04-01", Until: "2027-03-31"},
			"Notes summary":   "40 seats, wants a 3-year term",
		}},
		{"Umbrella pilot", 9000, 1, 4, 4, "", bob, 90, nil},
		{"Acme hosting", 7800, 4, 1, 1, pipedrive.DealStatusWon, 0, 0, nil},
		{"Initech hardware", 3000, 2, 3, 3, pipedrive.DealStatusLost, 0, 0, nil},
	}
	schema := demoSchema(srv, pipedrive.EntityDeal)
	for _, d := range deals {
		p := &pipedrive.DealCreateParams{
			Title: d.title, Value: pipedrive.Ptr(d.value), Currency: "EUR",
			StageID: d.stage, PersonID: d.person, OrgID: d.org, Status: d.status, UserID: d.owner,
			CustomFields: map[string]any{},
		}
		for name, v := range d.custom {
			if err := schema.Set(p.CustomFields, name, v); err != nil {
				return err
			}
		}
		if d.expectedCloseInDays > 0 {
			p.ExpectedCloseDate = pipedrive.DateOf(DemoTime.AddDate(0, 0, d.expectedCloseInDays))
		}
		if _, _, err := cl.Deals.Create(ctx, p); err != nil {
			return err
		}
	}
	activities := []pipedrive.ActivityCreateParams{
		{Subject: "Kick-off call", Type: "call", DueDate: pipedrive.DateOf(DemoTime.AddDate(0, 0, 1)), DueTime: "10:00", Duration: "00:30", DealID: 1, PersonID: 1, OrgID: 1},
		{Subject: "Contract review", Type: "meeting", DueDate: pipedrive.DateOf(DemoTime.AddDate(0, 0, 3)), DueTime: "14:00", Duration: "01:00", DealID: 2, PersonID: 2, OrgID: 2},
		{Subject: "Send proposal", Type: "task", DueDate: pipedrive.DateOf(DemoTime.AddDate(0, 0, -1)), DealID: 7, PersonID: 3, OrgID: 3, Done: true},
	}
	for i := range activities {
		if _, _, err := cl.Activities.Create(ctx, &activities[i]); err != nil {
			return err
		}
	}
	notes := []pipedrive.NoteCreateParams{
		{Content: "Decision expected after the board meeting on Friday.", DealID: 2},
		{Content: "Prefers email over calls.", PersonID: 1},
	}
	for i := range notes {
		if _, _, err := cl.Notes.Create(ctx, &notes[i]); err != nil {
			return err
		}
	}
	products := []pipedrive.V2ProductCreateParams{
		{Name: "Website redesign", Code: "WEB-1", Unit: "project", Prices: []pipedrive.V2ProductPrice{{Currency: "EUR", Price: 12000}}},
		{Name: "Hosting", Code: "HOST-12", Unit: "month", BillingFrequency: pipedrive.V2BillingMonthly,
			Prices: []pipedrive.V2ProductPrice{{Currency: "EUR", Price: 90}}},
	}
	for i := range products {
		if _, _, err := cl.V2.Products.Create(ctx, &products[i]); err != nil {
			return err
		}
	}
	// A saved filter, so that lists can take --filter "Big deals".
	if value, ok := srv.Field(srv.ConnectionID, "deal", "value"); ok {
		if _, _, err := cl.Filters.Create(ctx, &pipedrive.FilterCreateParams{Name: "Big deals", Type: pipedrive.FilterDeals,
			Conditions: pipedrive.AllOf(pipedrive.Cond("deal", value.ID, pipedrive.OpGreaterEqual, "10000"))}); err != nil {
			return err
		}
	}
	return nil
}

// demoSchema builds the custom field schema of an entity from the demo
// server's definitions, without a request (the request log of the tests
// starts clean).
func demoSchema(srv *pipedrivetest.Server, entity pipedrive.FieldEntity) *pipedrive.FieldSchema {
	var defs []*pipedrive.FieldDefinition
	for _, f := range srv.Fields("", string(entity)) {
		if !f.Custom {
			continue
		}
		d := &pipedrive.FieldDefinition{ID: f.ID, Key: f.Key, Name: f.Name, FieldType: pipedrive.FieldType(f.Type)}
		for _, o := range f.Options {
			d.Options = append(d.Options, pipedrive.FieldOption{ID: o.ID, Code: strconv.Itoa(o.ID), Label: o.Label})
		}
		defs = append(defs, d)
	}
	return pipedrive.NewFieldSchema(entity, defs)
}
