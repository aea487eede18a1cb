package pipedrivetest_test

import (
	"testing"

	"github.com/gopipedrive/pipedrive"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Custom fields of deals, persons, organizations and products: created,
// renamed, their options changed, deleted (values included); product
// fields read in both versions.
func TestConformanceFieldWrites(t *testing.T) {
	_, c, ctx := sdkConformance(t)
	for _, e := range []pipedrive.FieldEntity{pipedrive.EntityDeal, pipedrive.EntityPerson, pipedrive.EntityOrganization, pipedrive.EntityProduct} {
		t.Run(string(e), func(t *testing.T) {
			desc := ""
			if e == pipedrive.EntityDeal {
				desc = "Customer tier"
			}
			f, _, err := c.V2.Fields.Create(ctx, e, &pipedrive.V2FieldCreateParams{FieldName: "Tier", FieldType: "enum",
				Options: []pipedrive.V2FieldOptionLabel{{Label: "Gold"}, {Label: "Silver"}}, Description: desc})
			require.NoError(t, err)
			assert.True(t, f.IsCustomField)
			assert.Len(t, f.FieldCode, 40)
			require.Len(t, f.Options, 2)

			f, _, err = c.V2.Fields.Update(ctx, e, f.FieldCode, &pipedrive.V2FieldUpdateParams{FieldName: "Customer tier"})
			require.NoError(t, err)
			assert.Equal(t, "Customer tier", f.FieldName)
			_, _, err = c.V2.Fields.Update(ctx, e, "name", &pipedrive.V2FieldUpdateParams{FieldName: "Renamed"})
			var apiErr *pipedrive.APIError
			if e != pipedrive.EntityDeal {
				require.ErrorAs(t, err, &apiErr, "built-in fields keep their names")
			}

			added, _, err := c.V2.Fields.AddOptions(ctx, e, f.FieldCode, "Bronze")
			require.NoError(t, err)
			require.Len(t, added, 1)
			relabelled, _, err := c.V2.Fields.UpdateOptions(ctx, e, f.FieldCode, pipedrive.V2FieldOptionChange{ID: added[0].ID, Label: "Copper"})
			require.NoError(t, err)
			assert.Equal(t, "Copper", relabelled[0].Label)
			removed, _, err := c.V2.Fields.DeleteOptions(ctx, e, f.FieldCode, f.Options[1].ID)
			require.NoError(t, err)
			assert.Equal(t, "Silver", removed[0].Label)
			got, _, err := c.V2.Fields.Get(ctx, e, f.FieldCode, nil)
			require.NoError(t, err)
			var labels []string
			for _, o := range got.Options {
				labels = append(labels, o.Label)
			}
			assert.Equal(t, []string{"Gold", "Copper"}, labels)
			_, _, err = c.V2.Fields.DeleteOptions(ctx, e, f.FieldCode, 99999)
			assert.ErrorIs(t, err, pipedrive.ErrNotFound)

			gone, _, err := c.V2.Fields.Delete(ctx, e, f.FieldCode)
			require.NoError(t, err)
			assert.Equal(t, "Customer tier", gone.FieldName)
			_, _, err = c.V2.Fields.Get(ctx, e, f.FieldCode, nil)
			assert.ErrorIs(t, err, pipedrive.ErrNotFound)
			_, _, err = c.V2.Fields.Delete(ctx, e, "name")
			require.ErrorAs(t, err, &apiErr, "built-in fields cannot be deleted")
		})
	}

	// A deleted field's values go with it.
	f, _, err := c.V2.Fields.Create(ctx, pipedrive.EntityDeal, &pipedrive.V2FieldCreateParams{FieldName: "Note", FieldType: "varchar"})
	require.NoError(t, err)
	deal, _, err := c.V2.Deals.Create(ctx, &pipedrive.V2DealCreateParams{Title: "Custom", CustomFields: map[string]any{f.FieldCode: "hello"}})
	require.NoError(t, err)
	assert.True(t, deal.CustomFields.Has(f.FieldCode))
	_, _, err = c.V2.Fields.Delete(ctx, pipedrive.EntityDeal, f.FieldCode)
	require.NoError(t, err)
	deal, _, err = c.V2.Deals.Get(ctx, deal.ID)
	require.NoError(t, err)
	assert.False(t, deal.CustomFields.Has(f.FieldCode))

	// Product fields, read in both versions.
	v1, _, err := c.Fields.List(ctx, pipedrive.EntityProduct, nil)
	require.NoError(t, err)
	require.NotEmpty(t, v1)
	assert.Equal(t, "name", v1[0].Key)
	one, _, err := c.Fields.Get(ctx, pipedrive.EntityProduct, v1[0].ID)
	require.NoError(t, err)
	assert.Equal(t, "Name", one.Name)
	v2, _, err := c.V2.Fields.List(ctx, pipedrive.EntityProduct, nil)
	require.NoError(t, err)
	assert.Equal(t, len(v1), len(v2))
	code, _, err := c.V2.Fields.Get(ctx, pipedrive.EntityProduct, "code", nil)
	require.NoError(t, err)
	assert.Equal(t, "Product code", code.FieldName)
}

// A field written through the client is in the next FieldSchema, and in
// every holder's from then on.
func TestFieldSchemaFollowsWrites(t *testing.T) {
	_, c, ctx := sdkConformance(t)
	before, err := c.FieldSchema(ctx, pipedrive.EntityDeal)
	require.NoError(t, err)
	_, err = before.Key("Budget")
	require.Error(t, err)
	f, _, err := c.V2.Fields.Create(ctx, pipedrive.EntityDeal, &pipedrive.V2FieldCreateParams{FieldName: "Budget", FieldType: "monetary"})
	require.NoError(t, err)
	after, err := c.FieldSchema(ctx, pipedrive.EntityDeal)
	require.NoError(t, err)
	key, err := after.Key("Budget")
	require.NoError(t, err)
	assert.Equal(t, f.FieldCode, key)
	key, err = before.Key("Budget")
	require.NoError(t, err, "the holder of the old schema sees it too")
	assert.Equal(t, f.FieldCode, key)

	_, _, err = c.V2.Fields.Update(ctx, pipedrive.EntityDeal, f.FieldCode, &pipedrive.V2FieldUpdateParams{FieldName: "Budget (EUR)"})
	require.NoError(t, err)
	renamed, err := c.FieldSchema(ctx, pipedrive.EntityDeal)
	require.NoError(t, err)
	_, err = renamed.Key("Budget (EUR)")
	require.NoError(t, err)
}

// Custom fields written through API v1: create, rename, replace options,
// delete one and several.
func TestConformanceFieldWritesV1(t *testing.T) {
	_, c, ctx := sdkConformance(t)
	for _, e := range []pipedrive.FieldEntity{pipedrive.EntityDeal, pipedrive.EntityPerson, pipedrive.EntityOrganization, pipedrive.EntityProduct} {
		t.Run(string(e), func(t *testing.T) {
			f, _, err := c.Fields.Create(ctx, e, &pipedrive.FieldCreateParams{Name: "Size", FieldType: "enum",
				Options: []pipedrive.FieldOptionParam{{Label: "S"}, {Label: "M"}}})
			require.NoError(t, err)
			assert.Len(t, f.Key, 40)
			require.Len(t, f.Options, 2)
			small := f.Options[0].ID
			f, _, err = c.Fields.Update(ctx, e, f.ID, &pipedrive.FieldUpdateParams{Name: "Shirt size",
				Options: []pipedrive.FieldOptionParam{{ID: small, Label: "Small"}, {Label: "XL"}}})
			require.NoError(t, err)
			assert.Equal(t, "Shirt size", f.Name)
			require.Len(t, f.Options, 2, "M is gone, XL is new")
			assert.Equal(t, small, f.Options[0].ID)
			assert.Equal(t, "Small", f.Options[0].Label)
			second, _, err := c.Fields.Create(ctx, e, &pipedrive.FieldCreateParams{Name: "Note", FieldType: "text"})
			require.NoError(t, err)
			third, _, err := c.Fields.Create(ctx, e, &pipedrive.FieldCreateParams{Name: "Other", FieldType: "varchar"})
			require.NoError(t, err)
			_, err = c.Fields.Delete(ctx, e, f.ID)
			require.NoError(t, err)
			_, err = c.Fields.Delete(ctx, e, f.ID)
			assert.ErrorIs(t, err, pipedrive.ErrNotFound)
			_, err = c.Fields.DeleteMany(ctx, e, []int{second.ID, third.ID})
			require.NoError(t, err)
			fs, _, err := c.Fields.List(ctx, e, nil)
			require.NoError(t, err)
			for _, d := range fs {
				assert.NotContains(t, []string{"Shirt size", "Note", "Other"}, d.Name)
			}
		})
	}
}
