package watch

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"
)

// The waits of these tests are generous, for a loaded CI machine: an
// expected batch may take up to batchWait to arrive, and "nothing arrives"
// is only concluded after quietWait.
const (
	batchWait = 5 * time.Second
	quietWait = 500 * time.Millisecond
	testGap   = 50 * time.Millisecond
)

// site is a watched site in a temporary folder.
type site struct {
	t       *testing.T
	root    string
	batches chan []string
}

// newSite makes a site with content/x.md, templates/base.html,
// static/css/style.css and config.toml, and watches it with gap.
func newSite(t *testing.T, gap time.Duration) *site {
	t.Helper()
	s := &site{t: t, root: t.TempDir(), batches: make(chan []string, 100)}
	s.write("config.toml", "title = \"Test\"\n")
	s.write("content/x.md", "---\ntitle: X\n---\n\nfirst\n")
	s.write("templates/base.html", "<html></html>\n")
	s.write("static/css/style.css", "body{}\n")

	w, err := New(s.root, gap)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	errs := make(chan error, 10)
	done := make(chan struct{})
	go func() {
		defer close(done)
		w.Run(ctx, s.batches, errs)
	}()
	t.Cleanup(func() {
		cancel()
		select {
		case <-done:
		case <-time.After(batchWait):
			t.Error("Run did not return after its context was cancelled")
		}
		w.Close()
		select {
		case err := <-errs:
			t.Errorf("watcher error: %v", err)
		default:
		}
	})
	return s
}

func (s *site) path(rel string) string { return filepath.Join(s.root, filepath.FromSlash(rel)) }

func (s *site) write(rel, text string) {
	s.t.Helper()
	p := s.path(rel)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		s.t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		s.t.Fatal(err)
	}
}

func (s *site) rename(from, to string) {
	s.t.Helper()
	if err := os.Rename(s.path(from), s.path(to)); err != nil {
		s.t.Fatal(err)
	}
}

func (s *site) remove(rel string) {
	s.t.Helper()
	if err := os.Remove(s.path(rel)); err != nil {
		s.t.Fatal(err)
	}
}

func (s *site) mkdir(rel string) {
	s.t.Helper()
	if err := os.Mkdir(s.path(rel), 0o755); err != nil {
		s.t.Fatal(err)
	}
}

// expect waits for batches until every path of want has been reported,
// and fails if any batch on the way holds a path outside want. One save
// may be split over two batches when the machine stalls for longer than
// the gap; that is allowed here, and TestBurstIsOneBatch checks batching.
func (s *site) expect(want ...string) {
	s.t.Helper()
	s.expectAllowing(want, nil)
}

// expectAllowing is expect, also accepting the paths of maybe.
func (s *site) expectAllowing(want, maybe []string) {
	s.t.Helper()
	seen := map[string]bool{}
	deadline := time.After(batchWait)
	for {
		missing := []string{}
		for _, w := range want {
			if !seen[w] {
				missing = append(missing, w)
			}
		}
		if len(missing) == 0 {
			return
		}
		select {
		case batch := <-s.batches:
			if !slices.IsSorted(batch) {
				s.t.Errorf("batch is not sorted: %q", batch)
			}
			for _, p := range batch {
				if !slices.Contains(want, p) && !slices.Contains(maybe, p) {
					s.t.Errorf("batch %q holds %q; want only %q", batch, p, want)
				}
				seen[p] = true
			}
		case <-deadline:
			s.t.Fatalf("after %v, still waiting for %q (want %q)", batchWait, missing, want)
		}
	}
}

// expectQuiet fails if a batch arrives within quietWait.
func (s *site) expectQuiet() {
	s.t.Helper()
	select {
	case batch := <-s.batches:
		s.t.Errorf("unexpected batch %q", batch)
	case <-time.After(quietWait):
	}
}

