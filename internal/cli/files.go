package cli

func filesCommand() *command   { return &command{name: "files", summary: "Files"} }
func filtersCommand() *command { return &command{name: "filters", summary: "Filters"} }
