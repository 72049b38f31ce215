package rank

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"reflect"
	"runtime"
	"strings"
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
	got, err := Decode(RecordSlice(recs), space, m)
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
	bad, err := Decode(RecordSlice(recs), space, m)
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
	if _, err := Decode(RecordSlice(recs), space, m); !errors.Is(err, sections.ErrFormat) {
		t.Fatalf("strict decode: %v", err)
	}
}

// TestEncodePostingsMatchesEncode: the inverted lists written from the
// vectors a range of terms at a time are the bytes Encode writes from
// the built lists, whatever the range's size (one term at a time, a few,
// all at once).
func TestEncodePostingsMatchesEncode(t *testing.T) {
	words := strings.Fields(`convex proximal gradient stochastic noise heat kernel manifold sparse lasso
		regression estimator random walk graph spectral modular form prime zeta operator semigroup
		wave scattering inverse problem finite element mesh multigrid solver`)
	rng := rand.New(rand.NewPCG(1, 2))
	var recs []corpus.Record
	for d := range 300 {
		var text []string
		for range 1 + rng.IntN(40) {
			// A skewed choice: a few words are in most records, most in few.
			text = append(text, words[min(rng.IntN(len(words)), rng.IntN(len(words)))])
		}
		recs = append(recs, corpus.Record{ID: fmt.Sprint(d), Abstract: strings.Join(text, " ")})
	}
	space := vectorize.Build(recs, vectorize.DefaultOptions(), vectorize.DefaultWeighting())
	ix, err := New(recs, space)
	if err != nil {
		t.Fatal(err)
	}
	want := &memSections{}
	if err := ix.Encode(want); err != nil {
		t.Fatal(err)
	}
	want.flush()
	defer func(n, m int) { postingsChunk, postingsPartMin = n, m }(postingsChunk, postingsPartMin)
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(3)) // three parts, whatever the machine
	for _, partMin := range []int{4096, 16} {
		postingsPartMin = partMin
		for _, chunk := range []int{1, 7, 300, 5000, 1 << 22} {
			postingsChunk = chunk
			got := &memSections{}
			if err := EncodePostings(got, space); err != nil {
				t.Fatal(err)
			}
			got.flush()
			if !reflect.DeepEqual(got.data, want.data) {
				t.Errorf("documents by part of at least %d, chunk %d: sections differ", partMin, chunk)
			}
		}
	}
	// Terms out of order are an error, not a panic.
	space.Vectors[5].Terms[0], space.Vectors[5].Terms[1] = space.Vectors[5].Terms[1], space.Vectors[5].Terms[0]
	if err := EncodePostings(&memSections{}, space); err == nil || !strings.Contains(err.Error(), "vector 5") {
		t.Errorf("terms out of order: %v", err)
	}
}
