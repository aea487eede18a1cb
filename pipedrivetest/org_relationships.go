package pipedrivetest

import (
	"fmt"
	"strconv"
)

// Organization relationships (API v1), declared on the generic store: a
// parent (rel_owner_org_id) and its daughter, or two related
// organizations. Lists are per organization (org_id); each relationship
// is shown from that organization's side (calculated_type,
// calculated_related_org_id).

func orgRelationshipsV1() *crudResource {
	r := &crudResource{
		path: "organizationRelationships", noun: "Organization relationship", update: "PUT", times: true,
		createStatus: 200, cost: struct{ list, get, create, update, delete int }{20, 2, 10, 10, 6},
		fields: []crudField{
			{name: "type", kind: crudString, required: true, enum: []string{"parent", "related"}},
			{name: "rel_owner_org_id", kind: crudInt, required: true, positive: true},
			{name: "rel_linked_org_id", kind: crudInt, required: true, positive: true},
		},
		check: func(c *call, row map[string]any) *reply {
			owner, linked := row["rel_owner_org_id"].(int), row["rel_linked_org_id"].(int)
			if owner == linked {
				return badRequest("An organization cannot be related to itself")
			}
			for _, id := range []int{owner, linked} {
				if _, found := c.st.orgs.live(id); !found {
					return notFound("Organization")
				}
			}
			return nil
		},
		filter: func(c *call) (func(map[string]any) bool, *reply) {
			org, has, rep := queryInt(c.q, "org_id")
			if rep != nil {
				return nil, rep
			}
			if !has {
				return nil, badRequest(`Parameter "org_id" is required`)
			}
			return func(row map[string]any) bool {
				return row["rel_owner_org_id"] == org || row["rel_linked_org_id"] == org
			}, nil
		},
		render: func(c *call, row map[string]any) map[string]any {
			owner, linked := row["rel_owner_org_id"].(int), row["rel_linked_org_id"].(int)
			row["rel_owner_org_id"], row["rel_linked_org_id"] = c.orgRefV1(owner), c.orgRefV1(linked)
			row["add_time"], row["update_time"] = v1Stamp(row["add_time"]), v1Stamp(row["update_time"])
			row["active_flag"] = "true"
			if from, err := strconv.Atoi(c.q.Get("org_id")); err == nil && (from == owner || from == linked) {
				// The other organization's role: the daughter seen from
				// the parent, the parent seen from the daughter.
				other, kind := linked, fmt.Sprint(row["type"])
				if kind == "parent" {
					kind = "daughter"
				}
				if from == linked {
					other, kind = owner, fmt.Sprint(row["type"])
				}
				row["calculated_type"], row["calculated_related_org_id"] = kind, other
				if o, found := c.st.orgs.get(other); found {
					row["related_organization_name"] = o.Name
				}
			}
			return row
		},
	}
	return r
}
