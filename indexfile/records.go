package indexfile

import (
	"encoding/binary"
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"unsafe"

	"github.com/related/related/corpus"
)

// Records are stored field by field, in the order of a schema that the
// file itself lists (META "fields": "ID:s", "Authors:S", "Year:i",
// "Origin.File:s", ...), so that a file stays readable when
// corpus.Record gains or loses fields: fields the reader does not know are
// skipped, fields the file lacks stay zero. Kinds: s string (uvarint
// length, bytes), S []string (uvarint count, then strings), i integer
// (zig-zag varint), b bool (one byte), j anything else (JSON, as a
// string).

type fieldPlan struct {
	path  string
	index []int
	kind  byte
}

func recordSchema() []fieldPlan {
	var out []fieldPlan
	var walk func(t reflect.Type, prefix string, index []int)
	walk = func(t reflect.Type, prefix string, index []int) {
		for i := range t.NumField() {
			f := t.Field(i)
			if !f.IsExported() {
				continue
			}
			idx := append(append([]int(nil), index...), i)
			name := prefix + f.Name
			switch {
			case f.Type.Kind() == reflect.String:
				out = append(out, fieldPlan{name, idx, 's'})
			case f.Type.Kind() == reflect.Slice && f.Type.Elem().Kind() == reflect.String:
				out = append(out, fieldPlan{name, idx, 'S'})
			case f.Type.Kind() >= reflect.Int && f.Type.Kind() <= reflect.Int64:
				out = append(out, fieldPlan{name, idx, 'i'})
			case f.Type.Kind() == reflect.Bool:
				out = append(out, fieldPlan{name, idx, 'b'})
			case f.Type.Kind() == reflect.Struct:
				walk(f.Type, name+".", idx)
			default:
				out = append(out, fieldPlan{name, idx, 'j'})
			}
		}
	}
	walk(reflect.TypeFor[corpus.Record](), "", nil)
	return out
}

func schemaNames(plan []fieldPlan) []string {
	out := make([]string, len(plan))
	for i, f := range plan {
		out[i] = f.path + ":" + string(f.kind)
	}
	return out
}

func appendString(b []byte, s string) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}

func appendRecord(b []byte, plan []fieldPlan, r *corpus.Record) ([]byte, error) {
	v := reflect.ValueOf(r).Elem()
	for _, f := range plan {
		fv := v.FieldByIndex(f.index)
		switch f.kind {
		case 's':
			b = appendString(b, fv.String())
		case 'S':
			b = binary.AppendUvarint(b, uint64(fv.Len()))
			for i := range fv.Len() {
				b = appendString(b, fv.Index(i).String())
			}
		case 'i':
			b = binary.AppendVarint(b, fv.Int())
		case 'b':
			if fv.Bool() {
				b = append(b, 1)
			} else {
				b = append(b, 0)
			}
		case 'j':
			j, err := json.Marshal(fv.Interface())
			if err != nil {
				return nil, fmt.Errorf("record %q: field %s: %w", r.ID, f.path, err)
			}
			b = appendString(b, string(j))
		}
	}
	return b, nil
}

// recordDecoder reads records written with the schema of a file into the
// current corpus.Record. Strings share the section's memory (which is
// never written to after loading).
type recordDecoder struct {
	file []fieldPlan // the file's fields; index nil when unknown here
}

func newRecordDecoder(names []string) (*recordDecoder, error) {
	current := map[string]fieldPlan{}
	for _, f := range recordSchema() {
		current[f.path] = f
	}
	d := &recordDecoder{}
	for _, n := range names {
		path, kind, ok := strings.Cut(n, ":")
		if !ok || len(kind) != 1 || !strings.Contains("sSibj", kind) {
			return nil, fmt.Errorf("bad record field %q in schema", n)
		}
		f := fieldPlan{path: path, kind: kind[0]}
		if c, ok := current[path]; ok {
			if c.kind != f.kind {
				return nil, fmt.Errorf("record field %s has kind %c in the file but %c in this program: rebuild the index", path, f.kind, c.kind)
			}
			f.index = c.index
		}
		d.file = append(d.file, f)
	}
	return d, nil
}

// reader walks a byte slice; errors stick, so that callers check once.
type reader struct {
	b   []byte
	off int
	err error
}

func (r *reader) fail(what string) {
	if r.err == nil {
		r.err = fmt.Errorf("%s at byte %d", what, r.off)
	}
}

func (r *reader) uvarint() uint64 {
	if r.err != nil {
		return 0
	}
	v, n := binary.Uvarint(r.b[r.off:])
	if n <= 0 {
		r.fail("bad varint")
		return 0
	}
	r.off += n
	return v
}

func (r *reader) varint() int64 {
	if r.err != nil {
		return 0
	}
	v, n := binary.Varint(r.b[r.off:])
	if n <= 0 {
		r.fail("bad varint")
		return 0
	}
	r.off += n
	return v
}

func (r *reader) byte() byte {
	if r.err != nil {
		return 0
	}
	if r.off >= len(r.b) {
		r.fail("unexpected end")
		return 0
	}
	r.off++
	return r.b[r.off-1]
}

// str returns a string sharing r.b's memory.
func (r *reader) str() string {
	n := r.uvarint()
	if r.err != nil {
		return ""
	}
	if n > uint64(len(r.b)-r.off) {
		r.fail("string longer than its section")
		return ""
	}
	if n == 0 {
		return ""
	}
	s := unsafe.String(&r.b[r.off], int(n))
	r.off += int(n)
	return s
}

// count reads a count of items of at least min bytes each, checked
// against what is left, so that a corrupt count cannot ask for gigabytes.
func (r *reader) count(min int) int {
	n := r.uvarint()
	if r.err == nil && n > uint64((len(r.b)-r.off)/min) {
		r.fail("count larger than its section")
		return 0
	}
	return int(n)
}

func (d *recordDecoder) decode(r *reader, rec *corpus.Record) {
	v := reflect.ValueOf(rec).Elem()
	for _, f := range d.file {
		var fv reflect.Value
		if f.index != nil {
			fv = v.FieldByIndex(f.index)
		}
		switch f.kind {
		case 's':
			s := r.str()
			if fv.IsValid() {
				fv.SetString(s)
			}
		case 'S':
			n := r.count(1)
			var ss []string
			if n > 0 {
				ss = make([]string, n)
			}
			for i := range n {
				ss[i] = r.str()
			}
			if fv.IsValid() && n > 0 {
				fv.Set(reflect.ValueOf(ss))
			}
		case 'i':
			x := r.varint()
			if fv.IsValid() {
				fv.SetInt(x)
			}
		case 'b':
			x := r.byte()
			if fv.IsValid() {
				fv.SetBool(x != 0)
			}
		case 'j':
			s := r.str()
			if fv.IsValid() && r.err == nil {
				if err := json.Unmarshal([]byte(s), fv.Addr().Interface()); err != nil {
					r.fail("field " + f.path + ": " + err.Error())
				}
			}
		}
	}
}
