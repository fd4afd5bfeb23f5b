package main

import (
	"fmt"
	"syscall"
	"testing"
)

// mountSmallDisk mounts a tmpfs of diskSize bytes, owned by nobody, on
// dir until the test ends.
func mountSmallDisk(t *testing.T, dir string) {
	t.Helper()
	if err := syscall.Mount("tmpfs", dir, "tmpfs", 0, fmt.Sprintf("size=%d,uid=%d,gid=%d,mode=0755", diskSize, nobody, nobody)); err != nil {
		t.Fatalf("mount a tmpfs of %d bytes: %v", diskSize, err)
	}
	t.Cleanup(func() {
		if err := syscall.Unmount(dir, 0); err != nil {
			t.Error(err)
		}
	})
}
