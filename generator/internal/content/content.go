// Package content reads the Markdown files of a site's content/ folder.
//
// The content format:
//
//   - Every file is Markdown with front matter in YAML (between "---" lines),
//     TOML (between "+++" lines) or JSON (an object, or between ";;;" lines).
//     A UTF-8 byte order mark and CRLF or CR line ends are accepted.
//   - content/_index.md is the text of the home page; content/<dir>/_index.md
//     the text of a section's list page.
//   - content/agreements/<slug>.md and content/interviews/<slug>.md are
//     agreements and interviews, also as bundles (<slug>/index.md with
//     images beside it).
//   - content/countries/<slug>.md, content/topics/<slug>.md and
//     content/organisations/<slug>.md describe a term: its title,
//     description, aliases and prose.
//   - Any other Markdown file is a plain page; other files are copied.
//   - A file is UTF-8 text without NUL bytes, no larger than maxFileSize
//     in config.toml, and no line of it opens more than MaxNesting lists
//     and block quotes.
//
// Which fields each kind takes is in meta.go; Load checks them all and
// reports every problem with the file, line and column where it was
// written. Lines in Body keep their numbers: BodyLine is the file line of
// the body's first line.
package content

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"path"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/cooperation-kb/kb/generator/internal/diag"
	"github.com/cooperation-kb/kb/generator/internal/pack"
)

// Dir is the folder of the content files, relative to the site root.
const Dir = "content"

// Kind is what a content file describes.
type Kind uint8

// The kinds of content file.
const (
	Page Kind = iota
	Home
	Section
	Agreement
	Interview
	CountryTerm
	TopicTerm
	OrganisationTerm
)

// IsTerm reports whether files of kind k describe a country, topic or
// organisation rather than being pages of their own.
func (k Kind) IsTerm() bool { return k >= CountryTerm }

// Noun names the kind in messages.
func (k Kind) Noun() string {
	return [...]string{"a page", "the home page", "a section", "an agreement", "an interview",
		"a country", "a topic", "an organisation"}[k]
}

// termSections maps the folders of term files to their kinds.
var termSections = map[string]Kind{"countries": CountryTerm, "topics": TopicTerm, "organisations": OrganisationTerm}

// File is one Markdown file of the content folder.
type File struct {
	Path     string // relative to the site root, with forward slashes
	Kind     Kind
	Section  string // the first folder below content/, or "" at the top
	Name     string // the file name without ".md", or the bundle's folder name
	Bundle   bool   // an index.md whose folder holds its resources
	Meta     Meta
	Body     []byte
	BodyLine int

	bodyStart, size int // where Body starts in the normalised file, and its length
}

// Dir returns the folder of f relative to content/.
func (f *File) Dir() string {
	return path.Dir(strings.TrimPrefix(f.Path, Dir+"/"))
}

// Set is everything found in the content folder.
type Set struct {
	Files  []*File  // sorted by path
	Assets []string // other files, relative to the site root, sorted
	// Broken are Markdown files that could not be read or parsed. Their
	// own errors say why; links to them are not reported again.
	Broken []string
}

// IsIgnored reports whether a file name is an editor's temporary, swap or
// backup file, or hidden, which the site never publishes.
func IsIgnored(name string) bool {
	return strings.HasPrefix(name, ".") || strings.HasSuffix(name, "~") ||
		strings.HasPrefix(name, "#") || name == "4913" ||
		strings.HasSuffix(name, ".swp") || strings.HasSuffix(name, ".swx") || strings.HasSuffix(name, ".tmp") ||
		strings.HasSuffix(name, "___jb_tmp___") || strings.HasSuffix(name, "___jb_old___")
}

// Load reads every file under content/ in fsys, in parallel. Files larger
// than maxBytes are refused. The error, if any, is a diag.Errors list
// covering every file.
func Load(fsys fs.FS, maxBytes int64) (*Set, error) {
	set, _, err := NewLoader(fsys, maxBytes).Load(nil)
	return set, err
}

