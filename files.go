package pipedrive

// FilesService lists, uploads, downloads, links and removes files (API v1).
type FilesService service

// FiltersService manages saved filters (API v1).
type FiltersService service
