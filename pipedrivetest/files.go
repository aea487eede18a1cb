package pipedrivetest

func registerFilesV1(rt *router) {}

func registerFiltersV1(rt *router) {}
