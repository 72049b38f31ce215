package indexfile

import (
	"bytes"
	"errors"
	"math/rand/v2"
	"testing"
)

func TestPipeWriterWritesInOrder(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	var want, got bytes.Buffer
	p := newPipeWriter(&got)
	defer p.Close()
	// Pieces from a byte to three buffers, as bytes and as strings, and
	// a Flush midway.
	for i := range 200 {
		n := rng.IntN(16)
		if i%20 == 0 {
			n = rng.IntN(3 * pipeBufferSize)
		}
		b := make([]byte, n)
		for j := range b {
			b[j] = byte(rng.Uint32())
		}
		want.Write(b)
		var err error
		if i%2 == 0 {
			_, err = p.Write(b)
		} else {
			_, err = p.WriteString(string(b))
		}
		clear(b) // the writer has copied it
		if err != nil {
			t.Fatal(err)
		}
		if i == 100 {
			if err := p.Flush(); err != nil {
				t.Fatal(err)
			}
			if got.Len() != want.Len() {
				t.Fatalf("after Flush, %d bytes written of %d", got.Len(), want.Len())
			}
		}
	}
	if err := p.Flush(); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got.Bytes(), want.Bytes()) {
		t.Fatalf("wrote %d bytes, not the %d given", got.Len(), want.Len())
	}
}

// failingWriter fails every write past its first n bytes.
type failingWriter struct{ n int }

var errDiskFull = errors.New("no space left on device")

func (w *failingWriter) Write(b []byte) (int, error) {
	if len(b) > w.n {
		return w.n, errDiskFull
	}
	w.n -= len(b)
	return len(b), nil
}

func TestPipeWriterReportsWriteError(t *testing.T) {
	p := newPipeWriter(&failingWriter{n: pipeBufferSize + 10})
	defer p.Close()
	chunk := make([]byte, 1000)
	var err error
	written := 0
	// The error comes back from a later Write, once the goroutine has
	// met it, or at the latest from Flush.
	for written < 20*pipeBufferSize && err == nil {
		_, err = p.Write(chunk)
		written += len(chunk)
	}
	if err == nil {
		err = p.Flush()
	}
	if !errors.Is(err, errDiskFull) {
		t.Fatalf("got %v, want the file's error", err)
	}
	if err := p.Flush(); !errors.Is(err, errDiskFull) {
		t.Fatalf("Flush after the error: %v", err)
	}
}

func TestPipeWriterCloseWithoutFlush(t *testing.T) {
	var got bytes.Buffer
	p := newPipeWriter(&got)
	p.Write(make([]byte, 2*pipeBufferSize+5))
	p.Close() // must not hang, nor write what was not flushed after it
	p.Close()
	if got.Len() > 2*pipeBufferSize {
		t.Fatalf("%d bytes written after Close", got.Len())
	}
}
