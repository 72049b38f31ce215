package indexfile

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/related/related/corpus"
	"github.com/related/related/rank"
)

// TestColumnsRecord: records read from their columns, in any order (from
// the mark before them), are the records written, and their keys are the
// records' own; a column the file lacks leaves its field empty.
func TestColumnsRecord(t *testing.T) {
	var recs []corpus.Record
	for i := range 3*markEvery + 5 {
		r := corpus.Record{ID: fmt.Sprintf("r%d", i), Title: fmt.Sprintf("Title %d", i), Year: 1990 + i%7 - 3*(i%2)}
		if i%3 == 0 {
			r.Abstract = fmt.Sprintf("An abstract of record %d, é and ∂.", i)
			r.MSC = []string{"65K10", fmt.Sprintf("%02dA05", i%99)}
			r.PrimaryMSC = "65K10"
		}
		if i%4 == 1 {
			r.Authors = []string{"Ada Lovelace", "", fmt.Sprintf("Author %d", i)}
			r.References = []string{fmt.Sprintf("doi:10.1/%d", i/2)}
			r.Identifiers = []string{fmt.Sprintf("arXiv:2101.%05d", i)}
		}
		if i%5 == 2 {
			r.Categories = []string{"math.OC"}
			r.Origin = corpus.Position{File: "a.jsonl", Line: i + 1, N: i}
		}
		recs = append(recs, r)
	}
	var w memWriter
	if err := writeRecords(&w, recs); err != nil {
		t.Fatal(err)
	}
	cols, err := readRecords(&w, len(recs))
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range []int{len(recs) - 1, 0, markEvery, markEvery - 1, 2*markEvery + 7, 1, 50} {
		if got := cols.Record(d); !reflect.DeepEqual(got, recs[d]) {
			t.Errorf("record %d:\n got %+v\nwant %+v", d, got, recs[d])
		}
	}
	for d := range recs {
		if got, want := cols.Keys(d), rank.RecordSlice(recs).Keys(d); !reflect.DeepEqual(got, want) {
			t.Errorf("keys %d: %+v, want %+v", d, got, want)
		}
	}
	if got := cols.Records(); !reflect.DeepEqual(got, recs) {
		t.Errorf("Records differ from the records written")
	}
	// A text section past 4 GB keeps its offsets in 64 bits.
	defer func(m uint64) { maxOffset32 = m }(maxOffset32)
	maxOffset32 = 0
	if cols, err = readRecords(&w, len(recs)); err != nil {
		t.Fatal(err)
	}
	for d := range recs {
		if got, want := cols.Keys(d), rank.RecordSlice(recs).Keys(d); !reflect.DeepEqual(got, want) || cols.ID(d) != want.ID {
			t.Errorf("64-bit offsets: keys %d: %+v, want %+v", d, got, want)
		}
	}
	delete(w.data, columnName(&recordFields[1])) // title
	cols, err = readRecords(&w, len(recs))
	if err != nil {
		t.Fatal(err)
	}
	want := recs[3]
	want.Title = ""
	if got := cols.Record(3); !reflect.DeepEqual(got, want) {
		t.Errorf("without the title column: %+v", got)
	}
}

// TestColumnsRefuseDamage: string lengths whose sum wraps round, though
// it ends at the text's length, are refused when the file is opened, as
// are ids given twice when it is opened with Verify (without, the first
// document of an id answers).
func TestColumnsRefuseDamage(t *testing.T) {
	var w memWriter
	recs := []corpus.Record{{ID: "a"}, {ID: "b"}, {ID: "c"}}
	if err := writeRecords(&w, recs); err != nil {
		t.Fatal(err)
	}
	lens := []byte{'s'}
	for _, n := range []uint64{5, 1<<64 - 5, 5} {
		lens = binary.AppendUvarint(lens, n)
	}
	w.data[columnName(&recordFields[1])] = bytes.NewBuffer(lens)
	w.data[textName(&recordFields[1])] = bytes.NewBufferString("abcde")
	if _, err := readRecords(&w, len(recs)); err == nil || !strings.Contains(err.Error(), "beyond the text") {
		t.Errorf("lengths wrapping round: %v", err)
	}

	recs = []corpus.Record{
		{ID: "a1", Abstract: "Proximal gradient methods for convex problems."},
		{ID: "b2", Abstract: "Stochastic partial differential equations with noise."},
		{ID: "c3", Abstract: "Subgradients of convex functions and proximal maps."},
	}
	good, err := os.ReadFile(writeTemp(t, build(t, recs)))
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "dup.idx")
	if err := os.WriteFile(path, rewriteSection(t, good, textName(&recordFields[0]), func(b []byte) { copy(b[2:4], "a1") }), 0o666); err != nil {
		t.Fatal(err)
	}
	if _, err := Open(path, Options{Verify: true}); !errors.Is(err, ErrFormat) || !strings.Contains(err.Error(), `duplicate id "a1"`) {
		t.Errorf("verified: %v", err)
	}
	ix, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer Close(ix)
	if d, ok := ix.Lookup("a1"); !ok || d != 0 {
		t.Errorf("unverified: a1 is document %d, %v", d, ok)
	}
}
