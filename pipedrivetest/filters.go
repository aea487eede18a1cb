package pipedrivetest

func registerFiltersV1(rt *router) {}
