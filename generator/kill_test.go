package main

import (
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/cooperation-kb/kb/generator/internal/corpus"
)

// TestMain lets the tests run this test binary as the generator itself,
// so that a build can be killed as a process.
func TestMain(m *testing.M) {
	if os.Getenv("KB_RUN_GENERATOR") == "1" {
		os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
	}
	os.Exit(m.Run())
}

// tree returns every file below dir with its contents.
func tree(t *testing.T, dir string) map[string]string {
	t.Helper()
	files := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		files[rel] = string(data)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func same(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

// TestKilledBuildLeavesOutputWhole kills builds with SIGKILL at moments
// spread over their run. After each kill the output is the previous site
// or the new one, whole, never a mix; and the next build succeeds.
func TestKilledBuildLeavesOutputWhole(t *testing.T) {
	dir := t.TempDir()
	if err := corpus.Site(dir, 400, 1, ".."); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "public")
	gen := func() *exec.Cmd {
		cmd := exec.Command(os.Args[0], "-root", dir, "-quiet")
		cmd.Env = append(os.Environ(), "KB_RUN_GENERATOR=1")
		return cmd
	}
	if b, err := gen().CombinedOutput(); err != nil {
		t.Fatalf("first build: %v\n%s", err, b)
	}
	old := tree(t, out)
	// The new site: every page changes, as the home page's text is on none
	// of them but the title of the site is on all.
	cfg := filepath.Join(dir, "config.toml")
	if err := os.WriteFile(cfg, []byte("title = \"Renamed\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	if b, err := gen().CombinedOutput(); err != nil {
		t.Fatalf("second build: %v\n%s", err, b)
	}
	full := time.Since(start)
	renamed := tree(t, out)
	if err := os.WriteFile(cfg, []byte(""), 0o644); err != nil {
		t.Fatal(err)
	}
	if b, err := gen().CombinedOutput(); err != nil {
		t.Fatalf("third build: %v\n%s", err, b)
	}
	if !same(tree(t, out), old) {
		t.Fatal("rebuilding the first site did not give the first output")
	}

	sites := map[bool]map[string]string{false: old, true: renamed}
	isRenamed := false
	for i := range 12 {
		isRenamed = !isRenamed
		if err := os.WriteFile(cfg, []byte(map[bool]string{true: "title = \"Renamed\"\n"}[isRenamed]), 0o644); err != nil {
			t.Fatal(err)
		}
		cmd := gen()
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		after := full * time.Duration(i+1) / 13
		time.Sleep(after)
		cmd.Process.Signal(syscall.SIGKILL)
		cmd.Wait()
		if got := tree(t, out); !same(got, sites[!isRenamed]) && !same(got, sites[isRenamed]) {
			t.Fatalf("kill %d, after %v: the output is neither the previous site nor the new one", i, after)
		}
		// The next build is not blocked by anything the killed one left.
		if b, err := gen().CombinedOutput(); err != nil {
			t.Fatalf("build after kill %d: %v\n%s", i, err, b)
		}
		if !same(tree(t, out), sites[isRenamed]) {
			t.Fatalf("the build after kill %d did not give the expected site", i)
		}
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".") && e.Name() != ".public.stage" && e.Name() != ".public.lock" {
			t.Errorf("left beside the output: %s", e.Name())
		}
	}
}

// TestConcurrentBuildRefused starts a build while another holds the
// output's lock: the second fails with a message that says why.
func TestConcurrentBuildRefused(t *testing.T) {
	dir := site(t, goodAgreement)
	lock, err := os.OpenFile(filepath.Join(dir, ".public.lock"), os.O_CREATE|os.O_RDWR, 0o644)
	if err != nil {
		t.Fatal(err)
	}
	defer lock.Close()
	if err := syscall.Flock(int(lock.Fd()), syscall.LOCK_EX); err != nil {
		t.Fatal(err)
	}
	code, _, stderr := runCmd("-root", dir)
	if code != 1 || !strings.Contains(stderr, "another build is writing this output folder") {
		t.Fatalf("exit %d, stderr:\n%s", code, stderr)
	}
	if _, err := os.Stat(filepath.Join(dir, "public")); err == nil {
		t.Error("the refused build wrote public/")
	}
	syscall.Flock(int(lock.Fd()), syscall.LOCK_UN)
	if code, _, stderr := runCmd("-root", dir); code != 0 {
		t.Fatalf("after the lock was released: exit %d, stderr:\n%s", code, stderr)
	}
}
