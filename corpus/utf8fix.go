package corpus

import (
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
// unreadable. It notes where in its output each repaired character
// stands, so that a reader can tell which record it was in (see
// repairedIn).
type repairReader struct {
	r       io.Reader
	scratch []byte
	carry   []byte // the start of a character cut by the end of a read
	out     []byte // repaired output not yet returned
	eof     bool
	off     int64   // bytes returned so far
	repairs []int64 // output offsets of repaired characters, ascending
}

func (rr *repairReader) Read(p []byte) (int, error) {
	if len(p) == 0 {
		return 0, nil
	}
	for len(rr.out) == 0 {
		if rr.eof {
			if len(rr.carry) == 0 {
				return 0, io.EOF
			}
			rr.repair(nil) // an incomplete character at the end
			continue
		}
		if cap(rr.scratch) < len(p) {
			rr.scratch = make([]byte, len(p))
		}
		n, err := rr.r.Read(rr.scratch[:len(p)])
		if errors.Is(err, io.EOF) {
			rr.eof = true
		} else if err != nil {
			return 0, err
		}
		chunk := rr.scratch[:n]
		if len(rr.carry) == 0 && utf8.Valid(chunk) {
			// The common case: nothing to repair, nothing to copy twice.
			copy(p, chunk)
			rr.off += int64(n)
			if n > 0 || !rr.eof {
				return n, nil
			}
			continue
		}
		rr.repair(chunk)
	}
	n := copy(p, rr.out)
	rr.out = rr.out[n:]
	rr.off += int64(n)
	return n, nil
}

// repair appends chunk, after the carried bytes, to the output, keeping
// back a character cut at its end unless the input has ended.
func (rr *repairReader) repair(chunk []byte) {
	in := append(rr.carry, chunk...)
	out := rr.out[:0]
	i := 0
	for i < len(in) {
		c := in[i]
		if c < utf8.RuneSelf {
			out = append(out, c)
			i++
			continue
		}
		if !utf8.FullRune(in[i:]) && !rr.eof {
			break
		}
		r, size := utf8.DecodeRune(in[i:])
		if r == utf8.RuneError && size == 1 {
			rr.repairs = append(rr.repairs, rr.off+int64(len(out)))
			out = utf8.AppendRune(out, charmap.Windows1252.DecodeByte(c))
			i++
			continue
		}
		out = append(out, in[i:i+size]...)
		i += size
	}
	rr.carry = append(rr.carry[:0:0], in[i:]...)
	rr.out = out
}

// repairedIn counts the repaired characters at output offsets in
// [start, end), and forgets those before end.
func (rr *repairReader) repairedIn(start, end int64) int {
	n, k := 0, 0
	for ; k < len(rr.repairs) && rr.repairs[k] < end; k++ {
		if rr.repairs[k] >= start {
			n++
		}
	}
	rr.repairs = rr.repairs[k:]
	return n
}
