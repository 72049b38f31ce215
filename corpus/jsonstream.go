package corpus

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"unicode/utf8"
)

// jsonObj is one JSON object, its values undecoded.
type jsonObj = map[string]json.RawMessage

// jsonSource reads the objects of a JSON input in the shapes APIs and
// dumps give them: one object (pretty-printed or not), an array of them,
// an envelope whose item keys hold them ({"results": [...]}, Crossref's
// {"message": {"items": [...]}}), or JSON Lines of any of these, one per
// line. Envelopes nest: the value of an item key may be an array of
// items, or an object that is an item or an envelope itself.
//
// JSON Lines is read line by line, with line numbers, a bad line skipped;
// memory is bounded by the longest line. Anything else is read as a
// stream of tokens, the items of an envelope's array decoded one at a
// time, so that memory is bounded by the largest item; malformed JSON
// there cannot be resynchronised and ends the input. Which of the two is
// told from the bytes, not from line lengths: see jsonLayoutOf.
type jsonSource struct {
	name     string
	r        *bufio.Reader
	lines    bool
	line     int
	itemKeys map[string]bool
	// envelope, when set, sees each key of an envelope (not of an item)
	// with its value, and may end the input with an error (an API error
	// response).
	envelope func(key string, v json.RawMessage) error

	queue []json.RawMessage // items of the current line
	qLine int

	dec   *json.Decoder
	stack []jsonFrame
	err   error // sticky: the input has ended with an error
}

type jsonFrame struct {
	array    bool
	obj      jsonObj
	sawItems bool
}

func newJSONSource(r *bufio.Reader, name string, itemKeys ...string) *jsonSource {
	s := &jsonSource{name: name, r: r, itemKeys: map[string]bool{}}
	for _, k := range itemKeys {
		s.itemKeys[k] = true
	}
	head, _ := r.Peek(sniffSize)
	if jsonLayoutOf(head).lines {
		s.lines = true
	} else {
		s.dec = json.NewDecoder(r)
	}
	return s
}

// next returns the next item and the line it is on (0 when the input is
// not JSON Lines). bad is set, and obj nil, for an item that cannot be
// read (a malformed line, an array element that is not an object); err is
// io.EOF at the end, or an error that ends the input.
func (s *jsonSource) next() (obj jsonObj, line int, bad error, err error) {
	if s.err != nil {
		return nil, 0, nil, s.err
	}
	if s.lines {
		obj, line, bad, err = s.nextLine()
	} else {
		obj, bad, err = s.nextToken()
	}
	if err != nil && !errors.Is(err, io.EOF) {
		s.err = err
	}
	if errors.Is(err, io.EOF) {
		s.err = io.EOF
	}
	return obj, line, bad, err
}

func (s *jsonSource) nextLine() (jsonObj, int, error, error) {
	for {
		if len(s.queue) > 0 {
			raw := s.queue[0]
			s.queue = s.queue[1:]
			obj, bad := objectOf(raw)
			return obj, s.qLine, bad, nil
		}
		line, err := readJSONLine(s.r, s.name, &s.line)
		if err != nil {
			return nil, 0, nil, err
		}
		var v any
		var obj jsonObj
		if err := json.Unmarshal(line, &obj); err != nil {
			if json.Unmarshal(line, &v) == nil {
				return nil, s.line, problemf(ErrMalformed, "not a JSON object but %s", jsonKind(line)), nil
			}
			if bytes.HasPrefix(line, []byte("[")) {
				// A line holding an array of items.
				var items []json.RawMessage
				if json.Unmarshal(line, &items) == nil {
					s.queue, s.qLine = items, s.line
					continue
				}
			}
			return nil, s.line, problemf(ErrMalformed, "malformed JSON: %s", err.Error()), nil
		}
		items, self, err := s.expand(obj, 0)
		if err != nil {
			return nil, 0, nil, err
		}
		if self {
			return obj, s.line, nil, nil
		}
		s.queue, s.qLine = items, s.line
	}
}

