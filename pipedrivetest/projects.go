package pipedrivetest

// registerProjectsV1 serves the project operations only API v1 has.
func registerProjectsV1(rt *router) {}

// registerProjectsV2 serves projects, tasks, boards, phases and templates
// (API v2).
func registerProjectsV2(rt *router) {}