func TestWriteInPlace(t *testing.T) {
	s := newSite(t, testGap)
	s.write("content/x.md", "---\ntitle: X\n---\n\nsecond\n")
	s.expect("content/x.md")

	// Appending, as some editors do, also counts.
	f, err := os.OpenFile(s.path("content/x.md"), os.O_WRONLY|os.O_APPEND, 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.WriteString("third\n"); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	s.expect("content/x.md")
}

func TestWriteInEveryWatchedFolder(t *testing.T) {
	s := newSite(t, testGap)
	s.write("templates/base.html", "<html><body></body></html>\n")
	s.write("static/css/style.css", "body{color:red}\n")
	s.write("content/x.md", "---\ntitle: X\n---\n\nsecond\n")
	s.expect("content/x.md", "static/css/style.css", "templates/base.html")
}

// Editors that write a temporary file and rename it over the original:
// the batch names the original, never the temporary file.
func TestRenameOver(t *testing.T) {
	for _, tmp := range []string{"content/x.md.tmp", "content/.x.md.swp", "content/.x.md.swx"} {
		t.Run(filepath.Base(tmp), func(t *testing.T) {
			s := newSite(t, testGap)
			s.write(tmp, "---\ntitle: X\n---\n\nsaved\n")
			s.rename(tmp, "content/x.md")
			s.expect("content/x.md")
		})
	}
}

// vim with backupcopy=no: the original is renamed to x.md~ and a new
// x.md is written.
func TestVimBackupThenWrite(t *testing.T) {
	s := newSite(t, testGap)
	s.rename("content/x.md", "content/x.md~")
	s.write("content/x.md", "---\ntitle: X\n---\n\nsaved\n")
	s.remove("content/x.md~")
	s.expect("content/x.md")
}

// JetBrains IDEs ("safe write") write x.md___jb_tmp___, rename x.md to
// x.md___jb_old___, rename the temporary file to x.md and delete the old
// one: only x.md is reported.
func TestJetBrainsSafeWrite(t *testing.T) {
	s := newSite(t, testGap)
	s.write("content/x.md___jb_tmp___", "---\ntitle: X\n---\n\nsaved\n")
	s.rename("content/x.md", "content/x.md___jb_old___")
	s.rename("content/x.md___jb_tmp___", "content/x.md")
	s.remove("content/x.md___jb_old___")
	s.expect("content/x.md")
}

func TestDeleteThenRecreate(t *testing.T) {
	s := newSite(t, testGap)
	s.remove("content/x.md")
	s.write("content/x.md", "---\ntitle: X\n---\n\nagain\n")
	s.expect("content/x.md")
}

func TestDeleteIsReported(t *testing.T) {
	s := newSite(t, testGap)
	s.remove("content/x.md")
	s.expect("content/x.md")
}

// Swap, backup and lock files of editors, and vim's 4913 probe, make no
// batch on their own; a real change after them is reported alone.
func TestBackupFilesAreIgnored(t *testing.T) {
	s := newSite(t, testGap)
	for _, name := range []string{"x.md~", ".#x.md", "#x.md#", "4913", ".x.md.swp", ".x.md.swx", "x.md.tmp"} {
		rel := "content/" + name
		s.write(rel, "junk")
		s.write(rel, "more junk")
		s.remove(rel)
	}
	// An ignored folder and what is inside it.
	s.mkdir("content/.git")
	s.write("content/.git/HEAD", "ref: refs/heads/main\n")
	s.write("content/.git/HEAD", "ref: refs/heads/other\n")
	s.expectQuiet()

	s.write("content/x.md", "---\ntitle: X\n---\n\nreal\n")
	s.expect("content/x.md")
}

// A folder made while watching is watched at once: a file written right
// after mkdir is not lost, and later writes inside it are seen.
func TestNewFolder(t *testing.T) {
	s := newSite(t, testGap)
	s.mkdir("content/new")
	s.write("content/new/a.md", "---\ntitle: A\n---\n")
	s.expect("content/new", "content/new/a.md")

	s.write("content/new/a.md", "---\ntitle: A\n---\n\nmore\n")
	s.write("content/new/b.md", "---\ntitle: B\n---\n")
	s.expect("content/new/a.md", "content/new/b.md")
}

// Folders made several levels at once (mkdir -p) with a file at the
// bottom: the file is found whether it was written before or after the
// watch on its folder began. The folders themselves may be reported too.
func TestNewNestedFolders(t *testing.T) {
	s := newSite(t, testGap)
	if err := os.MkdirAll(s.path("content/new/deep/er"), 0o755); err != nil {
		t.Fatal(err)
	}
	s.write("content/new/deep/er/a.md", "---\ntitle: A\n---\n")
	s.expectAllowing([]string{"content/new", "content/new/deep/er/a.md"},
		[]string{"content/new/deep", "content/new/deep/er"})

	s.write("content/new/deep/er/a.md", "---\ntitle: A\n---\n\nmore\n")
	s.expect("content/new/deep/er/a.md")
}

// A folder moved into content/ with files already in it: the files are
// reported, and the folder is watched.
func TestFolderMovedIn(t *testing.T) {
	s := newSite(t, testGap)
	outside := filepath.Join(t.TempDir(), "moved")
	if err := os.MkdirAll(filepath.Join(outside, "sub"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(outside, "sub", "a.md"), []byte("---\ntitle: A\n---\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(outside, s.path("content/moved")); err != nil {
		t.Skipf("cannot move a folder between temporary folders: %v", err)
	}
	s.expect("content/moved", "content/moved/sub/a.md")

	s.write("content/moved/sub/a.md", "---\ntitle: A\n---\n\nmore\n")
	s.expect("content/moved/sub/a.md")
}

func TestConfigReplacedByRename(t *testing.T) {
	s := newSite(t, testGap)
	s.write("config.toml.tmp", "title = \"New\"\n")
	s.rename("config.toml.tmp", "config.toml")
	s.expect("config.toml")

	s.write("config.toml", "title = \"Newer\"\n")
	s.expect("config.toml")
}

// A watched folder that did not exist when watching began is watched once
// it is made.
func TestWatchedFolderMadeLater(t *testing.T) {
	root := t.TempDir()
	if err := os.WriteFile(filepath.Join(root, "config.toml"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	w, err := New(root, testGap)
	if err != nil {
		t.Fatalf("New on a site without content/: %v", err)
	}
	defer w.Close()
	s := &site{t: t, root: root, batches: make(chan []string, 100)}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { defer close(done); w.Run(ctx, s.batches, make(chan error, 10)) }()
	defer func() { cancel(); <-done }()

	s.mkdir("content")
	s.expect("content")
	s.write("content/a.md", "---\ntitle: A\n---\n")
	s.expect("content/a.md")
}

// A burst, such as a git checkout, arrives as one batch. The gap is larger
// than the other tests' so that a stall of the writing goroutine on a
// loaded machine does not split the burst.
func TestBurstIsOneBatch(t *testing.T) {
	s := newSite(t, 200*time.Millisecond)
	var want []string
	for i := range 300 {
		rel := fmt.Sprintf("content/burst/f%03d.md", i)
		want = append(want, rel)
	}
	s.mkdir("content/burst")
	for i, rel := range want {
		s.write(rel, fmt.Sprintf("---\ntitle: F%d\n---\n", i))
	}
	want = append(want, "content/burst")
	slices.Sort(want)

	select {
	case batch := <-s.batches:
		if !slices.Equal(batch, want) {
			t.Errorf("burst batch has %d paths, want %d; first difference: %s", len(batch), len(want), firstDiff(batch, want))
		}
	case <-time.After(batchWait):
		t.Fatalf("no batch within %v of a burst of 300 files", batchWait)
	}
	s.expectQuiet()
}

func firstDiff(got, want []string) string {
	for i := range max(len(got), len(want)) {
		var g, w string
		if i < len(got) {
			g = got[i]
		}
		if i < len(want) {
			w = want[i]
		}
		if g != w {
			return fmt.Sprintf("at %d got %q, want %q", i, g, w)
		}
	}
	return "none"
}

// Files outside content/, templates/, static/ and config.toml are not part
// of the site: the output folder, a README, a file of a folder named like
// a watched one but deeper.
func TestOutsideIgnored(t *testing.T) {
	s := newSite(t, testGap)
	s.mkdir("public")
	s.write("public/x.html", "<p>built</p>")
	s.write("public/x.html", "<p>built again</p>")
	s.write("README.md", "# site\n")
	s.write("config.toml~", "backup\n")
	s.write("other.toml", "x = 1\n")
	s.write("public/content/x.md", "not a source\n")
	s.expectQuiet()

	s.write("content/x.md", "---\ntitle: X\n---\n\nreal\n")
	s.expect("content/x.md")
}

// Paths are site-relative with forward slashes whatever root was given:
// here a relative root.
func TestRelativeRoot(t *testing.T) {
	dir := t.TempDir()
	for _, d := range Watched {
		if err := os.MkdirAll(filepath.Join(dir, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	rel, err := filepath.Rel(wd, dir)
	if err != nil || filepath.IsAbs(rel) {
		t.Skipf("no relative path to %s", dir)
	}
	w, err := New(rel, testGap)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	s := &site{t: t, root: dir, batches: make(chan []string, 100)}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { defer close(done); w.Run(ctx, s.batches, make(chan error, 10)) }()
	defer func() { cancel(); <-done }()

	s.write("static/a/b.css", "x{}")
	s.expect("static/a", "static/a/b.css")
}

func TestRunStopsWithContext(t *testing.T) {
	root := t.TempDir()
	w, err := New(root, testGap)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { defer close(done); w.Run(ctx, make(chan []string), make(chan error)) }()
	cancel()
	select {
	case <-done:
	case <-time.After(batchWait):
		t.Fatal("Run did not return after cancel")
	}
}

// Run returns when the watcher is closed, even if its context is not done.
func TestRunStopsWhenClosed(t *testing.T) {
	root := t.TempDir()
	w, err := New(root, testGap)
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan struct{})
	go func() { defer close(done); w.Run(context.Background(), make(chan []string), make(chan error)) }()
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	select {
	case <-done:
	case <-time.After(batchWait):
		t.Fatal("Run did not return after Close")
	}
}

func TestNewMissingRoot(t *testing.T) {
	if _, err := New(filepath.Join(t.TempDir(), "absent"), testGap); err == nil {
		t.Error("New on a missing root: no error")
	}
}
