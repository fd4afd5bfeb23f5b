package build

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/cooperation-kb/kb/generator/internal/parallel"
)

// writer puts a build's files into the stage, a folder beside the output
// that holds the build before the last one, and exchanges it with the
// output at the end.
//
// So a failed or killed build leaves the output exactly as it was, and a
// successful one leaves no stale files in it. Reusing the previous
// generation rather than a new folder means a file that did not change is
// neither written nor deleted: on a large site, writing and then deleting
// every file each build cost more than rendering them.
type writer struct {
	out, stage string
	lock       *os.File
	writeFile  func(name string, data []byte, perm fs.FileMode) error // os.WriteFile, but for tests of failing disks
	failed     atomic.Bool                                            // a write into the stage failed
	mu         sync.Mutex
	made       []string // slash paths of the files of this build, guarded by mu
	files      atomic.Int64
	written    atomic.Int64
	bytes      atomic.Int64
}

// stageName and lockName are the names, beside an output folder called
// name, of the stage and of the lock that keeps two builds apart.
func stageName(name string) string { return "." + name + ".stage" }
func lockName(name string) string  { return "." + name + ".lock" }

func newWriter(out string) (*writer, error) {
	parent, name := filepath.Dir(out), filepath.Base(out)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, fmt.Errorf("cannot create the output folder: %w", err)
	}
	if st, err := os.Stat(out); err == nil && !st.IsDir() {
		return nil, fmt.Errorf("output %s is a file, not a folder", out)
	} else if err == nil && !writable(out, st) {
		// The build would replace it all the same, as a whole; but its
		// owner meant to keep it as it is.
		return nil, fmt.Errorf("output folder %s is read-only: make it writable, or build into another folder with -out", out)
	}
	lock, err := lockFile(filepath.Join(parent, lockName(name)))
	if err != nil {
		return nil, err
	}
	w := &writer{out: out, stage: filepath.Join(parent, stageName(name)), lock: lock, writeFile: os.WriteFile}
	if st, err := os.Lstat(w.stage); err == nil && !st.IsDir() || err != nil && !errors.Is(err, fs.ErrNotExist) {
		if err := os.RemoveAll(w.stage); err != nil {
			w.unlock()
			return nil, fmt.Errorf("cannot prepare %s: %w", w.stage, err)
		}
	}
	if err := os.MkdirAll(w.stage, 0o755); err != nil {
		w.unlock()
		return nil, fmt.Errorf("cannot write beside the output folder: %w", err)
	}
	return w, nil
}

// mkdir makes the folder dir in the stage. The folders made are not
// remembered: most hold one page, and a large site's set of them cost the
// collector more than asking the file system again.
func (w *writer) mkdir(dir string) error {
	err := os.MkdirAll(dir, 0o755)
	// A file of an older build may stand where a folder is needed.
	var pe *fs.PathError
	if errors.As(err, &pe) && pe.Path != dir {
		if rmErr := os.Remove(pe.Path); rmErr == nil {
			return w.mkdir(dir)
		}
	}
	return err
}

// record notes that this build made the file at rel.
func (w *writer) record(rel string) {
	w.mu.Lock()
	w.made = append(w.made, rel)
	w.mu.Unlock()
	w.files.Add(1)
}

// write stores data at rel, a slash-separated path in the output, unless
// the stage already holds exactly those bytes there.
func (w *writer) write(rel string, data []byte) error {
	if err := w.store(rel, data); err != nil {
		return w.fail(err)
	}
	return nil
}

// fail records that writing into the stage failed, which ends the build,
// and says why. The file it failed on is left out: on a full disk, which
// file is the first to fail depends on the order of the parallel writes.
func (w *writer) fail(err error) error {
	w.failed.Store(true)
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	return fmt.Errorf("cannot write the new site into %s: %w", w.stage, err)
}

func (w *writer) store(rel string, data []byte) error {
	w.record(rel)
	w.bytes.Add(int64(len(data)))
	p := filepath.Join(w.stage, filepath.FromSlash(rel))
	if same(p, data) {
		return nil
	}
	if err := w.prepare(p); err != nil {
		return err
	}
	if err := w.writeFile(p, data, 0o644); err != nil {
		return err
	}
	w.written.Add(1)
	return nil
}

