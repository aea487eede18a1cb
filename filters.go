package pipedrive

// FiltersService manages saved filters (API v1).
type FiltersService service
