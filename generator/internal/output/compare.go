package output

import (
	"bytes"
	"errors"
	"io"
	"os"
	"sync"
)

// changedFile is written in place of the file at path, which it replaces
// only if their bytes differ. While they are the old file's, it reads
// rather than writes; at the first difference it starts a new file beside
// the old one with the bytes so far, and writes the rest there.
type changedFile struct {
	path     string
	old      *os.File  // nil if there is no file to compare with
	tmp      *tempFile // the new file, once the bytes differ
	same     int64     // bytes written while they were the old file's
	n        int64     // bytes written
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
	tmp, err := createBeside(c.path)
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
	if err := c.tmp.replace(); err != nil {
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
		c.tmp.discard()
	}
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

// sameChunk is the most of a file that readsAs reads at once, so that
// comparing a long file does not hold all of it in memory.
const sameChunk = 256 << 10

// readBufs hold the chunks of files being compared, so that comparing
// every file of a site does not allocate their size again.
var readBufs = sync.Pool{New: func() any { b := make([]byte, sameChunk); return &b }}
