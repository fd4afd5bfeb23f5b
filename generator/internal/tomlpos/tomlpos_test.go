package tomlpos

import (
	"errors"
	"slices"
	"testing"

	"github.com/BurntSushi/toml"
)

const doc = `# config
title = "Knowledge base"
baseURL = "/"
  language = "en"
"quoted" = 1
a.b.c = 2

[related]
count = 5
  topics = 1

[params.social]
twitter = "x"
site.name = "y"

[[menu]]
name = "Home"
`

func TestKey(t *testing.T) {
	tests := []struct {
		name      string
		key       []string
		line, col int
	}{
		{"top-level", []string{"title"}, 2, 1},
		{"second top-level", []string{"baseURL"}, 3, 1},
		{"indented", []string{"language"}, 4, 3},
		{"quoted", []string{"quoted"}, 5, 1},
		{"dotted top-level", []string{"a", "b", "c"}, 6, 1},
		{"table header", []string{"related"}, 8, 1},
		{"key in table", []string{"related", "count"}, 9, 1},
		{"indented key in table", []string{"related", "topics"}, 10, 3},
		{"dotted table header", []string{"params", "social"}, 12, 1},
		{"key in dotted table", []string{"params", "social", "twitter"}, 13, 1},
		{"dotted key in table", []string{"params", "social", "site", "name"}, 14, 1},
		{"key in array of tables", []string{"menu", "name"}, 17, 1},
		{"array of tables", []string{"menu"}, 16, 1},
		{"absent", []string{"missing"}, 0, 0},
		{"absent in table", []string{"related", "missing"}, 0, 0},
		{"table key not top-level", []string{"count"}, 0, 0},
		{"prefix of dotted key", []string{"a", "b"}, 0, 0},
		{"comment not a key", []string{"# config"}, 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			line, col := Key([]byte(doc), tt.key)
			if line != tt.line || col != tt.col {
				t.Errorf("Key(%q) = %d, %d, want %d, %d", tt.key, line, col, tt.line, tt.col)
			}
		})
	}
}

func TestKeyEmpty(t *testing.T) {
	for _, src := range []string{"", "\n\n", "# only a comment\n", "[unclosed\nx = 1\n"} {
		if line, col := Key([]byte(src), []string{"title"}); line != 0 || col != 0 {
			t.Errorf("Key(%q, title) = %d, %d, want 0, 0", src, line, col)
		}
	}
}

// TestRedefined: BurntSushi/toml's message for a key given twice names the
// key, and Definitions finds both places.
func TestRedefined(t *testing.T) {
	src := "title = \"a\"\n[related]\ncount = 1\n  count = 2\n"
	var msg string
	var m map[string]any
	if _, err := toml.Decode(src, &m); err != nil {
		var pe toml.ParseError
		if !errors.As(err, &pe) {
			t.Fatalf("%T: %v", err, err)
		}
		msg = pe.Message
	}
	key, ok := Redefined(msg)
	if !ok || !slices.Equal(key, []string{"related", "count"}) {
		t.Fatalf("Redefined(%q) = %q, %v", msg, key, ok)
	}
	want := []Position{{3, 1}, {4, 3}}
	if got := Definitions([]byte(src), key); !slices.Equal(got, want) {
		t.Errorf("Definitions = %v, want %v", got, want)
	}
	if _, ok := Redefined("expected value but found '\\n' instead"); ok {
		t.Error("Redefined recognised another message")
	}
}

// TestInEntry: a key is found in its own entry of an array of tables, and
// an entry without it is found by its header.
func TestInEntry(t *testing.T) {
	src := []byte("[deploy]\ntarget = \"x\"\n\n[[deploy.headers]]\npattern = \"a\"\n\n[[deploy.headers]]\ncacheControl = \"c\"\n\n  [[deploy.headers]]\n  pattern = \"(\"\n")
	table := []string{"deploy", "headers"}
	for _, tt := range []struct {
		i         int
		key       string
		line, col int
	}{
		{0, "pattern", 5, 1},
		{1, "pattern", 7, 1}, // not in this entry: its header
		{1, "cacheControl", 8, 1},
		{2, "pattern", 11, 3},
		{3, "pattern", 0, 0},
	} {
		if line, col := InEntry(src, table, tt.i, tt.key); line != tt.line || col != tt.col {
			t.Errorf("InEntry(%d, %q) = %d, %d, want %d, %d", tt.i, tt.key, line, col, tt.line, tt.col)
		}
	}
}
