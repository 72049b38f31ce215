package corpus

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"runtime"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"
)

// decodeObject turns one JSON object into a record. Unknown fields are
// ignored; fields of the wrong type become problems on the record.
func decodeObject(raw []byte, pos Position, fm fieldMap) (Record, error) {
	members, ok := scanObject(raw, nil)
	if !ok {
		return decodeObjectStd(raw, pos, fm)
	}
	// Fields are applied in a fixed order, so that aliases resolve the
	// same way whatever the key order in the file; of a key given twice,
	// the last value counts, as in decodeObjectStd's map.
	slices.SortStableFunc(members, func(a, b jsonMember) int { return strings.Compare(a.key, b.key) })
	var b recordBuilder
	for i, m := range members {
		if i+1 < len(members) && members[i+1].key == m.key {
			continue
		}
		b.setJSONMember(fm, m.key, m.value)
	}
	return b.finish(pos), nil
}

// decodeObjectStd is decodeObject by encoding/json: the reference, and
// the path for what the scanner leaves to it (see jsonscan.go).
func decodeObjectStd(raw []byte, pos Position, fm fieldMap) (Record, error) {
	var obj map[string]json.RawMessage
	if err := json.Unmarshal(raw, &obj); err != nil {
		var typeErr *json.UnmarshalTypeError
		if errors.As(err, &typeErr) {
			return Record{}, recordErr(pos, "", ErrMalformed, "not a JSON object but %s", typeErr.Value)
		}
		return Record{}, recordErr(pos, "", ErrMalformed, "malformed JSON: %s", err.Error())
	}
	var b recordBuilder
	keys := make([]string, 0, len(obj))
	for k := range obj {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		b.setJSONMember(fm, k, obj[k])
	}
	return b.finish(pos), nil
}

// setJSONMember sets the field that the key of an object's member names,
// if any, to its value.
func (b *recordBuilder) setJSONMember(fm fieldMap, key string, value []byte) {
	field := fm.field(key)
	if field == "" {
		return
	}
	v, ok := repairJSONValue(value)
	if !ok {
		b.problems = append(b.problems, repairedProblem(fmt.Sprintf("field %q", key)))
	}
	b.setJSON(field, v)
}

// repairJSONValue reads the bytes of a JSON value that are not UTF-8 as
// Windows-1252 (see repairUTF8); ok is false when it had to. JSON syntax
// is all ASCII, so the value stays valid JSON.
func repairJSONValue(v json.RawMessage) (json.RawMessage, bool) {
	if utf8.Valid(v) {
		return v, true
	}
	s, _ := repairUTF8(string(v))
	return json.RawMessage(s), false
}

// jsonlDecoder reads JSON Lines: one object per line; blank lines are
// allowed. A bad line is reported and skipped; the next line is read.
// Lines are read a chunk at a time and decoded on all cores (decoding is
// most of the cost of reading, and a line is decoded on its own); records
// and errors come out in the order of the lines, as if read one by one.
type jsonlDecoder struct {
	r      *bufio.Reader
	name   string
	line   int
	n      int
	fields fieldMap
	// ready holds the decoded chunk, next the first not yet returned;
	// readErr ends the input after them (io.EOF at the end).
	ready   []decodedLine
	next    int
	readErr error
}

type decodedLine struct {
	rec Record
	err error
}

// jsonlChunk is how many lines are decoded together.
const jsonlChunk = 256

func newJSONLDecoder(r *bufio.Reader, name string, opt *Options) (Decoder, error) {
	return &jsonlDecoder{r: r, name: name, fields: newFieldMap(opt)}, nil
}

func (d *jsonlDecoder) Next() (Record, error) {
	if d.next == len(d.ready) {
		if d.readErr != nil {
			return Record{}, d.readErr
		}
		d.fill()
		if len(d.ready) == 0 {
			return Record{}, d.readErr
		}
	}
	x := d.ready[d.next]
	d.ready[d.next] = decodedLine{}
	d.next++
	return x.rec, x.err
}

// fill reads the next chunk of lines and decodes them.
func (d *jsonlDecoder) fill() {
	var lines [][]byte
	var pos []Position
	for len(lines) < jsonlChunk {
		line, err := readJSONLine(d.r, d.name, &d.line)
		if err != nil {
			d.readErr = err
			break
		}
		d.n++
		lines = append(lines, line)
		pos = append(pos, Position{File: d.name, Line: d.line, N: d.n})
	}
	d.ready, d.next = make([]decodedLine, len(lines)), 0
	workers := min(runtime.GOMAXPROCS(0), len(lines)/16+1)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; i < len(lines); i += workers {
				d.ready[i].rec, d.ready[i].err = decodeObject(lines[i], pos[i], d.fields)
			}
		}()
	}
	wg.Wait()
}

