// Where an agreement stands: for each party, when it signed, consented and
// was bound, and for the agreement, its status at the build date, derived
// from those dates when the editor gives none, and the events of its life
// for the timeline. What is odd in the dates is a warning, not an error:
// real agreements are applied before they are signed, with retroactive
// effect, by parties that join late.

package site

import (
	"cmp"
	"fmt"
	"slices"
	"time"

	"github.com/cooperation-kb/kb/generator/internal/content"
	"github.com/cooperation-kb/kb/generator/internal/diag"
)

// Party is a country or organisation that takes part in an agreement, as
// a party or an observer, with its dates: its own where the editor gives
// them, else the agreement's.
type Party struct {
	Term      *Term
	Role      string       // "party" or "observer"
	Signed    content.Date // its own, else the agreement's
	Consent   content.Date // when it consented to be bound: ratified or acceded
	Acceded   bool         // Consent is an accession
	Effective content.Date // when it became bound: see effectiveFor
	Withdrawn content.Date
	InForce   bool   // bound at the build date
	Signatory string // who signed for it, as written
	Person    *Term  // the signatory's person page, if there is one

	src content.Party
}

// IsObserver reports whether the party takes part without being a party.
func (p *Party) IsObserver() bool { return p.Role == "observer" }

// Lifecycle is where an agreement stands at the build date.
type Lifecycle struct {
	// Status is the editor's status, or else Derived.
	Status string
	// Derived is the status the dates give at the build date: "planned"
	// before any signature, "signed", "in-force" from entry into force or
	// provisional application, "expired" or "terminated" from "ended".
	Derived string
	// Since is when the derived status began; zero for "planned".
	Since content.Date
	// Partly is set when the agreement is in force for some of its
	// parties only.
	Partly bool
	// PartyDates are the parties and observers with their dates.
	PartyDates []Party
	// OwnDates is set when a party has dates of its own, which pages
	// show in a table.
	OwnDates bool
	// Events are the dated steps of its life, oldest first.
	Events []Event
}

// StatusDerived reports whether the status comes from the dates rather
// than from the editor.
func (l *Lifecycle) StatusDerived() bool { return l.Status == l.Derived }

// Event is a dated step in the life of an agreement, for one party or,
// with Party nil, for the agreement.
type Event struct {
	Date  content.Date
	Kind  string // "signed", "provisional", "in-force", "ratified", "acceded", "withdrawn", "ended"
	Page  *Page
	Party *Term
}

// lifecycles works out where every agreement stands and warns about what
// is odd in its dates.
func (s *Site) lifecycles(errs *diag.List) {
	for _, p := range s.Agreements {
		s.lifecycle(p, errs)
	}
}

