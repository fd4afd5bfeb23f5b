// Package deploy publishes a built site to a bucket of gocloud.dev/blob
// (S3 and S3-compatible stores, Google Cloud Storage, Azure Blob Storage,
// a folder), sending only what changed.
//
// NewPlan compares the site's files with the bucket's listing by MD5 and
// lists the steps that make the bucket hold the site: upload a new file,
// update a changed one, delete one the site no longer has. Apply takes
// them in an order chosen so that a reader never follows a link to a file
// not there yet, and the home page changes last: new files before the
// pages that link them, pages after the fingerprinted stylesheet they
// name, deletions at the end. A deploy that stops halfway leaves a working
// site, and running it again finishes it, since the plan is made again
// from what the bucket holds.
package deploy

import (
	"bytes"
	"context"
	"crypto/md5"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"slices"
	"strings"

	"gocloud.dev/blob"
)

// Op is what a step does to one file of the bucket.
type Op int

const (
	// Upload writes a file the bucket does not have.
	Upload Op = iota
	// Update writes a file whose content differs from the bucket's, or
	// whose MD5 the bucket does not list.
	Update
	// Delete removes a file the site no longer has.
	Delete
)

func (o Op) String() string {
	switch o {
	case Upload:
		return "upload"
	case Update:
		return "update"
	case Delete:
		return "delete"
	}
	return fmt.Sprintf("Op(%d)", int(o))
}

// A Step is one change to the bucket.
type Step struct {
	Op     Op
	Path   string // the slash path in the site, which is the key in the bucket
	MD5    []byte // of the site's file; nil for a Delete
	Size   int64
	Header Header // zero for a Delete
}

// A Plan is the steps that make a bucket hold a site, in the order they
// are taken.
type Plan struct {
	Steps     []Step
	Unchanged int // files the bucket holds as they are
}

// Count returns how many steps do op.
func (p *Plan) Count(op Op) int {
	n := 0
	for _, s := range p.Steps {
		if s.Op == op {
			n++
		}
	}
	return n
}

// Bytes returns the size of the files the plan writes.
func (p *Plan) Bytes() int64 {
	var n int64
	for _, s := range p.Steps {
		n += s.Size
	}
	return n
}

// NewPlan lists the steps that make bucket hold the files of site (the
// output folder), with headers from rules. A file is unchanged when the
// bucket lists the same MD5 for it; a driver that lists no MD5 gets every
// file again.
func NewPlan(ctx context.Context, bucket *blob.Bucket, site fs.FS, rules []Rule) (*Plan, error) {
	remote := map[string][]byte{}
	iter := bucket.List(nil)
	for {
		obj, err := iter.Next(ctx)
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("listing the bucket: %w", err)
		}
		remote[obj.Key] = obj.MD5
	}
	p := &Plan{}
	err := fs.WalkDir(site, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil || !d.Type().IsRegular() {
			return err
		}
		sum, size, err := fileMD5(site, name)
		if err != nil {
			return err
		}
		old, ok := remote[name]
		delete(remote, name)
		switch {
		case !ok:
			p.Steps = append(p.Steps, Step{Op: Upload, Path: name, MD5: sum, Size: size, Header: Headers(name, rules)})
		case old == nil || !bytes.Equal(old, sum):
			p.Steps = append(p.Steps, Step{Op: Update, Path: name, MD5: sum, Size: size, Header: Headers(name, rules)})
		default:
			p.Unchanged++
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	for key := range remote {
		p.Steps = append(p.Steps, Step{Op: Delete, Path: key})
	}
	slices.SortFunc(p.Steps, func(a, b Step) int {
		if c := rank(a) - rank(b); c != 0 {
			return c
		}
		return strings.Compare(a.Path, b.Path)
	})
	return p, nil
}

// rank orders the steps: new files, new pages, changed files, changed
// pages, the home page, deletions. A page is written after the files it
// may link; the home page, the way into the site, when everything it
// leads to is in place; a file is deleted when no page links it any more.
func rank(s Step) int {
	page := strings.HasSuffix(s.Path, ".html")
	switch {
	case s.Op == Delete:
		return 6
	case s.Path == "index.html":
		return 5
	case s.Op == Upload && !page:
		return 1
	case s.Op == Upload:
		return 2
	case !page:
		return 3
	}
	return 4
}

// TooManyDeletes is the error of a plan that deletes more files than
// allowed: most likely the wrong bucket, or a build that lost its pages.
type TooManyDeletes struct{ Deletes, Max int }

func (e *TooManyDeletes) Error() string {
	return fmt.Sprintf("the deploy would delete %d files, more than the limit of %d", e.Deletes, e.Max)
}

// CheckDeletes returns a *TooManyDeletes error if the plan deletes more
// than max files.
func (p *Plan) CheckDeletes(max int) error {
	if n := p.Count(Delete); n > max {
		return &TooManyDeletes{Deletes: n, Max: max}
	}
	return nil
}

// Apply takes the steps of the plan in order, calling done after each,
// and stops at the first that fails. With more than maxDeletes deletions
// it changes nothing. A file of site that no longer has the MD5 it had
// when the plan was made (a build ran in between) stops the deploy.
func (p *Plan) Apply(ctx context.Context, bucket *blob.Bucket, site fs.FS, maxDeletes int, done func(Step)) error {
	if err := p.CheckDeletes(maxDeletes); err != nil {
		return err
	}
	for _, s := range p.Steps {
		// Some drivers (memblob's Delete) do not look at the context.
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := apply(ctx, bucket, site, s); err != nil {
			return fmt.Errorf("%s %s: %w", s.Op, s.Path, err)
		}
		if done != nil {
			done(s)
		}
	}
	return nil
}

func apply(ctx context.Context, bucket *blob.Bucket, site fs.FS, s Step) error {
	if s.Op == Delete {
		return bucket.Delete(ctx, s.Path)
	}
	data, err := fs.ReadFile(site, s.Path)
	if err != nil {
		return err
	}
	if sum := md5.Sum(data); !bytes.Equal(sum[:], s.MD5) {
		return errChangedSincePlan
	}
	return bucket.WriteAll(ctx, s.Path, data, &blob.WriterOptions{
		ContentType:  s.Header.ContentType,
		CacheControl: s.Header.CacheControl,
		ContentMD5:   s.MD5,
	})
}

var errChangedSincePlan = errors.New("the file changed since the deploy began (did a build run?); deploy again")

func fileMD5(site fs.FS, name string) ([]byte, int64, error) {
	f, err := site.Open(name)
	if err != nil {
		return nil, 0, err
	}
	defer f.Close()
	h := md5.New()
	n, err := io.Copy(h, f)
	if err != nil {
		return nil, 0, err
	}
	return h.Sum(nil), n, nil
}
