package pipedrive

import (
	"context"
	"net/http"
	"strings"
)

// Field writes (API v2): the custom fields of deals, persons,
// organizations and products, and the options of enum and set fields.
// Activity fields are read-only.

// writableFields returns the path element of an entity whose fields API
// v2 can write.
func (e FieldEntity) writableFields() (string, error) {
	switch e {
	case EntityDeal, EntityPerson, EntityOrganization, EntityProduct:
		return string(e) + "Fields", nil
	}
	return "", invalid("entity", "%q: only deal, person, organization and product fields can be written", string(e))
}

// v2WritableFields is writableFields for API v2, which writes project
// fields too.
func (e FieldEntity) v2WritableFields() (string, error) {
	if e == EntityProject {
		return "projectFields", nil
	}
	return e.writableFields()
}

// V2FieldCreateParams adds a custom field.
type V2FieldCreateParams struct {
	// FieldName is 1 to 255 characters.
	FieldName string `json:"field_name"`
	// FieldType is one of the custom field types (FieldTypeVarchar...).
	FieldType FieldType `json:"field_type"`
	// Options are the option labels of an enum or set field.
	Options []V2FieldOptionLabel `json:"options,omitempty"`
	// Description explains the field (deal fields only).
	Description string `json:"description,omitempty"`
}

// checkDescription refuses a description where Pipedrive takes none.
func checkDescription(entity FieldEntity, description string) error {
	if description != "" && entity != EntityDeal {
		return invalid("description", "only deal fields have a description")
	}
	return nil
}

// V2FieldOptionLabel is a new option of an enum or set field.
type V2FieldOptionLabel struct {
	Label string `json:"label"`
}

// customTypes are the types a custom field can be created with.
var customTypes = []FieldType{"varchar", "text", "double", "phone", "date", "daterange", "time", "timerange",
	"set", "enum", "varchar_auto", "address", "monetary", "org", "people", "user"}

func checkFieldName(name string) error {
	if strings.TrimSpace(name) == "" || len(name) > 255 {
		return invalid("field_name", "%q: a field name is 1 to 255 characters", name)
	}
	return nil
}

func (p *V2FieldCreateParams) validate() error {
	if err := checkFieldName(p.FieldName); err != nil {
		return err
	}
	if err := checkEnumList("field_type", []FieldType{p.FieldType}, customTypes...); err != nil {
		return err
	}
	if len(p.Options) > 0 && p.FieldType != "enum" && p.FieldType != "set" {
		return invalid("options", "a %s field has no options: only enum and set fields do", p.FieldType)
	}
	for _, o := range p.Options {
		if err := checkOptionLabel(o.Label); err != nil {
			return err
		}
	}
	return nil
}

func checkOptionLabel(label string) error {
	if strings.TrimSpace(label) == "" || len(label) > 255 {
		return invalid("label", "%q: an option label is 1 to 255 characters", label)
	}
	return nil
}

// V2FieldUpdateParams renames a custom field or changes its description
// (deal fields only).
type V2FieldUpdateParams struct {
	FieldName   string `json:"field_name,omitempty"`
	Description string `json:"description,omitempty"`
}

func (p *V2FieldUpdateParams) validate() error {
	if p.FieldName == "" && p.Description == "" {
		return invalid("params", "nothing to change: set FieldName or Description")
	}
	if p.FieldName != "" {
		return checkFieldName(p.FieldName)
	}
	return nil
}

// V2FieldOptionChange relabels an option (ID and Label) or names one to
// delete (ID).
type V2FieldOptionChange struct {
	ID    int    `json:"id"`
	Label string `json:"label,omitempty"`
}

// V2FieldOption is an option as the option endpoints answer it.
type V2FieldOption struct {
	ID    int    `json:"id"`
	Label string `json:"label"`
}

// forgetting makes a field write drop the entity's cached FieldSchema
// once it succeeded.
func forgetting[T any](c *Client, entity FieldEntity, v T, resp *Response, err error) (T, *Response, error) {
	if err == nil {
		c.fieldSchemas.forget(entity)
	}
	return v, resp, err
}

// fieldPath checks the entity and code and returns the field's path.
func fieldPath(entity FieldEntity, code string, rest ...string) (string, error) {
	res, err := entity.v2WritableFields()
	if err != nil {
		return "", err
	}
	if err := checkFieldKey("field_code", code); err != nil {
		return "", err
	}
	return v2Path(append([]string{res, code}, rest...)...), nil
}

// Create adds a custom field to an entity.
//
// Pipedrive: POST /api/v2/{deal|person|organization|product|project}Fields
// (https://developers.pipedrive.com/docs/api/v2/DealFields#addDealField).
// Token cost: 5.
func (s *V2FieldsService) Create(ctx context.Context, entity FieldEntity, p *V2FieldCreateParams) (*V2FieldDefinition, *Response, error) {
	res, err := entity.v2WritableFields()
	path := v2Path(res)
	if err == nil {
		err = checkRequired(p, "params", "nil *V2FieldCreateParams")
	}
	if err == nil {
		err = checkDescription(entity, p.Description)
	}
	return validated(err, func() (*V2FieldDefinition, *Response, error) {
		f, resp, err := doOne[V2FieldDefinition](ctx, s.client, &request{method: http.MethodPost, path: path, body: p})
		return forgetting(s.client, entity, f, resp, err)
	})
}

