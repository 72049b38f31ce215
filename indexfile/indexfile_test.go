package indexfile

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/related/related/corpus"
	"github.com/related/related/internal/synth"
	"github.com/related/related/rank"
	"github.com/related/related/vectorize"
)

// testRecords are records from the shared data when present (resampled),
// else the module's own test corpus.
func testRecords(t *testing.T, n int) []corpus.Record {
	t.Helper()
	if dir := synth.DataDir(); dir != "" {
		recs, err := synth.Records(dir, n, 7)
		if err != nil {
			t.Fatal(err)
		}
		return recs
	}
	recs, _, err := corpus.LoadFiles([]string{"../corpus/testdata/records.jsonl"}, corpus.FormatAuto)
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) < n {
		t.Skipf("needs %d records: ../shared/data is absent and the module's own test corpus has %d", n, len(recs))
	}
	return recs
}

func build(t testing.TB, recs []corpus.Record) *rank.Index {
	t.Helper()
	sp := vectorize.Build(recs, vectorize.DefaultOptions(), vectorize.DefaultWeighting())
	ix, err := rank.New(recs, sp)
	if err != nil {
		t.Fatal(err)
	}
	return ix
}

func writeTemp(t *testing.T, ix *rank.Index) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "test.idx")
	if err := Write(path, ix); err != nil {
		t.Fatal(err)
	}
	return path
}

func sameAnswers(t *testing.T, a, b *rank.Index, docs []int) {
	t.Helper()
	for _, lambda := range []float64{0, 0.3} {
		for _, d := range docs {
			q := rank.Query{K: 10, Lambda: lambda, ExplainTerms: 5}
			ra, err := a.Similar(d, q)
			if err != nil {
				t.Fatal(err)
			}
			rb, err := b.Similar(d, q)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(ra, rb) {
				t.Fatalf("similar(%d, λ=%g) differ:\n%+v\n%+v", d, lambda, ra, rb)
			}
		}
		for _, text := range []string{"convex optimization", "stochastic partial differential equations", "modular forms and the Riemann hypothesis", "zzzz"} {
			qa, qb := a.Space.Query(text, ""), b.Space.Query(text, "")
			if !reflect.DeepEqual(qa, qb) {
				t.Fatalf("query %q analysed differently: %+v / %+v", text, qa, qb)
			}
			ra, _ := a.Search(rank.Query{Vector: qa.Vector, K: 10, Lambda: lambda, ExplainTerms: 5})
			rb, _ := b.Search(rank.Query{Vector: qb.Vector, K: 10, Lambda: lambda, ExplainTerms: 5})
			if !reflect.DeepEqual(ra, rb) {
				t.Fatalf("search %q differs", text)
			}
		}
	}
}

func TestRoundTrip(t *testing.T) {
	recs := testRecords(t, 1500)
	ix := build(t, recs)
	path := writeTemp(t, ix)
	for _, opt := range []Options{{}, {Verify: true}, {InMemory: true}} {
		got, err := Open(path, opt)
		if err != nil {
			t.Fatal(err)
		}
		defer Close(got)
		if !reflect.DeepEqual(got.Records(), ix.Records()) {
			t.Fatal("records differ after the round trip")
		}
		gs, is := got.Space, ix.Space
		if !reflect.DeepEqual(gs.Vectors, is.Vectors) || !reflect.DeepEqual(gs.Languages, is.Languages) {
			t.Fatal("vectors differ after the round trip")
		}
		gm, im := gs.Model, is.Model
		if gm.Weighting != im.Weighting || gm.N != im.N || gm.AvgLen != im.AvgLen || !reflect.DeepEqual(gm.DF, im.DF) {
			t.Fatal("model differs after the round trip")
		}
		if gs.Vocab.Len() != is.Vocab.Len() {
			t.Fatalf("%d terms, want %d", gs.Vocab.Len(), is.Vocab.Len())
		}
		for id := range int32(is.Vocab.Len()) {
			term := is.Vocab.Term(id)
			if term != gs.Vocab.Term(id) || is.Vocab.Word(id) != gs.Vocab.Word(id) || is.Vocab.IsPair(id) != gs.Vocab.IsPair(id) {
				t.Fatalf("term %d differs", id)
			}
			if back, ok := gs.Vocab.ID(term); !ok || back != id {
				t.Fatalf("term %q looked up as %d, %v", term, back, ok)
			}
		}
		if _, ok := gs.Vocab.ID("no such term"); ok {
			t.Fatal("unknown term found")
		}
		if gs.Analyzer.Options() != is.Analyzer.Options() {
			t.Fatal("options differ")
		}
		docs := make([]int, 0, 60)
		for d := 0; d < ix.Len(); d += max(1, ix.Len()/60) {
			docs = append(docs, d)
		}
		sameAnswers(t, ix, got, docs)
		// Writing the opened index gives the same file.
		path2 := filepath.Join(t.TempDir(), "again.idx")
		if err := Write(path2, got); err != nil {
			t.Fatal(err)
		}
		a, _ := os.ReadFile(path)
		b, _ := os.ReadFile(path2)
		if string(a) != string(b) {
			t.Fatal("rewriting an opened index changes the file")
		}
	}
	info, err := Stat(path)
	if err != nil || info.Docs != ix.Len() || info.Terms != ix.Space.Vocab.Len() || info.Version != FormatVersion || info.FeatureVersion != FeatureVersion {
		t.Fatalf("Stat = %+v, %v", info, err)
	}
	if err := Verify(path); err != nil {
		t.Fatal(err)
	}
}

