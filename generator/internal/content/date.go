// Dates of front matter, which keep the precision they were written with.

package content

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// Precision says how much of a Date an editor wrote down.
type Precision uint8

// The precisions of a Date, from none (an unset date) to a full timestamp.
const (
	NoDate Precision = iota
	Year
	Month
	Day
	Instant
)

// Date is a front-matter date. Sources often give only the year or month in
// which an agreement was signed, so a Date keeps its precision rather than
// inventing a day.
type Date struct {
	Time      time.Time
	Precision Precision
}

// IsZero reports whether the date was not given.
func (d Date) IsZero() bool { return d.Precision == NoDate }

// ISO formats the date as written in ISO 8601 at its precision, for
// datetime attributes and data exports.
func (d Date) ISO() string {
	switch d.Precision {
	case Year:
		return d.Time.Format("2006")
	case Month:
		return d.Time.Format("2006-01")
	case Day:
		return d.Time.Format("2006-01-02")
	case Instant:
		return d.Time.Format(time.RFC3339)
	}
	return ""
}

// String formats the date for readers: "6 November 2024", "November 2024"
// or "2024".
func (d Date) String() string {
	switch d.Precision {
	case Year:
		return d.Time.Format("2006")
	case Month:
		return d.Time.Format("January 2006")
	case Day, Instant:
		return d.Time.Format("2 January 2006")
	}
	return ""
}

// Before orders dates by time; an unset date comes before every set one.
func (d Date) Before(e Date) bool { return d.Time.Before(e.Time) }

// ParseDate reads a date written as 2006-01-02, as RFC 3339, or with only
// the year (2006) or the year and month (2006-01).
func ParseDate(s string) (Date, error) {
	s = strings.TrimSpace(s)
	layouts := []struct {
		layout string
		p      Precision
	}{
		{"2006-01-02", Day},
		{time.RFC3339Nano, Instant},
		{"2006-01-02T15:04:05", Instant},
		{"2006-01-02 15:04:05", Instant},
		{"2006-01", Month},
		{"2006", Year},
	}
	for _, l := range layouts {
		if len(s) < 4 {
			break
		}
		if t, err := time.Parse(l.layout, s); err == nil {
			return Date{Time: t, Precision: l.p}, nil
		}
	}
	if why := impossible(s); why != "" {
		return Date{}, fmt.Errorf("invalid date %q: %s", s, why)
	}
	return Date{}, fmt.Errorf("invalid date %q (expected a date such as 2024-11-06, 2024-11, 2024 or an RFC 3339 time)", s)
}

var dateShape = regexp.MustCompile(`^(\d{4})-(\d{2})(?:-(\d{2}))?(?:$|[T ])`)

// impossible says why a date written in the right shape does not exist,
// such as 2024-02-30, or returns "".
func impossible(s string) string {
	m := dateShape.FindStringSubmatch(s)
	if m == nil {
		return ""
	}
	year, _ := strconv.Atoi(m[1])
	month, _ := strconv.Atoi(m[2])
	if month < 1 || month > 12 {
		return fmt.Sprintf("there is no month %d", month)
	}
	if m[3] == "" {
		return ""
	}
	day, _ := strconv.Atoi(m[3])
	days := time.Date(year, time.Month(month)+1, 0, 0, 0, 0, 0, time.UTC).Day()
	if day < 1 {
		return "there is no day 0"
	}
	if day > days {
		return fmt.Sprintf("%s %d has %d days", time.Month(month), year, days)
	}
	return ""
}
