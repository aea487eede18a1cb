package pipedrive

// StagesService is filled in by the resources work.
type StagesService service
