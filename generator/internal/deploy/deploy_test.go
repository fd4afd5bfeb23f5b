package deploy

import (
	"bytes"
	"context"
	"crypto/md5"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"github.com/johannesboyne/gofakes3"
	"github.com/johannesboyne/gofakes3/backend/s3mem"
	"gocloud.dev/blob"
	_ "gocloud.dev/blob/fileblob"
	"gocloud.dev/blob/memblob"
	_ "gocloud.dev/blob/s3blob"
)

// site is a small built site: the home page, two pages, a fingerprinted
// stylesheet with its plain copy, and the search index.
func site() fstest.MapFS {
	return fstest.MapFS{
		"index.html":                     {Data: []byte("<link href=/css/style.0a1b2c3d.css><a href=/agreements/hu-kg/>")},
		"404.html":                       {Data: []byte("not found")},
		"agreements/hu-kg/index.html":    {Data: []byte("Hungary and Kyrgyzstan")},
		"agreements/hu-uz/index.html":    {Data: []byte("Hungary and Uzbekistan")},
		"css/style.css":                  {Data: []byte("body{}")},
		"css/style.0a1b2c3d.css":         {Data: []byte("body{}")},
		"search/index.json":              {Data: []byte(`{"v":1}`)},
		"countries/hungary/feed.xml":     {Data: []byte("<feed/>")},
		"flags/hu.svg":                   {Data: []byte("<svg/>")},
		"interviews/kecskes/index.html":  {Data: []byte("Kecskes")},
		"data/knowledge-base.json":       {Data: []byte(`{}`)},
		"topics/customs-training/a.html": {Data: []byte("a")},
	}
}

// A testBucket is a bucket and a way to read the headers a file was
// published with.
type testBucket struct {
	*blob.Bucket
	headers func(key string) Header
}

// buckets opens one empty bucket of each kind the tests run against: in
// memory, a folder, and S3 through the real driver against an S3 server in
// this process.
func buckets(t *testing.T) map[string]testBucket {
	t.Helper()
	dir, err := blob.OpenBucket(context.Background(), "file://"+t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { dir.Close() })
	mem := memblob.OpenBucket(nil)
	return map[string]testBucket{
		"mem":  {mem, attributes(t, mem)},
		"file": {dir, attributes(t, dir)},
		"s3":   fakeS3(t),
	}
}

// attributes reads a file's headers as the bucket keeps them.
func attributes(t *testing.T, b *blob.Bucket) func(string) Header {
	return func(key string) Header {
		a, err := b.Attributes(context.Background(), key)
		if err != nil {
			t.Fatal(err)
		}
		return Header{a.ContentType, a.CacheControl}
	}
}

// fakeS3 starts an S3 server with an empty bucket and opens it with
// s3blob: its endpoint, path-style addressing, fixed credentials. The
// server does not keep Cache-Control, so the headers are those of the
// last PUT of each file.
func fakeS3(t *testing.T) testBucket {
	t.Helper()
	backend := s3mem.New()
	if err := backend.CreateBucket("site"); err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	sent := map[string]Header{}
	s3 := gofakes3.New(backend).Server()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodPut {
			mu.Lock()
			sent[strings.TrimPrefix(r.URL.Path, "/site/")] = Header{r.Header.Get("Content-Type"), r.Header.Get("Cache-Control")}
			mu.Unlock()
		}
		s3.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	// The SDK reads credentials from the environment, and nothing from
	// the machine's own AWS configuration.
	t.Setenv("AWS_ACCESS_KEY_ID", "test")
	t.Setenv("AWS_SECRET_ACCESS_KEY", "test")
	t.Setenv("AWS_CONFIG_FILE", t.TempDir()+"/none")
	t.Setenv("AWS_SHARED_CREDENTIALS_FILE", t.TempDir()+"/none")
	q := url.Values{"region": {"us-east-1"}, "endpoint": {srv.URL}, "use_path_style": {"true"}, "disable_https": {"true"}}
	b, err := blob.OpenBucket(context.Background(), "s3://site?"+q.Encode())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { b.Close() })
	return testBucket{b, func(key string) Header {
		mu.Lock()
		defer mu.Unlock()
		return sent[key]
	}}
}

