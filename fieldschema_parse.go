package pipedrive

import (
	"strconv"
	"strings"
)

// This file parses custom field values from text, as the CLI's --set
// flag gives them (ParseAssignment, ParseValue).

// ParseAssignment parses "Field name=value", as a command line's --set
// flag takes it, into the field's name and a value for Set or SetV2: the
// text after the first "=" is parsed by ParseValue.
//
//	name, value, err := schema.ParseAssignment("Contract value=1500 EUR")
//	err = schema.Set(params.CustomFields, name, value) // or SetV2
func (s *FieldSchema) ParseAssignment(assignment string) (name string, value any, err error) {
	name, text, ok := strings.Cut(assignment, "=")
	name = strings.TrimSpace(name)
	if !ok || name == "" {
		return "", nil, invalid("assignment", "%q is not of the form \"Field name=value\"", truncate(assignment, 80))
	}
	value, err = s.ParseValue(name, text)
	return name, value, err
}

// ParseValue parses text, trimmed, into a value for Set or SetV2 according
// to the type of the field with the name. Empty text gives nil (clear the
// field). The forms are the ones the values print as:
//
//	text, phone, address   any text
//	double                 1500.5
//	monetary               1500 EUR (or EUR 1500)
//	date                   2026-03-31
//	daterange              2026-01-01..2026-03-31
//	time                   14:30 or 14:30:00
//	timerange              09:00..17:00
//	enum                   an option label (or option id)
//	set                    labels separated by commas: VIP, Partner
//	user, people, org      an id: 42
func (s *FieldSchema) ParseValue(name, text string) (any, error) {
	f, err := s.lookup(name)
	if err != nil {
		return nil, err
	}
	text = strings.TrimSpace(text)
	if text == "" {
		return nil, nil
	}
	bad := func(want string) (any, error) {
		return nil, s.fieldErr(ErrFieldType, f, name, nil, "has type %q: %q is not %s", f.def.FieldType, truncate(text, 60), want)
	}
	var v any
	switch f.kind {
	case kindText, kindAddress:
		return text, nil
	case kindNumber:
		n, err := strconv.ParseFloat(text, 64)
		if err != nil {
			return bad("a number")
		}
		v = n
	case kindMonetary:
		m, ok := parseMoney(text)
		if !ok {
			return bad("an amount and a currency such as 1500 EUR")
		}
		v = m
	case kindDate:
		v = Date(text)
	case kindDateRange:
		a, b, ok := cutRange(text)
		if !ok {
			return bad("a date range such as 2026-01-01..2026-03-31")
		}
		v = DateRangeValue{Value: Date(a), Until: Date(b)}
	case kindTime:
		v = text
	case kindTimeRange:
		a, b, ok := cutRange(text)
		if !ok {
			return bad("a time range such as 09:00..17:00")
		}
		v = TimeRangeValue{Value: a, Until: b}
	case kindOption:
		if _, err := s.optionID(f, name, text); err != nil {
			id, convErr := strconv.Atoi(text)
			if convErr != nil {
				return nil, err
			}
			v = id
		} else {
			v = text
		}
	case kindOptions:
		labels := []string{text}
		if _, err := s.optionID(f, name, text); err != nil {
			labels = labels[:0]
			for part := range strings.SplitSeq(text, ",") {
				if part = strings.TrimSpace(part); part != "" {
					labels = append(labels, part)
				}
			}
		}
		v = labels
	case kindRef:
		id, err := strconv.Atoi(text)
		if err != nil {
			return bad("an id such as 42")
		}
		v = id
	default:
		return nil, s.typeMismatch(f, name, kindText)
	}
	if _, err := s.normalize(f, name, v); err != nil {
		return nil, err
	}
	return v, nil
}

// parseMoney reads "1500 EUR", "EUR 1500" or "1500EUR".
func parseMoney(text string) (MonetaryValue, bool) {
	parts := strings.Fields(text)
	if len(parts) == 1 {
		i := strings.IndexFunc(text, func(r rune) bool { return r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z' })
		if i <= 0 {
			return MonetaryValue{}, false
		}
		parts = []string{text[:i], text[i:]}
	}
	if len(parts) != 2 {
		return MonetaryValue{}, false
	}
	for _, p := range [][2]string{{parts[0], parts[1]}, {parts[1], parts[0]}} {
		n, err := strconv.ParseFloat(p[0], 64)
		if err == nil && isCurrencyCode(p[1]) {
			return MonetaryValue{Value: n, Currency: strings.ToUpper(p[1])}, true
		}
	}
	return MonetaryValue{}, false
}

func isCurrencyCode(s string) bool {
	if len(s) < 3 || len(s) > 5 {
		return false
	}
	for _, r := range s {
		if !(r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z') {
			return false
		}
	}
	return true
}

// cutRange splits "a..b" or "a/b".
func cutRange(text string) (string, string, bool) {
	for _, sep := range [...]string{"..", "/"} {
		if a, b, ok := strings.Cut(text, sep); ok {
			a, b = strings.TrimSpace(a), strings.TrimSpace(b)
			return a, b, a != "" && b != ""
		}
	}
	return "", "", false
}
