package diag

import (
	"errors"
	"io/fs"
	"testing"
)

func TestPosString(t *testing.T) {
	tests := []struct {
		pos  Pos
		want string
	}{
		{Pos{Path: "a.md", Line: 3, Col: 7}, "a.md:3:7"},
		{Pos{Path: "a.md", Line: 3}, "a.md:3"},
		{Pos{Path: "a.md", Col: 7}, "a.md"},
		{Pos{Path: "a.md"}, "a.md"},
		{Pos{}, ""},
	}
	for _, tt := range tests {
		if got := tt.pos.String(); got != tt.want {
			t.Errorf("%#v.String() = %q, want %q", tt.pos, got, tt.want)
		}
	}
}

func TestErrorError(t *testing.T) {
	tests := []struct {
		err  *Error
		want string
	}{
		{&Error{Pos: Pos{Path: "a.md", Line: 1, Col: 2}, Msg: "bad"}, "a.md:1:2: bad"},
		{&Error{Pos: Pos{Path: "a.md"}, Msg: "bad"}, "a.md: bad"},
		{&Error{Msg: "bad"}, "bad"},
		{Errorf(Pos{Path: "b.md", Line: 4}, "n=%d", 5), "b.md:4: n=5"},
	}
	for _, tt := range tests {
		if got := tt.err.Error(); got != tt.want {
			t.Errorf("Error() = %q, want %q", got, tt.want)
		}
	}
}

func TestErrorfKeepsCause(t *testing.T) {
	e := Errorf(Pos{Path: "a.md"}, "cannot read: %v", fs.ErrNotExist)
	if !errors.Is(e, fs.ErrNotExist) {
		t.Errorf("errors.Is(%v, fs.ErrNotExist) = false", e)
	}
	if e := Errorf(Pos{}, "no cause %d", 1); e.Err != nil {
		t.Errorf("Err = %v, want nil", e.Err)
	}
}

func TestListErr(t *testing.T) {
	tests := []struct {
		name string
		add  []*Error
		want string
	}{
		{name: "empty"},
		{
			name: "sorted by path, line, col",
			add: []*Error{
				{Pos: Pos{Path: "b.md", Line: 1, Col: 1}, Msg: "b1"},
				{Pos: Pos{Path: "a.md", Line: 10, Col: 1}, Msg: "a10"},
				{Pos: Pos{Path: "a.md", Line: 2, Col: 5}, Msg: "a2c5"},
				{Pos: Pos{Path: "a.md", Line: 2, Col: 3}, Msg: "a2c3"},
				{Pos: Pos{Path: "a.md"}, Msg: "a"},
			},
			want: "a.md: a\na.md:2:3: a2c3\na.md:2:5: a2c5\na.md:10:1: a10\nb.md:1:1: b1",
		},
		{
			name: "same position sorted by message",
			add: []*Error{
				{Pos: Pos{Path: "a.md", Line: 1, Col: 1}, Msg: "z"},
				{Pos: Pos{Path: "a.md", Line: 1, Col: 1}, Msg: "m"},
			},
			want: "a.md:1:1: m\na.md:1:1: z",
		},
		{
			name: "duplicates removed",
			add: []*Error{
				{Pos: Pos{Path: "a.md", Line: 1, Col: 1}, Msg: "dup"},
				{Pos: Pos{Path: "b.md", Line: 1, Col: 1}, Msg: "other"},
				{Pos: Pos{Path: "a.md", Line: 1, Col: 1}, Msg: "dup"},
				{Pos: Pos{Path: "a.md", Line: 1, Col: 1}, Msg: "dup"},
			},
			want: "a.md:1:1: dup\nb.md:1:1: other",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var l List
			for _, e := range tt.add {
				l.Add(e)
			}
			if l.Len() != len(tt.add) {
				t.Errorf("Len() = %d, want %d", l.Len(), len(tt.add))
			}
			err := l.Err()
			if tt.want == "" {
				if err != nil {
					t.Fatalf("Err() = %v, want nil", err)
				}
				return
			}
			if err == nil {
				t.Fatalf("Err() = nil, want %q", tt.want)
			}
			if got := err.Error(); got != tt.want {
				t.Errorf("Err() =\n%s\nwant\n%s", got, tt.want)
			}
			if _, ok := err.(Errors); !ok {
				t.Errorf("Err() is %T, want diag.Errors", err)
			}
		})
	}
}

