package build

import (
	"bytes"
	"errors"
	"io"
	"io/fs"
	"maps"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"github.com/cooperation-kb/kb/generator/internal/diag"
	"github.com/cooperation-kb/kb/generator/internal/output"
)

// fuzzPaths are the places the content file of FuzzBuild can take, one of
// each kind; its first argument picks one.
var fuzzPaths = []string{
	"content/agreements/fuzzed.md",
	"content/interviews/fuzzed.md",
	"content/countries/hungary.md",
	"content/topics/fuzzed.md",
	"content/organisations/fuzzed.md",
	"content/about.md",
	"content/_index.md",
	"content/agreements/_index.md",
	"content/agreements/fuzzed/index.md",
	"content/guides/fuzzed.md",
}

// FuzzBuild builds a site of one content file with the repository's
// templates and stylesheet, twice, in memory. A build either succeeds,
// giving the same files both times, or fails with the same errors both
// times, each on a line of the file (see checkInFile).
func FuzzBuild(f *testing.F) {
	base := fstest.MapFS{}
	repo := os.DirFS(repoRoot)
	for _, dir := range []string{"templates", StaticDir} {
		err := fs.WalkDir(repo, dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			data, err := fs.ReadFile(repo, p)
			base[p] = &fstest.MapFile{Data: data}
			return err
		})
		if err != nil {
			f.Fatal(err)
		}
	}
	// Not strict, unlike the sample site, so that a file naming topics
	// and organisations without their own files still builds.
	base["config.toml"] = &fstest.MapFile{Data: []byte("title = \"Fuzzed\"\nbaseURL = \"https://kb.example.org/\"\n")}
	f.Fuzz(func(t *testing.T, kind uint8, src string) {
		p := fuzzPaths[int(kind)%len(fuzzPaths)]
		fsys := maps.Clone(base)
		fsys[p] = &fstest.MapFile{Data: []byte(src)}
		first, err1 := buildInMemory(t, fsys)
		second, err2 := buildInMemory(t, fsys)
		if err1 != nil || err2 != nil {
			if err1 == nil || err2 == nil || err1.Error() != err2.Error() {
				t.Fatalf("two builds of the same site failed differently:\n%v\nand:\n%v", err1, err2)
			}
			checkInFile(t, err1, p, src)
			return
		}
		if !sameFiles(first, second) {
			for _, name := range slices.Sorted(maps.Keys(first)) {
				if !bytes.Equal(first[name], second[name]) {
					t.Errorf("%s differs between two builds", name)
				}
			}
			t.Fatalf("two builds of the same site differ (%d and %d files)", len(first), len(second))
		}
	})
}

// memorySink keeps the files of a build in memory.
type memorySink struct {
	mu    sync.Mutex
	files map[string][]byte
}

func (m *memorySink) Write(rel string, data []byte) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.files[rel] = bytes.Clone(data)
	return nil
}

func (m *memorySink) Stream(rel string, fill func(io.Writer) error) error {
	var b bytes.Buffer
	if err := fill(&b); err != nil {
		return err
	}
	return m.Write(rel, b.Bytes())
}

func (m *memorySink) Commit() error { return nil }
func (m *memorySink) Abort()        {}

func (m *memorySink) Counts() (files, written int, n int64) {
	m.mu.Lock()
	defer m.mu.Unlock()
	for _, data := range m.files {
		n += int64(len(data))
	}
	return len(m.files), len(m.files), n
}

// buildInMemory builds the site in fsys with a fresh builder and returns
// the files it made.
func buildInMemory(t *testing.T, fsys fs.FS) (map[string][]byte, error) {
	t.Helper()
	b, err := newBuilder(Options{Root: repoRoot, Now: now}, Once)
	if err != nil {
		t.Fatal(err)
	}
	out := &memorySink{files: map[string][]byte{}}
	b.fsys = fsys
	b.sink = func() (output.Sink, error) { return out, nil }
	_, err = b.Build(nil)
	return out.files, err
}

// lineEnds turns the line ends that content files may have into LF.
var lineEnds = strings.NewReplacer("\r\n", "\n", "\r", "\n")

// checkInFile fails unless err is a list of errors each at a line of src,
// the file at p, and at a column of that line where the column is known:
// YAML syntax errors give only a line.
func checkInFile(t *testing.T, err error, p, src string) {
	t.Helper()
	var list diag.Errors
	if !errors.As(err, &list) || len(list) == 0 {
		t.Fatalf("error %v is a %T, want a non-empty diag.Errors", err, err)
	}
	lines := strings.Split(lineEnds.Replace(strings.TrimPrefix(src, "\ufeff")), "\n")
	for _, e := range list {
		switch i := e.Pos.Line - 1; {
		case e.Pos.Path != p:
			t.Errorf("error %q is not in %s", e, p)
		case i < 0 || i >= len(lines):
			t.Errorf("error %q is not on a line of the file, 1 to %d", e, len(lines))
		case e.Pos.Col < 0 || e.Pos.Col > len(lines[i])+1:
			t.Errorf("error %q is outside its line %q", e, lines[i])
		}
	}
}
