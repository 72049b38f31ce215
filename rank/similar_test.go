package rank

import (
	"math"
	"os"
	"reflect"
	"testing"

	"github.com/related/related/corpus"
	"github.com/related/related/vectorize"
)

// Similar gives Search's lists, to the last bit, on real corpora and
// with every kind of query: defaults (falling code weight, suggested
// codes, references), fixed weights, text only, codes only, a code prefix,
// folding, diversifying.
func TestSimilarMatchesSearch(t *testing.T) {
	type set struct {
		name string
		recs []corpus.Record
	}
	sets := []set{{"embedded", embedded(t).Records}}
	for _, name := range []string{"eval_msc_gold.jsonl", "mathscinet_spdes_bib_titles.jsonl", "arxiv_daily_mathnt_rt_abstracts.jsonl", "csfcube/corpus.jsonl"} {
		path := "../../shared/data/" + name
		if _, err := os.Stat(path); err != nil {
			t.Logf("%s absent: skipped", path)
			continue
		}
		c := corpus.NewCollector()
		f, err := corpus.Open(path, corpus.FormatAuto)
		if err != nil {
			t.Fatal(err)
		}
		if err := c.ReadAll(f); err != nil {
			t.Fatal(err)
		}
		f.Close()
		sets = append(sets, set{name, c.Records})
	}
	// References, to exercise the third term: every record cites the
	// record 7 places on, and the first of its ten.
	withRefs := func(recs []corpus.Record) []corpus.Record {
		out := make([]corpus.Record, len(recs))
		copy(out, recs)
		for i := range out {
			out[i].References = []string{"doi:10.1/x" + recs[(i+7)%len(recs)].ID, "doi:10.1/y" + recs[(i/10)*10].ID}
		}
		return out
	}
	d := DefaultQuery()
	fixed, text, codes, prefix, div, plain := d, d, d, d, d, d
	fixed.Lambda, fixed.LambdaWords = 0.3, 0
	text.Lambda, text.RefWeight, text.SuggestCodes = 0, 0, false
	codes.Lambda, codes.LambdaWords = 1, 0
	prefix.MSCPrefix = "60"
	div.Diversify = 0.7
	plain.Collapse = 0
	queries := []Query{d, fixed, text, codes, prefix, div, plain}
	for _, st := range sets {
		for _, refs := range []bool{false, true} {
			recs := st.recs
			if refs {
				recs = withRefs(recs)
			}
			ix, err := New(recs, vectorize.Build(recs, vectorize.DefaultOptions(), vectorize.DefaultWeighting()))
			if err != nil {
				t.Fatal(err)
			}
			step := max(1, ix.Len()/100)
			var docs []int
			for doc := 0; doc < ix.Len(); doc += step {
				docs = append(docs, doc)
			}
			for qi, q := range queries {
				for _, doc := range docs {
					// Search scores every document that shares something.
					want, err := ix.Search(ix.SimilarQuery(doc, q))
					if err != nil {
						t.Fatal(err)
					}
					one, err := ix.Similar(doc, q)
					if err != nil {
						t.Fatal(err)
					}
					if !sameResults(one, want) {
						t.Fatalf("%s (refs %v), doc %d, query %d:\nsimilar %v\nsearch  %v", st.name, refs, doc, qi, summary(one), summary(want))
					}
				}
			}
			t.Logf("%s (refs %v): %d lists identical", st.name, refs, len(docs)*len(queries))
		}
	}
}

func sameResults(a, b []Result) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i].ID != b[i].ID || math.Float64bits(a[i].Score) != math.Float64bits(b[i].Score) ||
			!reflect.DeepEqual(a[i].Also, b[i].Also) || !reflect.DeepEqual(a[i].Terms, b[i].Terms) {
			return false
		}
	}
	return true
}

func summary(rs []Result) []string {
	out := make([]string, len(rs))
	for i, r := range rs {
		out[i] = r.ID
	}
	return out
}
