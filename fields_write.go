package pipedrive

import (
	"context"
	"net/http"
	"strconv"
	"strings"
)

// Field writes (API v1): the custom fields of deals, persons,
// organizations and products by numeric id. API v2's writes
// (V2FieldsService) address fields by code; both forget the client's
// cached FieldSchema of the entity once they succeed.

// FieldCreateParams adds a custom field (API v1).
type FieldCreateParams struct {
	Name      string    `json:"name"`
	FieldType FieldType `json:"field_type"`
	// Options are the options of an enum or set field (labels only).
	Options []FieldOptionParam `json:"options,omitempty"`
	// AddVisibleFlag shows the field in the "add" dialog (not for
	// products).
	AddVisibleFlag *bool `json:"add_visible_flag,omitempty"`
}

// FieldOptionParam is an option in a field write: Label alone adds one,
// ID and Label keep (and relabel) an existing one.
type FieldOptionParam struct {
	ID    int    `json:"id,omitempty"`
	Label string `json:"label"`
}

// FieldUpdateParams renames a custom field or replaces its options: the
// options listed with an ID are kept, those without are added, the others
// are removed.
type FieldUpdateParams struct {
	Name           string             `json:"name,omitempty"`
	Options        []FieldOptionParam `json:"options,omitempty"`
	AddVisibleFlag *bool              `json:"add_visible_flag,omitempty"`
}

func checkOptionParams(opts []FieldOptionParam) error {
	for _, o := range opts {
		if o.ID < 0 {
			return invalid("options", "option id %d is negative", o.ID)
		}
		if err := checkOptionLabel(o.Label); err != nil {
			return err
		}
	}
	return nil
}

func (p *FieldCreateParams) check(entity FieldEntity) error {
	switch {
	case p == nil:
		return invalid("params", "nil *FieldCreateParams")
	case strings.TrimSpace(p.Name) == "":
		return invalid("name", "empty: a field needs a name")
	case len(p.Options) > 0 && p.FieldType != "enum" && p.FieldType != "set":
		return invalid("options", "a %s field has no options: only enum and set fields do", p.FieldType)
	case p.AddVisibleFlag != nil && entity == EntityProduct:
		return invalid("add_visible_flag", "product fields do not take it")
	}
	for _, o := range p.Options {
		if o.ID != 0 {
			return invalid("options", "a new field's options have no id")
		}
	}
	return firstInvalid(checkEnumList("field_type", []FieldType{p.FieldType}, customTypes...), checkOptionParams(p.Options))
}

func (p *FieldUpdateParams) check(entity FieldEntity) error {
	switch {
	case p == nil:
		return invalid("params", "nil *FieldUpdateParams")
	case p.Name == "" && p.Options == nil && p.AddVisibleFlag == nil:
		return invalid("params", "nothing to change")
	case p.AddVisibleFlag != nil && entity == EntityProduct:
		return invalid("add_visible_flag", "product fields do not take it")
	}
	return checkOptionParams(p.Options)
}

// v1FieldsPath checks that the entity's fields can be written and returns
// the path of its fields (and of one field, with id > 0).
func v1FieldsPath(entity FieldEntity, id int) (string, error) {
	res, err := entity.writableFields()
	if err != nil {
		return "", err
	}
	if id == 0 {
		return v1Path(res), nil
	}
	return v1Path(res, strconv.Itoa(id)), nil
}

// Create adds a custom field to an entity.
//
// Pipedrive: POST /api/v1/{deal|person|organization|product}Fields
// (https://developers.pipedrive.com/docs/api/v1/DealFields#addDealField).
// Token cost: 10.
func (s *FieldsService) Create(ctx context.Context, entity FieldEntity, p *FieldCreateParams) (*FieldDefinition, *Response, error) {
	path, err := v1FieldsPath(entity, 0)
	return validated(firstInvalid(err, p.check(entity)), func() (*FieldDefinition, *Response, error) {
		f, resp, err := v1Create[FieldDefinition](ctx, s.client, path, p, "")
		return forgetting(s.client, entity, f, resp, err)
	})
}

// Update renames a custom field or replaces its options.
//
// Pipedrive: PUT /api/v1/{deal|person|organization|product}Fields/{id}
// (https://developers.pipedrive.com/docs/api/v1/DealFields#updateDealField).
// Token cost: 10.
func (s *FieldsService) Update(ctx context.Context, entity FieldEntity, id int, p *FieldUpdateParams) (*FieldDefinition, *Response, error) {
	path, err := v1FieldsPath(entity, id)
	return validated(firstInvalid(err, checkID("id", id), p.check(entity)), func() (*FieldDefinition, *Response, error) {
		f, resp, err := v1Update[FieldDefinition](ctx, s.client, path, p, "")
		return forgetting(s.client, entity, f, resp, err)
	})
}

// Delete removes a custom field and its values.
//
// Pipedrive: DELETE /api/v1/{deal|person|organization|product}Fields/{id}
// (https://developers.pipedrive.com/docs/api/v1/DealFields#deleteDealField).
// Token cost: 6.
func (s *FieldsService) Delete(ctx context.Context, entity FieldEntity, id int) (*Response, error) {
	path, err := v1FieldsPath(entity, id)
	if err = firstInvalid(err, checkID("id", id)); err != nil {
		return nil, err
	}
	resp, err := deletePath(ctx, s.client, path)
	if err == nil {
		s.client.fieldSchemas.forget(entity)
	}
	return resp, err
}

// DeleteMany removes several custom fields (and their values) at once.
//
// Pipedrive: DELETE /api/v1/{deal|person|organization|product}Fields?ids=
// (https://developers.pipedrive.com/docs/api/v1/DealFields#deleteDealFields).
// Token cost: 10.
func (s *FieldsService) DeleteMany(ctx context.Context, entity FieldEntity, ids []int) (*Response, error) {
	path, err := v1FieldsPath(entity, 0)
	if err == nil && len(ids) == 0 {
		err = invalid("ids", "empty: no field to delete")
	}
	if err == nil {
		err = v2CheckIDList(ids)
	}
	if err != nil {
		return nil, err
	}
	parts := make([]string, len(ids))
	for i, id := range ids {
		parts[i] = strconv.Itoa(id)
	}
	resp, err := s.client.do(ctx, &request{method: http.MethodDelete, path: path, query: struct {
		IDs string `url:"ids"`
	}{strings.Join(parts, ",")}}, nil)
	if err == nil {
		s.client.fieldSchemas.forget(entity)
	}
	return resp, err
}