func (s *Site) lifecycle(p *Page, errs *diag.List) {
	m := p.Meta
	at := func(field string) diag.Pos { return fieldPos(p, m, field) }
	start := startOf(m)
	if before(m.Effective, m.Signed) && m.Provisional.IsZero() {
		errs.Warnf(at("effective"), "effective: %s is before the signing date %s (if it was applied before signature, give the date as \"provisional\")", m.Effective.ISO(), m.Signed.ISO())
	}
	if before(m.Ended, m.Signed) {
		errs.Warnf(at("ended"), "ended: %s is before the signing date %s", m.Ended.ISO(), m.Signed.ISO())
	} else if before(m.Ended, start) {
		errs.Warnf(at("ended"), "ended: %s is before it took effect on %s", m.Ended.ISO(), start.ISO())
	}
	now := s.opts.Now
	reached := func(d content.Date) bool { return !d.IsZero() && !d.Time.After(now) }
	l := &p.Lifecycle
	var signed, inForce content.Date
	parties, bound, unbound := 0, 0, 0
	for i := range l.PartyDates {
		pd := &l.PartyDates[i]
		own := pd.src
		if !own.Signed.IsZero() || !own.Ratified.IsZero() || !own.Acceded.IsZero() || !own.Effective.IsZero() || !own.Withdrawn.IsZero() {
			l.OwnDates = true
		}
		pd.Signed = firstDate(own.Signed, m.Signed)
		pd.Consent, pd.Acceded = firstDate(own.Ratified, own.Acceded), own.Ratified.IsZero() && !own.Acceded.IsZero()
		pd.Effective = effectiveFor(own, start)
		pd.Withdrawn = own.Withdrawn
		pd.Signatory = own.Signatory.Text
		name := own.Text
		if before(own.Effective, pd.Signed) && m.Provisional.IsZero() {
			errs.Warnf(own.Pos, "parties: %q: effective %s is before its signing date %s", name, own.Effective.ISO(), pd.Signed.ISO())
		}
		if before(own.Withdrawn, pd.Signed) {
			errs.Warnf(own.Pos, "parties: %q withdrew on %s, before it signed on %s", name, own.Withdrawn.ISO(), pd.Signed.ISO())
		}
		if pd.IsObserver() {
			continue
		}
		if reached(pd.Signed) && (signed.IsZero() || pd.Signed.Before(signed)) {
			signed = pd.Signed
		}
		if reached(pd.Withdrawn) {
			continue
		}
		parties++
		if pd.InForce = reached(pd.Signed) && reached(pd.Effective) && !reached(m.Ended); pd.InForce {
			bound++
			if inForce.IsZero() || pd.Effective.Before(inForce) {
				inForce = pd.Effective
			}
		} else {
			unbound++
		}
	}
	if len(l.PartyDates) == 0 {
		if reached(m.Signed) {
			signed = m.Signed
		}
		if !signed.IsZero() && reached(start) {
			inForce = start
		}
	}
	switch {
	case reached(m.Ended):
		l.Derived, l.Since = "expired", m.Ended
		// Dates cannot tell an end foreseen by the agreement from one
		// the parties decided; a successor that supersedes it is such
		// a decision.
		if len(p.SupersededBy) > 0 {
			l.Derived = "terminated"
		}
	case !inForce.IsZero():
		l.Derived, l.Since, l.Partly = "in-force", inForce, bound > 0 && unbound > 0 && parties > 1
	case !signed.IsZero():
		l.Derived, l.Since = "signed", signed
	default:
		l.Derived = "planned"
	}
	l.Status = cmp.Or(m.Status, l.Derived)
	if w := s.statusWarning(p, m); w != nil {
		errs.Add(w)
	}
	l.Events = events(p)
}

// fieldPos returns where field is written in m, the front matter of p,
// or else p's first line.
func fieldPos(p *Page, m *content.Meta, field string) diag.Pos {
	if pos, ok := m.Fields[field]; ok {
		return pos
	}
	return diag.Pos{Path: p.File.Path, Line: 1, Col: 1}
}

// statusWarning returns the warning that the status the editor gives in
// m, the front matter of the agreement p, contradicts the dates, which
// gave p its derived status, or nil. The build date is a day from
// midnight UTC, as every date is, and as a kept model's is.
func (s *Site) statusWarning(p *Page, m *content.Meta) *diag.Error {
	if m.Status == "" || !contradicts(m.Status, p.Derived, m.Signed, startOf(m), m.Ended) {
		return nil
	}
	by := fmt.Sprintf("%q", p.Derived)
	if !p.Since.IsZero() {
		by += " since " + p.Since.ISO()
	}
	return diag.Warnf(fieldPos(p, m, "status"), "status: %q contradicts the dates, which make it %s (as of the build date, %s)", m.Status, by, s.opts.Now.UTC().Format(time.DateOnly))
}

// Restatus gives the agreement p the status of m, its front matter parsed
// again with a status changed and the same dates, and the model the
// warning about that status, if any, in place of the one p had.
func (s *Site) Restatus(p *Page, m *content.Meta) {
	old, w := s.statusWarning(p, p.Meta), s.statusWarning(p, m)
	p.Status = cmp.Or(m.Status, p.Derived)
	if old == nil && w == nil {
		return
	}
	var l diag.List
	for _, e := range s.Warnings {
		if old == nil || e.Pos != old.Pos || e.Msg != old.Msg {
			l.Add(e)
		}
	}
	if w != nil {
		l.Add(w)
	}
	s.Warnings = l.Warnings()
}

// startOf is when the agreement of the front matter m took effect, by
// entry into force or provisional application, whichever came first.
func startOf(m *content.Meta) content.Date {
	start := firstDate(m.Effective, m.Provisional)
	if !m.Provisional.IsZero() && m.Provisional.Before(start) {
		start = m.Provisional
	}
	return start
}