// Loader reads the content folder again and again, as the development
// server does, parsing only the files that changed since its last Load.
type Loader struct {
	fsys      fs.FS
	maxBytes  int64
	entries   map[string]entry // every file found under content/
	dropAbove int64            // drop bodies when the Markdown adds up to more
	large     bool
	onLarge   func()
}

// DropBodiesAbove makes Load drop the bodies of parsed files, to be read
// again with ReadBody, when all Markdown files add up to more than n bytes.
func (l *Loader) DropBodiesAbove(n int64) { l.dropAbove = n }

// OnLarge sets a function that Load calls when the site is large enough
// to drop bodies, once it knows, before it parses any file: the caller can
// prepare for a large build from its first allocation.
func (l *Loader) OnLarge(f func()) { l.onLarge = f }

// Large reports whether the last Load dropped bodies.
func (l *Loader) Large() bool { return l.large }

// entry is what the last Load knew of one file.
type entry struct {
	size  int64
	mod   time.Time
	file  *File // a parsed Markdown file
	asset bool  // a file that is copied as it is
	err   error // why the file could not be used
}

// NewLoader returns a Loader of the content folder of fsys.
func NewLoader(fsys fs.FS, maxBytes int64) *Loader {
	return &Loader{fsys: fsys, maxBytes: maxBytes}
}

// Load finds what changed in the content folder and parses the Markdown
// files that are new or changed. With changed nil, or on the first call,
// it lists the whole folder and compares sizes and modification times;
// otherwise it looks only at the paths in changed (slash paths relative to
// the site root, files or folders), as reported by a watcher. It returns
// the set and the paths it parsed. An unchanged file is the same *File as
// before, so callers can keep what they derived from it.
func (l *Loader) Load(changed map[string]bool) (*Set, []string, error) {
	var todo []string
	if changed == nil || l.entries == nil {
		old := l.entries
		l.entries = map[string]entry{}
		todo = l.scan(Dir, old)
	} else {
		for _, p := range slices.Sorted(maps.Keys(changed)) {
			if p != Dir && !strings.HasPrefix(p, Dir+"/") {
				continue
			}
			for q := range l.entries {
				if q == p || strings.HasPrefix(q, p+"/") {
					delete(l.entries, q)
				}
			}
			todo = append(todo, l.scan(p, nil)...)
		}
	}
	var total int64
	for _, e := range l.entries {
		total += e.size
	}
	l.large = l.dropAbove > 0 && total > l.dropAbove
	if l.large && l.onLarge != nil {
		l.onLarge()
	}
	l.parse(todo)
	set := &Set{}
	var errs diag.List
	for _, p := range slices.Sorted(maps.Keys(l.entries)) {
		e := l.entries[p]
		switch {
		case e.err != nil:
			errs.AddErr(diag.Pos{Path: p}, e.err)
		}
		switch {
		case e.asset:
			set.Assets = append(set.Assets, p)
		case e.file != nil:
			set.Files = append(set.Files, e.file)
		case strings.HasSuffix(p, ".md"):
			set.Broken = append(set.Broken, p)
		}
	}
	return set, todo, errs.Err()
}

