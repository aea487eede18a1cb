package pipedrive

import (
	"context"
	"encoding/json"
	"fmt"
	"iter"
	"net/http"
	"strconv"
	"strings"
)

// FieldEntity names a kind of Pipedrive record whose fields (standard and
// custom) can be listed: deals, persons, organizations and activities.
type FieldEntity string

// Entities with fields.
const (
	EntityDeal         FieldEntity = "deal"
	EntityPerson       FieldEntity = "person"
	EntityOrganization FieldEntity = "organization"
	EntityActivity     FieldEntity = "activity"
	EntityProduct      FieldEntity = "product"
	// EntityProject has fields in API v2 only (V2.Fields).
	EntityProject FieldEntity = "project"
)

// fieldsResource returns the path element of the entity's field endpoints
// ("dealFields"), or a *ValidationError for an unknown entity.
func (e FieldEntity) fieldsResource() (string, error) {
	switch e {
	case EntityDeal, EntityPerson, EntityOrganization, EntityActivity, EntityProduct, EntityProject:
		return string(e) + "Fields", nil
	}
	return "", invalid("entity", "%q is not one of deal, person, organization, activity, product, project", string(e))
}

// v1FieldsResource is fieldsResource for API v1, which has no project
// fields.
func (e FieldEntity) v1FieldsResource() (string, error) {
	if e == EntityProject {
		return "", invalid("entity", "project fields are API v2 only: use Client.V2.Fields")
	}
	return e.fieldsResource()
}

// FieldType is the type of a field as Pipedrive names it in field_type.
type FieldType string

// Field types that custom fields can have. Pipedrive uses more types for
// its standard fields (int, boolean, status, stage, visible_to...).
const (
	// FieldTypeVarchar is text up to 255 characters.
	FieldTypeVarchar FieldType = "varchar"
	// FieldTypeVarcharAuto is autocompleted text up to 255 characters.
	FieldTypeVarcharAuto FieldType = "varchar_auto"
	// FieldTypeText is long text, up to 65k characters.
	FieldTypeText FieldType = "text"
	// FieldTypeDouble is a number.
	FieldTypeDouble FieldType = "double"
	// FieldTypeMonetary is a number and a currency.
	FieldTypeMonetary FieldType = "monetary"
	// FieldTypeDate is a date, YYYY-MM-DD.
	FieldTypeDate FieldType = "date"
	// FieldTypeDateRange is a start and an end date.
	FieldTypeDateRange FieldType = "daterange"
	// FieldTypeTime is a time of day, HH:MM:SS.
	FieldTypeTime FieldType = "time"
	// FieldTypeTimeRange is a start and an end time of day.
	FieldTypeTimeRange FieldType = "timerange"
	// FieldTypeEnum is one option out of the field's options.
	FieldTypeEnum FieldType = "enum"
	// FieldTypeSet is any number of the field's options.
	FieldTypeSet FieldType = "set"
	// FieldTypeUser is a Pipedrive user (an id).
	FieldTypeUser FieldType = "user"
	// FieldTypePerson is a person (an id).
	FieldTypePerson FieldType = "people"
	// FieldTypeOrganization is an organization (an id).
	FieldTypeOrganization FieldType = "org"
	// FieldTypeAddress is an address, geocoded by Pipedrive into parts.
	FieldTypeAddress FieldType = "address"
	// FieldTypePhone is a phone number (text up to 255 characters).
	FieldTypePhone FieldType = "phone"
)

// FieldOption is one option of an enum or set field.
type FieldOption struct {
	// ID is the option's id: an integer for custom fields, 0 when the id
	// is not a number (some standard fields use codes such as "open").
	ID int `json:"-"`
	// Code is the option's id as text: "12", or "open" for a standard
	// field's option.
	Code string `json:"-"`
	// Label is the option's display label.
	Label string `json:"label"`
	// Color is the option's color code, when it has one (API v2).
	Color string `json:"color,omitempty"`
}

