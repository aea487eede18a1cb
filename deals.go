package pipedrive

// DealsService is filled in by the resources work.
type DealsService service
