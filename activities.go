package pipedrive

// ActivitiesService is filled in by the resources work.
type ActivitiesService service
