package corpus

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
)

// repairUTF8 returns s with every byte that is not part of valid UTF-8
// read as Windows-1252 (a superset of Latin-1 in the printable range), the
// encoding that a stray byte in an arXiv or library export nearly always
// comes from ("Universit\xe9"). Valid UTF-8 around it is kept as it is, so
// a field that mixes both is read right. ok is false when s needed it.
func repairUTF8(s string) (string, bool) {
	if utf8.ValidString(s) {
		return s, true
	}
	b := make([]byte, 0, len(s)+8)
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = utf8.AppendRune(b, charmap.Windows1252.DecodeByte(s[i]))
			i++
			continue
		}
		b = append(b, s[i:i+size]...)
		i += size
	}
	return string(b), false
}

// repairedProblem is the warning for a field read by repairUTF8.
func repairedProblem(field string) error {
	return problemf(ErrRepairedUTF8, "invalid UTF-8 in %s, read as Windows-1252", field)
}

// repairJSONObject reads the bytes of a JSON object that are not UTF-8 as
// Windows-1252, and returns a warning for each field that had some (only
// for the keys that keep says are used, when keep is not nil).
func repairJSONObject(raw []byte, keep func(key string) bool) ([]byte, []error) {
	if utf8.Valid(raw) {
		return raw, nil
	}
	fixed, _ := repairUTF8(string(raw))
	var obj map[string]json.RawMessage
	if json.Unmarshal(raw, &obj) != nil {
		return []byte(fixed), []error{repairedProblem("the record")}
	}
	keys := make([]string, 0, len(obj))
	for k, v := range obj {
		if !utf8.Valid(v) && (keep == nil || keep(k)) {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	var problems []error
	for _, k := range keys {
		problems = append(problems, repairedProblem(fmt.Sprintf("field %q", k)))
	}
	return []byte(fixed), problems
}

// repairReader reads UTF-8 text, passing each byte that is not part of
// valid UTF-8 on as the Windows-1252 character it would be (see
// repairUTF8), so that one stray byte does not make a whole XML file
// unreadable. It is an io.ByteReader, so that encoding/xml reads through
// it without buffering ahead: Repaired counts the bytes repaired among
// those passed on so far, and a change of it while a record is decoded
// belongs to that record.
type repairReader struct {
	br       *bufio.Reader
	pend     [utf8.UTFMax]byte
	out      []byte // the rest of the character being passed on
	Repaired int
}

func (rr *repairReader) ReadByte() (byte, error) {
	if len(rr.out) == 0 {
		c, err := rr.br.ReadByte()
		if err != nil || c < utf8.RuneSelf {
			return c, err
		}
		rr.br.UnreadByte()
		head, _ := rr.br.Peek(utf8.UTFMax) // shorter at the end of the input
		r, size := utf8.DecodeRune(head)
		if r == utf8.RuneError && size == 1 {
			rr.out = utf8.AppendRune(rr.pend[:0], charmap.Windows1252.DecodeByte(c))
			rr.Repaired++
		} else {
			rr.out = append(rr.pend[:0], head[:size]...)
		}
		rr.br.Discard(size)
	}
	b := rr.out[0]
	rr.out = rr.out[1:]
	return b, nil
}

func (rr *repairReader) Read(p []byte) (int, error) {
	for i := range p {
		b, err := rr.ReadByte()
		if err != nil {
			if i > 0 && errors.Is(err, io.EOF) {
				return i, nil
			}
			return i, err
		}
		p[i] = b
	}
	return len(p), nil
}
