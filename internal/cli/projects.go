package cli

// projectCommands are projects, tasks, boards, phases and templates.
func projectCommands() []*command { return nil }
