package pipedrive

import (
	"bytes"
	"encoding/json"
	"errors"
	"net/http"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"testing"
	"unicode/utf8"

	"github.com/gopipedrive/pipedrive/internal/conformance"
)

// Fuzz targets for every API v1 entity decoder and the Maton connection
// decoder. Each is seeded with the entities of testdata/ and of the
// examples in Pipedrive's OpenAPI spec (when ../shared/openapi is there),
// and checks that decoding never panics and that an entity that decodes
// encodes to JSON that decodes again and encodes to the same bytes, with
// its custom fields intact. Run one with, for example:
//
//	go test -run '^$' -fuzz '^FuzzDealDecode$' -fuzztime 30s .

// entityObjects returns the entities a response body carries: its "data"
// object, the elements of its "data" array, or (items) the elements of
// "data.items".
func entityObjects(body []byte, items bool) []json.RawMessage {
	var env struct {
		Data json.RawMessage `json:"data"`
	}
	if json.Unmarshal(body, &env) != nil || len(env.Data) == 0 {
		return nil
	}
	data := bytes.TrimSpace(env.Data)
	if items {
		var w struct {
			Items []json.RawMessage `json:"items"`
		}
		if json.Unmarshal(data, &w) != nil {
			return nil
		}
		return w.Items
	}
	if len(data) > 0 && data[0] == '[' {
		var list []json.RawMessage
		if json.Unmarshal(data, &list) != nil {
			return nil
		}
		return list
	}
	if len(data) > 0 && data[0] == '{' {
		return []json.RawMessage{data}
	}
	return nil
}

// seedExamples passes the response examples of the given operations of a
// spec to add, when the spec is present.
func seedExamples(f *testing.F, v conformance.Version, add func([]byte), operationIDs ...string) {
	f.Helper()
	spec, err := conformance.LoadErr(v)
	if err != nil {
		return
	}
	for _, id := range operationIDs {
		examples, err := spec.ResponseExamples(id)
		if err != nil {
			f.Fatalf("spec examples of %s: %v", id, err)
		}
		for _, b := range examples {
			add(b)
		}
	}
}

// seedEntities adds, as seeds, the entities of the JSON files in
// testdata/v1/<dir> and of the spec's examples of the given operations.
func seedEntities(f *testing.F, dir string, items bool, operationIDs ...string) {
	f.Helper()
	n := 0
	add := func(body []byte) {
		for _, e := range entityObjects(body, items) {
			f.Add([]byte(e))
			n++
		}
	}
	files, _ := filepath.Glob(filepath.Join("testdata", "v1", dir, "*.json"))
	for _, name := range files {
		if b, err := os.ReadFile(name); err == nil {
			add(b)
		}
	}
	seedExamples(f, conformance.V1, add, operationIDs...)
	f.Add([]byte(`{}`))
	f.Add([]byte(`{"value":"NaN","add_time":"0000-01-01T00:00:00+01:00"}`)) // non-finite number, out-of-range time: refused
	f.Add([]byte(`{"id":"7","custom":1,"0123456789abcdef0123456789abcdef01234567":{"a":[1,2]},"0123456789abcdef0123456789abcdef01234567_currency":"EUR"}`))
	if n == 0 {
		f.Logf("no seed entity found for %s", dir)
	}
}

// checkEntity decodes data into a T. When that works, encoding must work,
// the encoding must decode again, and encoding that must give the same
// bytes: one round trip normalizes, the next changes nothing.
func checkEntity[T any](t *testing.T, data []byte) *T {
	t.Helper()
	checkPage[T](t, data)
	v := new(T)
	if json.Unmarshal(data, v) != nil {
		return nil
	}
	b1, err := json.Marshal(v)
	if err != nil {
		t.Fatalf("%T decoded %q but does not encode: %v", v, data, err)
	}
	w := new(T)
	if err := json.Unmarshal(b1, w); err != nil {
		t.Fatalf("%T encoded %s, which does not decode: %v", v, b1, err)
	}
	b2, err := json.Marshal(w)
	if err != nil {
		t.Fatalf("%T re-encoding: %v", v, err)
	}
	if !bytes.Equal(b1, b2) {
		t.Fatalf("%T round trip is unstable:\n%s\n%s", v, b1, b2)
	}
	return w
}