// TestSearchIsExact compares the pruned search with scoring every
// document.
func TestSearchIsExact(t *testing.T) {
	recs := testRecords(t, 800)
	ix := build(t, recs)
	const lambda = 0.3
	for d := 0; d < ix.Len(); d += 37 {
		got, err := ix.Similar(d, rank.Query{K: 10, Lambda: lambda})
		if err != nil {
			t.Fatal(err)
		}
		type sc struct {
			id    string
			score float64
		}
		var all []sc
		qv, qc := ix.Space.Vectors[d], ix.Codes(d)
		for e := range ix.Len() {
			if e == d {
				continue
			}
			cos := qv.Dot(ix.Space.Vectors[e])
			s := cos
			if len(qc.Codes) > 0 {
				s = (1-lambda)*cos + lambda*rank.MSCSimilarity(qc, ix.Codes(e))
			}
			if s > 0 {
				all = append(all, sc{recs[e].ID, s})
			}
		}
		sort.Slice(all, func(i, j int) bool {
			if all[i].score != all[j].score {
				return all[i].score > all[j].score
			}
			return all[i].id < all[j].id
		})
		if len(all) > 10 {
			all = all[:10]
		}
		if len(got) != len(all) {
			t.Fatalf("doc %d: %d results, brute force %d", d, len(got), len(all))
		}
		for i := range got {
			// Postings hold float32 weights: scores agree to rounding.
			if diff := got[i].Score - all[i].score; diff > 1e-6 || diff < -1e-6 {
				t.Fatalf("doc %d rank %d: %s %.9f, brute force %s %.9f", d, i, got[i].ID, got[i].Score, all[i].id, all[i].score)
			}
		}
	}
}

// rewriteSection returns a copy of an index file with a section changed
// and every checksum made right again: a file as a buggy writer could
// make it.
func rewriteSection(t *testing.T, good []byte, name string, change func(b []byte)) []byte {
	t.Helper()
	f, err := openBytes("x", good, false)
	if err != nil {
		t.Fatal(err)
	}
	out := append([]byte(nil), good[:f.tocPos.off]...)
	s := f.toc[name]
	change(out[s.off : s.off+s.len])
	w := &writer{}
	for _, e := range sortedTOC(f) {
		e.crc = crc32.ChecksumIEEE(out[e.off : e.off+e.len])
		w.toc = append(w.toc, e)
	}
	var buf bytes.Buffer
	w.w = newPipeWriter(&buf)
	defer w.close()
	w.off = f.tocPos.off
	w.cur = -1
	h, err := w.finish()
	if err != nil {
		t.Fatal(err)
	}
	out = append(out, buf.Bytes()...)
	copy(out, h)
	return out
}

func sortedTOC(f *file) []section {
	var out []section
	for _, s := range f.toc {
		out = append(out, s)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].off < out[j].off })
	return out
}

// exercise runs searches that read every posting list and vector of the
// index: on a damaged file they may fail, never panic.
func exercise(ix *rank.Index) error {
	for d := range ix.Len() {
		if _, err := ix.Similar(d, rank.DefaultQuery()); err != nil {
			return err
		}
		// Records are decoded when asked for: every one must decode.
		if r := ix.Record(d); r.ID != ix.ID(d) {
			return fmt.Errorf("record %d: id %q, index %q", d, r.ID, ix.ID(d))
		}
		if _, ok := ix.Lookup(ix.ID(d)); !ok {
			return fmt.Errorf("record %d: id %q not found", d, ix.ID(d))
		}
	}
	q := rank.DefaultQuery()
	q.Vector = ix.Space.Query("convex optimization of stochastic equations", "").Vector
	_, err := ix.Search(q)
	return err
}

