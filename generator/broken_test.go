package main

import (
	"bytes"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"text/template"

	"golang.org/x/tools/txtar"
)

var update = flag.Bool("update", false, "rewrite the want section of each archive in testdata/broken/ with what the generator printed")

// brokenDir holds one broken site per case; README.md there describes the
// format of its archives.
const brokenDir = "testdata/broken"

// nobody is the user the generator runs as when the tests run as root, so
// that a file without read permission cannot be read.
const nobody = 65534

// diskSize is the size of the small disk of the disk-full case: room for
// the previous build and for validSite's, but not for its broken site.
const diskSize = 256 << 10

// previousBuild is the output of an earlier build, which a failed build
// must leave exactly as it is.
var previousBuild = map[string]string{
	"index.html":                "<p>the previous build</p>\n",
	"agreements/old/index.html": "<p>an agreement of the previous build</p>\n",
	"css/style.css":             "body { color: black; }\n",
}

// validSite is what an editor fixes a broken site into; with the
// repository's templates and static files it builds without errors.
const validSite = `
-- content/_index.md --
---
title: "Home"
---
The fixed site.
-- content/agreements/a.md --
---
title: "A"
signed: 2024-01-01
countries: [Hungary]
---
## Scope
-- content/interviews/i.md --
---
title: "I"
date: 2025-01-01
agreements: [a]
---
On [[a#scope]].
`

// setups do to a site what an archive cannot hold: links, permissions, a
// full disk. Each returns extra arguments of the build and, if the site
// must be repaired before the next build, a function that repairs it.
var setups = map[string]func(t *testing.T, root string) (args []string, repair func()){
	"symlink-outside-root": func(t *testing.T, root string) ([]string, func()) {
		symlink(t, "../../../outside.md", filepath.Join(root, "content/agreements/elsewhere.md"))
		symlink(t, "/etc", filepath.Join(root, "content/etc"))
		writeFile(t, filepath.Join(filepath.Dir(root), "outside.md"), "---\ntitle: Outside\n---\n")
		return nil, nil
	},
	"symlink-loop": func(t *testing.T, root string) ([]string, func()) {
		symlink(t, "loop.md", filepath.Join(root, "content/agreements/loop.md"))
		symlink(t, "b", filepath.Join(root, "content/topics/a"))
		symlink(t, "a", filepath.Join(root, "content/topics/b"))
		return nil, nil
	},
	"unreadable-file": func(t *testing.T, root string) ([]string, func()) {
		secret := filepath.Join(root, "content/agreements/secret.md")
		hidden := filepath.Join(root, "content/organisations")
		chmod(t, secret, 0)
		chmod(t, hidden, 0)
		return nil, func() {
			chmod(t, secret, 0o644)
			chmod(t, hidden, 0o755)
		}
	},
	"output-readonly": func(t *testing.T, root string) ([]string, func()) {
		out := filepath.Join(root, "public")
		populate(t, out)
		chmod(t, out, 0o555)
		return nil, func() { chmod(t, out, 0o755) }
	},
	"disk-full": func(t *testing.T, root string) ([]string, func()) {
		if os.Geteuid() != 0 {
			if os.Getenv("CI") != "" {
				t.Fatal("mounting a small tmpfs needs root, which CI has")
			}
			t.Skip("mounting a small tmpfs needs root")
		}
		disk := filepath.Join(filepath.Dir(root), "disk")
		if err := os.Mkdir(disk, 0o755); err != nil {
			t.Fatal(err)
		}
		mountSmallDisk(t, disk)
		return []string{"-out", filepath.Join(disk, "public")}, nil
	},
	"output-unwritable": func(t *testing.T, root string) ([]string, func()) {
		www := filepath.Join(filepath.Dir(root), "www")
		out := filepath.Join(www, "public")
		populate(t, out)
		chownTree(t, www)
		chmod(t, www, 0o555)
		return []string{"-out", out}, func() { chmod(t, www, 0o755) }
	},
}

