// The pages open in a browser, written before the rest of a build, and
// the fragments carried over from the build before, given before or after
// them.

package build

import (
	"github.com/cooperation-kb/kb/generator/internal/output"
	"github.com/cooperation-kb/kb/generator/internal/render"
)

// carry gives the templates of the editions signed since their caches
// were reset the keys of their documents, their whole signatures: the
// fragments of those that did not change are carried over. Templates read
// again are new, with no fragments of a build before.
func (b *Builder) carry(eds []edition) {
	for i := range eds {
		if e := &eds[i]; e.plan != nil && !e.carried {
			e.tmpls.Carry(e.plan.signer.Wholes())
			e.carried = true
		}
	}
}

// writeOpen renders and writes, into a live folder, the pages of the
// editions that are open in a browser, tells Options.Early what changed,
// leaves the editions the other pages to write, and returns the paths of
// those it wrote.
func (b *Builder) writeOpen(out output.Sink, eds []edition) ([]string, error) {
	live, ok := out.(*output.Live)
	if !ok || b.opts.Open == nil {
		return nil, nil
	}
	open := map[string]bool{}
	for _, p := range b.opts.Open() {
		open[p] = true
	}
	var opened []string
	for i := range eds {
		e := &eds[i]
		var first, rest []render.Job
		for _, j := range e.jobs {
			if open[j.Out] {
				first = append(first, j)
			} else {
				rest = append(rest, j)
			}
		}
		if len(first) == 0 {
			continue
		}
		if err := renderFiles(out, b.fsys, e.tmpls, first, nil, nil); err != nil {
			return nil, err
		}
		e.jobs = rest
		for _, j := range first {
			opened = append(opened, j.Out)
		}
	}
	if changed := live.Changed(); len(changed) > 0 && b.opts.Early != nil {
		b.opts.Early(changed)
	}
	return opened, nil
}
