package pipedrive

// PipelinesService is filled in by the resources work.
type PipelinesService service
