package vectorize

import (
	"bytes"
	"encoding/json"
	"io"
	"reflect"
	"slices"
	"strings"
	"testing"
	"unsafe"

	"github.com/related/related/corpus"
)

// memSections holds sections in memory: a sections.Writer and Reader.
type memSections struct {
	data   map[string]*bytes.Buffer
	strict bool
}

func (m *memSections) Section(name string) io.Writer {
	if m.data == nil {
		m.data = map[string]*bytes.Buffer{}
	}
	m.data[name] = &bytes.Buffer{}
	return m.data[name]
}

func (m *memSections) Read(name string) ([]byte, bool, error) {
	b, ok := m.data[name]
	if !ok {
		return nil, false, nil
	}
	// Aligned, as a file's sections are.
	words := make([]uint64, (b.Len()+7)/8)
	out := unsafeBytes(words, b.Len())
	copy(out, b.Bytes())
	return out, true, nil
}

func (m *memSections) Map(name string) ([]byte, bool, error) { return m.Read(name) }
func (m *memSections) Strict() bool                          { return m.strict }

var encodeRecords = []corpus.Record{
	{ID: "a", Title: "Convex optimization", Abstract: "Proximal gradient methods for convex optimization problems."},
	{ID: "b", Title: "Stochastic equations", Abstract: "Stochastic partial differential equations driven by noise."},
	{ID: "c", Title: "Optimisation convexe", Abstract: "Les méthodes de gradient proximal pour l'optimisation convexe.", Language: "french"},
	{ID: "d", Title: "Random walks", Abstract: "Random walks on graphs and the spectral gap of their Laplacian."},
}

func TestEncodeDecode(t *testing.T) {
	s := Build(encodeRecords, DefaultOptions(), DefaultWeighting())
	for _, strict := range []bool{false, true} {
		m := &memSections{strict: strict}
		h, err := s.Encode(m)
		if err != nil {
			t.Fatal(err)
		}
		got, err := DecodeSpace(h, m)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got.Vectors, s.Vectors) || !reflect.DeepEqual(got.Languages, s.Languages) {
			t.Fatal("vectors or languages differ")
		}
		got.loadBags()
		if !reflect.DeepEqual(got.bags, s.bags) {
			t.Fatal("bags differ")
		}
		if got.Analyzer.Options() != s.Analyzer.Options() || got.Model.Weighting != s.Model.Weighting {
			t.Fatal("configuration differs")
		}
		// idf computed per term gives the same numbers as the table.
		for id := range int32(s.Vocab.Len()) {
			if a, b := got.Model.termIDF(id, s.Model.Weighting.IDFPower), s.Model.IDF[id]; a != b {
				t.Fatalf("term %d: idf %v, want %v", id, a, b)
			}
		}
		for _, text := range []string{"convex optimization", "optimisation convexe", "spectral gap", "zzz"} {
			if a, b := got.Query(text, ""), s.Query(text, ""); !reflect.DeepEqual(a, b) {
				t.Fatalf("query %q: %+v, want %+v", text, a, b)
			}
		}
		for id := range int32(s.Vocab.Len()) {
			term := s.Vocab.Term(id)
			if got.Vocab.Term(id) != term || got.Vocab.Word(id) != s.Vocab.Word(id) || !reflect.DeepEqual(got.Vocab.forms(id), s.Vocab.forms(id)) {
				t.Fatalf("term %d differs", id)
			}
			if back, ok := got.Vocab.ID(term); !ok || back != id {
				t.Fatalf("ID(%q) = %d, %v", term, back, ok)
			}
		}
		// Out of range ids (a damaged vector) give nothing, not a panic.
		for _, id := range []int32{-1, int32(s.Vocab.Len()), 1 << 30} {
			if got.Vocab.Term(id) != "" || got.Vocab.Word(id) != "" || got.Vocab.IsPair(id) {
				t.Fatalf("id %d gives a term", id)
			}
		}
	}
}

