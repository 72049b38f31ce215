package corpus

import (
	"bufio"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"

	"golang.org/x/text/encoding/charmap"
)

// xmlStream is what the readers of XML exports (OAI-PMH, Atom) share: a
// token decoder over the input, which repairs stray Latin-1 bytes when the
// input declares UTF-8, the count of elements read (for positions and
// errors) and the error that ends the input (malformed XML cannot be
// resynchronised).
type xmlStream struct {
	dec    *xml.Decoder
	name   string
	unit   string // what an element is called in errors: "record", "entry"
	n      int
	err    error         // sticky
	repair *repairReader // nil when the input declares another encoding
}

func newXMLStream(r *bufio.Reader, name, unit string) xmlStream {
	s := xmlStream{name: name, unit: unit}
	var in io.Reader = r
	if head, _ := r.Peek(256); declaresUTF8(head) {
		// A stray Latin-1 byte would stop encoding/xml at that line, and
		// lose every element after it.
		s.repair = &repairReader{r: r}
		in = s.repair
	}
	s.dec = xml.NewDecoder(in)
	s.dec.Entity = xml.HTMLEntity // sloppy exports use &nbsp; and friends
	s.dec.CharsetReader = xmlCharsetReader
	return s
}

// nextStart returns the next start element, at any depth, and the input
// offset before it; io.EOF at the end.
func (s *xmlStream) nextStart() (xml.StartElement, int64, error) {
	for s.err == nil {
		start := s.dec.InputOffset()
		tok, err := s.dec.Token()
		if errors.Is(err, io.EOF) {
			s.err = io.EOF
			break
		}
		if err != nil {
			return xml.StartElement{}, 0, s.fail(err)
		}
		if se, ok := tok.(xml.StartElement); ok {
			return se, start, nil
		}
	}
	return xml.StartElement{}, 0, s.err
}

// position counts an element that starts where the decoder stands and
// returns its position.
func (s *xmlStream) position() Position {
	line, _ := s.dec.InputPos()
	s.n++
	return Position{File: s.name, Line: line, N: s.n}
}

// repairedSince reports whether bytes were repaired in the input from
// start to where the decoder stands.
func (s *xmlStream) repairedSince(start int64) bool {
	return s.repair != nil && s.repair.repairedIn(start, s.dec.InputOffset()) > 0
}

// fail ends the input with an error naming the line and the element near
// it.
func (s *xmlStream) fail(err error) error {
	var se *xml.SyntaxError
	if errors.As(err, &se) {
		s.err = fmt.Errorf("%s:%d: malformed XML near %s %d: %s", s.name, se.Line, s.unit, s.n, se.Msg)
	} else {
		line, _ := s.dec.InputPos()
		s.err = fmt.Errorf("%s:%d: near %s %d: %w", s.name, line, s.unit, s.n, err)
	}
	return s.err
}

// declaresUTF8 reports whether XML text is UTF-8 by its declaration:
// none, or encoding="UTF-8".
func declaresUTF8(head []byte) bool {
	head = bytes.TrimPrefix(head, []byte("\xef\xbb\xbf"))
	if !bytes.HasPrefix(head, []byte("<?xml")) {
		return true
	}
	decl, _, _ := bytes.Cut(head, []byte("?>"))
	i := bytes.Index(decl, []byte("encoding"))
	if i < 0 {
		return true
	}
	v := bytes.TrimLeft(decl[i+len("encoding"):], " \t\r\n=\"'")
	if j := bytes.IndexAny(v, "\"' \t\r\n"); j >= 0 {
		v = v[:j]
	}
	return bytes.EqualFold(v, []byte("utf-8")) || bytes.EqualFold(v, []byte("utf8"))
}

// xmlCharsetReader accepts the non-UTF-8 encodings old exports declare.
func xmlCharsetReader(label string, input io.Reader) (io.Reader, error) {
	switch strings.ToLower(label) {
	case "iso-8859-1", "latin1", "latin-1", "iso8859-1", "l1":
		return charmap.ISO8859_1.NewDecoder().Reader(input), nil
	case "windows-1252", "cp1252":
		return charmap.Windows1252.NewDecoder().Reader(input), nil
	case "us-ascii", "ascii":
		return input, nil
	}
	return nil, fmt.Errorf("unsupported XML encoding %q (UTF-8, ISO-8859-1 and Windows-1252 are read)", label)
}
