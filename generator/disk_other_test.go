//go:build !linux

package main

import "testing"

// mountSmallDisk would mount a small disk on dir; this test mounts a tmpfs,
// which only Linux has.
func mountSmallDisk(t *testing.T, dir string) {
	t.Skip("a small disk for the output is a Linux tmpfs")
}
