package corpus

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"strings"
)

// lineReader reads numbered lines with pushback, for the line-oriented
// formats (the talk dump, arXiv .abs).
type lineReader struct {
	r    *bufio.Reader
	name string
	// max, when > 0, bounds the bytes kept of one line, so that a binary
	// file cannot make a line as large as the file.
	max     int
	line    int           // number of the line last returned
	pending []pendingLine // lines read ahead and pushed back, the next last
	eof     bool
}

type pendingLine struct {
	s  string
	at int // its number
}

// readLine returns the next line without its end, and false at the end.
func (l *lineReader) readLine() (string, bool, error) {
	if n := len(l.pending); n > 0 {
		p := l.pending[n-1]
		l.pending = l.pending[:n-1]
		l.line = p.at
		return p.s, true, nil
	}
	if l.eof {
		return "", false, nil
	}
	var b []byte
	for {
		chunk, err := l.r.ReadSlice('\n')
		if l.max <= 0 || len(b)+len(chunk) <= l.max {
			b = append(b, chunk...)
		}
		if errors.Is(err, bufio.ErrBufferFull) {
			continue
		}
		if errors.Is(err, io.EOF) {
			l.eof = true
			if len(b) == 0 {
				return "", false, nil
			}
			break
		}
		if err != nil {
			return "", false, fmt.Errorf("%s: line %d: %w", l.name, l.line+1, err)
		}
		break
	}
	l.line++
	return strings.TrimRight(string(b), "\r\n"), true, nil
}

// unread pushes back the line just read; the next readLine returns it.
// Lines are pushed back in the reverse of the order they were read.
func (l *lineReader) unread(s string) {
	l.pending = append(l.pending, pendingLine{s, l.line})
	l.line--
}

// hasPending reports whether lines were pushed back.
func (l *lineReader) hasPending() bool { return len(l.pending) > 0 }
