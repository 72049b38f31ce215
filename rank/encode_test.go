package rank

import (
	"bytes"
	"encoding/binary"
	"errors"
	"io"
	"reflect"
	"testing"
	"unsafe"

	"github.com/related/related/corpus"
	"github.com/related/related/internal/sections"
	"github.com/related/related/vectorize"
)

// memSections holds sections in memory: a sections.Writer and Reader.
type memSections struct {
	data   map[string][]byte
	cur    *bytes.Buffer
	name   string
	strict bool
}

func (m *memSections) flush() {
	if m.cur != nil {
		m.data[m.name] = append([]byte(nil), m.cur.Bytes()...)
	}
}

func (m *memSections) Section(name string) io.Writer {
	if m.data == nil {
		m.data = map[string][]byte{}
	}
	m.flush()
	m.cur, m.name = &bytes.Buffer{}, name
	return m.cur
}

func (m *memSections) Read(name string) ([]byte, bool, error) {
	m.flush()
	b, ok := m.data[name]
	if !ok {
		return nil, false, nil
	}
	// 8-byte aligned, as a file's sections are.
	words := make([]uint64, len(b)/8+1)
	out := unsafe.Slice((*byte)(unsafe.Pointer(&words[0])), len(b))
	copy(out, b)
	return out, true, nil
}

func (m *memSections) Map(name string) ([]byte, bool, error) { return m.Read(name) }
func (m *memSections) Strict() bool                          { return m.strict }

func TestEncodeDecode(t *testing.T) {
	recs := []corpus.Record{
		{ID: "a", Title: "Convex optimization", Abstract: "Proximal gradient methods for convex problems.", MSC: []string{"90C25"}},
		{ID: "b", Title: "Stochastic equations", Abstract: "Stochastic partial differential equations with noise.", MSC: []string{"60H15"}},
		{ID: "c", Title: "Convex analysis", Abstract: "Subgradients of convex functions and proximal maps.", MSC: []string{"49J52"}},
	}
	space := vectorize.Build(recs, vectorize.DefaultOptions(), vectorize.DefaultWeighting())
	ix, err := New(recs, space)
	if err != nil {
		t.Fatal(err)
	}
	m := &memSections{}
	if err := ix.Encode(m); err != nil {
		t.Fatal(err)
	}
	got, err := Decode(recs, space, m)
	if err != nil {
		t.Fatal(err)
	}
	for d := range recs {
		a, _ := ix.Similar(d, DefaultQuery())
		b, err := got.Similar(d, DefaultQuery())
		if err != nil || !reflect.DeepEqual(a, b) {
			t.Fatalf("doc %d: %v, %v; want %v", d, b, err, a)
		}
	}

	// A posting naming a document that does not exist: an error when the
	// list is first read, or when decoding strictly; never a panic.
	m.data[secPostDocs] = append([]byte(nil), m.data[secPostDocs]...)
	binary.LittleEndian.PutUint32(m.data[secPostDocs], 7)
	bad, err := Decode(recs, space, m)
	if err != nil {
		t.Fatal(err)
	}
	var failed bool
	for d := range recs {
		if _, err := bad.Similar(d, DefaultQuery()); err != nil {
			if !errors.Is(err, sections.ErrFormat) {
				t.Fatalf("error %v does not wrap sections.ErrFormat", err)
			}
			failed = true
		}
	}
	if !failed {
		t.Fatal("the damaged list was never reported")
	}
	if err := bad.Encode(&memSections{}); err == nil {
		t.Fatal("a damaged index was encoded again")
	}
	m.strict = true
	if _, err := Decode(recs, space, m); !errors.Is(err, sections.ErrFormat) {
		t.Fatalf("strict decode: %v", err)
	}
}