// prepare makes the folder of the stage path p, and removes what stands
// at p if it is not a regular file.
func (w *writer) prepare(p string) error {
	if err := w.mkdir(filepath.Dir(p)); err != nil {
		return err
	}
	if st, err := os.Lstat(p); err == nil && !st.Mode().IsRegular() {
		return os.RemoveAll(p)
	}
	return nil
}

// stream writes the file at rel as write does, comparing its bytes with
// the file in the stage as they come: an unchanged file is only read, and
// a changed one is written from where it first differs, with what came
// before copied from the old file.
func (w *writer) stream(rel string, fill func(io.Writer) error) error {
	w.record(rel)
	p := filepath.Join(w.stage, filepath.FromSlash(rel))
	if err := w.prepare(p); err != nil {
		return w.fail(err)
	}
	c := &changedFile{path: p}
	if old, err := os.Open(p); err == nil {
		c.old = old
	}
	defer c.discard()
	err := fill(c)
	w.bytes.Add(c.n)
	if errors.Is(err, errCancelled) {
		return err
	}
	if err == nil {
		err = c.finish()
	}
	if err != nil {
		return w.fail(err)
	}
	if c.replaced {
		w.written.Add(1)
	}
	return nil
}

// changedFile is written in place of the file at path, which it replaces
// only if their bytes differ. While they are the old file's, it reads
// rather than writes; at the first difference it starts a new file beside
// the old one with the bytes so far, and writes the rest there.
type changedFile struct {
	path     string
	old      *os.File // nil if there is no file to compare with
	tmp      *os.File // the new file, once the bytes differ
	same     int64    // bytes written while they were the old file's
	n        int64    // bytes written
	replaced bool
}

func (c *changedFile) Write(p []byte) (int, error) {
	if c.tmp == nil {
		if c.old != nil && readsAs(c.old, p) {
			c.same += int64(len(p))
			c.n += int64(len(p))
			return len(p), nil
		}
		if err := c.begin(); err != nil {
			return 0, err
		}
	}
	n, err := c.tmp.Write(p)
	c.n += int64(n)
	return n, err
}

// begin starts the new file with the bytes that were the old file's.
func (c *changedFile) begin() error {
	tmp, err := os.CreateTemp(filepath.Dir(c.path), ".write-*")
	if err != nil {
		return err
	}
	c.tmp = tmp
	if c.same == 0 {
		return nil
	}
	if _, err := c.old.Seek(0, io.SeekStart); err != nil {
		return err
	}
	_, err = io.CopyN(tmp, c.old, c.same)
	return err
}

// finish puts the new file in place of the old one, unless every byte
// written was the old file's and the old file ends there.
func (c *changedFile) finish() error {
	if c.tmp == nil {
		if c.old != nil && atEnd(c.old) {
			return nil
		}
		if err := c.begin(); err != nil {
			return err
		}
	}
	if c.old != nil {
		// Windows cannot rename over an open file.
		c.old.Close()
		c.old = nil
	}
	name := c.tmp.Name()
	err := c.tmp.Close()
	c.tmp = nil
	if err == nil {
		err = os.Chmod(name, 0o644)
	}
	if err == nil {
		err = os.Rename(name, c.path)
	}
	if err != nil {
		os.Remove(name)
		return err
	}
	c.replaced = true
	return nil
}

// discard closes the files that finish did not, and removes the new one.
func (c *changedFile) discard() {
	if c.old != nil {
		c.old.Close()
	}
	if c.tmp != nil {
		c.tmp.Close()
		os.Remove(c.tmp.Name())
	}
}

// streamFile writes what fill writes into a new file beside p, passing
// every byte to check too, then renames it over p unless unchanged, asked
// at the end, says p holds those bytes already. It returns how many bytes
// fill wrote and whether p was replaced.
func streamFile(p string, fill func(io.Writer) error, check io.Writer, unchanged func() bool) (int64, bool, error) {
	tmp, err := os.CreateTemp(filepath.Dir(p), ".write-*")
	if err != nil {
		return 0, false, err
	}
	// Once renamed, the temporary name is gone and this does nothing.
	defer os.Remove(tmp.Name())
	cw := &countingWriter{w: io.MultiWriter(tmp, check)}
	err = fill(cw)
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil || unchanged() {
		return cw.n, false, err
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return cw.n, false, err
	}
	if err := os.Rename(tmp.Name(), p); err != nil {
		return cw.n, false, err
	}
	return cw.n, true, nil
}

type countingWriter struct {
	w io.Writer
	n int64
}