// UnmarshalJSON implements json.Unmarshaler: the id may be a number, a
// numeric string or a code such as "open".
func (o *FieldOption) UnmarshalJSON(data []byte) error {
	type plain FieldOption
	var w struct {
		plain
		ID json.RawMessage `json:"id"`
	}
	if err := json.Unmarshal(data, &w); err != nil {
		return err
	}
	*o = FieldOption(w.plain)
	o.Code = strings.TrimSpace(rawText(w.ID))
	if n, err := strconv.Atoi(o.Code); err == nil {
		o.ID = n
	}
	return nil
}

// MarshalJSON implements json.Marshaler: the id is written as a number
// when it is one, else as its code.
func (o FieldOption) MarshalJSON() ([]byte, error) {
	type plain FieldOption
	var id any = o.Code
	if o.ID != 0 || o.Code == "" {
		id = o.ID
	}
	return json.Marshal(struct {
		ID any `json:"id"`
		plain
	}{id, plain(o)})
}

// FieldDefinition is a field of deals, persons, organizations or
// activities as API v1 describes it (GET /v1/dealFields and so on): the
// standard fields and the company's custom fields, whose Key is a 40-hex
// hash.
type FieldDefinition struct {
	// ID is the field's id (for Get); 0 for subfields.
	ID int `json:"id"`
	// Key is the key the field's value has in an entity: "title" for a
	// standard field, a 40-hex hash for a custom field.
	Key string `json:"key"`
	// Name is the field's display name.
	Name string `json:"name"`
	// FieldType is the field's type.
	FieldType FieldType `json:"field_type"`
	// OrderNr is the field's position.
	OrderNr int `json:"order_nr"`
	// Options are the options of an enum or set field; nil for others.
	Options []FieldOption `json:"options"`
	// AddTime and UpdateTime are when the field was created and last
	// changed.
	AddTime    Time `json:"add_time"`
	UpdateTime Time `json:"update_time"`
	// CreatedByUserID and LastUpdatedByUserID are the users who created
	// and last changed the field (custom fields only).
	CreatedByUserID     int `json:"created_by_user_id,omitempty"`
	LastUpdatedByUserID int `json:"last_updated_by_user_id,omitempty"`
	// ActiveFlag is false for a deactivated field.
	ActiveFlag FlexBool `json:"active_flag"`
	// EditFlag is true for fields users can edit (custom fields).
	EditFlag FlexBool `json:"edit_flag"`
	// MandatoryFlag is true for a field that must be filled in.
	MandatoryFlag FlexBool `json:"mandatory_flag"`
	// BulkEditAllowed, SearchableFlag, FilteringAllowed and SortableFlag
	// say whether items can be edited in bulk, searched, filtered and
	// sorted by the field.
	BulkEditAllowed  FlexBool `json:"bulk_edit_allowed"`
	SearchableFlag   FlexBool `json:"searchable_flag"`
	FilteringAllowed FlexBool `json:"filtering_allowed"`
	SortableFlag     FlexBool `json:"sortable_flag"`
	// IsSubfield is true for a subfield of another field.
	IsSubfield bool `json:"is_subfield,omitempty"`
}

// IsCustom reports whether the field is a custom field (its key is a
// 40-hex hash).
func (f *FieldDefinition) IsCustom() bool { return v2IsCustomKey(f.Key) }

// FieldsService talks to Pipedrive's API v1 field endpoints
// (/api/v1/dealFields, personFields, organizationFields, activityFields),
// which describe the standard and custom fields of each entity. To read
// and write custom fields by name, use Client.FieldSchema.
type FieldsService service

// List returns one page of the entity's fields, standard and custom.
// Activity fields are not paginated: opts must then be nil or zero.
//
// Pipedrive: GET /api/v1/dealFields, personFields, organizationFields or
// activityFields (https://developers.pipedrive.com/docs/api/v1/DealFields#getDealFields).
// Token cost: 20.
func (s *FieldsService) List(ctx context.Context, entity FieldEntity, opts *ListOptions) ([]*FieldDefinition, *Response, error) {
	res, err := entity.v1FieldsResource()
	if err != nil {
		return nil, nil, err
	}
	var q any
	if opts != nil {
		if err := opts.validate(); err != nil {
			return nil, nil, err
		}
		if entity == EntityActivity && *opts != (ListOptions{}) {
			return nil, nil, invalid("opts", "GET /v1/activityFields is not paginated: pass nil options")
		}
		if *opts != (ListOptions{}) {
			q = opts
		}
	}
	return listPage[FieldDefinition](ctx, s.client, v1Path(res), q, "")
}

