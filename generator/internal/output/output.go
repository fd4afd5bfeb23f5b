// Package output puts the files of a build into the output folder.
//
// A build writes through a Sink. The Stage is the sink of a one-time
// build: it writes into a folder beside the output, skips files whose
// bytes did not change, and at the end removes stale files and swaps the
// stage with the output in one step, so that a reader never sees half a
// site and a failed build leaves the output as it was. The Live folder is
// the sink of the development server, which serves the folder it writes:
// each file is replaced on its own, and read through the Live whole. A
// PageWriter carries one rendered page into a sink, streaming the pages
// too long to hold.
package output

import (
	"io"
	"os"
	"path/filepath"
)

// A Sink receives the files of a build.
type Sink interface {
	// Write stores data as the file at rel, a slash path in the output.
	Write(rel string, data []byte) error
	// Stream writes the file at rel from what fill writes, without
	// holding it in memory: for a file that grows with the site.
	Stream(rel string, fill func(io.Writer) error) error
	// Commit ends a build that wrote every file; the files it did not
	// write are stale and go. A partial build, which wrote only the files
	// that changed, does not commit.
	Commit() error
	// Abort ends a build that failed.
	Abort()
	// Counts returns the files written by this build, how many of them
	// changed, and their size.
	Counts() (files, written int, bytes int64)
}

// A tempFile is written beside dest and then renamed over it, so that a
// reader of dest finds the old file or the new one, never part of one.
type tempFile struct {
	*os.File
	dest string
	done bool // renamed or removed
}

// createBeside starts a new file that will replace dest.
func createBeside(dest string) (*tempFile, error) {
	f, err := os.CreateTemp(filepath.Dir(dest), ".write-*")
	if err != nil {
		return nil, err
	}
	return &tempFile{File: f, dest: dest}, nil
}

// replace closes the file and renames it over dest, readable by everyone
// as a published file is: CreateTemp makes it readable by its owner alone.
func (t *tempFile) replace() error {
	t.done = true
	name := t.Name()
	err := t.Close()
	if err == nil {
		err = os.Chmod(name, 0o644)
	}
	if err == nil {
		err = os.Rename(name, t.dest)
	}
	if err != nil {
		os.Remove(name)
	}
	return err
}

// discard closes and removes the file unless it replaced dest.
func (t *tempFile) discard() {
	if !t.done {
		t.done = true
		t.Close()
		os.Remove(t.Name())
	}
}