// deploy plans and applies in one go, returning the steps taken as
// "op path" lines.
func deploy(t *testing.T, b *blob.Bucket, fsys fstest.MapFS, maxDeletes int) ([]string, error) {
	t.Helper()
	ctx := context.Background()
	plan, err := NewPlan(ctx, b, fsys, nil)
	if err != nil {
		t.Fatal(err)
	}
	var done []string
	err = plan.Apply(ctx, b, fsys, maxDeletes, func(s Step) { done = append(done, s.Op.String()+" "+s.Path) })
	return done, err
}

// contents returns every file of the bucket and its bytes.
func contents(t *testing.T, b *blob.Bucket) map[string]string {
	t.Helper()
	ctx := context.Background()
	got := map[string]string{}
	iter := b.List(nil)
	for {
		obj, err := iter.Next(ctx)
		if err == io.EOF {
			return got
		}
		if err != nil {
			t.Fatal(err)
		}
		data, err := b.ReadAll(ctx, obj.Key)
		if err != nil {
			t.Fatal(err)
		}
		got[obj.Key] = string(data)
	}
}

// holds checks that the bucket holds exactly the site.
func holds(t *testing.T, b *blob.Bucket, fsys fstest.MapFS) {
	t.Helper()
	got := contents(t, b)
	for name, f := range fsys {
		if got[name] != string(f.Data) {
			t.Errorf("bucket's %s = %q, want %q", name, got[name], f.Data)
		}
		delete(got, name)
	}
	for name := range got {
		t.Errorf("bucket holds %s, which the site does not", name)
	}
}

// TestDeployScenarios drives one bucket of each kind through the deploys
// of a site's life: the first, an unchanged one, one page edited, a page
// removed, and too many removed at once.
func TestDeployScenarios(t *testing.T) {
	for name, b := range buckets(t) {
		t.Run(name, func(t *testing.T) {
			fsys := site()
			done, err := deploy(t, b.Bucket, fsys, 256)
			if err != nil {
				t.Fatal(err)
			}
			want := []string{
				// New files before the pages that link them, the home page last.
				"upload countries/hungary/feed.xml", "upload css/style.0a1b2c3d.css", "upload css/style.css",
				"upload data/knowledge-base.json", "upload flags/hu.svg", "upload search/index.json",
				"upload 404.html", "upload agreements/hu-kg/index.html", "upload agreements/hu-uz/index.html",
				"upload interviews/kecskes/index.html", "upload topics/customs-training/a.html",
				"upload index.html",
			}
			if !slices.Equal(done, want) {
				t.Errorf("first deploy:\n%s\nwant:\n%s", strings.Join(done, "\n"), strings.Join(want, "\n"))
			}
			holds(t, b.Bucket, fsys)
			checkHeaders(t, b)

			if done, err := deploy(t, b.Bucket, fsys, 256); err != nil || len(done) != 0 {
				t.Errorf("deploy of the same site: %q, %v; want nothing done", done, err)
			}

			fsys["agreements/hu-kg/index.html"] = &fstest.MapFile{Data: []byte("Hungary and Kyrgyzstan, signed")}
			if done, err := deploy(t, b.Bucket, fsys, 256); err != nil || !slices.Equal(done, []string{"update agreements/hu-kg/index.html"}) {
				t.Errorf("one page edited: %q, %v", done, err)
			}
			holds(t, b.Bucket, fsys)

			delete(fsys, "agreements/hu-uz/index.html")
			if done, err := deploy(t, b.Bucket, fsys, 256); err != nil || !slices.Equal(done, []string{"delete agreements/hu-uz/index.html"}) {
				t.Errorf("one page removed: %q, %v", done, err)
			}
			holds(t, b.Bucket, fsys)

			// Three deletions past a limit of two change nothing at all,
			// not even the new page that comes first.
			before := contents(t, b.Bucket)
			fsys["agreements/hu-tr/index.html"] = &fstest.MapFile{Data: []byte("Hungary and Türkiye")}
			delete(fsys, "interviews/kecskes/index.html")
			delete(fsys, "flags/hu.svg")
			delete(fsys, "topics/customs-training/a.html")
			done, err = deploy(t, b.Bucket, fsys, 2)
			var tooMany *TooManyDeletes
			if !errors.As(err, &tooMany) || tooMany.Deletes != 3 || tooMany.Max != 2 || len(done) != 0 {
				t.Errorf("three deletions with a limit of two: %q, %v", done, err)
			}
			if after := contents(t, b.Bucket); fmt.Sprint(after) != fmt.Sprint(before) {
				t.Errorf("a refused deploy changed the bucket")
			}
			if _, err := deploy(t, b.Bucket, fsys, 3); err != nil {
				t.Fatal(err)
			}
			holds(t, b.Bucket, fsys)
		})
	}
}

