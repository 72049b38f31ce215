package vectorize

import (
	"reflect"
	"testing"

	"github.com/related/related/corpus"
)

// referenceAdd merges records into a vocabulary as AddRecords did before
// forms had keys: by their strings (Vocabulary.addForm), and returns the
// bags, terms in order of first appearance in the record.
func referenceAdd(an *Analyzer, v *Vocabulary, recs []corpus.Record) [][]int32 {
	var bags [][]int32
	for i := range recs {
		d := referenceRecordTerms(an, &recs[i])
		terms := make([]int32, len(d.counts))
		for _, p := range d.pairs {
			terms[p.termIndex] = v.addForm(p.term, p.word, p.n)
		}
		bags = append(bags, terms)
	}
	return bags
}

// TestAddRecordsCountsFormsByKey: the merge by keys (formCache) makes the
// vocabulary and bags that the merge by strings makes, batch after batch,
// two spaces sharing one analyzer, and a space whose vocabulary is
// replaced between two calls.
func TestAddRecordsCountsFormsByKey(t *testing.T) {
	recs := append(goldenRecords(), sharedRecords(t)...)
	an := NewAnalyzer(DefaultOptions())
	a := &Space{Analyzer: an, Vocab: NewVocabulary()}
	b := &Space{Analyzer: an, Vocab: NewVocabulary()}
	ref := NewVocabulary()
	var want [][]int32
	for lo := 0; lo < len(recs); lo += 7 {
		batch := recs[lo:min(lo+7, len(recs))]
		a.AddRecords(batch)
		b.AddRecords(batch[:1])
		want = append(want, referenceAdd(an, ref, batch)...)
	}
	checkSpaceTerms(t, "a", a, ref, want)

	// b's vocabulary is replaced: what it remembered of the old is void.
	b.Vocab, b.bags, b.Languages = NewVocabulary(), nil, nil
	b.AddRecords(recs)
	checkSpaceTerms(t, "b", b, ref, want)
}

func checkSpaceTerms(t *testing.T, name string, s *Space, ref *Vocabulary, want [][]int32) {
	t.Helper()
	if s.Vocab.Len() != ref.Len() {
		t.Fatalf("%s: %d terms, want %d", name, s.Vocab.Len(), ref.Len())
	}
	for id := range int32(ref.Len()) {
		if s.Vocab.Term(id) != ref.Term(id) || !reflect.DeepEqual(s.Vocab.forms(id), ref.forms(id)) {
			t.Fatalf("%s: term %d is %q %v, want %q %v", name, id, s.Vocab.Term(id), s.Vocab.forms(id), ref.Term(id), ref.forms(id))
		}
	}
	if len(s.bags) != len(want) {
		t.Fatalf("%s: %d bags, want %d", name, len(s.bags), len(want))
	}
	for d, terms := range want {
		got := map[int32]bool{}
		for _, id := range s.bags[d].Terms {
			got[id] = true
		}
		for _, id := range terms {
			if !got[id] || len(got) != len(terms) {
				t.Fatalf("%s: document %d has terms %v, want %v", name, d, s.bags[d].Terms, terms)
			}
		}
	}
}
