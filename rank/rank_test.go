package rank

import (
	"math"
	"reflect"
	"testing"

	"github.com/related/related/corpus"
	"github.com/related/related/vectorize"
)

func TestMSCSimilarity(t *testing.T) {
	set := func(primary string, codes ...string) CodeSet { return CodeSet{Codes: codes, Primary: primary} }
	tests := []struct {
		name string
		a, b CodeSet
		want float64
	}{
		{"identical", set("", "65K10"), set("", "65K10"), 1},
		{"same 3-character area", set("", "65K10"), set("", "65K05"), 0.5},
		{"same 2-digit area", set("", "65K10"), set("", "65N30"), 0.25},
		{"unrelated", set("", "65K10"), set("", "90C25"), 0},
		{"empty side", set("", "65K10"), set(""), 0},
		// A→C: (1+1+¼+1)/4, C→A: 1; mean 0.90625 (the embedded talks).
		{"talks A and C", set("", "65K10", "65K05", "68W99", "68T99"), set("", "65K05", "65K10", "68T99"), 0.90625},
		// A→B: (0+0+½+¼)/4 = 0.1875; B→A: (0+½+0)/3; mean 0.177083…
		{"talks A and B", set("", "65K10", "65K05", "68W99", "68T99"), set("", "90C06", "68W20", "62F99"), (0.1875 + 0.5/3) / 2},
		// primary 60H15 weighs 2: A→B (2·1+1·0)/3, B→A (1+0)/2
		{"primary weighs double", set("60H15", "60H15", "35R60"), set("", "60H15", "93E20"), (2.0/3 + 0.5) / 2},
		{"area code", set("", "65Kxx"), set("", "65K10"), 0.5},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := MSCSimilarity(tc.a, tc.b)
			if math.Abs(got-tc.want) > 1e-12 {
				t.Errorf("MSCSimilarity = %v, want %v", got, tc.want)
			}
			if back := MSCSimilarity(tc.b, tc.a); math.Abs(back-got) > 1e-12 {
				t.Errorf("not symmetric: %v vs %v", got, back)
			}
		})
	}
}

func TestHierarchyOrder(t *testing.T) {
	// 65K10 is closer to 65K05 than to 65N30, and to 65N30 than to 90C25.
	q := CodeSet{Codes: []string{"65K10"}}
	k05 := MSCSimilarity(q, CodeSet{Codes: []string{"65K05"}})
	n30 := MSCSimilarity(q, CodeSet{Codes: []string{"65N30"}})
	c25 := MSCSimilarity(q, CodeSet{Codes: []string{"90C25"}})
	if !(k05 > n30 && n30 > c25) {
		t.Errorf("want 65K05 (%v) > 65N30 (%v) > 90C25 (%v)", k05, n30, c25)
	}
}