// checkHeaders checks the headers of a page, a fingerprinted stylesheet
// and its plain copy as the bucket serves them.
func checkHeaders(t *testing.T, b testBucket) {
	t.Helper()
	for name, want := range map[string]Header{
		"index.html":             {"text/html; charset=utf-8", Revalidate},
		"css/style.0a1b2c3d.css": {"text/css; charset=utf-8", Immutable},
		"css/style.css":          {"text/css; charset=utf-8", Short},
	} {
		if got := b.headers(name); got != want {
			t.Errorf("%s: headers %+v, want %+v", name, got, want)
		}
	}
}

// TestOrder: every kind of step in one plan, in the order that keeps the
// site whole.
func TestOrder(t *testing.T) {
	b := memblob.OpenBucket(nil)
	old := fstest.MapFS{
		"index.html":        {Data: []byte("home")},
		"b/index.html":      {Data: []byte("b")},
		"a/index.html":      {Data: []byte("a")},
		"gone/index.html":   {Data: []byte("gone")},
		"css/style.1.css":   {Data: []byte("old")},
		"search/index.json": {Data: []byte("{}")},
		"feed.xml":          {Data: []byte("<feed/>")},
	}
	if _, err := deploy(t, b, old, 256); err != nil {
		t.Fatal(err)
	}
	next := fstest.MapFS{
		"index.html":        {Data: []byte("home, new")},
		"b/index.html":      {Data: []byte("b, new")},
		"a/index.html":      {Data: []byte("a, new")},
		"c/index.html":      {Data: []byte("c")},
		"css/style.2.css":   {Data: []byte("new")},
		"search/index.json": {Data: []byte(`{"v":1}`)},
		"feed.xml":          {Data: []byte("<feed/>")},
	}
	done, err := deploy(t, b, next, 256)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"upload css/style.2.css",
		"upload c/index.html",
		"update search/index.json",
		"update a/index.html", "update b/index.html",
		"update index.html",
		"delete css/style.1.css", "delete gone/index.html",
	}
	if !slices.Equal(done, want) {
		t.Errorf("steps:\n%s\nwant:\n%s", strings.Join(done, "\n"), strings.Join(want, "\n"))
	}
}

// TestWithoutMD5: a bucket that lists no MD5 gets every file again, as an
// update, since nothing says it is the same.
func TestWithoutMD5(t *testing.T) {
	b, err := blob.OpenBucket(context.Background(), "mem://?nomd5")
	if err != nil {
		t.Fatal(err)
	}
	fsys := site()
	if _, err := deploy(t, b, fsys, 256); err != nil {
		t.Fatal(err)
	}
	done, err := deploy(t, b, fsys, 256)
	if err != nil || len(done) != len(fsys) || !strings.HasPrefix(done[0], "update ") {
		t.Errorf("second deploy without MD5s: %q, %v; want every file updated", done, err)
	}
}

