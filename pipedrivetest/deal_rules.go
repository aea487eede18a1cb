package pipedrivetest

// Rules Pipedrive applies to every deal write, through API v1 and v2 alike.

// checkDealWrite refuses what Pipedrive refuses before a deal is created or
// updated:
//   - an archived deal cannot be edited (Pipedrive's changelog of
//     2025-07-15); the one update it takes is unarchiving it
//     (is_archived: false), which may come with other fields;
//   - won_time can only be set when the deal's status is won, lost_time
//     when it is lost, close_time when it is won or lost (the v2 spec's
//     words for PATCH /api/v2/deals/{id}); the status is the one the
//     request sets, or the deal's current one.
func checkDealWrite(d *deal, f fields, creating bool) *reply {
	if !creating && d.IsArchived {
		if archived, present, err := f.boolean("is_archived"); err != nil || !present || archived {
			return badRequest("Archived deals cannot be edited. Unarchive the deal first (is_archived: false).")
		}
	}
	status := d.Status
	if s, present, err := f.str("status"); err == nil && present && s != "" {
		status = s
	}
	if status == "" {
		status = "open"
	}
	for _, rule := range []struct {
		field   string
		allowed func(string) bool
		text    string
	}{
		{"won_time", func(s string) bool { return s == "won" }, "won"},
		{"lost_time", func(s string) bool { return s == "lost" }, "lost"},
		{"close_time", func(s string) bool { return s == "won" || s == "lost" }, "won or lost"},
	} {
		if f.has(rule.field) && !f.isNull(rule.field) && !rule.allowed(status) {
			return badRequest(rule.field + " can only be set if deal status is " + rule.text + ".")
		}
	}
	return nil
}