// readJSONLine returns the next line of JSON Lines that is not blank,
// trimmed (and without a byte-order mark on line 1), counting lines in
// *line; io.EOF at the end.
func readJSONLine(r *bufio.Reader, name string, line *int) ([]byte, error) {
	for {
		b, err := r.ReadBytes('\n')
		if len(b) == 0 && errors.Is(err, io.EOF) {
			return nil, io.EOF
		}
		if err != nil && !errors.Is(err, io.EOF) {
			return nil, fmt.Errorf("%s: line %d: %w", name, *line+1, err)
		}
		*line++
		b = bytes.TrimSpace(b)
		if *line == 1 {
			b = bytes.TrimPrefix(b, []byte("\xef\xbb\xbf"))
		}
		if len(b) > 0 {
			return b, nil
		}
	}
}

// jsonArrayDecoder reads a JSON array of objects, streaming: one element
// in memory at a time. A malformed element cannot be skipped (the array
// cannot be resynchronised), so it ends the input with an error naming the
// element and its byte offset. An input that starts with an object instead
// (one record, pretty-printed, or several one after the other) is read as
// a sequence of records.
type jsonArrayDecoder struct {
	dec     *json.Decoder
	name    string
	fields  fieldMap
	n       int
	started bool
	objects bool // a sequence of objects, not an array
	done    bool // io.EOF returned: the array and the input have ended
}

func newJSONArrayDecoder(r *bufio.Reader, name string, opt *Options) (Decoder, error) {
	d := &jsonArrayDecoder{dec: json.NewDecoder(r), name: name, fields: newFieldMap(opt)}
	head, _ := r.Peek(sniffSize)
	if l := jsonLayoutOf(head); l.top == '{' {
		d.objects, d.started = true, true
	}
	return d, nil
}

func (d *jsonArrayDecoder) Next() (Record, error) {
	if d.done {
		return Record{}, io.EOF
	}
	if d.objects {
		offset := d.dec.InputOffset()
		var raw json.RawMessage
		err := d.dec.Decode(&raw)
		if errors.Is(err, io.EOF) {
			d.done = true
			return Record{}, io.EOF
		}
		d.n++
		if err != nil {
			return Record{}, fmt.Errorf("%s: record %d (byte %d): malformed JSON: %v", d.name, d.n, offset, err)
		}
		return decodeObject(raw, Position{File: d.name, N: d.n}, d.fields)
	}
	if !d.started {
		d.started = true
		tok, err := d.dec.Token()
		if errors.Is(err, io.EOF) {
			return Record{}, fmt.Errorf("%s: empty input, expected a JSON array of records", d.name)
		}
		if err != nil {
			return Record{}, fmt.Errorf("%s: %v", d.name, err)
		}
		if delim, ok := tok.(json.Delim); !ok || delim != '[' {
			return Record{}, fmt.Errorf("%s: expected a JSON array of records or record objects, found %v", d.name, describeToken(tok))
		}
	}
	if !d.dec.More() {
		tok, err := d.dec.Token()
		if err != nil {
			return Record{}, fmt.Errorf("%s: after record %d: %v", d.name, d.n, err)
		}
		if delim, ok := tok.(json.Delim); !ok || delim != ']' {
			return Record{}, fmt.Errorf("%s: after record %d: unexpected %v", d.name, d.n, describeToken(tok))
		}
		if _, err := d.dec.Token(); !errors.Is(err, io.EOF) {
			return Record{}, fmt.Errorf("%s: data after the end of the array (byte %d)", d.name, d.dec.InputOffset())
		}
		d.done = true
		return Record{}, io.EOF
	}
	d.n++
	offset := d.dec.InputOffset()
	var raw json.RawMessage
	if err := d.dec.Decode(&raw); err != nil {
		return Record{}, fmt.Errorf("%s: record %d (byte %d): malformed JSON: %v", d.name, d.n, offset, err)
	}
	return decodeObject(raw, Position{File: d.name, N: d.n}, d.fields)
}

func describeToken(tok json.Token) string {
	switch t := tok.(type) {
	case json.Delim:
		return fmt.Sprintf("%q", string(t))
	case string:
		return fmt.Sprintf("the string %q", t)
	case nil:
		return "null"
	default:
		return fmt.Sprintf("%v", t)
	}
}
