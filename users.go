package pipedrive

// UsersService is filled in by the resources work.
type UsersService service