// TestBrokenSites builds every site in testdata/broken/ with the
// generator, as its own process, into an output folder that holds an
// earlier build. Each build must fail with exit status 1 and print exactly
// the archive's want section: every error of the site, located, and no
// panic. The earlier build must be left byte for byte as it was, and once
// the site is fixed the next build into the same folder must succeed.
func TestBrokenSites(t *testing.T) {
	archives, err := filepath.Glob(filepath.Join(brokenDir, "*.txtar"))
	if err != nil || len(archives) == 0 {
		t.Fatalf("no archives in %s: %v", brokenDir, err)
	}
	gen := newGenerator(t)
	for _, file := range archives {
		name := strings.TrimSuffix(filepath.Base(file), ".txtar")
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			ar, err := txtar.ParseFile(file)
			if err != nil {
				t.Fatal(err)
			}
			want, files := splitWant(ar)
			if want == nil && !*update {
				t.Fatal("the archive has no want section")
			}
			root := siteRoot(t)
			writeSite(t, root, files)
			var args []string
			var repair func()
			if setup := setups[name]; setup != nil {
				args, repair = setup(t, root)
			}
			out := filepath.Join(root, "public")
			if i := slices.Index(args, "-out"); i >= 0 {
				out = args[i+1]
			}
			// A setup that takes permissions away from the output made it.
			if _, err := os.Stat(out); os.IsNotExist(err) {
				populate(t, out)
			}
			chownTree(t, root)
			chownTree(t, out)
			before := snapshotTree(t, out)

			code, stdout, stderr := gen.build(t, root, args...)
			stderr = strings.ReplaceAll(stderr, filepath.Dir(root), "$TMP")
			if *update {
				setWant(t, file, ar, stderr)
			} else if stderr != string(want) {
				t.Errorf("stderr:\n%s\nwant:\n%s", stderr, want)
			}
			if code != 1 || stdout != "" {
				t.Errorf("exit status %d, stdout %q; want 1 and nothing", code, stdout)
			}
			if strings.Contains(stderr, "panic") || strings.Contains(stderr, "goroutine ") {
				t.Errorf("the generator panicked:\n%s", stderr)
			}
			if after := snapshotTree(t, out); after != before {
				t.Errorf("the failed build changed the output folder:\nbefore:\n%s\nafter:\n%s", before, after)
			}
			assertNothingBeside(t, out)

			if repair != nil {
				repair()
			}
			fix(t, root)
			if code, _, stderr := gen.build(t, root, args...); code != 0 {
				t.Fatalf("the build of the fixed site failed with status %d:\n%s", code, stderr)
			}
			got := readFile(t, filepath.Join(out, "index.html"))
			if !strings.Contains(got, "The fixed site.") {
				t.Errorf("the output's index.html is not the fixed site's:\n%s", got)
			}
			if _, err := os.Stat(filepath.Join(out, "agreements/old")); err == nil {
				t.Error("the build of the fixed site left the previous build's pages")
			}
		})
	}
}

// generator is this test binary, which runs as the generator when
// KB_RUN_GENERATOR is set (see TestMain), copied where the user nobody can
// run it.
type generator struct {
	bin string
	env []string
}

func newGenerator(t *testing.T) *generator {
	t.Helper()
	data, err := os.ReadFile(os.Args[0])
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	chmod(t, filepath.Dir(dir), 0o755)
	chmod(t, dir, 0o755)
	g := &generator{bin: filepath.Join(dir, "generator"), env: append(os.Environ(), "KB_RUN_GENERATOR=1")}
	if err := os.WriteFile(g.bin, data, 0o755); err != nil {
		t.Fatal(err)
	}
	if os.Getenv("GOCOVERDIR") != "" {
		// Under go test -cover, a binary that cannot write its coverage
		// data where go test asks says so on stderr.
		cover := filepath.Join(dir, "cover")
		if err := os.Mkdir(cover, 0o777); err != nil {
			t.Fatal(err)
		}
		chmod(t, cover, 0o777)
		g.env = append(g.env, "GOCOVERDIR="+cover)
	}
	return g
}

// build builds the site in root, as the user nobody when the test runs as
// root.
func (g *generator) build(t *testing.T, root string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	cmd := exec.Command(g.bin, append([]string{"build", "-root", root}, args...)...)
	cmd.Env = g.env
	if os.Geteuid() == 0 {
		cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: nobody, Gid: nobody}}
	}
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err := cmd.Run()
	if _, ok := err.(*exec.ExitError); err != nil && !ok {
		t.Fatal(err)
	}
	return cmd.ProcessState.ExitCode(), out.String(), errOut.String()
}

// siteRoot returns a new folder for a site, inside a folder of its own
// that a setup may put things beside it in.
func siteRoot(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	chmod(t, filepath.Dir(dir), 0o755)
	chmod(t, dir, 0o755)
	root := filepath.Join(dir, "site")
	if err := os.Mkdir(root, 0o755); err != nil {
		t.Fatal(err)
	}
	return root
}