func TestBadFiles(t *testing.T) {
	recs := testRecords(t, 300)
	path := writeTemp(t, build(t, recs))
	good, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	try := func(name string, data []byte, want string) {
		t.Helper()
		p := write(name, data)
		for _, opt := range []Options{{}, {Verify: true}, {InMemory: true}} {
			_, err := Open(p, opt)
			if err == nil {
				t.Fatalf("%s: opened without error (%+v)", name, opt)
			}
			if !errors.Is(err, ErrFormat) || !strings.Contains(err.Error(), want) {
				t.Fatalf("%s: error %q, want one saying %q", name, err, want)
			}
		}
		if _, err := Stat(p); err == nil {
			t.Fatalf("%s: Stat without error", name)
		}
	}
	mutate := func(f func(b []byte)) []byte {
		b := append([]byte(nil), good...)
		f(b)
		return b
	}
	fixHeader := func(b []byte) { binary.LittleEndian.PutUint32(b[headerSize-4:], crc32.ChecksumIEEE(b[:headerSize-4])) }
	try("empty", nil, "truncated")
	try("text", []byte("id,title\n1,hello\n"), "not a related index file")
	try("old-version", mutate(func(b []byte) { binary.LittleEndian.PutUint32(b[8:], 0) }), "version 0")
	try("new-version", mutate(func(b []byte) { binary.LittleEndian.PutUint32(b[8:], FormatVersion+1) }), "upgrade related")
	try("new-features", mutate(func(b []byte) { binary.LittleEndian.PutUint32(b[16:], FeatureVersion+1); fixHeader(b) }), "needs feature version")
	try("old-features", mutate(func(b []byte) { binary.LittleEndian.PutUint32(b[12:], readMinFeature-1); fixHeader(b) }), "rebuild the index")
	try("header", mutate(func(b []byte) { b[26] ^= 1 }), "corrupt header")
	try("toc", mutate(func(b []byte) { b[len(b)-3] ^= 1 }), "corrupt table of contents")
	for _, cut := range []int{10, headerSize - 1, headerSize + 5, len(good) / 2, len(good) - 1} {
		try("truncated", good[:cut], "truncated")
	}

	f, err := openBytes(path, good, false)
	if err != nil {
		t.Fatal(err)
	}
	// One flipped bit in every section: an error when opening for the
	// sections read whole, and with Verify for all; the sections used in
	// place may give other answers without Verify, never a panic.
	for _, s := range sortedTOC(f) {
		if s.len == 0 {
			continue
		}
		p := write("corrupt-"+s.name, mutate(func(b []byte) { b[s.off+s.len/2] ^= 0x10 }))
		want := "corrupt section " + s.name
		if _, err := Open(p, Options{Verify: true}); err == nil || !errors.Is(err, ErrFormat) || !strings.Contains(err.Error(), want) {
			t.Fatalf("%s, verified: error %v, want one saying %q", s.name, err, want)
		}
		ix, err := Open(p, Options{})
		if err != nil {
			if !errors.Is(err, ErrFormat) || !strings.Contains(err.Error(), want) {
				t.Fatalf("%s: error %v, want one saying %q", s.name, err, want)
			}
			continue
		}
		if err := exercise(ix); err != nil && !errors.Is(err, ErrFormat) {
			t.Fatalf("%s: search error %v", s.name, err)
		}
		Close(ix)
	}
	if len(sortedTOC(f)) < 20 {
		t.Fatalf("only %d sections", len(f.toc))
	}

	// Files whose checksums are right but whose contents are not (as a
	// buggy writer could make): errors, not panics.
	bad := func(name, section string, change func(b []byte), want string) {
		t.Helper()
		p := write(name, rewriteSection(t, good, section, change))
		_, err := Open(p, Options{Verify: true})
		if err == nil || !errors.Is(err, ErrFormat) || !strings.Contains(err.Error(), want) {
			t.Fatalf("%s, verified: error %v, want one saying %q", name, err, want)
		}
		ix, err := Open(p, Options{})
		if err != nil {
			if !errors.Is(err, ErrFormat) || !strings.Contains(err.Error(), want) {
				t.Fatalf("%s: error %v, want one saying %q", name, err, want)
			}
			return
		}
		defer Close(ix)
		err = exercise(ix)
		if err != nil && !errors.Is(err, ErrFormat) {
			t.Fatalf("%s: search error %v", name, err)
		}
		// Writing it again must not carry the damage on.
		if werr := Write(filepath.Join(dir, "rewritten.idx"), ix); werr == nil && err != nil {
			t.Fatalf("%s: a damaged index was written again", name)
		}
	}
	put32 := func(v uint32) func(b []byte) { return func(b []byte) { binary.LittleEndian.PutUint32(b, v) } }
	bad("bad-postings", "postings.docs", put32(1<<30), "postings")
	bad("bad-doc-terms", "doc.terms", put32(1<<30), "doc.terms")
	bad("negative-doc-terms", "doc.terms", put32(0xdeadbeef), "doc.terms") // found by FuzzOpen
	bad("bad-doc-starts", "doc.starts", func(b []byte) { binary.LittleEndian.PutUint64(b[8:], 1<<40) }, "doc.starts")
	bad("bad-term-starts", "postings.starts", func(b []byte) { binary.LittleEndian.PutUint64(b[8:], 1<<40) }, "postings.starts")
	bad("bad-vocab-order", "vocab.order", put32(1<<30), "vocab.order")
	bad("bad-vocab-starts", "vocab.starts", func(b []byte) { binary.LittleEndian.PutUint64(b[8:], 1<<40) }, "vocab.starts")
	bad("bad-language", "doc.languages", func(b []byte) { b[0] = 200 }, "doc.languages")
	bad("bad-id-lengths", "record.id", func(b []byte) { b[1] = 0x7f }, "record.id")
	bad("bad-kind", "record.year", func(b []byte) { b[0] = 's' }, "another kind")
	bad("bad-meta", "meta", func(b []byte) { b[0] = '[' }, "meta")
}

