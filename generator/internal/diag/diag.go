// Package diag holds the errors a build reports to an editor: a position in a
// file of the site and a message, sorted and printed as path:line:col: message.
//
// A warning is reported the same way, as path:line:col: warning: message, for
// what is odd but may be right (real data often is): it never fails a build
// on its own.
package diag

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
)

// Pos is a place in a file of the site. Path is relative to the site root and
// uses forward slashes; Line and Col count from 1, and 0 means unknown.
type Pos struct {
	Path string
	Line int
	Col  int
}

// String formats p as path:line:col, leaving out the parts that are unknown.
func (p Pos) String() string {
	switch {
	case p.Line > 0 && p.Col > 0:
		return fmt.Sprintf("%s:%d:%d", p.Path, p.Line, p.Col)
	case p.Line > 0:
		return fmt.Sprintf("%s:%d", p.Path, p.Line)
	}
	return p.Path
}

// Error is one problem found in the site's files.
type Error struct {
	Pos     Pos
	Msg     string
	Err     error // the underlying error, if any, for errors.Is and errors.As
	Warning bool  // odd rather than wrong: reported, but the build goes on
}

// Errorf returns an Error at pos with a formatted message.
func Errorf(pos Pos, format string, args ...any) *Error {
	e := &Error{Pos: pos, Msg: fmt.Sprintf(format, args...)}
	for _, a := range args {
		if err, ok := a.(error); ok {
			e.Err = err
			break
		}
	}
	return e
}

// Warnf returns a warning at pos with a formatted message.
func Warnf(pos Pos, format string, args ...any) *Error {
	e := Errorf(pos, format, args...)
	e.Warning = true
	return e
}

func (e *Error) Error() string {
	msg := e.Msg
	if e.Warning {
		msg = "warning: " + msg
	}
	if e.Pos.Path == "" {
		return msg
	}
	return e.Pos.String() + ": " + msg
}

func (e *Error) Unwrap() error { return e.Err }

// List collects the errors of a build. It is safe for concurrent use, so the
// parallel stages of a build can all report into one list.
type List struct {
	mu   sync.Mutex
	errs []*Error
}

// Add appends an error.
func (l *List) Add(e *Error) {
	l.mu.Lock()
	l.errs = append(l.errs, e)
	l.mu.Unlock()
}

// Addf appends an error at pos with a formatted message.
func (l *List) Addf(pos Pos, format string, args ...any) {
	l.Add(Errorf(pos, format, args...))
}

// AddErr appends err, keeping its position if it already is an *Error or a
// joined list of them, and placing it at pos otherwise.
func (l *List) AddErr(pos Pos, err error) {
	if joined, ok := err.(interface{ Unwrap() []error }); ok {
		for _, e := range joined.Unwrap() {
			l.AddErr(pos, e)
		}
		return
	}
	var de *Error
	if errors.As(err, &de) {
		l.Add(de)
		return
	}
	l.Add(&Error{Pos: pos, Msg: err.Error(), Err: err})
}

// Warnf appends a warning at pos with a formatted message.
func (l *List) Warnf(pos Pos, format string, args ...any) {
	l.Add(Warnf(pos, format, args...))
}

// Len reports how many errors were added, warnings left out.
func (l *List) Len() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	n := 0
	for _, e := range l.errs {
		if !e.Warning {
			n++
		}
	}
	return n
}

// Err returns the errors sorted by position, without duplicates, as one
// error, or nil if there are none. Warnings are left out: see Warnings.
func (l *List) Err() error {
	if errs := l.sorted(false); len(errs) > 0 {
		return errs
	}
	return nil
}

// Warnings returns the warnings sorted by position, without duplicates.
func (l *List) Warnings() Errors {
	return l.sorted(true)
}

func (l *List) sorted(warnings bool) Errors {
	l.mu.Lock()
	defer l.mu.Unlock()
	var errs Errors
	for _, e := range l.errs {
		if e.Warning == warnings {
			errs = append(errs, e)
		}
	}
	slices.SortStableFunc(errs, compare)
	// Most neighbours differ in path or message, which spares formatting
	// both: at 10,000 pages a build has thousands of warnings.
	return slices.CompactFunc(errs, func(a, b *Error) bool {
		return a.Msg == b.Msg && a.Pos.Path == b.Pos.Path && a.Error() == b.Error()
	})
}

func compare(a, b *Error) int {
	return cmp.Or(
		strings.Compare(a.Pos.Path, b.Pos.Path),
		cmp.Compare(a.Pos.Line, b.Pos.Line),
		cmp.Compare(a.Pos.Col, b.Pos.Col),
		strings.Compare(a.Msg, b.Msg),
	)
}

// Errors is a sorted list of errors; its message has one error per line.
type Errors []*Error

func (es Errors) Error() string {
	var b strings.Builder
	for i, e := range es {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(e.Error())
	}
	return b.String()
}

// Unwrap gives errors.Is and errors.As access to every error of the list.
func (es Errors) Unwrap() []error {
	out := make([]error, len(es))
	for i, e := range es {
		out[i] = e
	}
	return out
}
