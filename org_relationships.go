package pipedrive

import (
	"context"
	"net/http"
)

// OrganizationRelationshipsService manages the relationships between
// organizations (API v1): a parent and its daughter, or two related
// organizations.
type OrganizationRelationshipsService service

// OrganizationRelationship links two organizations. Read from one
// organization's side (List, or Get with that organization), the
// Calculated fields describe the other one.
type OrganizationRelationship struct {
	ID int `json:"id"`
	// Type is "parent" (RelOwnerOrgID is the parent) or "related".
	Type           string          `json:"type"`
	RelOwnerOrgID  OrganizationRef `json:"rel_owner_org_id"`
	RelLinkedOrgID OrganizationRef `json:"rel_linked_org_id"`
	// CalculatedType is the other organization's role: "parent",
	// "daughter" or "related".
	CalculatedType          string   `json:"calculated_type,omitempty"`
	CalculatedRelatedOrgID  int      `json:"calculated_related_org_id,omitempty"`
	RelatedOrganizationName string   `json:"related_organization_name,omitempty"`
	ActiveFlag              FlexBool `json:"active_flag"`
	AddTime                 Time     `json:"add_time"`
	UpdateTime              Time     `json:"update_time"`
}

// OrganizationRelationshipParams creates (every field required) or
// updates (the fields given) a relationship.
type OrganizationRelationshipParams struct {
	// Type is "parent" or "related".
	Type           string `json:"type,omitempty"`
	RelOwnerOrgID  int    `json:"rel_owner_org_id,omitempty"`
	RelLinkedOrgID int    `json:"rel_linked_org_id,omitempty"`
}

func (p *OrganizationRelationshipParams) check(create bool) error {
	switch {
	case p == nil:
		return invalid("params", "nil *OrganizationRelationshipParams")
	case create && p.Type == "":
		return invalid("type", "empty: parent or related")
	case create && (p.RelOwnerOrgID == 0 || p.RelLinkedOrgID == 0):
		return invalid("rel_owner_org_id", "both organizations are required")
	case p.RelOwnerOrgID != 0 && p.RelOwnerOrgID == p.RelLinkedOrgID:
		return invalid("rel_linked_org_id", "%d: an organization cannot be related to itself", p.RelLinkedOrgID)
	}
	if p.Type != "" {
		if err := checkEnumList("type", []string{p.Type}, "parent", "related"); err != nil {
			return err
		}
	}
	return firstInvalid(checkOptionalID("rel_owner_org_id", p.RelOwnerOrgID), checkOptionalID("rel_linked_org_id", p.RelLinkedOrgID))
}

// List returns the relationships of an organization.
//
// Pipedrive: GET /api/v1/organizationRelationships (https://developers.pipedrive.com/docs/api/v1/OrganizationRelationships#getOrganizationRelationships).
// Token cost: 20.
func (s *OrganizationRelationshipsService) List(ctx context.Context, orgID int) ([]*OrganizationRelationship, *Response, error) {
	return validated(checkID("org_id", orgID), func() ([]*OrganizationRelationship, *Response, error) {
		return listPage[OrganizationRelationship](ctx, s.client, v1Path("organizationRelationships"), struct {
			OrgID int `url:"org_id"`
		}{orgID}, "")
	})
}

// Get returns a relationship; with fromOrgID (0 for none) its Calculated
// fields describe the other organization.
//
// Pipedrive: GET /api/v1/organizationRelationships/{id} (https://developers.pipedrive.com/docs/api/v1/OrganizationRelationships#getOrganizationRelationship).
// Token cost: 2.
func (s *OrganizationRelationshipsService) Get(ctx context.Context, id, fromOrgID int) (*OrganizationRelationship, *Response, error) {
	return validated(firstInvalid(checkID("id", id), checkOptionalID("org_id", fromOrgID)), func() (*OrganizationRelationship, *Response, error) {
		var q any
		if fromOrgID > 0 {
			q = struct {
				OrgID int `url:"org_id"`
			}{fromOrgID}
		}
		return doOne[OrganizationRelationship](ctx, s.client, &request{method: http.MethodGet, path: v1IDPath("organizationRelationships", id), query: q})
	})
}

// Create links two organizations.
//
// Pipedrive: POST /api/v1/organizationRelationships (https://developers.pipedrive.com/docs/api/v1/OrganizationRelationships#addOrganizationRelationship).
// Token cost: 10.
func (s *OrganizationRelationshipsService) Create(ctx context.Context, p *OrganizationRelationshipParams) (*OrganizationRelationship, *Response, error) {
	return validated(p.check(true), func() (*OrganizationRelationship, *Response, error) {
		return v1Create[OrganizationRelationship](ctx, s.client, v1Path("organizationRelationships"), p, "")
	})
}

// Update changes the fields of p that are set.
//
// Pipedrive: PUT /api/v1/organizationRelationships/{id} (https://developers.pipedrive.com/docs/api/v1/OrganizationRelationships#updateOrganizationRelationship).
// Token cost: 10.
func (s *OrganizationRelationshipsService) Update(ctx context.Context, id int, p *OrganizationRelationshipParams) (*OrganizationRelationship, *Response, error) {
	return validated(firstInvalid(checkID("id", id), p.check(false)), func() (*OrganizationRelationship, *Response, error) {
		return v1Update[OrganizationRelationship](ctx, s.client, v1IDPath("organizationRelationships", id), p, "")
	})
}

// Delete removes a relationship.
//
// Pipedrive: DELETE /api/v1/organizationRelationships/{id} (https://developers.pipedrive.com/docs/api/v1/OrganizationRelationships#deleteOrganizationRelationship).
// Token cost: 6.
func (s *OrganizationRelationshipsService) Delete(ctx context.Context, id int) (*Response, error) {
	if err := checkID("id", id); err != nil {
		return nil, err
	}
	return deletePath(ctx, s.client, v1IDPath("organizationRelationships", id))
}