// Update renames a custom field or changes its description.
//
// Pipedrive: PATCH /api/v2/{deal|person|organization|product}Fields/{field_code}
// (https://developers.pipedrive.com/docs/api/v2/DealFields#updateDealField).
// Token cost: 5.
func (s *V2FieldsService) Update(ctx context.Context, entity FieldEntity, fieldCode string, p *V2FieldUpdateParams) (*V2FieldDefinition, *Response, error) {
	path, err := fieldPath(entity, fieldCode)
	if err == nil {
		err = checkRequired(p, "params", "nil *V2FieldUpdateParams")
	}
	if err == nil {
		err = checkDescription(entity, p.Description)
	}
	return validated(err, func() (*V2FieldDefinition, *Response, error) {
		f, resp, err := v1Patch[V2FieldDefinition](ctx, s.client, path, p)
		return forgetting(s.client, entity, f, resp, err)
	})
}

// Delete removes a custom field (and its values on every entity); it
// returns the field as it was.
//
// Pipedrive: DELETE /api/v2/{deal|person|organization|product}Fields/{field_code}
// (https://developers.pipedrive.com/docs/api/v2/DealFields#deleteDealField).
// Token cost: 3.
func (s *V2FieldsService) Delete(ctx context.Context, entity FieldEntity, fieldCode string) (*V2FieldDefinition, *Response, error) {
	path, err := fieldPath(entity, fieldCode)
	return validated(err, func() (*V2FieldDefinition, *Response, error) {
		f, resp, err := doOne[V2FieldDefinition](ctx, s.client, &request{method: http.MethodDelete, path: path})
		return forgetting(s.client, entity, f, resp, err)
	})
}

func (s *V2FieldsService) options(ctx context.Context, method string, entity FieldEntity, fieldCode string, check error, body any) ([]*V2FieldOption, *Response, error) {
	path, err := fieldPath(entity, fieldCode, "options")
	return validated(firstInvalid(err, check), func() ([]*V2FieldOption, *Response, error) {
		var out []*V2FieldOption
		resp, err := s.client.do(ctx, &request{method: method, path: path, body: body}, &out)
		return forgetting(s.client, entity, out, resp, err)
	})
}

// AddOptions adds options to an enum or set field and returns them with
// their ids.
//
// Pipedrive: POST /api/v2/{deal|person|organization|product|project}Fields/{field_code}/options
// (https://developers.pipedrive.com/docs/api/v2/DealFields#addDealFieldOptions).
// Token cost: 5.
func (s *V2FieldsService) AddOptions(ctx context.Context, entity FieldEntity, fieldCode string, labels ...string) ([]*V2FieldOption, *Response, error) {
	var check error
	if len(labels) == 0 {
		check = invalid("options", "no option to add")
	}
	body := make([]V2FieldOptionLabel, len(labels))
	for i, l := range labels {
		check = firstInvalid(check, checkOptionLabel(l))
		body[i] = V2FieldOptionLabel{l}
	}
	return s.options(ctx, http.MethodPost, entity, fieldCode, check, body)
}

// UpdateOptions relabels options of an enum or set field.
//
// Pipedrive: PATCH /api/v2/{deal|person|organization|product}Fields/{field_code}/options
// (https://developers.pipedrive.com/docs/api/v2/DealFields#updateDealFieldOptions).
// Token cost: 5.
func (s *V2FieldsService) UpdateOptions(ctx context.Context, entity FieldEntity, fieldCode string, changes ...V2FieldOptionChange) ([]*V2FieldOption, *Response, error) {
	var check error
	if len(changes) == 0 {
		check = invalid("options", "no option to change")
	}
	for _, c := range changes {
		check = firstInvalid(check, checkID("id", c.ID), checkOptionLabel(c.Label))
	}
	return s.options(ctx, http.MethodPatch, entity, fieldCode, check, changes)
}

// DeleteOptions removes options of an enum or set field by id and returns
// them.
//
// Pipedrive: DELETE /api/v2/{deal|person|organization|product}Fields/{field_code}/options
// (https://developers.pipedrive.com/docs/api/v2/DealFields#deleteDealFieldOptions).
// Token cost: 3.
func (s *V2FieldsService) DeleteOptions(ctx context.Context, entity FieldEntity, fieldCode string, optionIDs ...int) ([]*V2FieldOption, *Response, error) {
	var check error
	if len(optionIDs) == 0 {
		check = invalid("options", "no option to delete")
	}
	body := make([]struct {
		ID int `json:"id"`
	}, len(optionIDs))
	for i, id := range optionIDs {
		check = firstInvalid(check, checkID("id", id))
		body[i].ID = id
	}
	return s.options(ctx, http.MethodDelete, entity, fieldCode, check, body)
}
