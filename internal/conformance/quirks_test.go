package conformance

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestSpecTypeQuirks pins down how the specs type fields whose real-world
// shape differs between resources, so fixtures written for the fake server
// follow the spec (see PIPEDRIVE-WIRE.md §3).
func TestSpecTypeQuirks(t *testing.T) {
	s := Load(t, V1)
	cases := []struct {
		name, op, body string
		ok             bool
	}{
		// has_pic is a boolean on deal users but an integer on person/org owners.
		{"deal creator has_pic bool", "getDeal", `{"success":true,"data":{"id":1,"creator_user_id":{"id":1,"has_pic":false,"value":1}}}`, true},
		{"deal creator has_pic 0", "getDeal", `{"success":true,"data":{"id":1,"creator_user_id":{"id":1,"has_pic":0,"value":1}}}`, false},
		{"person owner has_pic 0", "getPerson", `{"success":true,"data":{"id":1,"owner_id":{"id":1,"has_pic":0,"value":1}}}`, true},
		{"person owner has_pic bool", "getPerson", `{"success":true,"data":{"id":1,"owner_id":{"id":1,"has_pic":false,"value":1}}}`, false},
		// v1 activity "done" is 0/1 in requests but a boolean in responses.
		{"activity done bool", "getActivity", `{"success":true,"data":{"id":1,"done":true}}`, true},
		{"activity done 1", "getActivity", `{"success":true,"data":{"id":1,"done":1}}`, false},
		// Null relations are tolerated (stripped), whatever nullable says.
		{"deal null relations", "getDeal", `{"success":true,"data":{"id":1,"person_id":null,"org_id":null,"label":null}}`, true},
		// GET /deals: the schema puts pagination flat, reality nests it; both pass.
		{"deals nested pagination", "getDeals", `{"success":true,"data":[],"additional_data":{"pagination":{"start":0,"limit":100,"more_items_in_collection":true,"next_start":100}}}`, true},
		{"deals flat pagination", "getDeals", `{"success":true,"data":[],"additional_data":{"start":0,"limit":100,"more_items_in_collection":false}}`, true},
		{"delete note data true", "deleteNote", `{"success":true,"data":true}`, true},
		{"stage deal_probability int", "getStage", `{"success":true,"data":{"id":1,"deal_probability":100}}`, true},
		{"pipeline deal_probability bool", "getPipeline", `{"success":true,"data":{"id":1,"deal_probability":true}}`, true},
	}
	for _, tc := range cases {
		err := s.ValidateResponseBody(tc.op, 200, []byte(tc.body))
		if tc.ok {
			assert.NoError(t, err, tc.name)
		} else {
			assert.Error(t, err, tc.name)
		}
	}
}