// All iterates over every field of the entity, fetching pages lazily from
// opts.Start on. It yields an error once and stops.
//
// Pipedrive: GET /api/v1/dealFields (and the others), once per page
// (https://developers.pipedrive.com/docs/api/v1/DealFields#getDealFields).
// Token cost: 20 per page.
func (s *FieldsService) All(ctx context.Context, entity FieldEntity, opts *ListOptions) iter.Seq2[*FieldDefinition, error] {
	return allPages(ctx, offsetPages, opts, func(o *ListOptions) *int { return &o.Start },
		func(ctx context.Context, o *ListOptions) ([]*FieldDefinition, *Response, error) {
			return s.List(ctx, entity, o)
		})
}

// Get returns one field by its id (FieldDefinition.ID). API v1 has no
// endpoint for one activity field: use Client.V2.Fields.Get.
//
// Pipedrive: GET /api/v1/dealFields/{id}, personFields/{id} or
// organizationFields/{id} (https://developers.pipedrive.com/docs/api/v1/DealFields#getDealField).
// Token cost: 2.
func (s *FieldsService) Get(ctx context.Context, entity FieldEntity, id int) (*FieldDefinition, *Response, error) {
	res, err := entity.v1FieldsResource()
	if err != nil {
		return nil, nil, err
	}
	if entity == EntityActivity {
		return nil, nil, invalid("entity", "API v1 has no GET /activityFields/{id}: use Client.V2.Fields.Get")
	}
	if err := checkID("id", id); err != nil {
		return nil, nil, err
	}
	return v1Get[FieldDefinition](ctx, s.client, v1IDPath(res, id), "")
}

// V2FieldDefinition is a field of deals, persons, organizations or
// activities as API v2 describes it (GET /api/v2/dealFields and so on).
type V2FieldDefinition struct {
	// FieldCode is the key the field's value has in an entity: "title"
	// for a standard field, a 40-hex hash for a custom field (the key of
	// the entity's custom_fields object).
	FieldCode string `json:"field_code"`
	// FieldName is the field's display name.
	FieldName string `json:"field_name"`
	// Description describes the field.
	Description string `json:"description,omitempty"`
	// FieldType is the field's type.
	FieldType FieldType `json:"field_type"`
	// Options are the options of an enum or set field; nil for others.
	Options []FieldOption `json:"options"`
	// Subfields are the parts of a complex field (monetary, address).
	Subfields []V2Subfield `json:"subfields"`
	// IsCustomField is true for a custom field.
	IsCustomField bool `json:"is_custom_field"`
	// IsOptionalResponseField is true for a field entities only carry when
	// asked for with include_fields.
	IsOptionalResponseField bool `json:"is_optional_response_field"`
	// UIVisibility, ImportantFields and RequiredFields are only sent when
	// asked for with IncludeFields (project fields always carry them);
	// they are kept as the JSON Pipedrive sent.
	UIVisibility    json.RawMessage `json:"ui_visibility,omitempty"`
	ImportantFields json.RawMessage `json:"important_fields,omitempty"`
	RequiredFields  json.RawMessage `json:"required_fields,omitempty"`
}

// V2Subfield is a part of a complex API v2 field, such as the currency of
// a monetary field.
type V2Subfield struct {
	FieldCode string    `json:"field_code"`
	FieldName string    `json:"field_name"`
	FieldType FieldType `json:"field_type"`
}

// V2FieldsService talks to Pipedrive's API v2 field endpoints
// (/api/v2/dealFields, personFields, organizationFields, activityFields,
// productFields, projectFields).
type V2FieldsService service

