package build

import (
	"hash/maphash"
	"io"
	"os"
	"path/filepath"
	"slices"
	"sync"
)

// liveDir writes a build into a folder that is being served: each file is
// written beside its place and renamed over it, so a reader gets the old
// file or the new one, never half of one. It remembers a hash of every
// file it wrote, to skip files whose bytes did not change without reading
// them back.
type liveDir struct {
	dir  string
	seed maphash.Seed

	mu      sync.Mutex
	hashes  map[string]uint64 // every file of the last full build
	made    map[string]bool   // files of the current build
	changed []string          // files of the current build that changed
	files   int
	bytes   int64
}

func newLiveDir(dir string) *liveDir {
	return &liveDir{dir: dir, seed: maphash.MakeSeed(), hashes: map[string]uint64{}}
}

func (l *liveDir) begin() {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.made, l.changed, l.files, l.bytes = map[string]bool{}, nil, 0, 0
}

func (l *liveDir) write(rel string, data []byte) error {
	h := maphash.Bytes(l.seed, data)
	l.mu.Lock()
	l.made[rel] = true
	l.files++
	l.bytes += int64(len(data))
	old, ok := l.hashes[rel]
	l.mu.Unlock()
	if ok && old == h {
		return nil
	}
	p := filepath.Join(l.dir, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(p), ".write-*")
	if err != nil {
		return err
	}
	_, err = tmp.Write(data)
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(tmp.Name(), 0o644)
	}
	if err == nil {
		err = os.Rename(tmp.Name(), p)
	}
	if err != nil {
		os.Remove(tmp.Name())
		return err
	}
	l.mu.Lock()
	l.hashes[rel] = h
	l.changed = append(l.changed, rel)
	l.mu.Unlock()
	return nil
}

// stream writes the file at rel as write does, hashing its bytes as they
// come.
func (l *liveDir) stream(rel string, fill func(io.Writer) error) error {
	l.mu.Lock()
	l.made[rel] = true
	old, ok := l.hashes[rel]
	l.mu.Unlock()
	p := filepath.Join(l.dir, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return err
	}
	var h maphash.Hash
	h.SetSeed(l.seed)
	n, replaced, err := streamFile(p, fill, &h, func() bool { return ok && h.Sum64() == old })
	l.mu.Lock()
	defer l.mu.Unlock()
	l.files++
	l.bytes += n
	if replaced {
		l.hashes[rel] = h.Sum64()
		l.changed = append(l.changed, rel)
	}
	return err
}

// commit removes the files of the last full build that this one did not
// make.
func (l *liveDir) commit() error {
	l.mu.Lock()
	defer l.mu.Unlock()
	for rel := range l.hashes {
		if !l.made[rel] {
			p := filepath.Join(l.dir, filepath.FromSlash(rel))
			if err := os.Remove(p); err != nil && !os.IsNotExist(err) {
				return err
			}
			removeEmptyParents(l.dir, filepath.Dir(p))
			delete(l.hashes, rel)
			l.changed = append(l.changed, rel)
		}
	}
	return nil
}

func removeEmptyParents(root, dir string) {
	for dir != root && len(dir) > len(root) {
		if os.Remove(dir) != nil {
			return
		}
		dir = filepath.Dir(dir)
	}
}

func (l *liveDir) abort() {}

func (l *liveDir) counts() (files, written int, bytes int64) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.files, len(l.changed), l.bytes
}

// Changed returns the output paths that the last build wrote or removed,
// sorted.
func (l *liveDir) Changed() []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return slices.Sorted(slices.Values(l.changed))
}