// TestInterruptedDeploy stops deploys after each possible number of steps
// and runs them again: the second run finishes the job, and at every
// moment the bucket holds a home page whose links all lead to a page.
func TestInterruptedDeploy(t *testing.T) {
	next := site()
	next["index.html"] = &fstest.MapFile{Data: []byte("<a href=/agreements/hu-tr/>")}
	next["agreements/hu-tr/index.html"] = &fstest.MapFile{Data: []byte("Hungary and Türkiye")}
	delete(next, "agreements/hu-kg/index.html")
	steps := 3 // upload hu-tr, update index.html, delete hu-kg
	for stop := 1; stop < steps; stop++ {
		b := memblob.OpenBucket(nil)
		if _, err := deploy(t, b, site(), 256); err != nil {
			t.Fatal(err)
		}
		ctx, cancel := context.WithCancel(context.Background())
		plan, err := NewPlan(ctx, b, next, nil)
		if err != nil {
			t.Fatal(err)
		}
		if len(plan.Steps) != steps {
			t.Fatalf("plan of %d steps, want %d", len(plan.Steps), steps)
		}
		n := 0
		err = plan.Apply(ctx, b, next, 256, func(Step) {
			n++
			home, err := b.ReadAll(context.Background(), "index.html")
			if err != nil {
				t.Errorf("after %d steps: no home page: %v", n, err)
			}
			for _, m := range homeLink.FindAllSubmatch(home, -1) {
				if ok, _ := b.Exists(context.Background(), string(m[1])+"index.html"); !ok {
					t.Errorf("after %d steps: the home page links /%s, which the bucket lacks", n, m[1])
				}
			}
			if n == stop {
				cancel()
			}
		})
		if !errors.Is(err, context.Canceled) {
			t.Errorf("stopped after %d steps: error %v, want context.Canceled", stop, err)
		}
		done, err := deploy(t, b, next, 256)
		if err != nil || len(done) != steps-stop {
			t.Errorf("run again after %d steps: %q, %v; want the %d steps left", stop, done, err, steps-stop)
		}
		holds(t, b, next)
	}
}

// homeLink finds the pages the test sites' home pages link to.
var homeLink = regexp.MustCompile(`<a href=/([^>]*/)>`)

// TestChangedSincePlan: a file rewritten between the plan and its upload
// (a build ran meanwhile) stops the deploy rather than publish bytes that
// the plan did not see.
func TestChangedSincePlan(t *testing.T) {
	b := memblob.OpenBucket(nil)
	fsys := site()
	plan, err := NewPlan(context.Background(), b, fsys, nil)
	if err != nil {
		t.Fatal(err)
	}
	fsys["css/style.css"] = &fstest.MapFile{Data: []byte("body{color:red}")}
	err = plan.Apply(context.Background(), b, fsys, 256, nil)
	if !errors.Is(err, errChangedSincePlan) || !strings.HasPrefix(err.Error(), "upload css/style.css: ") {
		t.Errorf("error %v, want the file named as changed since the plan", err)
	}
	if ok, _ := b.Exists(context.Background(), "css/style.css"); ok {
		t.Error("the changed file was uploaded")
	}
}

// TestPlanWritesNothing: making a plan, as -dry-run does, leaves the
// bucket as it was.
func TestPlanWritesNothing(t *testing.T) {
	b := memblob.OpenBucket(nil)
	if _, err := deploy(t, b, fstest.MapFS{"old.html": {Data: []byte("old")}}, 256); err != nil {
		t.Fatal(err)
	}
	plan, err := NewPlan(context.Background(), b, site(), nil)
	if err != nil {
		t.Fatal(err)
	}
	if plan.Count(Upload) != len(site()) || plan.Count(Delete) != 1 {
		t.Errorf("plan: %d uploads, %d deletions", plan.Count(Upload), plan.Count(Delete))
	}
	if got := contents(t, b); len(got) != 1 || got["old.html"] != "old" {
		t.Errorf("bucket after a plan: %q", got)
	}
	if !bytes.Equal(plan.Steps[0].MD5, md5Of("<feed/>")) {
		t.Errorf("first step %+v", plan.Steps[0])
	}
}

func md5Of(s string) []byte {
	sum := md5.Sum([]byte(s))
	return sum[:]
}