func TestAdd(t *testing.T) {
	recs := testRecords(t, 600)
	base, extra := recs[:500], recs[500:]
	path := writeTemp(t, build(t, base))
	old, err := Open(path, Options{Bags: true})
	if err != nil {
		t.Fatal(err)
	}
	oldTerms := old.Space.Vocab.Len()
	before := filepath.Join(t.TempDir(), "before.idx")
	if err := Write(before, old); err != nil {
		t.Fatal(err)
	}
	// Replace two records (new text, same id) and add the rest.
	repl := []corpus.Record{extra[0], extra[1]}
	repl[0].ID, repl[1].ID = base[3].ID, base[400].ID
	added := append(repl, extra[2:]...)
	got, nAdded, nReplaced, err := Add(old, added)
	if err != nil {
		t.Fatal(err)
	}
	if nAdded != 98 || nReplaced != 2 {
		t.Fatalf("added %d, replaced %d; want 98, 2", nAdded, nReplaced)
	}
	want := append([]corpus.Record(nil), base...)
	want[3], want[400] = repl[0], repl[1]
	want = append(want, extra[2:]...)
	if !reflect.DeepEqual(got.Records(), want) {
		t.Fatal("records after Add are not the old ones with two replaced and the new ones appended")
	}
	// Same weights as analysing everything from scratch: the vocabulary
	// keeps the replaced records' terms (with df 0), so compare by term.
	fresh := build(t, want)
	for d := range want {
		gv, fv := got.Space.Vectors[d], fresh.Space.Vectors[d]
		if len(gv.Terms) != len(fv.Terms) {
			t.Fatalf("doc %d: %d terms, fresh %d", d, len(gv.Terms), len(fv.Terms))
		}
		gm, fm := map[string]float64{}, map[string]float64{}
		for i, t := range gv.Terms {
			gm[got.Space.Vocab.Term(t)] = gv.Weights[i]
		}
		for i, t := range fv.Terms {
			fm[fresh.Space.Vocab.Term(t)] = fv.Weights[i]
		}
		for k, w := range fm {
			if diff := gm[k] - w; diff > 1e-12 || diff < -1e-12 {
				t.Fatalf("doc %d term %q: weight %g, fresh %g", d, k, gm[k], w)
			}
		}
	}
	// The old index is as it was (copy on add): same vocabulary, and
	// written again, the same file.
	if old.Space.Vocab.Len() != oldTerms {
		t.Fatalf("Add changed the old index's vocabulary: %d terms, was %d", old.Space.Vocab.Len(), oldTerms)
	}
	after := filepath.Join(t.TempDir(), "after.idx")
	if err := Write(after, old); err != nil {
		t.Fatal(err)
	}
	a, _ := os.ReadFile(before)
	b, _ := os.ReadFile(after)
	if !bytes.Equal(a, b) {
		t.Fatal("Add changed the old index")
	}
	// The new index shares nothing with the old one's mapping: it works
	// after the old one is closed and its file removed.
	answers := func() []rank.Result {
		var all []rank.Result
		for _, d := range []int{0, 3, 400, 550, 597} {
			res, err := got.Similar(d, rank.DefaultQuery())
			if err != nil {
				t.Fatal(err)
			}
			all = append(all, res...)
		}
		return all
	}
	first := answers()
	if err := Close(old); err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(path); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(answers(), first) {
		t.Fatal("the new index answers differently once the old one is closed")
	}
	// Written and opened again, it answers as it did.
	path2 := writeTemp(t, got)
	again, err := Open(path2, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer Close(again)
	sameAnswers(t, got, again, []int{0, 3, 400, 550, 597})
	if d, ok := again.Lookup(base[3].ID); !ok || again.Record(d).Abstract != repl[0].Abstract {
		t.Fatal("replaced record not found with its new text")
	}
	if _, _, _, err := Add(again, []corpus.Record{extra[5], extra[5]}); err == nil {
		t.Fatal("Add of an id given twice did not fail")
	}
}

// TestRecordFieldsStored fails when corpus.Record gains a field that is
// neither stored (recordFields) nor deliberately left out
// (recordFieldsNotStored): such a field would load empty, silently.
func TestRecordFieldsStored(t *testing.T) {
	var r corpus.Record
	n := 0
	var fill func(v reflect.Value, path string)
	var paths []string
	fill = func(v reflect.Value, path string) {
		for i := range v.NumField() {
			f := v.Type().Field(i)
			p := path + f.Name
			if _, skip := recordFieldsNotStored[p]; skip || !f.IsExported() {
				continue
			}
			fv := v.Field(i)
			n++
			switch {
			case fv.Kind() == reflect.String:
				fv.SetString(fmt.Sprintf("v%d", n))
			case fv.Kind() == reflect.Slice && fv.Type().Elem().Kind() == reflect.String:
				fv.Set(reflect.ValueOf([]string{fmt.Sprintf("a%d", n), "", fmt.Sprintf("b%d", n)}))
			case fv.Kind() >= reflect.Int && fv.Kind() <= reflect.Int64:
				fv.SetInt(int64(-n * 1000))
			case fv.Kind() == reflect.Struct:
				n--
				fill(fv, p+".")
				continue
			default:
				t.Errorf("corpus.Record.%s: a %s, which the index file has no column kind for", p, fv.Type())
			}
			paths = append(paths, p)
		}
	}
	fill(reflect.ValueOf(&r).Elem(), "")
	names := map[string]bool{}
	for _, f := range recordFields {
		if names[f.name] {
			t.Errorf("stored name %q used twice", f.name)
		}
		names[f.name] = true
	}
	recs := []corpus.Record{r, {ID: "second"}}
	var w memWriter
	if err := writeRecords(&w, recs); err != nil {
		t.Fatal(err)
	}
	got, err := readRecords(&w, len(recs))
	if err != nil {
		t.Fatal(err)
	}
	gv, wv := reflect.ValueOf(got.Record(0)), reflect.ValueOf(r)
	for _, p := range paths {
		g, w := gv, wv
		for _, name := range strings.Split(p, ".") {
			g, w = g.FieldByName(name), w.FieldByName(name)
		}
		if !reflect.DeepEqual(g.Interface(), w.Interface()) {
			t.Errorf("corpus.Record.%s is not stored: add it to recordFields (records.go) under a new stored name, or to recordFieldsNotStored with the reason", p)
		}
	}
	if !reflect.DeepEqual(got.Record(1), recs[1]) {
		t.Errorf("a record with only an id: %+v", got.Record(1))
	}
}

// memWriter holds sections in memory; it is also their reader.
type memWriter struct {
	names []string
	data  map[string]*bytes.Buffer
}

func (m *memWriter) Section(name string) io.Writer {
	if m.data == nil {
		m.data = map[string]*bytes.Buffer{}
	}
	m.names = append(m.names, name)
	m.data[name] = &bytes.Buffer{}
	return m.data[name]
}

func (m *memWriter) Read(name string) ([]byte, bool, error) {
	b, ok := m.data[name]
	if !ok {
		return nil, false, nil
	}
	return b.Bytes(), true, nil
}

func (m *memWriter) Map(name string) ([]byte, bool, error) { return m.Read(name) }
func (m *memWriter) Strict() bool                          { return true }
