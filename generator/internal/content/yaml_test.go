package content

import "testing"

// TestYAMLErrorLine: yaml.v3 numbers the line of some parser errors one
// too early; the stray "- a" is on line 4.
func TestYAMLErrorLine(t *testing.T) {
	_, err := Parse(agreementPath, []byte("---\ntitle: X\nsigned: 2024\n- a\n---\n"))
	want := "content/agreements/x.md:4: invalid YAML: did not find expected key"
	if err == nil || err.Error() != want {
		t.Errorf("errors:\n%v\nwant:\n%s", err, want)
	}
}
