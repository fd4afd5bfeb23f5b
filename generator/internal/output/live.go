package output

import (
	"errors"
	"hash/maphash"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"syscall"
)

// Live is the Sink of the development server: it writes into the folder
// being served, each file in place under a lock that its reader, ReadFile,
// takes too, so a reader gets the old file or the new one. Writing a new
// file and renaming it over the old one would do without the lock, but on
// ext4 it took three times as long: a new inode for every file, and the
// old one freed. It remembers a hash of every file it wrote, to skip
// unchanged files without reading them back.
type Live struct {
	dir   string
	seed  maphash.Seed
	locks [64]sync.RWMutex // a file's lock is picked by the hash of its path

	mu      sync.Mutex
	hashes  map[string]uint64 // every file the folder holds
	made    map[string]bool   // files of the current build
	changed []string          // files of the current build that changed
	files   int
	bytes   int64
}

// NewLive returns the live folder dir.
func NewLive(dir string) *Live {
	return &Live{dir: dir, seed: maphash.MakeSeed(), hashes: map[string]uint64{}}
}

// Begin starts a build.
func (l *Live) Begin() {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.made, l.changed, l.files, l.bytes = map[string]bool{}, nil, 0, 0
}

// Write replaces the file at rel with data unless it holds data already.
func (l *Live) Write(rel string, data []byte) error {
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
	p, err := l.clearWay(rel)
	if err != nil {
		return err
	}
	lock := l.lock(rel)
	lock.Lock()
	defer lock.Unlock()
	f, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
	if errors.Is(err, syscall.EISDIR) && l.removeStaleFolder(rel) {
		f, err = os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
	}
	if err != nil {
		// The file, if any, is as it was.
		return err
	}
	_, err = f.Write(data)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if err != nil {
		// Whatever part of it the file holds is no build's: the next
		// build writes it whole.
		os.Remove(p)
		delete(l.hashes, rel)
		return err
	}
	l.hashes[rel] = h
	l.changed = append(l.changed, rel)
	return nil
}

// clearWay makes the folders of the file at rel and returns its path. A
// file of an earlier build where this one needs a folder goes first, as a
// folder of such files where it needs a file does (removeStaleFolder):
// the page of a chapter where a copied file was, or the other way round.
// Commit would remove them, but only once the build has written what
// takes their place.
func (l *Live) clearWay(rel string) (string, error) {
	p := filepath.Join(l.dir, filepath.FromSlash(rel))
	err := os.MkdirAll(filepath.Dir(p), 0o755)
	if err != nil {
		for dir := path.Dir(rel); dir != "."; dir = path.Dir(dir) {
			l.removeStale(dir)
		}
		err = os.MkdirAll(filepath.Dir(p), 0o755)
	}
	return p, err
}

// removeStaleFolder removes the folder at rel if it holds only files of
// earlier builds, and reports whether it did.
func (l *Live) removeStaleFolder(rel string) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	for f := range l.hashes {
		if strings.HasPrefix(f, rel+"/") && l.made[f] {
			return false
		}
	}
	for f := range l.hashes {
		if strings.HasPrefix(f, rel+"/") {
			delete(l.hashes, f)
			l.changed = append(l.changed, f)
		}
	}
	return os.RemoveAll(filepath.Join(l.dir, filepath.FromSlash(rel))) == nil
}

// removeStale removes the file at rel if an earlier build wrote it and
// this one did not. It takes the file's lock, then the Live's, as Write
// does.
func (l *Live) removeStale(rel string) {
	lock := l.lock(rel)
	lock.Lock()
	defer lock.Unlock()
	l.mu.Lock()
	defer l.mu.Unlock()
	if _, ok := l.hashes[rel]; !ok || l.made[rel] {
		return
	}
	p := filepath.Join(l.dir, filepath.FromSlash(rel))
	if os.Remove(p) == nil {
		os.Remove(spareOf(p))
		delete(l.hashes, rel)
		l.changed = append(l.changed, rel)
	}
}

// ReadFile returns the file at rel as the last build that wrote it did,
// never part of it.
func (l *Live) ReadFile(rel string) ([]byte, error) {
	lock := l.lock(rel)
	lock.RLock()
	defer lock.RUnlock()
	return os.ReadFile(filepath.Join(l.dir, filepath.FromSlash(rel)))
}

func (l *Live) lock(rel string) *sync.RWMutex {
	return &l.locks[maphash.String(l.seed, rel)%uint64(len(l.locks))]
}

