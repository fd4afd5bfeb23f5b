package i18n

import (
	"strconv"
	"strings"
	"time"

	"github.com/cooperation-kb/kb/generator/internal/content"
)

// Date formats d for readers at its precision, with the patterns
// date.day, date.month and date.year: "6 November 2024", "2024. november
// 6.", "6 ноября 2024". An unset date is "".
func (w *Words) Date(d content.Date) string {
	year := strconv.Itoa(d.Time.Year())
	switch d.Precision {
	case content.Year:
		return w.T("date.year", "year", year)
	case content.Month:
		return w.T("date.month", "month", w.Month(d.Time.Month()), "year", year)
	case content.Day, content.Instant:
		return w.T("date.day", "day", strconv.Itoa(d.Time.Day()),
			"month", w.T("monthWithDay."+monthKey(d.Time.Month())), "year", year)
	}
	return ""
}

// Month names month standing alone, as a timeline's heading does:
// "January", "январь".
func (w *Words) Month(m time.Month) string { return w.T("month." + monthKey(m)) }

// monthKey is the key of a month in the tables: "january".
func monthKey(m time.Month) string { return strings.ToLower(m.String()) }
