package rank_test

import (
	"fmt"

	"github.com/related/related/corpus"
	"github.com/related/related/rank"
	"github.com/related/related/vectorize"
)

func Example() {
	records := []corpus.Record{
		{ID: "lasso", Abstract: "The square-root lasso is a pivotal estimator for sparse regression.", MSC: []string{"62J05"}},
		{ID: "ridge", Abstract: "Ridge regression shrinks the estimator of a linear model.", MSC: []string{"62J07"}},
		{ID: "heat", Abstract: "The heat equation on a Riemannian manifold.", MSC: []string{"58J35"}},
	}
	space := vectorize.Build(records, vectorize.DefaultOptions(), vectorize.DefaultWeighting())
	ix, err := rank.New(records, space)
	if err != nil {
		panic(err)
	}
	q := rank.DefaultQuery()
	q.Vector = space.Query("sparse regression estimators", "").Vector
	q.Codes = rank.CodeSet{Codes: []string{"62J05"}}
	q.K, q.ExplainTerms = 2, 3
	// Three words of text that other records have: the codes weigh
	// 0.45·2^(-3/16) = 0.39 of the score.
	results, err := ix.Search(q)
	if err != nil {
		panic(err)
	}
	for _, r := range results {
		fmt.Printf("%s %.3f", r.ID, r.Score)
		for _, t := range r.Terms {
			fmt.Printf(" %s", t.Word)
		}
		for _, c := range r.Codes {
			fmt.Printf(" [%s]", c.Shared)
		}
		fmt.Println()
	}
	// Output:
	// lasso 0.748 sparse estimator regression [62J05]
	// ridge 0.374 estimator regression [62Jxx]
}

func ExampleMSCSimilarity() {
	q := rank.CodeSet{Codes: []string{"65K10"}}
	for _, c := range []string{"65K10", "65K05", "65N30", "90C25"} {
		fmt.Printf("%s %.2f\n", c, rank.MSCSimilarity(q, rank.CodeSet{Codes: []string{c}}))
	}
	// Output:
	// 65K10 1.00
	// 65K05 0.50
	// 65N30 0.25
	// 90C25 0.00
}
