package pipedrive

// NotesService is filled in by the resources work.
type NotesService service
