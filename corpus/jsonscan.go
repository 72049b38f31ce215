package corpus

import (
	"bytes"
	"unicode/utf8"
)

// A record's JSON is read by a scanner of its own in the common case and
// by encoding/json otherwise. encoding/json checks an object in a first
// pass, decodes it into a map in a second, and a string value with an
// escape (most abstracts: "\\(" and "\n") in a third and fourth: 18% of
// the CPU of building an index. The scanner reads the object once,
// keeps its values as the bytes they are, and says when it cannot vouch
// for the input (malformed JSON, an escaped or non-UTF-8 key, a surrogate
// escape, deep nesting): decodeObject then takes encoding/json's path,
// whose errors and corner cases (duplicate keys, lone surrogates) stay
// the reference. FuzzScanObject holds the two to the same records.

// jsonMember is a member of a scanned object: its key, unescaped, and
// its value's bytes.
type jsonMember struct {
	key   string
	value []byte
}

// maxScanDepth is the nesting past which the scanner gives up (encoding/
// json allows 10,000; records nest two or three levels).
const maxScanDepth = 64

// scanObject returns the members of the JSON object raw, in order, or
// false when raw is not one the scanner vouches for.
func scanObject(raw []byte, members []jsonMember) ([]jsonMember, bool) {
	s := jsonScanner{b: raw}
	s.space()
	if s.i >= len(raw) || raw[s.i] != '{' {
		return nil, false
	}
	ok := s.object(0, func(key, value []byte) bool {
		k, plain := plainString(key)
		members = append(members, jsonMember{key: k, value: value})
		return plain
	})
	s.space()
	if !ok || s.i != len(raw) {
		return nil, false
	}
	return members, true
}

// plainString returns the text of a JSON string token (quotes included)
// that has no escape and is UTF-8.
func plainString(tok []byte) (string, bool) {
	body := tok[1 : len(tok)-1]
	if bytes.IndexByte(body, '\\') >= 0 || !utf8.Valid(body) {
		return "", false
	}
	return string(body), true
}

type jsonScanner struct {
	b []byte
	i int
}

func (s *jsonScanner) space() {
	for s.i < len(s.b) {
		switch s.b[s.i] {
		case ' ', '\t', '\n', '\r':
			s.i++
		default:
			return
		}
	}
}

// byte consumes c if it is next.
func (s *jsonScanner) byte(c byte) bool {
	if s.i < len(s.b) && s.b[s.i] == c {
		s.i++
		return true
	}
	return false
}

// value consumes one value at nesting depth.
func (s *jsonScanner) value(depth int) bool {
	if s.i >= len(s.b) || depth > maxScanDepth {
		return false
	}
	switch c := s.b[s.i]; {
	case c == '"':
		return s.str()
	case c == '{':
		return s.object(depth, nil)
	case c == '[':
		return s.list(']', func() bool { return s.value(depth + 1) })
	case c == '-' || c >= '0' && c <= '9':
		return s.number()
	case c == 't':
		return s.word("true")
	case c == 'f':
		return s.word("false")
	case c == 'n':
		return s.word("null")
	}
	return false
}

// object consumes an object whose '{' is next, its members' values one
// level deeper than depth, and gives member (when not nil) each member's
// key token (quotes included) and value; member's false stops the scan.
func (s *jsonScanner) object(depth int, member func(key, value []byte) bool) bool {
	return s.list('}', func() bool {
		key := s.i
		if !s.str() {
			return false
		}
		keyEnd := s.i
		s.space()
		if !s.byte(':') {
			return false
		}
		s.space()
		value := s.i
		if !s.value(depth + 1) {
			return false
		}
		return member == nil || member(s.b[key:keyEnd], s.b[value:s.i])
	})
}

// list consumes what an array and an object share: the opening bracket
// (next), items that item consumes, separated by commas, and the closing
// bracket end.
func (s *jsonScanner) list(end byte, item func() bool) bool {
	s.i++
	s.space()
	if s.byte(end) {
		return true
	}
	for {
		if !item() {
			return false
		}
		s.space()
		if s.byte(end) {
			return true
		}
		if !s.byte(',') {
			return false
		}
		s.space()
	}
}

func (s *jsonScanner) word(w string) bool {
	if bytes.HasPrefix(s.b[s.i:], []byte(w)) {
		s.i += len(w)
		return true
	}
	return false
}

// str consumes a string token: no control character, escapes as JSON
// has them. Other bytes, UTF-8 or not, are accepted, as encoding/json
// accepts them.
func (s *jsonScanner) str() bool {
	if !s.byte('"') {
		return false
	}
	for s.i < len(s.b) {
		c := s.b[s.i]
		s.i++
		switch {
		case c == '"':
			return true
		case c < 0x20:
			return false
		case c == '\\':
			if s.i >= len(s.b) {
				return false
			}
			e := s.b[s.i]
			s.i++
			switch e {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
			case 'u':
				if s.i+4 > len(s.b) {
					return false
				}
				for _, h := range s.b[s.i : s.i+4] {
					if hexValue(h) < 0 {
						return false
					}
				}
				s.i += 4
			default:
				return false
			}
		}
	}
	return false
}

// number consumes a number as JSON writes them: -?(0|[1-9]d*)(.d+)?([eE][+-]?d+)?
func (s *jsonScanner) number() bool {
	s.byte('-')
	switch {
	case s.byte('0'):
	case s.i < len(s.b) && s.b[s.i] >= '1' && s.b[s.i] <= '9':
		s.digits()
	default:
		return false
	}
	if s.byte('.') && !s.digits() {
		return false
	}
	if s.byte('e') || s.byte('E') {
		if !s.byte('+') {
			s.byte('-')
		}
		if !s.digits() {
			return false
		}
	}
	return true
}

// digits consumes a run of digits and reports whether there was one.
func (s *jsonScanner) digits() bool {
	start := s.i
	for s.i < len(s.b) && s.b[s.i] >= '0' && s.b[s.i] <= '9' {
		s.i++
	}
	return s.i > start
}

func hexValue(c byte) rune {
	switch {
	case c >= '0' && c <= '9':
		return rune(c - '0')
	case c >= 'a' && c <= 'f':
		return rune(c - 'a' + 10)
	case c >= 'A' && c <= 'F':
		return rune(c - 'A' + 10)
	}
	return -1
}

// unquoteJSON returns the text of a scanned string token that is UTF-8,
// or false for what it leaves to encoding/json: a \u escape of a
// surrogate (pairs and lone halves have their own rules there).
func unquoteJSON(tok []byte) (string, bool) {
	body := tok[1 : len(tok)-1]
	out := make([]byte, 0, len(body))
	for {
		j := bytes.IndexByte(body, '\\')
		if j < 0 {
			return string(append(out, body...)), true
		}
		out = append(out, body[:j]...)
		e := body[j+1]
		body = body[j+2:]
		switch e {
		case 'b':
			out = append(out, '\b')
		case 'f':
			out = append(out, '\f')
		case 'n':
			out = append(out, '\n')
		case 'r':
			out = append(out, '\r')
		case 't':
			out = append(out, '\t')
		case 'u':
			r := hexValue(body[0])<<12 | hexValue(body[1])<<8 | hexValue(body[2])<<4 | hexValue(body[3])
			if utf8.RuneLen(r) < 0 { // a surrogate
				return "", false
			}
			out = utf8.AppendRune(out, r)
			body = body[4:]
		default: // '"', '\\', '/'
			out = append(out, e)
		}
	}
}