// Sum returns the hash of the file at rel as this folder last wrote it,
// or false if it did not: two files of the same hash are the same.
func (l *Live) Sum(rel string) (uint64, bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	sum, ok := l.hashes[rel]
	return sum, ok
}

// Open opens the file at rel as this folder holds it, for reading,
// without its lock: the file must be closed before the next Stream of rel,
// which writes over the file that was at rel before the last one.
func (l *Live) Open(rel string) (*os.File, error) {
	return os.Open(filepath.Join(l.dir, filepath.FromSlash(rel)))
}

// Stream writes the file at rel as Write does, hashing its bytes as they
// come, into a spare file swapped with the old one (streamFile): the lock
// of a file is held for the swap, not while a page too long to keep in
// memory is rendered.
func (l *Live) Stream(rel string, fill func(io.Writer) error) error {
	l.mu.Lock()
	l.made[rel] = true
	old, ok := l.hashes[rel]
	l.mu.Unlock()
	p, err := l.clearWay(rel)
	if err != nil {
		return err
	}
	// A swap, unlike a rename, would put a folder in the spare's place.
	if st, err := os.Lstat(p); err == nil && st.IsDir() && !l.removeStaleFolder(rel) {
		return &fs.PathError{Op: "write", Path: p, Err: syscall.EISDIR}
	}
	var h maphash.Hash
	h.SetSeed(l.seed)
	n, replaced, err := streamFile(p, fill, &h, func() bool { return ok && h.Sum64() == old }, l.lock(rel))
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

// streamFile writes what fill writes into the spare of p, passing every
// byte to check too, then swaps it with p unless unchanged, asked at the
// end, says p holds those bytes already. It returns how many bytes fill
// wrote and whether p was replaced.
//
// The spare is a hidden file beside p that holds, after a swap, what p
// held: the next stream writes over it in place. A streamed file, such as
// the data export, is written again after every change, and fill may read
// p meanwhile; a new file renamed over p each time took a new inode and
// freed the old one, which at 27 MB took as long as the rest of the
// writing. Where the system cannot swap two files, the spare is renamed
// over p, and the next stream makes another.
//
// The swap is made holding lock, which readers of p hold while they read:
// none still reads the old file when the next stream writes over it.
func streamFile(p string, fill func(io.Writer) error, check io.Writer, unchanged func() bool, lock sync.Locker) (int64, bool, error) {
	spare := spareOf(p)
	f, err := os.OpenFile(spare, os.O_WRONLY|os.O_CREATE, 0o644)
	if err != nil {
		return 0, false, err
	}
	cw := &countingWriter{w: io.MultiWriter(f, check)}
	err = fill(cw)
	if err == nil {
		err = f.Truncate(cw.n)
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		// Left, it would be a file of its own where p is not.
		os.Remove(spare)
		return cw.n, false, err
	}
	if unchanged() {
		return cw.n, false, nil
	}
	lock.Lock()
	defer lock.Unlock()
	if err := swapFiles(spare, p); err != nil {
		return cw.n, false, err
	}
	return cw.n, true, nil
}

// spareOf returns the path of the spare of the streamed file at p.
func spareOf(p string) string {
	return filepath.Join(filepath.Dir(p), sparePrefix+filepath.Base(p))
}

const sparePrefix = ".spare-"

// Spare reports whether a file of the live folder named name is the
// spare of a streamed file, which the site does not have.
func Spare(name string) bool { return strings.HasPrefix(name, sparePrefix) }

type countingWriter struct {
	w io.Writer
	n int64
}

func (c *countingWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

// Keep counts the file at rel, written by an earlier build, as made by
// this one: a partial build that writes only what changed keeps the rest,
// and its Commit removes only what it neither wrote nor kept.
func (l *Live) Keep(rel string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.made[rel] = true
}

// Commit removes the files of the last full build that this one did not
// make.
func (l *Live) Commit() error {
	l.mu.Lock()
	defer l.mu.Unlock()
	for rel := range l.hashes {
		if !l.made[rel] {
			p := filepath.Join(l.dir, filepath.FromSlash(rel))
			if err := os.Remove(p); err != nil && !os.IsNotExist(err) {
				return err
			}
			os.Remove(spareOf(p))
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

// Abort does nothing: the files written so far are whole, and the next
// build writes what changed.
func (l *Live) Abort() {}

// Counts returns the files of this build, how many changed, and their
// size.
func (l *Live) Counts() (files, written int, bytes int64) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.files, len(l.changed), l.bytes
}

// Changed returns the output paths that the last build wrote or removed,
// sorted.
func (l *Live) Changed() []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return slices.Sorted(slices.Values(l.changed))
}
