package cli

func filtersCommand() *command { return &command{name: "filters", summary: "Filters"} }
