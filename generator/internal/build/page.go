package build

import (
	"bufio"
	"bytes"
	"errors"
	"io"
)

// keptBuffer is the most of a page a worker of renderFiles holds in
// memory; the rest goes to the file as it is rendered. The lists of a
// large site are tens of megabytes, and a buffer of their size, kept, was a
// fifth of its live heap while it wrote pages, and allocated anew for
// each, made the runtime ask the system for fresh memory and give it back.
var keptBuffer = 1 << 20

// errCancelled ends the writing of a page whose template failed: the
// build fails on the template's error, and the file is not written.
var errCancelled = errors.New("page not written: its template failed")

// pageWriter writes the pages of one worker of renderFiles. A page goes
// into buf while it fits, and is stored at its end with out.write, as most
// pages are; a longer one is streamed with out.stream, from its first
// bytes in buf and the rest through a pipe as the template writes them.
type pageWriter struct {
	out  sink
	rel  string
	buf  bytes.Buffer
	bw   *bufio.Writer  // in front of pipe, so that the template's small writes cross it in blocks
	pipe *io.PipeWriter // nil until the page outgrows buf
	done chan error     // the result of out.stream
}

// begin starts the page at rel.
func (p *pageWriter) begin(rel string) {
	p.rel, p.pipe = rel, nil
	p.buf.Reset()
}

func (p *pageWriter) Write(b []byte) (int, error) {
	if p.pipe == nil {
		if p.buf.Len()+len(b) <= keptBuffer {
			return p.buf.Write(b)
		}
		p.stream()
	}
	return p.bw.Write(b)
}

// stream starts writing the page to its file, beginning with what buf
// holds.
func (p *pageWriter) stream() {
	r, w := io.Pipe()
	p.pipe, p.done = w, make(chan error, 1)
	if p.bw == nil {
		p.bw = bufio.NewWriterSize(w, 64<<10)
	} else {
		p.bw.Reset(w)
	}
	out, rel, head := p.out, p.rel, p.buf.Bytes()
	go func() {
		err := out.stream(rel, func(w io.Writer) error {
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

// end finishes the page: failed is the error of its template, if any, and
// then nothing is written. It returns the error of writing the file, which
// comes first: a template fails too when the file it writes to does.
func (p *pageWriter) end(failed error) error {
	if p.pipe == nil {
		if failed != nil {
			return nil
		}
		return p.out.write(p.rel, p.buf.Bytes())
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