// effectiveFor is when a party became bound: its own date, else the
// agreement's, unless the party signed or consented only after that, when
// it is bound from its own latest date (a late signatory, an accession).
func effectiveFor(own content.Party, agreement content.Date) content.Date {
	if !own.Effective.IsZero() || agreement.IsZero() {
		return own.Effective
	}
	d := agreement
	for _, o := range []content.Date{own.Signed, own.Ratified, own.Acceded} {
		if before(d, o) {
			d = o
		}
	}
	return d
}

// sameStatus reports whether an editor's status agrees with the derived
// one; the dates cannot tell an expiry from a termination.
// stage orders the statuses of an agreement's life.
func stage(status string) int {
	switch status {
	case "planned":
		return 0
	case "signed":
		return 1
	case "in-force":
		return 2
	}
	return 3 // expired, terminated
}

// contradicts reports whether the dates prove a given status wrong: they
// show the agreement went further than it says, or a date it needs is
// given and still to come. A status ahead of dates that are not given
// (in force, with no date of entry into force) is what the editor knows
// and the dates do not say, not a contradiction.
func contradicts(given, derived string, signed, start, ended content.Date) bool {
	g, d := stage(given), stage(derived)
	switch {
	case g == d:
		return false
	case g < d:
		return true
	}
	needs := map[int]content.Date{1: signed, 2: start, 3: ended}
	for st := d + 1; st <= g; st++ {
		if !needs[st].IsZero() {
			return true
		}
	}
	return false
}

// before reports whether a is before b even at the precision of the less
// precise of the two: "2022" is not before "2022-03-01".
func before(a, b content.Date) bool {
	if a.IsZero() || b.IsZero() {
		return false
	}
	p := min(a.Precision, b.Precision)
	return truncate(a, p).Before(truncate(b, p))
}

func truncate(d content.Date, p content.Precision) content.Date {
	t := d.Time.UTC()
	switch p {
	case content.Year:
		t = t.AddDate(0, 1-int(t.Month()), 1-t.Day()).Truncate(24 * 3600e9)
	case content.Month:
		t = t.AddDate(0, 0, 1-t.Day()).Truncate(24 * 3600e9)
	case content.Day:
		t = t.Truncate(24 * 3600e9)
	}
	return content.Date{Time: t, Precision: p}
}

// events lists the dated steps of an agreement's life, oldest first: the
// agreement's own, then those of each party whose dates differ from them.
func events(p *Page) []Event {
	m := p.Meta
	var out []Event
	add := func(d content.Date, kind string, party *Term) {
		if !d.IsZero() {
			out = append(out, Event{Date: d, Kind: kind, Page: p, Party: party})
		}
	}
	add(m.Signed, "signed", nil)
	add(m.Provisional, "provisional", nil)
	// Without a signature, a date of entry into force is a plan, not a
	// step the agreement took.
	if !m.Signed.IsZero() || !m.Provisional.IsZero() {
		add(m.Effective, "in-force", nil)
	}
	for _, pd := range p.PartyDates {
		own := pd.src
		if own.Signed != m.Signed {
			add(own.Signed, "signed", pd.Term)
		}
		add(own.Ratified, "ratified", pd.Term)
		add(own.Acceded, "acceded", pd.Term)
		if own.Effective != m.Effective {
			add(own.Effective, "in-force", pd.Term)
		}
		add(own.Withdrawn, "withdrawn", pd.Term)
	}
	add(m.Ended, "ended", nil)
	slices.SortStableFunc(out, func(a, b Event) int { return a.Date.Time.Compare(b.Date.Time) })
	return out
}

// checkInterviewDates warns about an interview dated before an agreement
// it discusses was signed.
func (s *Site) checkInterviewDates(errs *diag.List) {
	for _, p := range s.Interviews {
		for _, it := range p.Meta.Agreements {
			for _, a := range p.Agreements {
				if a.Slug != it.Text {
					continue
				}
				if signed := a.Meta.Signed; before(p.Date, signed) {
					errs.Warnf(it.Pos, "agreements: this interview of %s is dated before %q was signed on %s", p.Date.ISO(), it.Text, signed.ISO())
				}
			}
		}
	}
}
