package pipedrivetest

// registerAdminV1 serves goals, mailbox, meetings, roles and permission
// sets (API v1); each lives in its admin_*.go file.
func registerAdminV1(rt *router) {
	registerGoalsV1(rt)
	registerMailboxV1(rt)
	registerMeetingsV1(rt)
	registerRolesV1(rt)
	registerPermissionSetsV1(rt)
}
