package build

import (
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
)

// writer puts a build's files into a new folder beside the output and
// swaps it in at the end, so a failed build leaves the previous output
// exactly as it was and a successful one leaves no stale files.
type writer struct {
	out   string
	tmp   string
	dirs  sync.Map
	files atomic.Int64
	bytes atomic.Int64
}

func newWriter(out string) (*writer, error) {
	parent := filepath.Dir(out)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, fmt.Errorf("cannot create the output folder: %w", err)
	}
	tmp, err := os.MkdirTemp(parent, "."+filepath.Base(out)+".new-")
	if err != nil {
		return nil, fmt.Errorf("cannot write beside the output folder: %w", err)
	}
	if err := os.Chmod(tmp, 0o755); err != nil {
		return nil, err
	}
	return &writer{out: out, tmp: tmp}, nil
}

func (w *writer) mkdir(dir string) error {
	if _, done := w.dirs.Load(dir); done {
		return nil
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	w.dirs.Store(dir, true)
	return nil
}

// write stores data at rel, a slash-separated path in the output.
func (w *writer) write(rel string, data []byte) error {
	p := filepath.Join(w.tmp, filepath.FromSlash(rel))
	if err := w.mkdir(filepath.Dir(p)); err != nil {
		return fmt.Errorf("cannot write %s: %w", rel, err)
	}
	if err := os.WriteFile(p, data, 0o644); err != nil {
		return fmt.Errorf("cannot write %s: %w", rel, err)
	}
	w.files.Add(1)
	w.bytes.Add(int64(len(data)))
	return nil
}

// copy copies the file src of fsys to rel in the output.
func (w *writer) copy(fsys fs.FS, src, rel string) error {
	in, err := fsys.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	p := filepath.Join(w.tmp, filepath.FromSlash(rel))
	if err := w.mkdir(filepath.Dir(p)); err != nil {
		return fmt.Errorf("cannot write %s: %w", rel, err)
	}
	out, err := os.Create(p)
	if err != nil {
		return fmt.Errorf("cannot write %s: %w", rel, err)
	}
	n, err := io.Copy(out, in)
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("cannot write %s: %w", rel, err)
	}
	w.files.Add(1)
	w.bytes.Add(n)
	return nil
}

// commit replaces the output folder with the new one.
func (w *writer) commit() error {
	old := ""
	if _, err := os.Lstat(w.out); err == nil {
		f, err := os.MkdirTemp(filepath.Dir(w.out), "."+filepath.Base(w.out)+".old-")
		if err != nil {
			w.abort()
			return fmt.Errorf("cannot replace the output folder: %w", err)
		}
		old = filepath.Join(f, "public")
		if err := os.Rename(w.out, old); err != nil {
			os.Remove(f)
			w.abort()
			return fmt.Errorf("cannot replace the output folder: %w", err)
		}
		defer os.RemoveAll(f)
	}
	if err := os.Rename(w.tmp, w.out); err != nil {
		if old != "" {
			_ = os.Rename(old, w.out)
		}
		w.abort()
		return fmt.Errorf("cannot replace the output folder: %w", err)
	}
	return nil
}

// abort removes the new folder after a failed build.
func (w *writer) abort() { os.RemoveAll(w.tmp) }