// Namespaces V2FieldOptions.IncludeFields takes. Activity fields only
// take V2FieldIncludeUIVisibility; project fields take none (they always
// carry all three).
const (
	V2FieldIncludeUIVisibility    = "ui_visibility"
	V2FieldIncludeImportantFields = "important_fields"
	V2FieldIncludeRequiredFields  = "required_fields"
)

// V2FieldOptions asks V2.Fields.Get for optional data.
type V2FieldOptions struct {
	// IncludeFields asks for ui_visibility, important_fields and
	// required_fields (activity fields: ui_visibility only).
	IncludeFields []string `url:"include_fields,comma,omitempty"`
}

func (o *V2FieldOptions) validate(entity FieldEntity) error {
	if o == nil {
		return nil
	}
	allowed := []string{V2FieldIncludeUIVisibility, V2FieldIncludeImportantFields, V2FieldIncludeRequiredFields}
	switch entity {
	case EntityActivity:
		allowed = allowed[:1]
	case EntityProject:
		if len(o.IncludeFields) > 0 {
			return invalid("include_fields", "project fields take no include_fields: they always carry ui_visibility, important_fields and required_fields")
		}
	}
	return checkEnumList("include_fields", o.IncludeFields, allowed...)
}

// V2FieldListOptions filters and pages V2.Fields.List and All.
type V2FieldListOptions struct {
	V2FieldOptions
	V2ListOptions
}

// List returns one page of the entity's fields, standard and custom. Pass
// Response.NextCursor as Cursor to get the next page, or use All.
//
// Pipedrive: GET /api/v2/dealFields, personFields, organizationFields,
// activityFields, productFields or projectFields
// (https://developers.pipedrive.com/docs/api/v2/DealFields#getDealFields).
// Token cost: 10.
func (s *V2FieldsService) List(ctx context.Context, entity FieldEntity, opts *V2FieldListOptions) ([]*V2FieldDefinition, *Response, error) {
	res, err := entity.fieldsResource()
	if err != nil {
		return nil, nil, err
	}
	if opts != nil {
		if err := firstInvalid(opts.V2FieldOptions.validate(entity), opts.V2ListOptions.validate()); err != nil {
			return nil, nil, err
		}
	}
	return listPage[V2FieldDefinition](ctx, s.client, v2Path(res), queryOf(opts), "")
}

// All iterates over every field of the entity, fetching pages lazily from
// opts.Cursor on. It yields an error once and stops.
//
// Pipedrive: GET /api/v2/dealFields (and the others), once per page
// (https://developers.pipedrive.com/docs/api/v2/DealFields#getDealFields).
// Token cost: 10 per page.
func (s *V2FieldsService) All(ctx context.Context, entity FieldEntity, opts *V2FieldListOptions) iter.Seq2[*V2FieldDefinition, error] {
	return allPages(ctx, cursorPages, opts, func(o *V2FieldListOptions) *string { return &o.Cursor },
		func(ctx context.Context, o *V2FieldListOptions) ([]*V2FieldDefinition, *Response, error) {
			return s.List(ctx, entity, o)
		})
}

// Get returns one field by its code (V2FieldDefinition.FieldCode): "title"
// or a custom field's 40-hex key.
//
// Pipedrive: GET /api/v2/dealFields/{field_code} (and the others)
// (https://developers.pipedrive.com/docs/api/v2/DealFields#getDealField).
// Token cost: 1.
func (s *V2FieldsService) Get(ctx context.Context, entity FieldEntity, fieldCode string, opts *V2FieldOptions) (*V2FieldDefinition, *Response, error) {
	res, err := entity.fieldsResource()
	if err != nil {
		return nil, nil, err
	}
	if err := checkFieldKey("field_code", fieldCode); err != nil {
		return nil, nil, err
	}
	if err := opts.validate(entity); err != nil {
		return nil, nil, err
	}
	return doOne[V2FieldDefinition](ctx, s.client, &request{method: http.MethodGet, path: v2Path(res, fieldCode), query: queryOf(opts)})
}

// String describes the field: its name, type and key.
func (f *FieldDefinition) String() string {
	return fmt.Sprintf("%s (%s, %s)", f.Name, f.FieldType, f.Key)
}
