package content

import (
	"strings"
	"testing"
)

func TestParseDate(t *testing.T) {
	for _, tc := range []struct {
		in        string
		precision Precision
		iso, text string
	}{
		{"2024", Year, "2024", "2024"},
		{"2024-11", Month, "2024-11", "November 2024"},
		{"2024-11-06", Day, "2024-11-06", "6 November 2024"},
		{" 2024-11-06 ", Day, "2024-11-06", "6 November 2024"},
		{"2024-11-06T10:30:00Z", Instant, "2024-11-06T10:30:00Z", "6 November 2024"},
		{"2024-11-06T10:30:00+01:00", Instant, "2024-11-06T10:30:00+01:00", "6 November 2024"},
		{"2024-11-06 10:30:00", Instant, "2024-11-06T10:30:00Z", "6 November 2024"},
	} {
		d, err := ParseDate(tc.in)
		if err != nil {
			t.Errorf("ParseDate(%q): %v", tc.in, err)
			continue
		}
		if d.Precision != tc.precision || d.ISO() != tc.iso || d.String() != tc.text || d.IsZero() {
			t.Errorf("ParseDate(%q) = precision %d, ISO %q, String %q; want %d, %q, %q",
				tc.in, d.Precision, d.ISO(), d.String(), tc.precision, tc.iso, tc.text)
		}
	}
	for _, in := range []string{"", "24", "2024-1", "6 November 2024", "20245", "yesterday"} {
		d, err := ParseDate(in)
		if err == nil {
			t.Errorf("ParseDate(%q) = %v, want an error", in, d)
			continue
		}
		want := `invalid date "` + strings.TrimSpace(in) + `" (expected a date such as 2024-11-06, 2024-11, 2024 or an RFC 3339 time)`
		if err.Error() != want {
			t.Errorf("ParseDate(%q) error:\n%s\nwant:\n%s", in, err, want)
		}
	}
	for in, want := range map[string]string{
		"2024-13":              `invalid date "2024-13": there is no month 13`,
		"2024-02-30":           `invalid date "2024-02-30": February 2024 has 29 days`,
		"2023-02-29":           `invalid date "2023-02-29": February 2023 has 28 days`,
		"2024-04-31T10:00:00Z": `invalid date "2024-04-31T10:00:00Z": April 2024 has 30 days`,
		"2024-01-00":           `invalid date "2024-01-00": there is no day 0`,
	} {
		if _, err := ParseDate(in); err == nil || err.Error() != want {
			t.Errorf("ParseDate(%q) error:\n%v\nwant:\n%s", in, err, want)
		}
	}
	var zero Date
	if !zero.IsZero() || zero.ISO() != "" || zero.String() != "" {
		t.Errorf("zero Date: IsZero %v, ISO %q, String %q", zero.IsZero(), zero.ISO(), zero.String())
	}
	y, _ := ParseDate("2024")
	m, _ := ParseDate("2024-11")
	if !zero.Before(y) || !y.Before(m) || m.Before(y) {
		t.Error("Before does not order unset < 2024 < 2024-11")
	}
}
