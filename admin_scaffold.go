package pipedrive

// GoalsService manages goals and reads their results (API v1).
type GoalsService service

// MailboxService reads mail threads and their messages, and makes the
// documented changes to a thread (API v1).
type MailboxService service

// MeetingsService links a user to a video-call provider (API v1).
type MeetingsService service

// RolesService manages roles: their assignments, settings and pipelines
// (API v1).
type RolesService service

// PermissionSetsService reads permission sets and who they are assigned
// to (API v1).
type PermissionSetsService service
