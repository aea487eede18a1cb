package pipedrivetest

// registerAdminV1 serves goals, mailbox, meetings, roles and permission
// sets (API v1).
func registerAdminV1(rt *router) {}
