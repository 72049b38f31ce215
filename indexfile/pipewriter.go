package indexfile

import (
	"io"
	"sync"
)

// pipeWriter is a buffered writer whose buffers are written to the file
// by a goroutine of its own, so that the kernel's copy of one buffer into
// the page cache overlaps the encoding of the next: writing an index runs
// on one core while the other waits, and the write calls were half of it.
// It copies what it is given: callers reuse their slices at once.
type pipeWriter struct {
	buf  []byte
	full chan []byte // to the goroutine, in order
	free chan []byte // written, back from it
	done chan struct{}

	mu  sync.Mutex
	err error // the first write error; the goroutine writes nothing after it
}

const (
	pipeBuffers    = 4
	pipeBufferSize = 1 << 20
)

func newPipeWriter(w io.Writer) *pipeWriter {
	p := &pipeWriter{
		buf:  make([]byte, 0, pipeBufferSize),
		full: make(chan []byte, pipeBuffers),
		free: make(chan []byte, pipeBuffers),
		done: make(chan struct{}),
	}
	for range pipeBuffers - 1 {
		p.free <- make([]byte, 0, pipeBufferSize)
	}
	go func() {
		defer close(p.done)
		for b := range p.full {
			if p.failed() == nil {
				if _, err := w.Write(b); err != nil {
					p.mu.Lock()
					p.err = err
					p.mu.Unlock()
				}
			}
			p.free <- b[:0]
		}
	}()
	return p
}

func (p *pipeWriter) failed() error {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.err
}

// send hands the full buffer to the goroutine and takes a free one.
func (p *pipeWriter) send() error {
	p.full <- p.buf
	p.buf = <-p.free
	return p.failed()
}

func (p *pipeWriter) Write(b []byte) (int, error) { return pipeWrite(p, b) }

func (p *pipeWriter) WriteString(s string) (int, error) { return pipeWrite(p, s) }

// pipeWrite copies b into the buffers, handing each to the goroutine as
// it fills.
func pipeWrite[T []byte | string](p *pipeWriter, b T) (int, error) {
	n := len(b)
	for len(b) > 0 {
		k := copy(p.buf[len(p.buf):cap(p.buf)], b)
		p.buf, b = p.buf[:len(p.buf)+k], b[k:]
		if len(p.buf) == cap(p.buf) {
			if err := p.send(); err != nil {
				return n - len(b), err
			}
		}
	}
	return n, nil
}

// Flush returns once everything written so far is written to the file.
func (p *pipeWriter) Flush() error {
	if len(p.buf) > 0 {
		if err := p.send(); err != nil {
			return err
		}
	}
	// The goroutine has written every buffer once it has given them all
	// back.
	var held [pipeBuffers - 1][]byte
	for i := range held {
		held[i] = <-p.free
	}
	for _, b := range held {
		p.free <- b
	}
	return p.failed()
}

// Close ends the goroutine, without writing what was not flushed.
func (p *pipeWriter) Close() {
	if p.full != nil {
		p.mu.Lock()
		if p.err == nil {
			p.err = io.ErrClosedPipe
		}
		p.mu.Unlock()
		close(p.full)
		<-p.done
		p.full = nil
	}
}
