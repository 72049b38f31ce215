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
	q := space.Query("sparse regression estimators", "")
	results, err := ix.Search(rank.Query{
		Vector: q.Vector,
		Codes:  rank.CodeSet{Codes: []string{"62J05"}},
		K:      2, Lambda: 0.3, ExplainTerms: 3,
	})
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
	// lasso 0.690 sparse sparse regression estimator [62J05]
	// ridge 0.310 estimator regression [62Jxx]
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
