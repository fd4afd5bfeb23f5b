// Detecting the front-matter block of a file and splitting it from the body.

package content

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"sync"

	"github.com/adrg/frontmatter"
)

// A frontError is a syntax error in the front matter at a file position.
type frontError struct {
	line, col int
	msg       string
}

func (e *frontError) Error() string { return e.msg }

// captured is the front matter the parser found, undecoded, and its format.
type captured struct {
	format string
	data   []byte
}

// capture returns a parser's decoder that only records the front matter,
// because this package decodes it itself to keep the position of every value.
func capture(format string) frontmatter.UnmarshalFunc {
	return func(data []byte, v any) error {
		*v.(*captured) = captured{format, data}
		return nil
	}
}

// formats are the front-matter delimiters that the package comment lists.
var formats = []*frontmatter.Format{
	frontmatter.NewFormat("---", "---", capture("yaml")),
	frontmatter.NewFormat("---yaml", "---", capture("yaml")),
	frontmatter.NewFormat("+++", "+++", capture("toml")),
	frontmatter.NewFormat("---toml", "---", capture("toml")),
	frontmatter.NewFormat(";;;", ";;;", capture("json")),
	frontmatter.NewFormat("---json", "---", capture("json")),
	{Start: "{", End: "}", Unmarshal: capture("json"), UnmarshalDelims: true, RequiresNewLine: true},
}

// frontReader gives src to the front-matter parser a line at a time and
// ends once the front matter is captured, because the parser copies all it
// reads and so would copy the body too.
type frontReader struct {
	src      []byte
	read     int
	captured *captured
}

func (r *frontReader) Read(p []byte) (int, error) {
	if r.captured.format != "" || r.read == len(r.src) {
		return 0, io.EOF
	}
	line := r.src[r.read:]
	if i := bytes.IndexByte(line, '\n'); i >= 0 {
		line = line[:i+1]
	}
	n := copy(p, line)
	r.read += n
	return n, nil
}

// frontBufs lends the parser its bufio.Readers, which it would otherwise
// allocate anew for every file.
var frontBufs = sync.Pool{New: func() any { return bufio.NewReader(nil) }}

// splitFrontMatter separates src into its front matter, parsed into a map
// node, and the body. bodyLine is the file line on which the body starts.
// A file without front matter gives a nil map.
func splitFrontMatter(src []byte) (fm *node, body []byte, bodyLine int, err error) {
	var c captured
	r := &frontReader{src: src, captured: &c}
	br := frontBufs.Get().(*bufio.Reader)
	br.Reset(r)
	rest, err := frontmatter.Parse(br, &c, formats...)
	br.Reset(nil)
	frontBufs.Put(br)
	if err != nil {
		return nil, nil, 0, &frontError{1, 1, err.Error()}
	}
	open, openLine := firstLine(src)
	if c.format == "" {
		for _, f := range formats {
			if f.Start == open && f.Start != "{" {
				return nil, nil, 0, &frontError{openLine, 1, fmt.Sprintf("front matter opened with %q is never closed (expected a line %q)", open, f.End)}
			}
		}
		return nil, src, 1, nil
	}
	dataLine := openLine + 1
	if c.format == "json" && open == "{" {
		dataLine = openLine
	}
	// rest is what the parser read after the front matter.
	bodyStart := r.read - len(rest)
	bodyLine = 1 + bytes.Count(src[:bodyStart], []byte("\n"))
	switch c.format {
	case "yaml":
		fm, err = parseYAML(c.data, dataLine)
	case "toml":
		fm, err = parseTOML(c.data, dataLine)
	default:
		fm, err = parseJSON(c.data, dataLine)
	}
	if err != nil {
		return nil, nil, 0, err
	}
	return fm, src[bodyStart:], bodyLine, nil
}

// firstLine returns the first non-blank line of src, trimmed, and its number.
func firstLine(src []byte) (string, int) {
	for i := 1; len(src) > 0; i++ {
		line := src
		if j := bytes.IndexByte(src, '\n'); j >= 0 {
			line, src = src[:j], src[j+1:]
		} else {
			src = nil
		}
		if t := bytes.TrimSpace(line); len(t) > 0 {
			return string(t), i
		}
	}
	return "", 0
}
