package scoring

import "time"

// ImmediateDays is how far from the assessment the immediate steps are
// due ("this week").
const ImmediateDays = 7

// WorkingDay moves a date that falls on a Saturday or a Sunday to the
// following Monday. Public holidays are not moved: no holiday calendar
// with a source is held for every country, and the methodology says so.
func WorkingDay(t time.Time) time.Time {
	switch t.Weekday() {
	case time.Saturday:
		return t.AddDate(0, 0, 2)
	case time.Sunday:
		return t.AddDate(0, 0, 1)
	}
	return t
}

// DueIn is the due date of a window of days from start: start plus the
// days, on a working day (WorkingDay). Zero when start is.
func DueIn(start time.Time, days int) time.Time {
	if start.IsZero() {
		return time.Time{}
	}
	return WorkingDay(start.AddDate(0, 0, days))
}
