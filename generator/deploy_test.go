package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestRunDeploy is the deploy command's story with a folder as the
// bucket: a dry run, the first deploy, one with nothing to do, a deletion
// past the limit of config.toml, then allowed by the flag, and a build that
// fails.
func TestRunDeploy(t *testing.T) {
	dir := site(t, goodAgreement)
	bucket := t.TempDir()
	target := "file://" + filepath.ToSlash(bucket)

	code, _, stderr := runCmd("deploy", "-root", dir)
	if code != 2 || !strings.Contains(stderr, "no bucket to publish to: give -target URL, or target in the [deploy] table of config.toml") {
		t.Errorf("without a target: exit %d, stderr:\n%s", code, stderr)
	}

	code, stdout, stderr := runCmd("deploy", "-root", dir, "-target", target, "-dry-run")
	lines := strings.Split(strings.TrimSpace(stdout), "\n")
	if code != 0 || stderr != "" || !strings.HasPrefix(lines[0], "1 agreement, 1 interview") || lines[1] != "upload countries/hungary/feed.xml" ||
		lines[len(lines)-2] != "upload index.html" || !regexp.MustCompile(`^dry run for file://.*: \d+ to upload, 0 to update, 0 to delete, 0 unchanged; nothing was changed$`).MatchString(lines[len(lines)-1]) {
		t.Errorf("dry run: exit %d, stdout:\n%s\nstderr:\n%s", code, stdout, stderr)
	}
	if entries, _ := os.ReadDir(bucket); len(entries) != 0 {
		t.Errorf("the dry run wrote %d entries into the bucket", len(entries))
	}
	planned := len(lines) - 2

	code, stdout, _ = runCmd("deploy", "-root", dir, "-target", target)
	lines = strings.Split(strings.TrimSpace(stdout), "\n")
	if code != 0 || len(lines) != planned+2 || !strings.HasPrefix(lines[len(lines)-1], "deployed to "+target+": ") {
		t.Errorf("first deploy: exit %d, %d lines, want %d:\n%s", code, len(lines), planned+2, stdout)
	}
	if _, err := os.Stat(filepath.Join(bucket, "agreements", "a", "index.html")); err != nil {
		t.Error(err)
	}

	code, stdout, _ = runCmd("deploy", "-root", dir, "-target", target, "-no-build", "-quiet")
	if code != 0 || stdout != "" {
		t.Errorf("quiet deploy of the same site: exit %d, stdout:\n%s", code, stdout)
	}
	code, stdout, _ = runCmd("deploy", "-root", dir, "-target", target, "-no-build")
	if code != 0 || !strings.Contains(stdout, ": 0 uploaded, 0 updated, 0 deleted, ") {
		t.Errorf("deploy of the same site: exit %d, stdout:\n%s", code, stdout)
	}

	// The interview and the topic go: their pages and the home page's
	// link. config.toml names the bucket and allows one deletion.
	write(t, dir, "config.toml", "[deploy]\ntarget = \""+target+"\"\nmaxDeletes = 1\n")
	for _, f := range []string{"content/interviews/i.md", "content/topics/customs.md"} {
		if err := os.Remove(filepath.Join(dir, f)); err != nil {
			t.Fatal(err)
		}
	}
	before := tree(t, bucket)
	code, _, stderr = runCmd("deploy", "-root", dir)
	if code != 1 || !regexp.MustCompile(`generator: deploy: the deploy would delete (\d+) files, more than the limit of 1: nothing was changed; if that is meant, run again with -max-deletes \d+\n$`).MatchString(stderr) {
		t.Errorf("past the limit: exit %d, stderr:\n%s", code, stderr)
	}
	if !same(tree(t, bucket), before) {
		t.Error("a refused deploy changed the bucket")
	}
	code, stdout, stderr = runCmd("deploy", "-root", dir, "-max-deletes", "10")
	if code != 0 || !strings.Contains(stdout, "\ndelete interviews/i/index.html\n") {
		t.Errorf("with -max-deletes 10: exit %d, stdout:\n%s\nstderr:\n%s", code, stdout, stderr)
	}

	before = tree(t, bucket)
	write(t, dir, "content/agreements/a.md", "---\ntitle: A\n---\n")
	code, stdout, stderr = runCmd("deploy", "-root", dir)
	if code != 1 || stdout != "" || !strings.HasSuffix(stderr, "1 error: nothing was written\n") {
		t.Errorf("a failed build: exit %d, stdout:\n%s\nstderr:\n%s", code, stdout, stderr)
	}
	if !same(tree(t, bucket), before) {
		t.Error("a failed build changed the bucket")
	}
}

func write(t *testing.T, dir, name, data string) {
	t.Helper()
	if err := os.WriteFile(filepath.Join(dir, filepath.FromSlash(name)), []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}
