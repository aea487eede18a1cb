package cli

// adminCommands are goals, mailbox, meetings, roles and permission sets.
func adminCommands() []*command { return nil }