// expand returns the items an object holds under its item keys, or self
// when it holds none and is an item itself.
func (s *jsonSource) expand(obj jsonObj, depth int) (items []json.RawMessage, self bool, err error) {
	keys := make([]string, 0, len(obj))
	for k := range obj {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	found := false
	for _, k := range keys {
		v := bytes.TrimSpace(obj[k])
		if !s.itemKeys[k] || len(v) == 0 || (v[0] != '[' && v[0] != '{') || depth > 8 {
			continue
		}
		found = true
		if v[0] == '[' {
			items = append(items, jsonList(v)...)
			continue
		}
		sub := jsonObject(v)
		subItems, subSelf, err := s.expand(sub, depth+1)
		if err != nil {
			return nil, false, err
		}
		if subSelf {
			items = append(items, v)
		} else {
			items = append(items, subItems...)
		}
	}
	if found && s.envelope != nil {
		for _, k := range keys {
			if !s.itemKeys[k] {
				if err := s.envelope(k, obj[k]); err != nil {
					return nil, false, fmt.Errorf("%s:%d: %w", s.name, s.line, err)
				}
			}
		}
	}
	return items, !found, nil
}

// objectOf decodes an item that should be an object.
func objectOf(raw json.RawMessage) (jsonObj, error) {
	if string(bytes.TrimSpace(raw)) == "null" {
		// Batch APIs answer an id they do not know with null.
		return nil, problemf(ErrNoMetadata, "null where a record was expected (an id the source did not find)")
	}
	var obj jsonObj
	if err := json.Unmarshal(raw, &obj); err != nil || obj == nil {
		return nil, problemf(ErrMalformed, "not a JSON object but %s", jsonKind(raw))
	}
	return obj, nil
}

// jsonKind names the kind of a JSON value, for messages.
func jsonKind(raw []byte) string {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 {
		return "nothing"
	}
	switch raw[0] {
	case '[':
		return "array"
	case '{':
		return "object"
	case '"':
		return "string"
	case 'n':
		return "null"
	case 't', 'f':
		return "bool"
	}
	return "number"
}

func (s *jsonSource) fail(format string, args ...any) error {
	return fmt.Errorf("%s: byte %d: %s", s.name, s.dec.InputOffset(), fmt.Sprintf(format, args...))
}

func (s *jsonSource) nextToken() (jsonObj, error, error) {
	for {
		if len(s.stack) == 0 {
			tok, err := s.dec.Token()
			if errors.Is(err, io.EOF) {
				return nil, nil, io.EOF
			}
			if err != nil {
				return nil, nil, s.fail("malformed JSON: %v", err)
			}
			switch tok {
			case json.Delim('['):
				s.stack = append(s.stack, jsonFrame{array: true})
			case json.Delim('{'):
				s.stack = append(s.stack, jsonFrame{obj: jsonObj{}})
			default:
				return nil, nil, s.fail("expected JSON objects or arrays of them, found %v", describeToken(tok))
			}
			continue
		}
		f := &s.stack[len(s.stack)-1]
		if f.array {
			if !s.dec.More() {
				if _, err := s.dec.Token(); err != nil {
					return nil, nil, s.fail("malformed JSON: %v", err)
				}
				s.stack = s.stack[:len(s.stack)-1]
				continue
			}
			var raw json.RawMessage
			if err := s.dec.Decode(&raw); err != nil {
				return nil, nil, s.fail("malformed JSON: %v", err)
			}
			obj, bad := objectOf(raw)
			return obj, bad, nil
		}
		if !s.dec.More() {
			if _, err := s.dec.Token(); err != nil {
				return nil, nil, s.fail("malformed JSON: %v", err)
			}
			done := *f
			s.stack = s.stack[:len(s.stack)-1]
			if !done.sawItems {
				return done.obj, nil, nil
			}
			continue
		}
		tok, err := s.dec.Token()
		if err != nil {
			return nil, nil, s.fail("malformed JSON: %v", err)
		}
		key, _ := tok.(string)
		if s.itemKeys[key] && len(s.stack) < 8 {
			// Look at the value: an array or object holds items; any
			// other value is kept as the envelope's.
			var raw json.RawMessage
			if !s.dec.More() {
				return nil, nil, s.fail("malformed JSON: no value for %q", key)
			}
			tok, err := s.dec.Token()
			if err != nil {
				return nil, nil, s.fail("malformed JSON: %v", err)
			}
			switch tok {
			case json.Delim('['), json.Delim('{'):
				if err := s.startItems(f); err != nil {
					return nil, nil, err
				}
				s.stack = append(s.stack, jsonFrame{array: tok == json.Delim('['), obj: jsonObj{}})
				continue
			}
			if raw, _ = json.Marshal(tok); !f.sawItems {
				f.obj[key] = raw
			} else if s.envelope != nil {
				if err := s.envelope(key, raw); err != nil {
					return nil, nil, fmt.Errorf("%s: %w", s.name, err)
				}
			}
			continue
		}
		var raw json.RawMessage
		if err := s.dec.Decode(&raw); err != nil {
			return nil, nil, s.fail("malformed JSON: %v", err)
		}
		if !f.sawItems {
			f.obj[key] = raw
		} else if s.envelope != nil {
			if err := s.envelope(key, raw); err != nil {
				return nil, nil, fmt.Errorf("%s: %w", s.name, err)
			}
		}
	}
}

// startItems marks a frame as an envelope, its items found: the keys
// read so far are the envelope's, shown to s.envelope and not kept.
func (s *jsonSource) startItems(f *jsonFrame) error {
	if f.sawItems {
		return nil
	}
	f.sawItems = true
	keys := make([]string, 0, len(f.obj))
	for k := range f.obj {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		if s.envelope != nil {
			if err := s.envelope(k, f.obj[k]); err != nil {
				return fmt.Errorf("%s: %w", s.name, err)
			}
		}
	}
	f.obj = nil
	return nil
}

// repairObject reads the bytes of an object's values that are not UTF-8
// as Windows-1252, with a warning naming each key that had some.
func repairObject(obj jsonObj) []error {
	var keys []string
	for k, v := range obj {
		if !utf8.Valid(v) {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	var problems []error
	for _, k := range keys {
		fixed, _ := repairJSONValue(obj[k])
		obj[k] = fixed
		problems = append(problems, repairedProblem(fmt.Sprintf("field %q", k)))
	}
	return problems
}

// jsonLayout is what the first bytes of a JSON input say about it.
type jsonLayout struct {
	top byte // '{' or '['; 0 when the input does not start as JSON
	// lines: the first value is an object with no line break inside it
	// (a line of JSON Lines, however long: a pretty-printed object
	// breaks its line before its first key).
	lines bool
	keys  []string // top-level keys of the first object, or of the first element of an array
	elem  string   // for an array whose first element is not an object: its kind
}

// jsonLayoutOf reads the layout of a JSON input from its first bytes,
// which may end anywhere.
func jsonLayoutOf(head []byte) jsonLayout {
	head = bytes.TrimLeft(bytes.TrimPrefix(head, []byte("\xef\xbb\xbf")), " \t\r\n")
	var l jsonLayout
	if len(head) == 0 || (head[0] != '{' && head[0] != '[') {
		return l
	}
	l.top = head[0]
	if l.top == '{' {
		l.lines = true
		depth, inString, escaped := 0, false, false
	scan:
		for _, c := range head {
			switch {
			case inString:
				switch {
				case escaped:
					escaped = false
				case c == '\\':
					escaped = true
				case c == '"':
					inString = false
				}
			case c == '"':
				inString = true
			case c == '{' || c == '[':
				depth++
			case c == '}' || c == ']':
				depth--
				if depth == 0 {
					break scan
				}
			case c == '\n':
				// A line break inside the first value: pretty-printed
				// JSON, unless the line so far is not JSON at all (a
				// broken line of JSON Lines).
				line, _, _ := bytes.Cut(head, []byte("\n"))
				l.lines = !validJSONPrefix(line)
				break scan
			}
		}
	}
	dec := json.NewDecoder(bytes.NewReader(head))
	if _, err := dec.Token(); err != nil {
		return l
	}
	if l.top == '[' {
		if !dec.More() {
			return l
		}
		tok, err := dec.Token()
		if err != nil {
			return l
		}
		if tok != json.Delim('{') {
			switch tok.(type) {
			case string:
				l.elem = "string"
			case nil:
				l.elem = "null"
			case bool:
				l.elem = "bool"
			case json.Delim:
				l.elem = "array"
			default:
				l.elem = "number"
			}
			return l
		}
	}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return l
		}
		if k, ok := tok.(string); ok {
			l.keys = append(l.keys, k)
		}
		var skip json.RawMessage
		if err := dec.Decode(&skip); err != nil {
			return l
		}
	}
	return l
}

// validJSONPrefix reports whether b is the start of some JSON text: its
// tokens read without a syntax error up to its end.
func validJSONPrefix(b []byte) bool {
	dec := json.NewDecoder(bytes.NewReader(b))
	for {
		_, err := dec.Token()
		if err == nil {
			continue
		}
		var se *json.SyntaxError
		return !errors.As(err, &se)
	}
}

// hasJSONKey reports whether JSON text has the key name somewhere: the
// quoted name followed by a colon. A string value that happens to be the
// name (a keyword "family") is not a key; a quoted name inside a string
// value is escaped (\"family\") and so is not found either.
func hasJSONKey(b []byte, name string) bool {
	q := `"` + name + `"`
	for len(b) > 0 {
		i := bytes.Index(b, []byte(q))
		if i < 0 {
			return false
		}
		rest := bytes.TrimLeft(b[i+len(q):], " \t\r\n")
		if len(rest) > 0 && rest[0] == ':' {
			return true
		}
		b = b[i+len(q):]
	}
	return false
}

// hasAnyJSONKey reports whether JSON text has one of the keys.
func hasAnyJSONKey(b []byte, names ...string) bool {
	for _, n := range names {
		if hasJSONKey(b, n) {
			return true
		}
	}
	return false
}
