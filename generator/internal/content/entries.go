// The list fields whose items may be mappings: an agreement's parties, an
// organisation's members and a person's roles.

package content

import (
	"fmt"
	"slices"
	"strings"

	"github.com/cooperation-kb/kb/generator/internal/diag"
	"github.com/cooperation-kb/kb/generator/internal/suggest"
)

// Party is an item of an agreement's parties: a country or organisation
// by name, with the dates that are its own. A date left out is the
// agreement's.
type Party struct {
	Item             // the name
	Role      string // "party", or "observer" for one that takes part without being a party
	Signed    Date
	Ratified  Date // consent to be bound by ratification, acceptance or approval
	Acceded   Date // consent to be bound by accession
	Effective Date // in force for this party
	Withdrawn Date
	Signatory Item // who signed for it: a person by slug or name
}

// IsObserver reports whether the party takes part without being a party.
func (p *Party) IsObserver() bool { return p.Role == "observer" }

// Member is an item of an organisation's members.
type Member struct {
	Item                // the name of a country or organisation
	Role         string // "member" or "observer"
	Since, Until Date
}

// Role is an item of a person's roles.
type Role struct {
	Role         string
	Organisation Item // by name, alias or slug; may be empty
	From, To     Date
	Pos          diag.Pos
}

// PartyRoles, MemberRoles: the values the role of a party and of a member
// may take; the first is the default.
var (
	PartyRoles  = []string{"party", "observer"}
	MemberRoles = []string{"member", "observer"}
)

// entryFields are the keys a mapping item of each field takes, with their
// types; "name" (and a person's "role") is required.
var entryFields = map[fieldType]map[string]fieldType{
	partiesField: {"name": stringField, "role": stringField, "signed": dateField, "ratified": dateField,
		"acceded": dateField, "effective": dateField, "withdrawn": dateField, "signatory": stringField},
	membersField: {"name": stringField, "role": stringField, "since": dateField, "until": dateField},
	rolesField:   {"role": stringField, "organisation": stringField, "from": dateField, "to": dateField},
}

// listEntry is one decoded item of a list field: its strings and dates by key, where each
// was written, and where the item starts.
type listEntry struct {
	strs  map[string]string
	dates map[string]Date
	at    map[string]diag.Pos
	pos   diag.Pos
}

func (e *listEntry) item(key string) Item { return Item{Text: e.strs[key], Pos: e.at[key]} }

// decodeEntries reads the list field name of type typ, whose items are
// each a name or a mapping (a person's roles: a mapping only), reporting
// every problem; it reports whether the value was a list.
func (m *Meta) decodeEntries(path, name string, typ fieldType, val *node, errs *diag.List) bool {
	pos := func(n *node) diag.Pos { return diag.Pos{Path: path, Line: n.line, Col: n.col} }
	if val.kind == scalarNode && val.tag == "null" {
		return true
	}
	if val.kind != listNode {
		errs.Addf(pos(val), "%s: expected a list such as [\"a\", \"b\"], got %s", name, val.describe())
		return false
	}
	for _, it := range val.items {
		e := listEntry{strs: map[string]string{}, dates: map[string]Date{}, at: map[string]diag.Pos{}, pos: pos(it)}
		switch {
		case it.kind == scalarNode && typ != rolesField:
			s, _ := scalar(it)
			if s = strings.TrimSpace(s); s == "" {
				continue
			}
			e.strs["name"], e.at["name"] = s, pos(it)
		case it.kind == mapNode:
			if !decodeEntry(path, name, typ, it, &e, errs) {
				continue
			}
		default:
			want := "a name or a mapping such as {name: Hungary, signed: 2024-11-06}"
			if typ == rolesField {
				want = "a mapping such as {role: Director, organisation: NTCA, from: 2020}"
			} else if typ == membersField {
				want = "a name or a mapping such as {name: Hungary, role: observer, since: 2018}"
			}
			errs.Addf(pos(it), "%s: expected %s, got %s", name, want, it.describe())
			continue
		}
		m.addEntry(typ, &e, name, errs)
	}
	return true
}

// decodeEntry reads the keys of one mapping item into e.
func decodeEntry(path, name string, typ fieldType, n *node, e *listEntry, errs *diag.List) bool {
	known := entryFields[typ]
	ok := true
	for i, key := range n.keys {
		val := n.vals[i]
		kpos := diag.Pos{Path: path, Line: key.line, Col: key.col}
		vpos := diag.Pos{Path: path, Line: val.line, Col: val.col}
		t, found := known[key.value]
		if !found {
			names := slices.Sorted(func(yield func(string) bool) {
				for k := range known {
					if !yield(k) {
						return
					}
				}
			})
			msg := fmt.Sprintf("%s: unknown key %q", name, key.value)
			if s := suggest.Closest(key.value, names); s != "" {
				msg += fmt.Sprintf(" (did you mean %q?)", s)
			} else {
				msg += fmt.Sprintf(" (expected one of %s)", strings.Join(names, ", "))
			}
			errs.Addf(kpos, "%s", msg)
			ok = false
			continue
		}
		s, isScalar := scalar(val)
		if !isScalar {
			errs.Addf(vpos, "%s: %s: expected a single value, got %s", name, key.value, val.describe())
			ok = false
			continue
		}
		s = strings.TrimSpace(s)
		e.at[key.value] = vpos
		if t == dateField {
			if s == "" {
				continue
			}
			d, err := ParseDate(s)
			if err != nil {
				errs.Addf(vpos, "%s: %s: %v", name, key.value, err)
				ok = false
				continue
			}
			e.dates[key.value] = d
			continue
		}
		e.strs[key.value] = s
	}
	required := "name"
	if typ == rolesField {
		required = "role"
	}
	if ok && e.strs[required] == "" {
		errs.Addf(e.pos, "%s: missing %q in this item", name, required)
		ok = false
	}
	return ok
}

// addEntry appends the decoded item e to the field of type typ.
func (m *Meta) addEntry(typ fieldType, e *listEntry, name string, errs *diag.List) {
	role := func(allowed []string) string {
		r := e.strs["role"]
		if r == "" || slices.Contains(allowed, r) {
			if r == "" {
				r = allowed[0]
			}
			return r
		}
		msg := fmt.Sprintf("%s: unknown role %q (expected one of %s)", name, r, strings.Join(allowed, ", "))
		if s := suggest.Closest(r, allowed); s != "" {
			msg = fmt.Sprintf("%s: unknown role %q (did you mean %q?)", name, r, s)
		}
		errs.Addf(e.at["role"], "%s", msg)
		return allowed[0]
	}
	switch typ {
	case partiesField:
		m.Parties = append(m.Parties, Party{
			Item: e.item("name"), Role: role(PartyRoles),
			Signed: e.dates["signed"], Ratified: e.dates["ratified"], Acceded: e.dates["acceded"],
			Effective: e.dates["effective"], Withdrawn: e.dates["withdrawn"], Signatory: e.item("signatory"),
		})
	case membersField:
		m.Members = append(m.Members, Member{
			Item: e.item("name"), Role: role(MemberRoles), Since: e.dates["since"], Until: e.dates["until"],
		})
	case rolesField:
		m.Roles = append(m.Roles, Role{
			Role: e.strs["role"], Organisation: e.item("organisation"), From: e.dates["from"], To: e.dates["to"], Pos: e.pos,
		})
	}
}