// checkPage decodes a page holding data twice, around a null, through the
// SDK's page decoder (pageTarget) and through encoding/json: both must fail
// or both give the same entities.
func checkPage[T any](t *testing.T, data []byte) {
	t.Helper()
	if !json.Valid(data) {
		return
	}
	page := slices.Concat([]byte("["), data, []byte(",null,"), data, []byte("]"))
	var want, got []*T
	wantErr := json.Unmarshal(page, &want)
	gotErr := json.Unmarshal(page, pageTarget(&got))
	if (wantErr == nil) != (gotErr == nil) {
		t.Fatalf("page %q: encoding/json says %v, the page decoder %v", page, wantErr, gotErr)
	}
	if wantErr == nil && !reflect.DeepEqual(want, got) {
		t.Fatalf("page %q decodes differently:\n%#v\n%#v", page, want, got)
	}
}

// checkCustomFields checks that the custom fields decoded from data are
// exactly its top-level 40-hex members (keys written with escapes are
// skipped by design), and that they survived a round trip unchanged.
func checkCustomFields(t *testing.T, data []byte, decoded, again CustomFields) {
	t.Helper()
	var members map[string]json.RawMessage
	if json.Unmarshal(data, &members) != nil {
		return
	}
	escaped := bytes.Contains(data, []byte(`\`))
	for k, raw := range members {
		if !IsCustomFieldKey(k) {
			continue
		}
		got, ok := decoded[k]
		if !ok {
			if escaped {
				continue
			}
			t.Fatalf("custom field %s missing from %q", k, data)
		}
		if !jsonEqual(raw, got) {
			t.Fatalf("custom field %s: %s decoded as %s", k, raw, got)
		}
	}
	if len(decoded) != len(again) {
		t.Fatalf("custom fields lost in a round trip: %v vs %v", decoded.Keys(), again.Keys())
	}
	for k, raw := range decoded {
		if !IsCustomFieldKey(k) {
			t.Fatalf("%q decoded as a custom field", k)
		}
		if !jsonEqual(raw, again[k]) {
			t.Fatalf("custom field %s changed in a round trip: %s vs %s", k, raw, again[k])
		}
	}
}

func jsonEqual(a, b []byte) bool {
	var x, y bytes.Buffer
	if json.Compact(&x, a) != nil || json.Compact(&y, b) != nil {
		return false
	}
	return bytes.Equal(x.Bytes(), y.Bytes())
}

// FuzzDealDecode: Deal, with its custom fields, details and references.
func FuzzDealDecode(f *testing.F) {
	seedEntities(f, "deals", false, "getDeals", "getDeal", "addDeal", "updateDeal", "getDealsCollection")
	f.Fuzz(func(t *testing.T, data []byte) {
		var d Deal
		if json.Unmarshal(data, &d) != nil {
			return
		}
		if again := checkEntity[Deal](t, data); again != nil {
			checkCustomFields(t, data, d.CustomFields, again.CustomFields)
		}
		_ = d.LabelIDs()
	})
}

// FuzzPersonDecode: Person, with its contacts, picture and custom fields.
func FuzzPersonDecode(f *testing.F) {
	seedEntities(f, "persons", false, "getPersons", "getPerson", "addPerson", "updatePerson", "getPersonsCollection")
	f.Fuzz(func(t *testing.T, data []byte) {
		var p Person
		if json.Unmarshal(data, &p) != nil {
			return
		}
		if again := checkEntity[Person](t, data); again != nil {
			checkCustomFields(t, data, p.CustomFields, again.CustomFields)
		}
	})
}

// FuzzOrganizationDecode: Organization, with its address and custom fields.
func FuzzOrganizationDecode(f *testing.F) {
	seedEntities(f, "organizations", false, "getOrganizations", "getOrganization", "addOrganization", "updateOrganization", "getOrganizationsCollection")
	f.Fuzz(func(t *testing.T, data []byte) {
		var o Organization
		if json.Unmarshal(data, &o) != nil {
			return
		}
		if again := checkEntity[Organization](t, data); again != nil {
			checkCustomFields(t, data, o.CustomFields, again.CustomFields)
		}
	})
}

// FuzzActivityDecode: Activity, with participants, attendees and custom
// fields.
func FuzzActivityDecode(f *testing.F) {
	seedEntities(f, "activities", false, "getActivities", "getActivity", "addActivity", "updateActivity", "getActivitiesCollection")
	f.Fuzz(func(t *testing.T, data []byte) {
		var a Activity
		if json.Unmarshal(data, &a) != nil {
			return
		}
		if again := checkEntity[Activity](t, data); again != nil {
			checkCustomFields(t, data, a.CustomFields, again.CustomFields)
		}
	})
}

// FuzzLeadDecode: Lead (UUID ids, value object, nullable links).
func FuzzLeadDecode(f *testing.F) {
	seedEntities(f, "leads", false, "getLeads", "getLead", "addLead", "updateLead", "getArchivedLeads")
	f.Add([]byte(leadJSON))
	f.Fuzz(func(t *testing.T, data []byte) { checkEntity[Lead](t, data) })
}

// FuzzLeadLabelDecode: LeadLabel.
func FuzzLeadLabelDecode(f *testing.F) {
	seedEntities(f, "leadLabels", false, "getLeadLabels", "addLeadLabel", "updateLeadLabel")
	f.Add([]byte(leadLabelJSON))
	f.Fuzz(func(t *testing.T, data []byte) { checkEntity[LeadLabel](t, data) })
}

// FuzzLeadV2Decode: a lead search hit and a conversion status (API v2).
func FuzzLeadV2Decode(f *testing.F) {
	f.Add([]byte(`{"result_score":1.2,"item":{"id":"adf21080-0e10-11eb-879b-05d71fb426ec","type":"lead","title":"Jane","owner":{"id":1},"value":100,"visible_to":3,"is_archived":false}}`))
	f.Add([]byte(`{"conversion_id":"adf21080-0e10-11eb-879b-05d71fb426ec","status":"completed","deal_id":7}`))
	f.Add([]byte(`{"conversion_id":"x","status":"running","lead_id":"y"}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		checkEntity[V2LeadSearchResult](t, data)
		checkEntity[V2ConversionStatus](t, data)
	})
}