// TestDecodeWithoutVocabIndex reads a vocabulary without vocab.starts and
// vocab.order, as format 1 stored it.
func TestDecodeWithoutVocabIndex(t *testing.T) {
	s := Build(encodeRecords, DefaultOptions(), DefaultWeighting())
	m := &memSections{}
	h, err := s.Encode(m)
	if err != nil {
		t.Fatal(err)
	}
	delete(m.data, secVocabStarts)
	delete(m.data, secVocabOrder)
	got, err := DecodeSpace(h, m)
	if err != nil {
		t.Fatal(err)
	}
	for id := range int32(s.Vocab.Len()) {
		if back, ok := got.Vocab.ID(s.Vocab.Term(id)); !ok || back != id {
			t.Fatalf("term %d not found", id)
		}
	}
	// A term given twice is an error.
	m.data[secVocab].Write(m.data[secVocab].Bytes()[:m.data[secVocab].Len()])
	h.Terms *= 2
	if _, err := DecodeSpace(h, m); err == nil || !strings.Contains(err.Error(), "given twice") {
		t.Fatalf("error %v", err)
	}
}

// TestUpdateCopies checks that Update leaves the space it starts from as
// it was (the vocabulary is not grown, the bags are not moved).
func TestUpdateCopies(t *testing.T) {
	s := Build(encodeRecords[:3], DefaultOptions(), DefaultWeighting())
	terms, vecs := s.Vocab.Len(), slices.Clone(s.Vectors)
	added := []corpus.Record{encodeRecords[3], {ID: "b", Abstract: "Zebras and antelopes."}}
	u, err := s.Update(added, []int{-1, 1})
	if err != nil {
		t.Fatal(err)
	}
	if s.Vocab.Len() != terms || !reflect.DeepEqual(s.Vectors, vecs) || len(s.bags) != 3 {
		t.Fatal("Update changed the space it started from")
	}
	fresh := Build([]corpus.Record{encodeRecords[0], added[1], encodeRecords[2], encodeRecords[3]}, DefaultOptions(), DefaultWeighting())
	if len(u.Vectors) != 4 || u.Languages[2] != "french" {
		t.Fatalf("%d documents, languages %v", len(u.Vectors), u.Languages)
	}
	for d := range u.Vectors {
		a, b := map[string]float64{}, map[string]float64{}
		for i, t := range u.Vectors[d].Terms {
			a[u.Vocab.Term(t)] = u.Vectors[d].Weights[i]
		}
		for i, t := range fresh.Vectors[d].Terms {
			b[fresh.Vocab.Term(t)] = fresh.Vectors[d].Weights[i]
		}
		if len(a) != len(b) {
			t.Fatalf("doc %d: %d terms, fresh %d", d, len(a), len(b))
		}
		for k, w := range b {
			if diff := a[k] - w; diff > 1e-12 || diff < -1e-12 {
				t.Fatalf("doc %d term %q: %g, fresh %g", d, k, a[k], w)
			}
		}
	}
	if _, err := s.Update(added, []int{0, 0}); err == nil {
		t.Fatal("two records in one place")
	}
}

// TestStoredNames checks that every field of Options and Weighting has
// an explicit JSON name: the index file stores them under those names,
// and a field without one would be stored under its Go name, and load
// as zero once renamed.
func TestStoredNames(t *testing.T) {
	for _, typ := range []reflect.Type{reflect.TypeFor[Options](), reflect.TypeFor[Weighting](), reflect.TypeFor[SpaceHeader]()} {
		seen := map[string]bool{}
		for i := range typ.NumField() {
			f := typ.Field(i)
			name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
			if name == "" || name == "-" {
				t.Errorf("%s.%s has no stored (JSON) name", typ.Name(), f.Name)
			}
			if seen[name] {
				t.Errorf("%s: stored name %q given twice", typ.Name(), name)
			}
			seen[name] = true
		}
	}
	// The names are part of the file format: they must not change.
	b, err := json.Marshal(SpaceHeader{Options: DefaultOptions(), Weighting: DefaultWeighting()})
	if err != nil {
		t.Fatal(err)
	}
	const want = `{"docs":0,"terms":0,"entries":0,"avg_len":0,"options":{"latex":true,"stop_words":true,"stem":true,"bigrams":true,"language":"","default_language":"english","title_weight":2,"keyword_weight":1,"fold_accents":true,"protect_words":true},"weighting":{"scheme":"tfidf","sublinear_tf":true,"smooth_idf":true,"k1":1.2,"b":0.75,"min_df":0,"idf_power":0.75,"bigram_weight":0.7,"query_idf_power":1},"languages":null}`
	if string(b) != want {
		t.Errorf("stored as\n%s\nwant\n%s", b, want)
	}
}

func unsafeBytes(words []uint64, n int) []byte {
	if n == 0 {
		return []byte{}
	}
	return unsafe.Slice((*byte)(unsafe.Pointer(&words[0])), n)
}
