package output

import (
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/cooperation-kb/kb/generator/internal/parallel"
)

// removeStale removes from the stage the files and folders that this
// build did not make.
func (w *Stage) removeStale() error {
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

// holds reports whether this build made a file under the folder dir, a
// slash path in the stage; w.made must be sorted. It saves asking the
// file system to remove every folder only to learn that most are not
// empty.
func (w *Stage) holds(dir string) bool {
	prefix := dir + "/"
	i, _ := slices.BinarySearch(w.made, prefix)
	return i < len(w.made) && strings.HasPrefix(w.made[i], prefix)
}

// tree lists the files and the folders below root, level by level, the
// folders of a level read on all cores: a large site has a folder for
// every page, too many to read one after the other.
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
