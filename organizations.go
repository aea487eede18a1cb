package pipedrive

// OrganizationsService is filled in by the resources work.
type OrganizationsService service
