package output

import (
	"bufio"
	"bytes"
	"errors"
	"io"
)

// errCancelled ends the writing of a page whose template failed: the
// build fails on the template's error, the file is not written, and the
// stage is not marked as failed.
var errCancelled = errors.New("page not written: its template failed")

// A PageWriter writes pages into a Sink one after the other, as a
// template renders them. A page goes into a buffer while it fits and is
// written whole at its end, as most pages are; a longer one is streamed,
// from its first bytes in the buffer and the rest as the template writes
// them, so that a site's longest lists are never held in memory.
type PageWriter struct {
	out   Sink
	limit int // the most of a page held in buf
	rel   string
	buf   bytes.Buffer
	bw    *bufio.Writer  // in front of pipe, so that the template's small writes cross it in blocks
	pipe  *io.PipeWriter // nil until the page outgrows buf
	done  chan error     // the result of out.Stream
}

// NewPageWriter returns a PageWriter into out that holds up to limit bytes
// of a page in memory.
func NewPageWriter(out Sink, limit int) *PageWriter {
	return &PageWriter{out: out, limit: limit}
}

// Begin starts the page at rel.
func (p *PageWriter) Begin(rel string) {
	p.rel, p.pipe = rel, nil
	p.buf.Reset()
}

// Write adds b to the page.
func (p *PageWriter) Write(b []byte) (int, error) {
	if p.pipe == nil {
		if p.buf.Len()+len(b) <= p.limit {
			return p.buf.Write(b)
		}
		p.stream()
	}
	return p.bw.Write(b)
}

// stream starts writing the page to its file, beginning with what buf
// holds.
func (p *PageWriter) stream() {
	r, w := io.Pipe()
	p.pipe, p.done = w, make(chan error, 1)
	if p.bw == nil {
		p.bw = bufio.NewWriterSize(w, 64<<10)
	} else {
		p.bw.Reset(w)
	}
	out, rel, head := p.out, p.rel, p.buf.Bytes()
	go func() {
		err := out.Stream(rel, func(w io.Writer) error {
			if _, err := w.Write(head); err != nil {
				return err
			}
			_, err := io.Copy(w, r)
			return err
		})
		// A stream that failed before reading the pipe leaves the template
		// nothing to write to.
		r.CloseWithError(errCancelled)
		p.done <- err
	}()
}

// End finishes the page: failed is the error of its template, if any, and
// then nothing is written. It returns the error of writing the file, which
// comes first: a template fails too when the file it writes to does.
func (p *PageWriter) End(failed error) error {
	if p.pipe == nil {
		if failed != nil {
			return nil
		}
		return p.out.Write(p.rel, p.buf.Bytes())
	}
	err := errCancelled
	if failed == nil {
		err = p.bw.Flush()
	}
	p.pipe.CloseWithError(err)
	if err := <-p.done; !errors.Is(err, errCancelled) {
		return err
	}
	return nil
}
