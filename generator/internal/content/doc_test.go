package content

import (
	"maps"
	"os"
	"regexp"
	"strings"
	"testing"
)

// TestDocListsEveryField: the tables of fields in the package comment
// name every field of every kind with its type, and no other, so that the
// specification cannot drift from fieldsOf.
func TestDocListsEveryField(t *testing.T) {
	src, err := os.ReadFile("doc.go")
	if err != nil {
		t.Fatal(err)
	}
	typeNames := map[fieldType]string{stringField: "string", listField: "list", dateField: "date", boolField: "bool",
		partiesField: "list", membersField: "list", rolesField: "list"}
	row := regexp.MustCompile(`^//\t([a-zA-Z-]+) +(string|list|date|bool)\b`)
	// The tables in the order of the comment: the fields of pages, those
	// an agreement and an interview add, those of terms, and those an
	// organisation and a person add.
	var tables []map[string]string
	inTable := false
	for _, line := range strings.Split(string(src), "\n") {
		m := row.FindStringSubmatch(line)
		switch {
		case m != nil && !inTable:
			tables = append(tables, map[string]string{})
			inTable = true
			fallthrough
		case m != nil:
			tables[len(tables)-1][m[1]] = m[2]
		case !strings.HasPrefix(line, "//\t"):
			inTable = false
		}
	}
	if len(tables) != 6 {
		t.Fatalf("found %d tables of fields in doc.go, want 6", len(tables))
	}
	with := func(common, extra map[string]string) map[string]string {
		m := maps.Clone(common)
		maps.Copy(m, extra)
		return m
	}
	withCommon := func(extra map[string]string) map[string]string { return with(tables[0], extra) }
	for _, tc := range []struct {
		kind Kind
		doc  map[string]string
	}{
		{Page, tables[0]}, {Home, tables[0]}, {Section, tables[0]},
		{Agreement, withCommon(tables[1])}, {Interview, withCommon(tables[2])},
		{CountryTerm, tables[3]}, {TopicTerm, tables[3]},
		{OrganisationTerm, with(tables[3], tables[4])}, {PersonTerm, with(tables[3], tables[5])},
	} {
		code := map[string]string{}
		for name, typ := range fieldsOf(tc.kind) {
			code[name] = typeNames[typ]
		}
		if !maps.Equal(code, tc.doc) {
			t.Errorf("fields of %s: doc.go says %v, the code takes %v", tc.kind.Noun(), tc.doc, code)
		}
	}
}
