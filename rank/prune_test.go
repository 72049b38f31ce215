package rank

import (
	"reflect"
	"testing"

	"github.com/related/related/internal/synth"
	"github.com/related/related/vectorize"
)

// TestPrunedSearchIsExact forces pruning on a small collection (terms in
// more than 20 documents are left out of the accumulation) and checks
// that every result, score and explanation is the full walk's.
func TestPrunedSearchIsExact(t *testing.T) {
	dir := synth.DataDir()
	if dir == "" {
		t.Skip("no shared data directory")
	}
	recs, err := synth.Records(dir, 1500, 3)
	if err != nil {
		t.Fatal(err)
	}
	ix, err := New(recs, vectorize.Build(recs, vectorize.DefaultOptions(), vectorize.DefaultWeighting()))
	if err != nil {
		t.Fatal(err)
	}
	ix.pruneAt = 20
	for _, lambda := range []float64{0, 0.3, 0.9} {
		for _, k := range []int{1, 10} {
			for d := 0; d < ix.Len(); d += 7 {
				q := Query{K: k, Lambda: lambda, ExplainTerms: 3}
				got, err := ix.Similar(d, q)
				if err != nil {
					t.Fatal(err)
				}
				q.noPrune = true
				want, _ := ix.Similar(d, q)
				if !reflect.DeepEqual(got, want) {
					t.Fatalf("doc %d, λ=%g, k=%d: pruned\n%+v\nfull\n%+v", d, lambda, k, got, want)
				}
			}
			for _, text := range []string{"stochastic partial differential equations", "the proof of the theorem", "finite element method"} {
				v := ix.Space.Query(text, "").Vector
				got, _ := ix.Search(Query{Vector: v, K: k, Lambda: lambda})
				want, _ := ix.Search(Query{Vector: v, K: k, Lambda: lambda, noPrune: true})
				if !reflect.DeepEqual(got, want) {
					t.Fatalf("query %q differs when pruned", text)
				}
			}
		}
	}
}
