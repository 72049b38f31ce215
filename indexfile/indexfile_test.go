package indexfile

import (
	"encoding/binary"
	"errors"
	"hash/crc32"
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

func build(t *testing.T, recs []corpus.Record) *rank.Index {
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
	got, err := Load(path, Options{Bags: true})
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got.Records, ix.Records) {
		t.Fatal("records differ after the round trip")
	}
	if !reflect.DeepEqual(got.Space.Bags, ix.Space.Bags) || !reflect.DeepEqual(got.Space.Vectors, ix.Space.Vectors) ||
		!reflect.DeepEqual(got.Space.Languages, ix.Space.Languages) || !reflect.DeepEqual(got.Space.Model, ix.Space.Model) {
		t.Fatal("analysis differs after the round trip")
	}
	for id := range int32(ix.Space.Vocab.Len()) {
		if ix.Space.Vocab.Term(id) != got.Space.Vocab.Term(id) || ix.Space.Vocab.Word(id) != got.Space.Vocab.Word(id) {
			t.Fatalf("term %d differs", id)
		}
	}
	if got.Space.Analyzer.Options() != ix.Space.Analyzer.Options() {
		t.Fatal("options differ")
	}
	docs := make([]int, 0, 60)
	for d := 0; d < ix.Len(); d += max(1, ix.Len()/60) {
		docs = append(docs, d)
	}
	sameAnswers(t, ix, got, docs)
	// Writing the loaded index gives the same file.
	path2 := filepath.Join(t.TempDir(), "again.idx")
	if err := Write(path2, got); err != nil {
		t.Fatal(err)
	}
	a, _ := os.ReadFile(path)
	b, _ := os.ReadFile(path2)
	if string(a) != string(b) {
		t.Fatal("rewriting a loaded index changes the file")
	}
	info, err := Stat(path)
	if err != nil || info.Docs != ix.Len() || info.Terms != ix.Space.Vocab.Len() {
		t.Fatalf("Stat = %+v, %v", info, err)
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

func TestBadFiles(t *testing.T) {
	recs := testRecords(t, 300)
	path := writeTemp(t, build(t, recs))
	good, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	try := func(name string, data []byte, want string) {
		t.Helper()
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		for _, bags := range []bool{false, true} {
			if !bags && name == "corrupt-doc counts" {
				continue // read only with Bags
			}
			_, err := Load(p, Options{Bags: bags})
			if err == nil {
				t.Fatalf("%s: loaded without error", name)
			}
			if !errors.Is(err, ErrFormat) || !strings.Contains(err.Error(), want) {
				t.Fatalf("%s: error %q, want one saying %q", name, err, want)
			}
		}
	}
	mutate := func(f func(b []byte)) []byte {
		b := append([]byte(nil), good...)
		f(b)
		return b
	}
	try("empty", nil, "truncated")
	try("text", []byte("id,title\n1,hello\n"), "not a related index file")
	try("old-version", mutate(func(b []byte) { binary.LittleEndian.PutUint32(b[8:], 0) }), "version 0")
	try("new-version", mutate(func(b []byte) { binary.LittleEndian.PutUint32(b[8:], Version+1) }), "rebuild the index")
	try("header", mutate(func(b []byte) { b[20] ^= 1 }), "corrupt header")
	for _, cut := range []int{10, headerSize - 1, headerSize + 5, len(good) / 2, len(good) - 1} {
		try("truncated", good[:cut], "truncated")
	}
	// One flipped bit in every section.
	for k := 1; k <= numSections; k++ {
		e := good[16+24*(k-1):]
		off, n := binary.LittleEndian.Uint64(e[8:]), binary.LittleEndian.Uint64(e[16:])
		if n == 0 {
			continue
		}
		try("corrupt-"+sectionNames[k], mutate(func(b []byte) { b[off+n/2] ^= 0x10 }), "corrupt section "+sectionNames[k])
	}
	// A file whose checksums are right but whose content is not (as a
	// buggy writer could make): an error, not a panic.
	bad := mutate(func(b []byte) {
		e := b[16+24*(secPostDocs-1):]
		off, n := binary.LittleEndian.Uint64(e[8:]), binary.LittleEndian.Uint64(e[16:])
		binary.LittleEndian.PutUint32(b[off:], 1<<30)
		binary.LittleEndian.PutUint32(e[4:], crc32.ChecksumIEEE(b[off:off+n]))
		binary.LittleEndian.PutUint32(b[headerSize-4:], crc32.ChecksumIEEE(b[:headerSize-4]))
	})
	try("bad-postings", bad, "posting names document")
}

func TestAdd(t *testing.T) {
	recs := testRecords(t, 600)
	base, extra := recs[:500], recs[500:]
	path := writeTemp(t, build(t, base))
	old, err := Load(path, Options{Bags: true})
	if err != nil {
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
	if !reflect.DeepEqual(got.Records, want) {
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
	// Written and loaded again, it answers as it did.
	path2 := writeTemp(t, got)
	again, err := Load(path2, Options{})
	if err != nil {
		t.Fatal(err)
	}
	sameAnswers(t, got, again, []int{0, 3, 400, 550, 597})
	if d, ok := again.Lookup(base[3].ID); !ok || again.Records[d].Abstract != repl[0].Abstract {
		t.Fatal("replaced record not found with its new text")
	}
	if _, _, _, err := Add(again, added); err == nil {
		t.Fatal("Add on an index loaded without bags did not fail")
	}
}
