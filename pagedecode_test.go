package pipedrive

import (
	"encoding/json"
	"net/http"
	"testing"
	"unsafe"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The deals of a page share one string per custom field key, and decode as
// encoding/json decodes them one by one.
func TestPageSharesCustomFieldKeys(t *testing.T) {
	const key = "dcf558aac1ae4e8c4f849ba5e668430d8df9be12"
	env := setupRaw(t)
	env.gateway.HandleFunc("/pipedrive/api/v1/deals", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(t, w, 200, `{"success":true,"data":[
			{"id":1,"title":"a","`+key+`":"x"},
			null,
			{"id":2,"title":"b","`+key+`":{"value":5,"currency":"EUR"}}]}`)
	})
	deals, _, err := env.client.Deals.List(t.Context(), nil)
	require.NoError(t, err)
	require.Len(t, deals, 2)
	assert.JSONEq(t, `"x"`, string(deals[0].CustomFields[key]))
	assert.JSONEq(t, `{"value":5,"currency":"EUR"}`, string(deals[1].CustomFields[key]))
	keyOf := func(d *Deal) *byte {
		for k := range d.CustomFields {
			return unsafe.StringData(k)
		}
		return nil
	}
	assert.Same(t, keyOf(deals[0]), keyOf(deals[1]), "one key string for the page")

	var want []*Deal
	require.NoError(t, json.Unmarshal([]byte(`[{"id":1,"title":"a","`+key+`":"x"}]`), &want))
	assert.Equal(t, want[0], deals[0])
}

// Whatever data holds, the page decoder answers as encoding/json does (on
// an error, what was decoded so far is not compared: the SDK drops it).
func TestPageTargetLikeEncodingJSON(t *testing.T) {
	for _, in := range []string{`null`, `[]`, `{}`, `"x"`, `3`, `[null]`, `[1]`, `[{"id":"x"}]`, `[{"id":1},{"id":2,"value":"ten"}]`} {
		var want, got []*Deal
		wantErr := json.Unmarshal([]byte(in), &want)
		gotErr := json.Unmarshal([]byte(in), pageTarget(&got))
		if wantErr == nil {
			assert.NoError(t, gotErr, in)
			assert.Equal(t, want, got, in)
		} else {
			assert.Error(t, gotErr, in)
		}
	}
	// A type without custom fields decodes straight into the slice.
	var notes []*Note
	_, isSlice := pageTarget(&notes).(*[]*Note)
	assert.True(t, isSlice)
}