// FuzzNoteDecode: Note.
func FuzzNoteDecode(f *testing.F) {
	seedEntities(f, "notes", false, "getNotes", "getNote", "addNote", "updateNote")
	f.Fuzz(func(t *testing.T, data []byte) { checkEntity[Note](t, data) })
}

// FuzzStageDecode: Stage.
func FuzzStageDecode(f *testing.F) {
	seedEntities(f, "stages", false, "getStages", "getStage", "addStage", "updateStage")
	f.Fuzz(func(t *testing.T, data []byte) { checkEntity[Stage](t, data) })
}

// FuzzPipelineDecode: Pipeline.
func FuzzPipelineDecode(f *testing.F) {
	seedEntities(f, "pipelines", false, "getPipelines", "getPipeline", "addPipeline", "updatePipeline")
	f.Fuzz(func(t *testing.T, data []byte) { checkEntity[Pipeline](t, data) })
}

// FuzzUserDecode: User and CurrentUser (Users.Me).
func FuzzUserDecode(f *testing.F) {
	seedEntities(f, "users", false, "getUsers", "getUser", "getCurrentUser", "addUser", "updateUser", "findUsersByName")
	f.Fuzz(func(t *testing.T, data []byte) {
		checkEntity[User](t, data)
		checkEntity[CurrentUser](t, data)
	})
}

