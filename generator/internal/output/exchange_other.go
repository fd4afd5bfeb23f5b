//go:build !linux

package output

// The platform's part of the stage and the live folder, elsewhere than on
// Linux: the exchange of two folders by renames, a file renamed over
// another, the lock that keeps two builds apart, and whether a folder is
// writable.

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
)

// exchange makes the stage the output and the output the stage. Without
// Linux's atomic exchange it takes three renames.
func exchange(stage, out string) error {
	if _, err := os.Lstat(out); errors.Is(err, fs.ErrNotExist) {
		return os.Rename(stage, out)
	}
	return exchangeByRenames(stage, out)
}

// swapFiles puts the file at from at to. Without Linux's atomic exchange
// it is a rename: the file that was at to goes.
func swapFiles(from, to string) error { return os.Rename(from, to) }

// lockFile creates the lock file exclusively; a build killed while holding
// it leaves it behind, and the message says so.
func lockFile(path string) (*os.File, error) {
	f, err := os.OpenFile(path, os.O_CREATE|os.O_EXCL|os.O_RDWR, 0o644)
	if errors.Is(err, fs.ErrExist) {
		return nil, errors.New("another build is writing this output folder; if none is running, delete " + path)
	}
	if err != nil {
		return nil, fmt.Errorf("cannot create the lock beside the output folder: %w", err)
	}
	return f, nil
}

func unlockFile(f *os.File) {
	f.Close()
	os.Remove(f.Name())
}

// writable reports whether dir's mode lets its owner create files in it.
func writable(_ string, st fs.FileInfo) bool {
	return st.Mode().Perm()&0o200 != 0
}
