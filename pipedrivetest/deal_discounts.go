package pipedrivetest

import "fmt"

// Additional discounts of a deal (API v2), declared on the generic store.
// Pipedrive applies them to the deal's one-time products; a percentage
// cannot go over 100.
func dealDiscountsV2() *crudResource {
	r := &crudResource{
		path: "discounts", parent: "deals", parentField: "deal_id", noun: "Discount",
		uuidIDs: true, update: "PATCH",
		times: true, timeKeys: [2]string{"created_at", "updated_at"}, userKeys: [2]string{"created_by", "updated_by"},
		fields: []crudField{
			{name: "description", kind: crudString, required: true},
			{name: "amount", kind: crudNumber, required: true, positive: true},
			{name: "type", kind: crudString, required: true, enum: []string{"percentage", "amount"}},
		},
		check: func(_ *call, row map[string]any) *reply {
			if amount, _ := row["amount"].(float64); row["type"] == "percentage" && amount > 100 {
				return badRequest(fmt.Sprintf("A percentage discount cannot be more than 100%% (got %g)", amount))
			}
			return nil
		},
		afterWrite: revalue,
	}
	r.cost.list, r.cost.create, r.cost.update, r.cost.delete = 10, 5, 5, 3
	return r
}
