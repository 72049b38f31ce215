package related_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/related/related"
	"github.com/related/related/corpus"
)

// The talks related to a talk of the embedded corpus, and why.
func Example() {
	ctx := context.Background()
	eng, err := related.Open(ctx, nil, nil) // no file: the embedded talks
	if err != nil {
		panic(err)
	}
	opts := related.DefaultSearchOptions()
	opts.K, opts.Terms = 2, 3
	res, err := eng.Similar(ctx, "talk-46c6396e5a", opts)
	if err != nil {
		panic(err)
	}
	fmt.Printf("weights: text %.2f, codes %.2f (%s)\n", 1-res.Blend.Lambda-res.Blend.RefWeight, res.Blend.Lambda, res.Blend.CodesFrom)
	for _, r := range res.Results {
		fmt.Printf("%d. %.3f %s", r.Rank, r.Score, r.ID)
		for _, t := range r.Terms {
			fmt.Printf(" %s", t.Word)
		}
		for _, c := range r.Codes {
			fmt.Printf(" [%s]", c.Shared)
		}
		fmt.Println()
	}
	// Output:
	// weights: text 0.71, codes 0.29 (query)
	// 1. 0.281 talk-258f2deb7a generalized minimize [65K10] [65K05] [68T99]
	// 2. 0.093 talk-e58efbfb4b losses analyze method [68Wxx]
}

// An engine from records in memory, and free text with its own code.
func ExampleEngine_Query() {
	records := []corpus.Record{
		{ID: "lasso", Title: "The square-root lasso", Abstract: "A pivotal estimator for sparse regression.", MSC: []string{"62J05"}},
		{ID: "ridge", Title: "Ridge regression", Abstract: "Shrinking the estimator of a linear model.", MSC: []string{"62J07"}},
		{ID: "heat", Title: "Heat kernels", Abstract: "The heat equation on a Riemannian manifold.", MSC: []string{"58J35"}},
	}
	eng, err := related.New(records, nil)
	if err != nil {
		panic(err)
	}
	opts := related.DefaultQueryOptions()
	opts.MSC = []string{"62J05"}
	res, err := eng.Query(context.Background(), "sparse regression estimators", opts)
	if err != nil {
		panic(err)
	}
	for _, r := range res.Results {
		fmt.Printf("%s %.3f (text %.3f, codes %.3f)\n", r.ID, r.Score, r.Cosine, r.MSCSim)
	}
	fmt.Println("language:", res.Query.Language)
	// Output:
	// lasso 0.651 (text 0.423, codes 1.000)
	// ridge 0.391 (text 0.319, codes 0.500)
	// language: english
}

// Codes for a text, from its nearest talks.
func ExampleEngine_Suggest() {
	ctx := context.Background()
	eng, err := related.Open(ctx, nil, nil)
	if err != nil {
		panic(err)
	}
	s, err := eng.Suggest(ctx, "square-root lasso sparse regression", related.DefaultQueryOptions())
	if err != nil {
		panic(err)
	}
	for _, c := range s.Codes {
		fmt.Printf("%s %.2f\n", c.Code, c.Score)
	}
	// Output:
	// 62J05 1.00
	// 62J12 1.00
	// 62P10 1.00
}

// An index file: written once, opened without analysing anything again.
func ExampleOpenIndex() {
	ctx := context.Background()
	eng, err := related.Open(ctx, nil, nil)
	if err != nil {
		panic(err)
	}
	dir, err := os.MkdirTemp("", "related")
	if err != nil {
		panic(err)
	}
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "talks.idx")
	if err := eng.WriteIndex(path); err != nil {
		panic(err)
	}
	idx, err := related.OpenIndex(ctx, path, nil)
	if err != nil {
		panic(err)
	}
	res, err := idx.Similar(ctx, "talk-46c6396e5a", related.DefaultSearchOptions())
	if err != nil {
		panic(err)
	}
	fmt.Println(idx.Len(), "talks; first related:", res.Results[0].ID)
	// Output:
	// 5 talks; first related: talk-258f2deb7a
}