func (c *countingWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

// same reports whether the file at p holds exactly data.
func same(p string, data []byte) bool {
	f, err := os.Open(p)
	if err != nil {
		return false
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil || !st.Mode().IsRegular() || st.Size() != int64(len(data)) {
		return false
	}
	return readsAs(f, data) && atEnd(f)
}

// readsAs reads the next len(p) bytes of f, a chunk at a time, and reports
// whether they are p.
func readsAs(f *os.File, p []byte) bool {
	bp := readBufs.Get().(*[]byte)
	defer readBufs.Put(bp)
	for len(p) > 0 {
		buf := (*bp)[:min(len(p), sameChunk)]
		if _, err := io.ReadFull(f, buf); err != nil || !bytes.Equal(buf, p[:len(buf)]) {
			return false
		}
		p = p[len(buf):]
	}
	return true
}

// atEnd reports whether f has no bytes left to read.
func atEnd(f *os.File) bool {
	var one [1]byte
	_, err := io.ReadFull(f, one[:])
	return errors.Is(err, io.EOF)
}

// sameChunk is the most of a file that readsAs reads at once: a large site's
// longest lists are tens of megabytes, which a buffer of their size would
// keep in memory for the rest of the build.
const sameChunk = 256 << 10

// readBufs hold the chunks of files being compared, so that comparing
// every file of a large site does not allocate its size again.
var readBufs = sync.Pool{New: func() any { b := make([]byte, sameChunk); return &b }}

// commit removes what this build did not make from the stage and
// exchanges the stage with the output.
func (w *writer) commit() error {
	defer w.unlock()
	if err := w.removeStale(); err != nil {
		return fmt.Errorf("cannot remove stale files: %w", err)
	}
	if err := exchange(w.stage, w.out); err != nil {
		return fmt.Errorf("cannot replace the output folder: %w", err)
	}
	return nil
}

func (w *writer) counts() (files, written int, bytes int64) {
	return int(w.files.Load()), int(w.written.Load()), w.bytes.Load()
}

// abort ends a failed build. The stage is left as it is, and the next build
// corrects it file by file; unless writing into it failed, as on a full
// disk, when it goes, so that its half-written files do not hold the space
// the next build needs.
func (w *writer) abort() {
	if w.failed.Load() {
		_ = os.RemoveAll(w.stage)
	}
	w.unlock()
}

func (w *writer) unlock() {
	if w.lock != nil {
		unlockFile(w.lock)
		w.lock = nil
	}
}

// holds reports whether this build made a file under the folder dir, a
// slash path in the stage; w.made must be sorted. Asking the file system
// to remove every folder, to learn that most are not empty, was a second
// of a large site's build.
func (w *writer) holds(dir string) bool {
	prefix := dir + "/"
	i, _ := slices.BinarySearch(w.made, prefix)
	return i < len(w.made) && strings.HasPrefix(w.made[i], prefix)
}

func (w *writer) removeStale() error {
	slices.Sort(w.made)
	files, dirs, err := tree(w.stage)
	if err != nil {
		return err
	}
	for _, p := range files {
		rel, _ := filepath.Rel(w.stage, p)
		if _, ok := slices.BinarySearch(w.made, filepath.ToSlash(rel)); !ok {
			if err := os.Remove(p); err != nil {
				return err
			}
		}
	}
	// Deepest first, so a folder emptied of folders goes too.
	slices.Reverse(dirs)
	for _, d := range dirs {
		if rel, _ := filepath.Rel(w.stage, d); !w.holds(filepath.ToSlash(rel)) {
			_ = os.Remove(d)
		}
	}
	return nil
}

// tree lists the files and the folders below root, level by level, the
// folders of a level read on all cores: read one after the other, a large
// site's hundred thousand folders kept one core busy and the other idle
// for more than a second at the end of its build.
func tree(root string) (files, dirs []string, err error) {
	for level := []string{root}; len(level) > 0; {
		entries := make([][]fs.DirEntry, len(level))
		errs := make([]error, len(level))
		parallel.Each(len(level), func(i int) { entries[i], errs[i] = os.ReadDir(level[i]) })
		var next []string
		for i, dir := range level {
			if errs[i] != nil {
				return nil, nil, errs[i]
			}
			for _, e := range entries[i] {
				if p := filepath.Join(dir, e.Name()); e.IsDir() {
					next = append(next, p)
				} else {
					files = append(files, p)
				}
			}
		}
		dirs = append(dirs, next...)
		level = next
	}
	return files, dirs, nil
}
