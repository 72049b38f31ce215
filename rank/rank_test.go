package rank

import (
	"bytes"
	"math"
	"reflect"
	"testing"

	"github.com/related/related"
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
	dec, err := corpus.NewDecoder(bytes.NewReader(related.EmbeddedCorpus), related.EmbeddedCorpusName, corpus.FormatAuto)
	if err != nil {
		t.Fatal(err)
	}
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
	// Pairs of adjacent words count too, shown as the words they join.
	if want := []string{"lasso", "root", "root lasso", "square", "square root"}; !reflect.DeepEqual(got, want) {
		t.Errorf("words %v, want %v", got, want)
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