// scan lists the files at or below p and records them, reusing the parse
// of a Markdown file whose size and time are those in old. It returns the
// Markdown files to parse.
func (l *Loader) scan(p string, old map[string]entry) []string {
	var todo []string
	err := fs.WalkDir(l.fsys, p, func(q string, d fs.DirEntry, err error) error {
		if err != nil {
			if q == p && errors.Is(err, fs.ErrNotExist) {
				return fs.SkipAll // gone, or a site without content
			}
			l.entries[q] = entry{err: fmt.Errorf("cannot read: %w", unwrapPath(err))}
			return nil
		}
		if q != Dir && IsIgnored(d.Name()) {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		switch {
		case d.Type()&fs.ModeSymlink != 0:
			l.entries[q] = entry{err: errors.New("symbolic link: not followed (copy the file into the site instead)")}
		case d.IsDir():
		case !d.Type().IsRegular():
			l.entries[q] = entry{err: errors.New("not a regular file")}
		case strings.HasSuffix(q, ".md"):
			info, err := d.Info()
			if err != nil {
				l.entries[q] = entry{err: fmt.Errorf("cannot read: %w", unwrapPath(err))}
				return nil
			}
			e, ok := old[q]
			if ok && e.file != nil && e.size == info.Size() && e.mod.Equal(info.ModTime()) {
				l.entries[q] = e
				return nil
			}
			l.entries[q] = entry{size: info.Size(), mod: info.ModTime()}
			todo = append(todo, q)
		default:
			l.entries[q] = entry{asset: true}
		}
		return nil
	})
	if err != nil {
		l.entries[p] = entry{err: fmt.Errorf("cannot read: %w", err)}
	}
	return todo
}

// parse parses the Markdown files at paths, on all cores.
func (l *Loader) parse(paths []string) {
	results := make([]entry, len(paths))
	var wg sync.WaitGroup
	next := make(chan int)
	for range min(runtime.GOMAXPROCS(0), max(len(paths), 1)) {
		wg.Go(func() {
			var block pack.Blocks[File]
			// A large site's sources are dropped once parsed, so each
			// worker reads them into one buffer rather than allocating
			// the whole site's Markdown once more.
			var src *[]byte
			if l.large {
				src = new([]byte)
			}
			for i := range next {
				e := l.entries[paths[i]]
				e.file, e.err = l.loadFile(paths[i], e.size, src)
				if e.file != nil && l.large {
					e.file.DropBody()
					// A large site's files are kept in blocks, and the text
					// fields of each in one string: package pack says why.
					pack.Strings(e.file.Meta.text())
					e.file = block.Put(*e.file)
				}
				results[i] = e
			}
		})
	}
	for i := range paths {
		next <- i
	}
	close(next)
	wg.Wait()
	for i, p := range paths {
		l.entries[p] = results[i]
	}
}

// loadFile reads and parses the file p. With buf, it reads into *buf,
// which the file's Body then shares until the buffer is used again.
func (l *Loader) loadFile(p string, size int64, buf *[]byte) (*File, error) {
	if size > l.maxBytes {
		return nil, diag.Errors{diag.Errorf(diag.Pos{Path: p}, "file is %d bytes, over the limit of %s (maxFileSize in config.toml)", size, humanSize(l.maxBytes))}
	}
	var src []byte
	var err error
	if buf != nil {
		src, err = readInto(l.fsys, p, slices.Grow((*buf)[:0], int(size)+bytes.MinRead))
		*buf = src
	} else {
		src, err = fs.ReadFile(l.fsys, p)
	}
	if err != nil {
		return nil, diag.Errors{diag.Errorf(diag.Pos{Path: p}, "cannot read: %v", unwrapPath(err))}
	}
	return Parse(p, src)
}

func unwrapPath(err error) error {
	if pe, ok := err.(*fs.PathError); ok {
		return pe.Err
	}
	return err
}

// Parse reads one content file from its path relative to the site root and
// its bytes. It returns the file even when there are errors, so that the
// rest of a build can go on and report more of them.
func Parse(p string, src []byte) (*File, error) {
	var errs diag.List
	f := &File{Path: p}
	f.Kind, f.Section, f.Name, f.Bundle = classify(p, &errs)
	src = normalize(src)
	if len(bytes.TrimSpace(src)) == 0 && f.Kind != Home && f.Kind != Section {
		errs.Addf(diag.Pos{Path: p, Line: 1, Col: 1}, "empty file: expected front matter with at least a title")
		return nil, errs.Err()
	}
	if line, col, msg := checkText(src); msg != "" {
		errs.Addf(diag.Pos{Path: p, Line: line, Col: col}, "%s", msg)
		return nil, errs.Err()
	}
	fm, body, bodyLine, err := splitFrontMatter(src)
	if err != nil {
		fe := err.(*frontError)
		errs.Addf(diag.Pos{Path: p, Line: fe.line, Col: fe.col}, "%s", fe.msg)
		return nil, errs.Err()
	}
	f.Meta = decodeMeta(p, f.Kind, fm, &errs)
	f.Body, f.BodyLine = body, bodyLine
	f.bodyStart, f.size = len(src)-len(body), len(src)
	return f, errs.Err()
}

// normalize drops a UTF-8 byte order mark and turns CRLF line ends into
// LF, keeping line numbers. A CR alone becomes LF too: Markdown and YAML
// end a line there, so counting only LFs would put errors after it on the
// wrong line.
func normalize(src []byte) []byte {
	src = bytes.TrimPrefix(src, []byte("\xef\xbb\xbf"))
	if bytes.IndexByte(src, '\r') >= 0 {
		src = bytes.ReplaceAll(src, []byte("\r\n"), []byte("\n"))
		src = bytes.ReplaceAll(src, []byte("\r"), []byte("\n"))
	}
	return src
}

// DropBody forgets the body, which ReadBody reads again when it is needed:
// a large site would otherwise hold every file in memory from loading to
// rendering.
func (f *File) DropBody() { f.Body = nil }

// ReadBody returns the body, reading the file again if it was dropped. A
// dropped body is read into *buf, which grows as needed, so that a caller
// reading many bodies one after another can reuse one buffer: the body is
// then valid until *buf is used again.
func (f *File) ReadBody(fsys fs.FS, buf *[]byte) ([]byte, error) {
	if f.Body != nil || f.size == 0 {
		return f.Body, nil
	}
	src, err := readInto(fsys, f.Path, slices.Grow((*buf)[:0], f.size+bytes.MinRead))
	*buf = src
	if err != nil {
		return nil, err
	}
	src = normalize(src)
	if len(src) != f.size {
		return nil, fmt.Errorf("%s changed during the build", f.Path)
	}
	return src[f.bodyStart:], nil
}

// readInto reads the file name into buf, as fs.ReadFile does into a new
// slice.
func readInto(fsys fs.FS, name string, buf []byte) ([]byte, error) {
	file, err := fsys.Open(name)
	if err != nil {
		return buf, err
	}
	defer file.Close()
	b := bytes.NewBuffer(buf)
	_, err = b.ReadFrom(file)
	return b.Bytes(), err
}

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
// be nested. Browsers stop nesting elements a few hundred deep (Blink at
// 512) and show the rest flattened, no text needs more than a few levels,
// and goldmark's time grows with the square of the depth of such a line.
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

func lineCol(src []byte, off int) (int, int) {
	before := src[:off]
	return 1 + bytes.Count(before, []byte("\n")), off - bytes.LastIndexByte(before, '\n')
}

// classify tells the kind of a file from where it lies in content/.
func classify(p string, errs *diag.List) (kind Kind, section, name string, bundle bool) {
	rel := strings.TrimPrefix(p, Dir+"/")
	parts := strings.Split(rel, "/")
	base := strings.TrimSuffix(parts[len(parts)-1], ".md")
	name, bundle = base, base == "index" && len(parts) > 1
	if bundle {
		name = parts[len(parts)-2]
	}
	if len(parts) > 1 {
		section = parts[0]
	}
	switch {
	case rel == "_index.md":
		return Home, "", "", false
	case base == "_index":
		if len(parts) > 2 && (section == "agreements" || section == "interviews" || termSections[section] != 0) {
			errs.Addf(diag.Pos{Path: p}, "sections inside %s/ are not supported: move the text to content/%s/_index.md", section, section)
		}
		return Section, section, path.Base(path.Dir(rel)), false
	case section == "agreements":
		return Agreement, section, name, bundle
	case section == "interviews":
		return Interview, section, name, bundle
	case termSections[section] != 0:
		if len(parts) != 2 {
			errs.Addf(diag.Pos{Path: p}, "expected content/%s/<slug>.md: a %s file cannot be in a subfolder", section, strings.TrimSuffix(section, "s"))
		}
		return termSections[section], section, name, false
	}
	return Page, section, name, bundle
}

// humanSize writes a size as maxFileSize would: in the largest unit that
// divides it.
func humanSize(n int64) string {
	for _, u := range []struct {
		name string
		size int64
	}{{"GB", 1 << 30}, {"MB", 1 << 20}, {"KB", 1 << 10}} {
		if n%u.size == 0 {
			return fmt.Sprintf("%d %s", n/u.size, u.name)
		}
	}
	return fmt.Sprintf("%d bytes", n)
}
