package output

import "os"

// exchangeByRenames swaps two folders where the file system cannot do it
// atomically; for a moment the output is missing.
func exchangeByRenames(stage, out string) error {
	tmp := stage + ".swap"
	if err := os.Rename(out, tmp); err != nil {
		return err
	}
	if err := os.Rename(stage, out); err != nil {
		_ = os.Rename(tmp, out)
		return err
	}
	return os.Rename(tmp, stage)
}
