package eval

import (
	"math"
	"reflect"
	"strings"
	"testing"

	"github.com/related/related/corpus"
	"github.com/related/related/rank"
	"github.com/related/related/vectorize"
)

func embeddedIndex(t *testing.T) *rank.Index {
	t.Helper()
	// The talk corpus the root package embeds, read from its file (the
	// root package imports this one).
	dec, err := corpus.Open("../../testdata/talks.txt", corpus.FormatAuto)
	if err != nil {
		t.Fatal(err)
	}
	defer dec.Close()
	c := corpus.NewCollector()
	if err := c.ReadAll(dec); err != nil {
		t.Fatal(err)
	}
	ix, err := rank.New(c.Records, vectorize.Build(c.Records, vectorize.DefaultOptions(), vectorize.DefaultWeighting()))
	if err != nil {
		t.Fatal(err)
	}
	return ix
}

const (
	logistic  = "talk-46c6396e5a"
	perturbed = "talk-e58efbfb4b"
	backprop  = "talk-258f2deb7a"
	burer     = "talk-879599ad93"
	sqrtLasso = "talk-65a83157dd"
)

// With the defaults, `similar` on the logistic-loss talk lists the
// backpropagation talk, then the perturbed optimizers, then Burer-Monteiro
// and the square-root lasso (rank's seed checks). Judged with the
// perturbed optimizers at grade 3 and the backpropagation talk at 1, the
// list's gains are 1, 3, 0, 0.
func TestJudged(t *testing.T) {
	ix := embeddedIndex(t)
	qrels := "query_id doc_id grade\n" +
		logistic + "_method " + perturbed + " 3\n" +
		logistic + "_method " + backprop + " 1\n" +
		logistic + "_method missing-doc 0\n" +
		"nope_method " + backprop + " 2\n"
	j, err := ReadQrels(strings.NewReader(qrels), "q")
	if err != nil {
		t.Fatal(err)
	}
	ndcg := (1 + 3/math.Log2(3)) / (3 + 1/math.Log2(3))
	for _, pool := range []bool{false, true} {
		var lists [][]Ranked
		rep, err := Judged(ix, j, JudgedOptions{Base: rank.DefaultQuery(), Pool: pool, Rel: 2,
			Run: func(q string, r []Ranked) { lists = append(lists, r) }})
		if err != nil {
			t.Fatal(err)
		}
		if rep.Queries != 1 || !reflect.DeepEqual(rep.Unresolved, []string{"nope_method"}) || rep.MissingDocs != 1 {
			t.Fatalf("pool %v: %+v", pool, rep)
		}
		if math.Abs(rep.NDCG10.Mean-ndcg) > 1e-12 || rep.P5.Mean != 0.2 || rep.MRR.Mean != 0.5 {
			t.Errorf("pool %v: nDCG %v (want %v), P@5 %v (want 0.2), MRR %v (want 0.5)", pool, rep.NDCG10.Mean, ndcg, rep.P5.Mean, rep.MRR.Mean)
		}
		var got []string
		for _, r := range lists[0] {
			got = append(got, r.ID)
		}
		want := []string{backprop, perturbed, burer, sqrtLasso}
		if pool {
			want = want[:2] // only the judged records
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("pool %v: list %v, want %v", pool, got, want)
		}
	}
	// Free text: the title field is empty in the talk dump.
	if _, err := Judged(ix, j, JudgedOptions{Base: rank.DefaultQuery(), FreeText: "title", Rel: 2}); err == nil || !strings.Contains(err.Error(), "1 have no title") {
		t.Errorf("free text on records without titles: %v", err)
	}
	rep, err := Judged(ix, j, JudgedOptions{Base: rank.DefaultQuery(), FreeText: "abstract", Rel: 2})
	if err != nil || rep.Input != "free text (abstract)" || rep.Queries != 1 {
		t.Errorf("free text abstract: %+v %v", rep, err)
	}
}
