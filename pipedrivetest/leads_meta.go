package pipedrivetest

// Lead labels and lead sources (API v1), declared on the generic store.

var leadColors = []string{"blue", "brown", "dark-gray", "gray", "green", "orange", "pink", "purple", "red", "yellow"}

func leadLabelsV1() *crudResource {
	r := &crudResource{path: "leadLabels", noun: "Lead label", uuidIDs: true, update: "PATCH", times: true, createStatus: 200,
		fields: []crudField{
			{name: "name", kind: crudString, required: true},
			{name: "color", kind: crudString, required: true, enum: leadColors},
		}}
	r.cost.list, r.cost.create, r.cost.update, r.cost.delete = 10, 10, 10, 6
	r.seed = []map[string]any{
		{"id": "f08b42a0-4e75-11ea-9643-03698ef1cfd6", "name": "Hot", "color": "red", "add_time": "2026-01-05T10:00:00Z", "update_time": "2026-01-05T10:00:00Z"},
		{"id": "f08b42a1-4e75-11ea-9643-03698ef1cfd6", "name": "Warm", "color": "yellow", "add_time": "2026-01-05T10:00:00Z", "update_time": "2026-01-05T10:00:00Z"},
		{"id": "f08b42a2-4e75-11ea-9643-03698ef1cfd6", "name": "Cold", "color": "blue", "add_time": "2026-01-05T10:00:00Z", "update_time": "2026-01-05T10:00:00Z"},
	}
	return r
}

func leadSourcesV1() *crudResource {
	r := &crudResource{path: "leadSources", noun: "Lead source", readOnly: true}
	r.cost.list = 2
	for _, name := range []string{"Manually created", "Deal", "Web forms", "Prospector", "Leadbooster", "Live chat", "Import", "Website visitors", "Workflow automation", "API"} {
		r.seed = append(r.seed, map[string]any{"name": name})
	}
	return r
}