func TestMatchCodes(t *testing.T) {
	a := CodeSet{Codes: []string{"65K10", "65K05", "68W99", "68T99"}}
	c := CodeSet{Codes: []string{"65K05", "65K10", "68T99"}}
	got := MatchCodes(a, c)
	want := []CodeMatch{
		{Query: "65K10", Result: "65K10", Depth: 3, Shared: "65K10"},
		{Query: "65K05", Result: "65K05", Depth: 3, Shared: "65K05"},
		{Query: "68T99", Result: "68T99", Depth: 3, Shared: "68T99"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("MatchCodes = %+v\nwant %+v", got, want)
	}
	b := CodeSet{Codes: []string{"90C06", "68W20", "62F99"}}
	got = MatchCodes(a, b)
	want = []CodeMatch{{Query: "68W99", Result: "68W20", Depth: 2, Shared: "68Wxx"}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("MatchCodes = %+v\nwant %+v", got, want)
	}
	if got := SharedLabel("65K10", 1); got != "65-XX" {
		t.Errorf("SharedLabel depth 1 = %q", got)
	}
}

// embedded loads the talk corpus of the binary and indexes it with the
// default analysis.
func embedded(t testing.TB) *Index {
	t.Helper()
	// The talk corpus the root package embeds, read from its file (the
	// root package imports this one).
	dec, err := corpus.Open("../testdata/talks.txt", corpus.FormatAuto)
	if err != nil {
		t.Fatal(err)
	}
	defer dec.Close()
	c := corpus.NewCollector()
	if err := c.ReadAll(dec); err != nil {
		t.Fatal(err)
	}
	space := vectorize.Build(c.Records, vectorize.DefaultOptions(), vectorize.DefaultWeighting())
	ix, err := New(c.Records, space)
	if err != nil {
		t.Fatal(err)
	}
	return ix
}

// The embedded talks, by their generated ids.
const (
	logistic   = "talk-46c6396e5a" // wide two-layer networks, logistic loss
	perturbed  = "talk-e58efbfb4b" // perturbed optimizers
	backprop   = "talk-258f2deb7a" // nonsmooth analysis of backpropagation
	burer      = "talk-879599ad93" // Burer-Monteiro factorization
	sqrtLasso  = "talk-65a83157dd" // square-root lasso, pivotal estimation
	defaultLam = 0.3
)

func similarIDs(t *testing.T, ix *Index, id string, lambda float64) []Result {
	t.Helper()
	d, ok := ix.Lookup(id)
	if !ok {
		t.Fatalf("no %s", id)
	}
	res, err := ix.Similar(d, Query{K: 10, Lambda: lambda, ExplainTerms: 5})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func ids(rs []Result) []string {
	out := make([]string, len(rs))
	for i, r := range rs {
		out[i] = r.ID
	}
	return out
}

func TestEmbeddedNeighbours(t *testing.T) {
	ix := embedded(t)
	tests := []struct {
		query  string
		lambda float64
		want   []string
	}{
		// The blend: the two talks sharing 65K05, 65K10 and 68T99 are each
		// other's first result.
		{logistic, defaultLam, []string{backprop, perturbed, burer, sqrtLasso}},
		{backprop, defaultLam, []string{logistic, perturbed, sqrtLasso, burer}},
		// Text alone prefers the perturbed-optimizers talk for the
		// logistic one (cosine 0.044 against 0.018), as scikit-learn's
		// stemmed TF-IDF does. For the backpropagation talk it prefers the
		// square-root lasso by a hair (0.116 against 0.113), where
		// scikit-learn has the perturbed optimizers: joining "non-smooth"
		// into "nonsmooth" makes the two nonsmooth-optimization talks share
		// that word.
		{logistic, 0, []string{perturbed, backprop, burer, sqrtLasso}},
		{backprop, 0, []string{sqrtLasso, perturbed, burer, logistic}},
		// Burer-Monteiro shares 90Cxx with the perturbed optimizers.
		{burer, defaultLam, []string{perturbed, backprop, sqrtLasso, logistic}},
		// The lasso talk shares 62-XX with the perturbed optimizers, which
		// overtakes the backpropagation talk's larger cosine.
		{sqrtLasso, defaultLam, []string{perturbed, backprop, burer, logistic}},
	}
	for _, tc := range tests {
		got := ids(similarIDs(t, ix, tc.query, tc.lambda))
		if !reflect.DeepEqual(got, tc.want) {
			t.Errorf("similar %s λ=%v = %v, want %v", tc.query, tc.lambda, got, tc.want)
		}
	}
}

func TestExplanations(t *testing.T) {
	ix := embedded(t)
	res := similarIDs(t, ix, logistic, defaultLam)
	top := res[0]
	if top.ID != backprop {
		t.Fatalf("first result %s", top.ID)
	}
	var shared []string
	for _, c := range top.Codes {
		shared = append(shared, c.Shared)
	}
	if want := []string{"65K10", "65K05", "68T99"}; !reflect.DeepEqual(shared, want) {
		t.Errorf("shared codes %v, want %v", shared, want)
	}
	if math.Abs(top.MSC-0.90625) > 1e-12 {
		t.Errorf("msc = %v, want 0.90625", top.MSC)
	}
	if want := (1-defaultLam)*top.Cosine + defaultLam*top.MSC; math.Abs(top.Score-want) > 1e-12 {
		t.Errorf("score %v is not the blend %v", top.Score, want)
	}
	var sum float64
	for _, tm := range top.Terms {
		sum += tm.Contribution
	}
	if sum > top.Cosine+1e-6 || sum <= 0 {
		t.Errorf("term contributions %v do not fit in cosine %v", sum, top.Cosine)
	}
	// The perturbed-optimizers talk shares 68Wxx with the logistic one,
	// and the words are shown as written, not as stems.
	second := res[1]
	if len(second.Codes) != 1 || second.Codes[0].Shared != "68Wxx" {
		t.Errorf("second result codes %+v, want 68Wxx", second.Codes)
	}
	words := map[string]bool{}
	for _, tm := range second.Terms {
		words[tm.Word] = true
	}
	if !words["losses"] || !words["supervised"] {
		t.Errorf("second result words %+v, want losses and supervised among them", second.Terms)
	}
}

func TestQueryFreeText(t *testing.T) {
	ix := embedded(t)
	q := ix.Space.Query("square-root lasso sparse regression", "")
	res, err := ix.Search(Query{Vector: q.Vector, K: 3, Lambda: defaultLam, ExplainTerms: 5})
	if err != nil {
		t.Fatal(err)
	}
	if len(res) == 0 || res[0].ID != sqrtLasso {
		t.Fatalf("first result %v, want %s", ids(res), sqrtLasso)
	}
	// No codes on the query: the score is the cosine.
	if res[0].Score != res[0].Cosine {
		t.Errorf("score %v != cosine %v without query codes", res[0].Score, res[0].Cosine)
	}
	var got []string
	for _, tm := range res[0].Terms {
		got = append(got, tm.Word)
	}
	// Pairs of adjacent words count too, shown as the words they join,
	// after the single words (their idf is weighed down by BigramWeight).
	if want := []string{"lasso", "root", "square", "regression", "sparse"}; !reflect.DeepEqual(got, want) {
		t.Errorf("words %v, want %v", got, want)
	}
	res, _ = ix.Search(Query{Vector: q.Vector, K: 1, ExplainTerms: 8})
	got = got[:0]
	for _, tm := range res[0].Terms {
		got = append(got, tm.Word)
	}
	if want := []string{"lasso", "root", "square", "regression", "sparse", "root lasso", "square root", "sparse regression"}; !reflect.DeepEqual(got, want) {
		t.Errorf("8 words %v, want %v", got, want)
	}
}

// The seed checks with the engine's defaults: the wide-network and the
// nonsmooth-backpropagation talks are each other's first, though they
// share few words, because their codes agree (65K05, 65K10, 68T99) and
// in a library of five talks few of their words are shared with any
// other talk (10 and 22), so the codes weigh 0.45·2^(-10/16) = 0.29 and
// 0.45·2^(-22/16) = 0.17.
func TestDefaultBlendSeeds(t *testing.T) {
	ix := embedded(t)
	for _, tc := range []struct {
		query, first string
		words        int
		lambda       float64
	}{
		{logistic, backprop, 10, 0.45 * math.Exp2(-10.0/16)},
		{backprop, logistic, 22, 0.45 * math.Exp2(-22.0/16)},
	} {
		d, _ := ix.Lookup(tc.query)
		res, err := ix.Similar(d, DefaultQuery())
		if err != nil {
			t.Fatal(err)
		}
		if res[0].ID != tc.first {
			t.Errorf("similar %s: first %s, want %s", tc.query, res[0].ID, tc.first)
		}
		b, err := ix.Blend(ix.SimilarQuery(d, DefaultQuery()))
		if err != nil {
			t.Fatal(err)
		}
		if b.Words != tc.words || math.Abs(b.Lambda-tc.lambda) > 1e-12 || b.Suggested || b.Refs != 0 {
			t.Errorf("blend of %s = %+v, want %d words, lambda %v", tc.query, b, tc.words, tc.lambda)
		}
		r := res[0]
		if want := (1-b.Lambda)*r.Cosine + b.Lambda*r.MSC; math.Abs(r.Score-want) > 1e-12 {
			t.Errorf("score %v is not the blend %v", r.Score, want)
		}
	}
	// Free text without codes is compared by the codes its neighbours
	// suggest, at half weight: "square-root lasso sparse regression" has
	// 5 words, so lambda = 0.45·2^(-5/16)·0.5 = 0.18.
	q := ix.Space.Query("square-root lasso sparse regression", "")
	dq := DefaultQuery()
	dq.Vector = q.Vector
	b, err := ix.Blend(dq)
	if err != nil {
		t.Fatal(err)
	}
	if !b.Suggested || b.Words != 5 || math.Abs(b.Lambda-0.45*math.Exp2(-5.0/16)/2) > 1e-12 || !reflect.DeepEqual(b.Codes.Codes, []string{"62J05", "62J12", "62P10"}) {
		t.Errorf("free-text blend %+v", b)
	}
	res, _ := ix.Search(dq)
	if res[0].ID != sqrtLasso || math.Abs(res[0].Score-((1-b.Lambda)*res[0].Cosine+b.Lambda*res[0].MSC)) > 1e-12 {
		t.Errorf("free text: %+v", res[0])
	}
	dq.SuggestCodes = false
	if b, _ := ix.Blend(dq); b.Suggested || b.Lambda != 0 {
		t.Errorf("without suggestions: %+v", b)
	}
	// Without LambdaWords the weight is fixed.
	dq.LambdaWords, dq.SuggestCodes, dq.Codes = 0, true, CodeSet{Codes: []string{"62J05"}}
	if b, _ := ix.Blend(dq); b.Lambda != DefaultLambda || b.Suggested {
		t.Errorf("fixed lambda: %+v", b)
	}
}

// A record without MSC codes is compared by the areas of its arXiv
// categories.
func TestCategoryCodes(t *testing.T) {
	recs := []corpus.Record{
		{ID: "q", Abstract: "Regularity of weak solutions.", Categories: []string{"math.AP", "math.CA"}},
		{ID: "pde", Abstract: "Regularity of weak solutions.", MSC: []string{"35K55"}},
		{ID: "opt", Abstract: "Regularity of weak solutions.", MSC: []string{"90C25"}},
		{ID: "phys", Abstract: "Regularity of weak solutions.", Categories: []string{"hep-th"}},
	}
	ix, err := New(recs, vectorize.Build(recs, vectorize.DefaultOptions(), vectorize.DefaultWeighting()))
	if err != nil {
		t.Fatal(err)
	}
	if cs := ix.Codes(0); !cs.FromCategories || cs.Codes[0] != "35-XX" {
		t.Errorf("codes of q: %+v", cs)
	}
	if cs := ix.Codes(3); len(cs.Codes) != 0 {
		t.Errorf("codes of phys: %+v", cs)
	}
	q := DefaultQuery()
	q.Collapse = 0 // the texts are the same
	res, _ := ix.Similar(0, q)
	if got := ids(res); got[0] != "pde" || res[0].Codes[0].Shared != "35-XX" {
		t.Errorf("similar q: %v %+v", got, res[0].Codes)
	}
}

// Shared references (bibliographic coupling) and direct citations count
// for records that have them.
func TestReferences(t *testing.T) {
	text := "Small gaps between primes by a refined sieve."
	recs := []corpus.Record{
		{ID: "zbMATH:1306.11073", Abstract: text, Identifiers: []string{"zbMATH-doc:6383667", "doi:10.4007/annals.2015.181.1.7"},
			References: []string{"zbMATH-doc:4097497 doi:10.2307/1971450", "zbMATH-doc:5551831", "Zbl 1207.11096", "unmatched reference without year"}},
		// Cites two of the same works, one by its DOI only.
		{ID: "coupled", Abstract: text, References: []string{"https://doi.org/10.2307/1971450", "zbMATH-doc:5551831"}},
		// Cites the first record, by its DOI.
		{ID: "citing", Abstract: text, References: []string{"doi:10.4007/ANNALS.2015.181.1.7", "zbMATH-doc:999"}},
		{ID: "other", Abstract: text, References: []string{"zbMATH-doc:123"}},
		{ID: "none", Abstract: text},
	}
	ix, err := New(recs, vectorize.Build(recs, vectorize.DefaultOptions(), vectorize.DefaultWeighting()))
	if err != nil {
		t.Fatal(err)
	}
	q := DefaultQuery()
	q.Collapse = 0 // the texts are the same
	res, _ := ix.Similar(0, q)
	if got := ids(res); !reflect.DeepEqual(got[:2], []string{"coupled", "citing"}) {
		t.Fatalf("similar: %v", got)
	}
	if !reflect.DeepEqual(res[0].SharedRefs, []string{"doi:10.2307/1971450", "zbmath-doc:5551831"}) || res[0].Refs <= res[1].Refs || res[1].Refs <= 0 {
		t.Errorf("coupled: refs %v %v; citing: %v %v", res[0].Refs, res[0].SharedRefs, res[1].Refs, res[1].SharedRefs)
	}
	if len(res[1].SharedRefs) != 1 || res[1].SharedRefs[0] != "doi:10.4007/annals.2015.181.1.7" {
		t.Errorf("citing shares %v", res[1].SharedRefs)
	}
	b, _ := ix.Blend(ix.SimilarQuery(0, q))
	if b.Refs != DefaultRefWeight {
		t.Errorf("blend %+v", b)
	}
	r := res[0]
	if want := (1-b.Lambda-b.Refs)*r.Cosine + b.Lambda*r.MSC + b.Refs*r.Refs; math.Abs(r.Score-want) > 1e-12 {
		t.Errorf("score %v, want %v", r.Score, want)
	}
	// A record sharing no cited work with any other: references do not
	// count, nor do they for free text.
	for _, d := range []int{3, 4} {
		if b, _ := ix.Blend(ix.SimilarQuery(d, q)); b.Refs != 0 {
			t.Errorf("doc %d: blend %+v", d, b)
		}
	}
	q.RefWeight = 0
	res, _ = ix.Similar(0, q)
	if res[0].Refs != 0 || res[0].SharedRefs != nil {
		t.Errorf("ref weight 0: %+v", res[0])
	}
	// The reference weight takes what the codes leave.
	q.Lambda, q.LambdaWords, q.RefWeight = 0.8, 0, 0.3
	cq := ix.SimilarQuery(0, q)
	cq.Codes = CodeSet{Codes: []string{"11N05"}}
	if b, _ := ix.Blend(cq); math.Abs(b.Refs-0.2) > 1e-12 || b.Lambda != 0.8 {
		t.Errorf("capped ref weight: %+v", b)
	}
}

func TestCandidates(t *testing.T) {
	ix := embedded(t)
	d, _ := ix.Lookup(logistic)
	burerDoc, _ := ix.Lookup(burer)
	lasso, _ := ix.Lookup(sqrtLasso)
	res, err := ix.Similar(d, Query{K: 10, Lambda: defaultLam, Candidates: []int{lasso, burerDoc, lasso, d}})
	if err != nil {
		t.Fatal(err)
	}
	if got := ids(res); !reflect.DeepEqual(got, []string{burer, sqrtLasso}) {
		t.Errorf("candidates: %v", got)
	}
	if _, err := ix.Similar(d, Query{K: 1, Candidates: []int{99}}); err == nil {
		t.Error("candidate out of range accepted")
	}
}

func TestFilters(t *testing.T) {
	ix := embedded(t)
	d, _ := ix.Lookup(logistic)
	ex, _ := ix.Lookup(backprop)
	res, err := ix.Similar(d, Query{K: 10, Lambda: defaultLam, Exclude: []int{ex}})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range res {
		if r.ID == backprop || r.ID == logistic {
			t.Errorf("excluded %s returned", r.ID)
		}
	}
	res, _ = ix.Similar(d, Query{K: 10, Lambda: defaultLam, MSCPrefix: "90c"})
	if got := ids(res); !reflect.DeepEqual(got, []string{perturbed, burer}) {
		t.Errorf("prefix 90C: %v", got)
	}
	res, _ = ix.Similar(d, Query{K: 1, Lambda: defaultLam})
	if len(res) != 1 {
		t.Errorf("k=1 gave %d", len(res))
	}
}

func TestQueryValidation(t *testing.T) {
	ix := embedded(t)
	for _, q := range []Query{{K: 0, Lambda: 0.3}, {K: 5, Lambda: -0.1}, {K: 5, Lambda: 1.5}, {K: 5, Lambda: math.NaN()}} {
		if _, err := ix.Search(q); err == nil {
			t.Errorf("query %+v accepted", q)
		}
	}
}

func TestTiesBrokenByID(t *testing.T) {
	recs := []corpus.Record{
		{ID: "c", Abstract: "convex optimization"},
		{ID: "a", Abstract: "convex optimization"},
		{ID: "b", Abstract: "convex optimization"},
		{ID: "q", Abstract: "convex optimization"},
	}
	space := vectorize.Build(recs, vectorize.DefaultOptions(), vectorize.DefaultWeighting())
	ix, err := New(recs, space)
	if err != nil {
		t.Fatal(err)
	}
	for range 5 {
		res, _ := ix.Similar(3, Query{K: 2, Lambda: 0})
		if got := ids(res); !reflect.DeepEqual(got, []string{"a", "b"}) {
			t.Fatalf("ties: %v, want [a b]", got)
		}
	}
}

func TestDuplicateIDsRefused(t *testing.T) {
	recs := []corpus.Record{{ID: "x", Title: "a"}, {ID: "x", Title: "b"}}
	space := vectorize.Build(recs, vectorize.DefaultOptions(), vectorize.DefaultWeighting())
	if _, err := New(recs, space); err == nil {
		t.Error("duplicate ids accepted")
	}
}

func TestCollapseAndDiversify(t *testing.T) {
	recs := []corpus.Record{
		{ID: "q", Abstract: "Finite volume schemes for the incompressible Navier-Stokes equations: stability and convergence."},
		{ID: "a", Abstract: "Stability of a finite volume scheme for the incompressible Navier-Stokes equations."},
		{ID: "a-preprint", Abstract: "Stability of a finite volume scheme for the incompressible Navier-Stokes equations."},
		{ID: "b", Abstract: "Convergence of finite element schemes for the Stokes equations."},
		{ID: "c", Abstract: "Spectral methods for the heat equation."},
	}
	space := vectorize.Build(recs, vectorize.DefaultOptions(), vectorize.DefaultWeighting())
	ix, err := New(recs, space)
	if err != nil {
		t.Fatal(err)
	}
	plain, _ := ix.Similar(0, Query{K: 3})
	if got := ids(plain); !reflect.DeepEqual(got, []string{"a", "a-preprint", "b"}) {
		t.Fatalf("plain order %v", got)
	}
	folded, _ := ix.Similar(0, Query{K: 3, Collapse: DefaultCollapse})
	if got := ids(folded); !reflect.DeepEqual(got, []string{"a", "b", "c"}) || !reflect.DeepEqual(folded[0].Also, []string{"a-preprint"}) {
		t.Errorf("collapsed %v, also %v", got, folded[0].Also)
	}
	// MMR: the preprint repeats the first result, so with enough weight on
	// novelty the other scheme overtakes it.
	div, _ := ix.Similar(0, Query{K: 2, Diversify: 0.5})
	if got := ids(div); !reflect.DeepEqual(got, []string{"a", "b"}) {
		t.Errorf("diversified %v, want [a b]", got)
	}
	if ix.IntraListSimilarity(div) >= ix.IntraListSimilarity(plain[:2]) {
		t.Errorf("diversified list is not more diverse")
	}
}

// TestHasPrefixMatchesCodes: the prefix test on compiled codes agrees
// with the codes' strings, for codes, category areas and no codes.
func TestHasPrefixMatchesCodes(t *testing.T) {
	recs := []corpus.Record{
		{ID: "a", Abstract: "Convex optimization.", MSC: []string{"65K10", "90C25"}},
		{ID: "b", Abstract: "Heat kernels.", Categories: []string{"math.AP", "math.OC"}},
		{ID: "c", Abstract: "Operator algebras.", Categories: []string{"math.OA"}},
		{ID: "d", Abstract: "No codes at all."},
		{ID: "e", Abstract: "General codes.", MSC: []string{"65-01", "65Kxx"}},
	}
	ix, err := New(recs, vectorize.Build(recs, vectorize.DefaultOptions(), vectorize.DefaultWeighting()))
	if err != nil {
		t.Fatal(err)
	}
	matched := map[string]bool{}
	for _, prefix := range []string{"6", "65", "65K", "65K10", "65K1", "9", "90C", "35", "35-", "46L", "49", "65-", "65-01", "65Kxx", "65K100"} {
		for d := range ix.Len() {
			got, want := ix.hasPrefix(int32(d), prefix), ix.hasPrefixSlow(int32(d), prefix)
			if got != want {
				t.Errorf("%s, %q: %v, codes %v say %v", recs[d].ID, prefix, got, ix.Codes(d).Codes, want)
			}
			if got {
				matched[recs[d].ID+" "+prefix] = true
			}
		}
	}
	for _, m := range []string{"a 65K10", "a 90C", "b 35-", "c 46L", "e 65-01", "e 65K"} {
		if !matched[m] {
			t.Errorf("%s: not matched (matched: %v)", m, matched)
		}
	}
}