func TestListErrDoesNotReorderAdded(t *testing.T) {
	var l List
	l.Addf(Pos{Path: "b.md"}, "b")
	l.Addf(Pos{Path: "a.md"}, "a")
	_ = l.Err()
	l.Addf(Pos{Path: "c.md"}, "c")
	if got, want := l.Err().Error(), "a.md: a\nb.md: b\nc.md: c"; got != want {
		t.Errorf("Err() = %q, want %q", got, want)
	}
}

func TestAddErr(t *testing.T) {
	at := Pos{Path: "here.md", Line: 9, Col: 9}
	tests := []struct {
		name string
		err  error
		want string
		n    int
	}{
		{
			name: "plain error placed at pos",
			err:  errors.New("plain"),
			want: "here.md:9:9: plain",
			n:    1,
		},
		{
			name: "*Error keeps its position",
			err:  &Error{Pos: Pos{Path: "x.md", Line: 1, Col: 2}, Msg: "own"},
			want: "x.md:1:2: own",
			n:    1,
		},
		{
			name: "Errors flattened keeping positions",
			err: Errors{
				{Pos: Pos{Path: "y.md", Line: 3, Col: 1}, Msg: "second"},
				{Pos: Pos{Path: "x.md", Line: 2, Col: 4}, Msg: "first"},
			},
			want: "x.md:2:4: first\ny.md:3:1: second",
			n:    2,
		},
		{
			name: "errors.Join of Errors and plain flattened",
			err: errors.Join(
				Errors{{Pos: Pos{Path: "x.md", Line: 1}, Msg: "inner"}},
				errors.New("loose"),
			),
			want: "here.md:9:9: loose\nx.md:1: inner",
			n:    2,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var l List
			l.AddErr(at, tt.err)
			if l.Len() != tt.n {
				t.Errorf("Len() = %d, want %d", l.Len(), tt.n)
			}
			if got := l.Err().Error(); got != tt.want {
				t.Errorf("Err() =\n%s\nwant\n%s", got, tt.want)
			}
		})
	}
}

func TestErrorsUnwrap(t *testing.T) {
	inner := &Error{Pos: Pos{Path: "a.md"}, Msg: "x", Err: fs.ErrPermission}
	es := Errors{{Pos: Pos{Path: "b.md"}, Msg: "y"}, inner}
	if !errors.Is(es, fs.ErrPermission) {
		t.Error("errors.Is(Errors, fs.ErrPermission) = false, want true")
	}
	var got *Error
	if !errors.As(es, &got) || got != es[0] {
		t.Errorf("errors.As gave %v, want first element", got)
	}
}

func TestWarnings(t *testing.T) {
	var l List
	l.Warnf(Pos{Path: "b.md", Line: 2, Col: 1}, "signed after it took effect")
	l.Addf(Pos{Path: "a.md", Line: 1}, "unknown country %q", "Hungry")
	l.Warnf(Pos{Path: "a.md", Line: 5, Col: 3}, "status %q contradicts the dates", "planned")
	l.Warnf(Pos{Path: "b.md", Line: 2, Col: 1}, "signed after it took effect")
	if l.Len() != 1 {
		t.Errorf("Len() = %d, want 1: warnings are not errors", l.Len())
	}
	if got, want := l.Err().Error(), `a.md:1: unknown country "Hungry"`; got != want {
		t.Errorf("Err() = %q, want %q", got, want)
	}
	want := "a.md:5:3: warning: status \"planned\" contradicts the dates\nb.md:2:1: warning: signed after it took effect"
	if got := l.Warnings().Error(); got != want {
		t.Errorf("Warnings() = %q, want %q", got, want)
	}
	var only List
	only.Warnf(Pos{}, "no baseURL")
	if err := only.Err(); err != nil || len(only.Warnings()) != 1 || only.Warnings()[0].Error() != "warning: no baseURL" {
		t.Errorf("a list of one warning: Err() = %v, Warnings() = %v", err, only.Warnings())
	}
}
