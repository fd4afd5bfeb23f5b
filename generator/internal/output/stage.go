package output

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
)

// A Stage is the Sink of a one-time build: a folder beside the output,
// holding the build before the last one, that Commit exchanges with the
// output. A failed or killed build leaves the output as it was, and
// reusing the older build's files means that a file that did not change is
// neither written nor deleted.
type Stage struct {
	out, stage string
	lock       *os.File
	writeFile  func(name string, data []byte, perm fs.FileMode) error // os.WriteFile, or a failing disk in tests
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

// NewStage locks the output folder out against other builds and prepares
// its stage.
func NewStage(out string) (*Stage, error) {
	parent, name := filepath.Dir(out), filepath.Base(out)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, fmt.Errorf("cannot create the output folder: %w", err)
	}
	if st, err := os.Stat(out); err == nil && !st.IsDir() {
		return nil, fmt.Errorf("output %s is a file, not a folder", out)
	} else if err == nil && !writable(out, st) {
		// The build could replace it all the same, but its owner meant to
		// keep it as it is.
		return nil, fmt.Errorf("output folder %s is read-only: make it writable, or build into another folder with -out", out)
	}
	lock, err := lockFile(filepath.Join(parent, lockName(name)))
	if err != nil {
		return nil, err
	}
	w := &Stage{out: out, stage: filepath.Join(parent, stageName(name)), lock: lock, writeFile: os.WriteFile}
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

// mkdir makes the folder dir in the stage, replacing a file of an older
// build that stands in its way. The folders made are not remembered, as
// asking the file system again costs less than a set of them all.
func (w *Stage) mkdir(dir string) error {
	err := os.MkdirAll(dir, 0o755)
	var pe *fs.PathError
	if errors.As(err, &pe) && pe.Path != dir {
		if rmErr := os.Remove(pe.Path); rmErr == nil {
			return w.mkdir(dir)
		}
	}
	return err
}

// record notes that this build made the file at rel.
func (w *Stage) record(rel string) {
	w.mu.Lock()
	w.made = append(w.made, rel)
	w.mu.Unlock()
	w.files.Add(1)
}

// Write stores data at rel unless the stage holds exactly those bytes
// there already.
func (w *Stage) Write(rel string, data []byte) error {
	if err := w.store(rel, data); err != nil {
		return w.fail(err)
	}
	return nil
}

// fail records that writing into the stage failed, which ends the build,
// and says why. The file it failed on is left out, as on a full disk it
// depends on the order of the parallel writes.
func (w *Stage) fail(err error) error {
	w.failed.Store(true)
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	return fmt.Errorf("cannot write the new site into %s: %w", w.stage, err)
}

func (w *Stage) store(rel string, data []byte) error {
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
func (w *Stage) prepare(p string) error {
	if err := w.mkdir(filepath.Dir(p)); err != nil {
		return err
	}
	if st, err := os.Lstat(p); err == nil && !st.Mode().IsRegular() {
		return os.RemoveAll(p)
	}
	return nil
}

// Stream writes the file at rel as Write does, comparing its bytes with
// the file in the stage as they come (see changedFile), so that an
// unchanged file is only read.
func (w *Stage) Stream(rel string, fill func(io.Writer) error) error {
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

// Commit removes what this build did not make from the stage and
// exchanges the stage with the output.
func (w *Stage) Commit() error {
	defer w.unlock()
	if err := w.removeStale(); err != nil {
		return fmt.Errorf("cannot remove stale files: %w", err)
	}
	if err := exchange(w.stage, w.out); err != nil {
		return fmt.Errorf("cannot replace the output folder: %w", err)
	}
	return nil
}

// Counts returns the files of this build, how many were written, and
// their size.
func (w *Stage) Counts() (files, written int, bytes int64) {
	return int(w.files.Load()), int(w.written.Load()), w.bytes.Load()
}

// Abort ends a failed build. The stage stays, for the next build to
// correct file by file, unless writing into it failed, as on a full disk:
// then it goes, so that its files do not hold the space the next build
// needs.
func (w *Stage) Abort() {
	if w.failed.Load() {
		_ = os.RemoveAll(w.stage)
	}
	w.unlock()
}

func (w *Stage) unlock() {
	if w.lock != nil {
		unlockFile(w.lock)
		w.lock = nil
	}
}