// splitWant returns the want section of an archive, nil if it has none,
// and its other files.
func splitWant(ar *txtar.Archive) (want []byte, files []txtar.File) {
	for _, f := range ar.Files {
		if f.Name == "want" {
			want = f.Data
		} else {
			files = append(files, f)
		}
	}
	return want, files
}

// writeSite writes files into root, on top of the repository's templates/
// and static/. A file whose name ends in ".gen" is expanded first.
func writeSite(t *testing.T, root string, files []txtar.File) {
	t.Helper()
	for _, d := range []string{"templates", "static"} {
		if err := os.CopyFS(filepath.Join(root, d), os.DirFS(filepath.Join("..", d))); err != nil {
			t.Fatal(err)
		}
	}
	for _, f := range files {
		name, data := f.Name, f.Data
		if strings.HasSuffix(name, ".gen") {
			name, data = strings.TrimSuffix(name, ".gen"), expand(t, name, data)
		}
		writeFile(t, filepath.Join(root, filepath.FromSlash(name)), string(data))
	}
}

// expand runs a .gen file of an archive as a text/template, which writes
// bytes a text file cannot hold ({{"\xff"}}) and long runs of text
// ({{repeat 10000 "> "}}).
func expand(t *testing.T, name string, src []byte) []byte {
	t.Helper()
	tmpl, err := template.New(name).Funcs(template.FuncMap{"repeat": func(n int, s string) string {
		return strings.Repeat(s, n)
	}}).Parse(string(src))
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := tmpl.Execute(&b, nil); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// setWant rewrites the want section of the archive in file.
func setWant(t *testing.T, file string, ar *txtar.Archive, stderr string) {
	t.Helper()
	_, files := splitWant(ar)
	ar.Files = append(files, txtar.File{Name: "want", Data: []byte(stderr)})
	if err := os.WriteFile(file, txtar.Format(ar), 0o644); err != nil {
		t.Fatal(err)
	}
}

// populate writes the previous build into out.
func populate(t *testing.T, out string) {
	t.Helper()
	for name, data := range previousBuild {
		writeFile(t, filepath.Join(out, filepath.FromSlash(name)), data)
	}
}

// fix replaces the broken site in root with validSite.
func fix(t *testing.T, root string) {
	t.Helper()
	for _, d := range []string{"content", "templates", "static", "config.toml"} {
		if err := os.RemoveAll(filepath.Join(root, d)); err != nil {
			t.Fatal(err)
		}
	}
	writeSite(t, root, txtar.Parse([]byte(validSite)).Files)
	chownTree(t, root)
}

// snapshotTree describes every file and folder below dir: path, mode and
// contents.
func snapshotTree(t *testing.T, dir string) string {
	t.Helper()
	var b strings.Builder
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		fmt.Fprintf(&b, "%s %v", rel, info.Mode())
		if d.Type().IsRegular() {
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			fmt.Fprintf(&b, " %q", data)
		}
		b.WriteByte('\n')
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// assertNothingBeside checks that a build left nothing beside the output
// folder but its stage and lock.
func assertNothingBeside(t *testing.T, out string) {
	t.Helper()
	entries, err := os.ReadDir(filepath.Dir(out))
	if err != nil {
		t.Fatal(err)
	}
	name := filepath.Base(out)
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".") && e.Name() != "."+name+".stage" && e.Name() != "."+name+".lock" {
			t.Errorf("left beside the output: %s", e.Name())
		}
	}
}

// chownTree gives dir and everything in it to nobody when the test runs as
// root, so that the generator running as nobody can use it.
func chownTree(t *testing.T, dir string) {
	t.Helper()
	if os.Geteuid() != 0 {
		return
	}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		return os.Lchown(p, nobody, nobody)
	})
	if err != nil {
		t.Fatal(err)
	}
}

func writeFile(t *testing.T, p, data string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

func readFile(t *testing.T, p string) string {
	t.Helper()
	data, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

func symlink(t *testing.T, target, link string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(link), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(target, link); err != nil {
		t.Fatal(err)
	}
}

func chmod(t *testing.T, p string, mode fs.FileMode) {
	t.Helper()
	if err := os.Chmod(p, mode); err != nil {
		t.Fatal(err)
	}
}