// FuzzSearchResultDecode: the items of the deal, person and organization
// searches, whose shape differs from the entities'.
func FuzzSearchResultDecode(f *testing.F) {
	for _, dir := range []string{"deals", "persons", "organizations"} {
		seedEntities(f, dir, true)
	}
	seedEntities(f, "none", true, "searchDeals", "searchPersons", "searchOrganization")
	f.Fuzz(func(t *testing.T, data []byte) {
		checkEntity[DealSearchResult](t, data)
		checkEntity[PersonSearchResult](t, data)
		checkEntity[OrganizationSearchResult](t, data)
	})
}

// FuzzConnectionDecode: Maton connections, wrapped ({"connection":{...}}),
// bare, or as a list.
func FuzzConnectionDecode(f *testing.F) {
	for _, name := range []string{"connection_get.json", "connections_list.json"} {
		if b, err := os.ReadFile(filepath.Join("testdata", "core", name)); err == nil {
			f.Add(b)
		}
	}
	f.Add([]byte(`{"connection_id":"21fd90f9-5935-43cd-b6c8-bde9d915ca80","status":"PENDING"}`))
	f.Add([]byte(`{"connection":null}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		_, _ = decodeConnection(data)
		checkEntity[Connection](t, data)
		var list struct {
			Connections []*Connection `json:"connections"`
		}
		_ = json.Unmarshal(data, &list)
	})
}

// seedSpecExamples adds every response example of Pipedrive's v1 spec (the
// whole bodies, envelopes included), when the spec is available.
func seedSpecExamples(f *testing.F) {
	f.Helper()
	spec, err := conformance.LoadErr(conformance.V1)
	if err != nil {
		f.Logf("no spec examples: %v", err)
		return
	}
	for _, id := range spec.OperationIDs() {
		examples, err := spec.ResponseExamples(id)
		if err != nil {
			f.Fatalf("spec examples of %s: %v", id, err)
		}
		for _, b := range examples {
			f.Add(b)
		}
	}
}

// FuzzTypedEnvelope: whole response bodies through the envelope decoder
// into the typed destinations the services use (one entity, a list, search
// items), as the pipeline decodes them. Seeded from testdata/ and every
// response example of the spec. Decoding never panics, and what decodes
// encodes.
func FuzzTypedEnvelope(f *testing.F) {
	seedFromTestdata(f)
	seedSpecExamples(f)
	f.Fuzz(func(t *testing.T, body []byte) {
		res := func() *Response { return &Response{Response: &http.Response{StatusCode: 200}} }
		var one *Deal
		var deals []*Deal
		var persons []*Person
		var orgs []*Organization
		var acts []*Activity
		var notes []*Note
		var search *struct {
			Items []*DealSearchResult `json:"items"`
		}
		for _, out := range []any{&one, &deals, &persons, &orgs, &acts, &notes, &search} {
			r := res()
			if err := decodeEnvelope(body, out, r); err != nil {
				var ae *APIError
				if errors.As(err, &ae) && ae.Message != "" && !utf8.ValidString(ae.Message) && ae.Source == SourceUnknown {
					t.Fatalf("invalid UTF-8 in an error snippet: %q", ae.Message)
				}
				continue
			}
			if r.RelatedObjects != nil {
				if _, err := json.Marshal(r.RelatedObjects); err != nil {
					t.Fatalf("related objects do not encode: %v", err)
				}
			}
		}
	})
}

// FuzzSubresourceDecode: what hangs off a deal, person, organization or
// product: followers (v1, v2) and their changelog, deal discounts, field
// changelogs, flows (polymorphic), files and mail messages.
func FuzzSubresourceDecode(f *testing.F) {
	add := func(body []byte) {
		for _, e := range entityObjects(body, false) {
			f.Add([]byte(e))
		}
	}
	seedExamples(f, conformance.V1, add, "getDealFollowers", "addDealFollower", "getPersonFollowers", "addPersonFollower",
		"getOrganizationFollowers", "addOrganizationFollower", "getProductFollowers", "addProductFollower",
		"getDealChangelog", "getPersonChangelog", "getDealUpdates", "getPersonUpdates", "getOrganizationUpdates",
		"getDealFiles", "getDealMailMessages", "getPersonMailMessages",
		"getDealParticipants", "addDealParticipant", "getDealParticipantsChangelog",
		"getDealsSummary", "getDealsTimeline", "getPipelineConversionStatistics", "getPipelineMovementStatistics",
		"addPersonPicture", "getCurrencies", "getProductDeals", "getPersonProducts", "getActivityTypes", "addActivityType", "getRecents", "getNoteFields", "getOrganizationRelationships", "addOrganizationRelationship", "getUserCallLogs", "addCallLog", "getNoteComments", "getComment", "getUserRoleAssignments", "getUserPermissions", "getUserRoleSettings", "getLeadFields",
		"getFiles", "getFile", "addFile", "addFileAndLinkIt", "getFilters", "getFilter", "addFilter", "getFilterHelpers")
	seedExamples(f, conformance.V2, add, "getDealFollowers", "addDealFollower", "getDealFollowersChangelog",
		"getAdditionalDiscounts", "postAdditionalDiscount", "updateAdditionalDiscount", "getPersonPicture",
		"getProducts", "getProduct", "addProduct", "updateProduct", "duplicateProduct", "getProductVariations", "addProductVariation",
		"getDealProducts", "addDealProduct", "addManyDealProducts", "getInstallments", "postInstallment",
		"addDealField", "addDealFieldOptions", "getProductFields",
		"getProjects", "getProject", "getProjectChangelog", "getTasks", "getTask", "getProjectsBoards", "getProjectsPhase", "getProjectTemplates", "searchProjects")
	f.Add([]byte(`{"id":2,"user_id":1,"org_id":3,"add_time":"2020-09-08 08:17:52"}`))
	f.Add([]byte(`{"action":"removed","actor_user_id":1,"follower_user_id":2,"time":"2024-01-01T00:00:00Z"}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		checkEntity[Follower](t, data)
		checkEntity[V2Follower](t, data)
		checkEntity[V2FollowerChange](t, data)
		checkEntity[V2DealDiscount](t, data)
		checkEntity[ChangelogEntry](t, data)
		checkEntity[FlowItem](t, data)
		checkEntity[File](t, data)
		checkEntity[Filter](t, data)
		checkEntity[V2Project](t, data)
		checkEntity[V2Task](t, data)
		checkEntity[V2ProjectChange](t, data)
		checkEntity[V2ProjectPhase](t, data)
		checkEntity[V2ProjectTemplate](t, data)
		checkEntity[V2ProjectSearchResult](t, data)
		checkEntity[FilterHelpers](t, data)
		checkEntity[MailMessage](t, data)
		checkEntity[DealParticipant](t, data)
		checkEntity[DealParticipantChange](t, data)
		checkEntity[DealsSummary](t, data)
		checkEntity[timelinePeriods](t, data)
		checkEntity[PipelineConversionStats](t, data)
		checkEntity[PipelineMovementStats](t, data)
		checkEntity[Picture](t, data)
		checkEntity[V2PersonPicture](t, data)
		checkEntity[NoteComment](t, data)
		checkEntity[RoleAssignment](t, data)
		checkEntity[UserPermissions](t, data)
		checkEntity[RoleSettings](t, data)
		checkEntity[V2Product](t, data)
		checkEntity[V2ProductVariation](t, data)
		checkEntity[V2ProductSearchResult](t, data)
		checkEntity[V2DealProduct](t, data)
		checkEntity[V2Installment](t, data)
		checkEntity[Currency](t, data)
		checkEntity[V2FieldOption](t, data)
		checkEntity[personProductEntry](t, data)
		checkEntity[ActivityType](t, data)
		checkEntity[RecentItem](t, data)
		checkEntity[OrganizationRelationship](t, data)
		checkEntity[CallLog](t, data)
	})
}
