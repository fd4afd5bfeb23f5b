// The checks that make bytes unfit to be Markdown text: NUL bytes, invalid
// UTF-8 and deep nesting.

package content

import (
	"bytes"
	"fmt"
	"unicode/utf8"
)

// checkText finds the first byte that makes src unfit to be Markdown text.
func checkText(src []byte) (line, col int, msg string) {
	if i := bytes.IndexByte(src, 0); i >= 0 {
		line, col = lineCol(src, i)
		return line, col, "NUL byte: this looks like a binary file, not Markdown"
	}
	if line, col, depth := deepestLine(src); depth > MaxNesting {
		return line, col, fmt.Sprintf("lists and block quotes nested %d levels deep: at most %d are allowed", depth, MaxNesting)
	}
	if utf8.Valid(src) {
		return 0, 0, ""
	}
	for i := 0; i < len(src); {
		r, size := utf8.DecodeRune(src[i:])
		if r == utf8.RuneError && size == 1 {
			line, col = lineCol(src, i)
			return line, col, "invalid UTF-8: save the file as UTF-8"
		}
		i += size
	}
	return 0, 0, ""
}

// MaxNesting is how deep the lists and block quotes opened on one line may
// be nested, because no text needs more, browsers flatten deeper nesting,
// and goldmark's time grows with the square of the depth.
const MaxNesting = 100

// deepestLine finds the line that opens the most lists and block quotes,
// such as "> > - 1. text", and returns how many, with the position of the
// one past MaxNesting. A thematic break such as "- - -" opens none.
func deepestLine(src []byte) (line, col, depth int) {
	for n, start := 1, 0; start < len(src); n++ {
		end := bytes.IndexByte(src[start:], '\n')
		if end < 0 {
			end = len(src) - start
		}
		l := src[start : start+end]
		if d, at := openedOn(l); d > depth && !isThematicBreak(l) {
			line, col, depth = n, at+1, d
		}
		start += end + 1
	}
	return line, col, depth
}

// openedOn counts the block quote and list markers at the start of a line,
// and returns the offset of the one past MaxNesting.
func openedOn(l []byte) (depth, at int) {
	i := 0
	for {
		for i < len(l) && (l[i] == ' ' || l[i] == '\t') {
			i++
		}
		next := i
		switch {
		case i < len(l) && l[i] == '>':
			next = i + 1
		case i < len(l) && (l[i] == '-' || l[i] == '+' || l[i] == '*'):
			next = i + 1
		default:
			j := i
			for j < len(l) && j-i < 9 && l[j] >= '0' && l[j] <= '9' {
				j++
			}
			if j > i && j < len(l) && (l[j] == '.' || l[j] == ')') {
				next = j + 1
			}
		}
		if next == i || l[i] != '>' && next < len(l) && l[next] != ' ' && l[next] != '\t' {
			return depth, at
		}
		if depth++; depth == MaxNesting+1 {
			at = i
		}
		i = next
	}
}

// isThematicBreak reports whether l is a line of three or more "-", "*"
// or "_" and nothing else but spaces.
func isThematicBreak(l []byte) bool {
	t := bytes.TrimSpace(l)
	if len(t) < 3 || bytes.IndexByte([]byte("-*_"), t[0]) < 0 {
		return false
	}
	n := 0
	for _, c := range t {
		switch c {
		case t[0]:
			n++
		case ' ', '\t':
		default:
			return false
		}
	}
	return n >= 3
}
