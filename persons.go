package pipedrive

// PersonsService is filled in by the resources work.
type PersonsService service
