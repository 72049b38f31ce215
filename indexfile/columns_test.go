package indexfile

import (
	"fmt"
	"reflect"
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
