package output

// The platform's part of the stage and the live folder, on Linux: the
// atomic exchange of two folders or two files, the lock that keeps two
// builds apart, and whether a folder is writable.

import (
	"errors"
	"fmt"
	"io/fs"
	"os"

	"golang.org/x/sys/unix"
)

// exchange makes the stage the output and the output the stage in one
// atomic step, so that readers of the output never find it missing.
func exchange(stage, out string) error {
	err := unix.Renameat2(unix.AT_FDCWD, stage, unix.AT_FDCWD, out, unix.RENAME_EXCHANGE)
	switch {
	case err == nil:
		return nil
	case errors.Is(err, fs.ErrNotExist):
		if _, statErr := os.Lstat(out); errors.Is(statErr, fs.ErrNotExist) {
			return os.Rename(stage, out)
		}
		return err
	case errors.Is(err, unix.EINVAL), errors.Is(err, unix.ENOSYS):
		return exchangeByRenames(stage, out)
	}
	return err
}

// swapFiles puts the file at from at to, and the file that was at to, if
// any, at from, in one atomic step where the file system can; elsewhere it
// renames from over to.
func swapFiles(from, to string) error {
	err := unix.Renameat2(unix.AT_FDCWD, from, unix.AT_FDCWD, to, unix.RENAME_EXCHANGE)
	if err == nil {
		return nil
	}
	if errors.Is(err, fs.ErrNotExist) || errors.Is(err, unix.EINVAL) || errors.Is(err, unix.ENOSYS) {
		return os.Rename(from, to)
	}
	return err
}

func lockFile(path string) (*os.File, error) {
	f, err := os.OpenFile(path, os.O_CREATE|os.O_RDWR, 0o644)
	if err != nil {
		return nil, fmt.Errorf("cannot create the lock beside the output folder: %w", err)
	}
	if err := unix.Flock(int(f.Fd()), unix.LOCK_EX|unix.LOCK_NB); err != nil {
		f.Close()
		if errors.Is(err, unix.EWOULDBLOCK) {
			return nil, errors.New("another build is writing this output folder (it holds " + path + "); try again when it is done")
		}
		return nil, err
	}
	return f, nil
}

func unlockFile(f *os.File) {
	_ = unix.Flock(int(f.Fd()), unix.LOCK_UN)
	f.Close()
}

// writable reports whether this process may create files in dir.
func writable(dir string, _ fs.FileInfo) bool {
	return unix.Access(dir, unix.W_OK) == nil
}
