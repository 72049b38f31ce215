package vectorize

import (
	"fmt"
	"math"
	"sort"

	"gonum.org/v1/gonum/floats"
)

// Scheme names a term weighting.
type Scheme string

// Weighting schemes.
const (
	TFIDF Scheme = "tfidf" // scikit-learn's TfidfVectorizer formulas
	BM25  Scheme = "bm25"  // Okapi BM25 term weights, L2-normalised
)

// Weighting configures how term counts become weights.
//
// TF-IDF follows scikit-learn's TfidfVectorizer exactly:
//
//	tf  = count, or 1 + ln(count) when SublinearTF
//	idf = ln((1+n)/(1+df)) + 1 when SmoothIDF, else ln(n/df) + 1
//	w   = tf·idf, then each vector is divided by its L2 norm
//
// with two departures that the engine's defaults take and scikit-learn
// does not have (IDFPower 1 and BigramWeight 1 give its formulas back):
// idf is raised to IDFPower, and a pair of adjacent terms ("convex optim")
// has its idf multiplied by BigramWeight.
//
// BM25 uses Lucene's idf and tf saturation, and the same L2
// normalisation, so that cosine similarity stays the ranking measure:
//
//	idf = ln(1 + (n - df + 0.5)/(df + 0.5))
//	tf  = count·(k1+1) / (count + k1·(1 - b + b·len/avglen))
//
// The JSON names are those an index file stores (package indexfile): a
// field's name in the file does not change when its Go name does.
type Weighting struct {
	Scheme      Scheme  `json:"scheme"`
	SublinearTF bool    `json:"sublinear_tf"`
	SmoothIDF   bool    `json:"smooth_idf"`
	K1          float64 `json:"k1"`
	B           float64 `json:"b"`
	// MinDF leaves out terms found in fewer documents (0 and 1 keep all):
	// a term only one document has matches nothing but free text.
	MinDF int `json:"min_df"`
	// IDFPower raises idf to this power; below 1 it evens the weights of
	// rare and common terms, so that a document's few rarest words (names,
	// typos, one-off pairs) do not decide its neighbours alone. 0 means 1
	// (index files written before it existed).
	IDFPower float64 `json:"idf_power"`
	// BigramWeight multiplies the idf of pairs of adjacent terms: a shared
	// pair is also two shared terms, so at full weight it counts its
	// evidence twice. 0 means 1.
	BigramWeight float64 `json:"bigram_weight"`
	// QueryIDFPower is IDFPower for free-text queries; 0 means IDFPower.
	// A query of a few words needs each at its full idf (1: +0.005 nDCG@10
	// on CSFCube titles typed as queries, +0.003 on MathSciNet titles),
	// where records compared with records do better with the even weights
	// of IDFPower.
	QueryIDFPower float64 `json:"query_idf_power,omitempty"`
}

// DefaultWeighting is the engine's default, chosen by `related eval
// --compare` (see the README).
func DefaultWeighting() Weighting {
	return Weighting{Scheme: TFIDF, SublinearTF: true, SmoothIDF: true, K1: 1.2, B: 0.75,
		IDFPower: DefaultIDFPower, BigramWeight: DefaultBigramWeight, QueryIDFPower: 1}
}

// The defaults of IDFPower and BigramWeight, measured on judgments made by
// people (see the README, "Measured quality").
const (
	DefaultIDFPower     = 0.75
	DefaultBigramWeight = 0.7
)

// SklearnWeighting is scikit-learn's TfidfVectorizer(sublinear_tf=True):
// the defaults without their two departures.
func SklearnWeighting() Weighting {
	w := DefaultWeighting()
	w.IDFPower, w.BigramWeight, w.QueryIDFPower = 1, 1, 1
	return w
}

// Validate reports parameters that make no sense.
func (w Weighting) Validate() error {
	if w.IDFPower < 0 || w.IDFPower > 4 || w.BigramWeight < 0 || w.BigramWeight > 4 {
		return fmt.Errorf("idf power and bigram weight must be in [0,4] (0 means 1), got %g and %g", w.IDFPower, w.BigramWeight)
	}
	switch w.Scheme {
	case TFIDF:
	case BM25:
		if w.K1 < 0 || w.B < 0 || w.B > 1 {
			return fmt.Errorf("bm25 needs k1 ≥ 0 and 0 ≤ b ≤ 1, got k1=%g b=%g", w.K1, w.B)
		}
	default:
		return fmt.Errorf("unknown weighting scheme %q (tfidf or bm25)", w.Scheme)
	}
	return nil
}

// Bag is a document's term counts, sorted by term id. Counts are real
// numbers because fields can be weighted (a title word counts twice).
type Bag struct {
	Terms  []int32
	Counts []float64
}

// Length is the sum of the counts.
func (b Bag) Length() float64 { return floats.Sum(b.Counts) }

// Vector is a sparse weight vector, sorted by term id, L2-normalised
// (or empty).
type Vector struct {
	Terms   []int32
	Weights []float64
}

// TermsInOrder reports whether term ids are a vector's: each within a
// vocabulary of nTerms, ascending, none twice. Files read without Strict
// leave this to the code that indexes by them.
func TermsInOrder(terms []int32, nTerms int) bool {
	for i, t := range terms {
		if t < 0 || int(t) >= nTerms || (i > 0 && t <= terms[i-1]) {
			return false
		}
	}
	return true
}

// Dot is the dot product of two sparse vectors, the cosine similarity
// when both are normalised.
func (v Vector) Dot(w Vector) float64 {
	var s float64
	i, j := 0, 0
	for i < len(v.Terms) && j < len(w.Terms) {
		switch {
		case v.Terms[i] < w.Terms[j]:
			i++
		case v.Terms[i] > w.Terms[j]:
			j++
		default:
			s += v.Weights[i] * w.Weights[j]
			i++
			j++
		}
	}
	return s
}

// Weight returns the weight of a term, 0 when absent.
func (v Vector) Weight(term int32) float64 {
	i := sort.Search(len(v.Terms), func(i int) bool { return v.Terms[i] >= term })
	if i < len(v.Terms) && v.Terms[i] == term {
		return v.Weights[i]
	}
	return 0
}

// Model holds the collection statistics that turn bags into vectors:
// document frequencies, idf, the average document length (for BM25).
type Model struct {
	Weighting Weighting
	N         int     // number of documents
	DF        []int32 // per term id
	// IDF is per term id; nil in a model read from an index file, which
	// computes a term's idf when a query needs it (exactly as NewModel
	// does), so that opening the file does not compute them all.
	IDF      []float64
	AvgLen   float64
	vocab    *Vocabulary // tells pairs from single terms
	queryIDF []float64   // IDF with QueryIDFPower, when it differs
}

// NewModel computes document frequencies and idf over the bags, whose
// term ids are the vocabulary's.
func NewModel(bags []Bag, vocab *Vocabulary, w Weighting) *Model {
	m := &Model{Weighting: w, N: len(bags), DF: make([]int32, vocab.Len()), vocab: vocab}
	var total float64
	for _, b := range bags {
		for _, t := range b.Terms {
			m.DF[t]++
		}
		total += b.Length()
	}
	if m.N > 0 {
		m.AvgLen = total / float64(m.N)
	}
	m.computeIDF()
	return m
}

func (m *Model) computeIDF() {
	m.IDF = m.idf(m.Weighting.IDFPower)
	if q := m.Weighting.QueryIDFPower; q != 0 && q != m.Weighting.IDFPower {
		m.queryIDF = m.idf(q)
	}
}

// QueryWeigh is Weigh for a free-text query.
func (m *Model) QueryWeigh(b Bag) Vector {
	if m.IDF == nil {
		power := m.Weighting.QueryIDFPower
		if power == 0 {
			power = m.Weighting.IDFPower
		}
		return m.weigh(b, nil, power)
	}
	if m.queryIDF == nil {
		return m.Weigh(b)
	}
	return m.weigh(b, m.queryIDF, 0)
}

func (m *Model) idf(power float64) []float64 {
	out := make([]float64, len(m.DF))
	for t := range m.DF {
		out[t] = m.termIDF(int32(t), power)
	}
	return out
}

// termIDF is the idf of term t raised to power (0 means 1), with
// BigramWeight applied to pairs; 0 for a term outside the model.
func (m *Model) termIDF(t int32, power float64) float64 {
	if t < 0 || int(t) >= len(m.DF) {
		return 0
	}
	n := float64(m.N)
	pair := m.Weighting.BigramWeight
	if power == 0 {
		power = 1
	}
	if pair == 0 {
		pair = 1
	}
	df := m.DF[t]
	d := float64(df)
	var x float64
	switch {
	case df == 0 || int(df) < m.Weighting.MinDF:
		return 0 // left out of every vector
	case m.Weighting.Scheme == BM25:
		x = math.Log(1 + (n-d+0.5)/(d+0.5))
	case m.Weighting.SmoothIDF:
		x = math.Log((1+n)/(1+d)) + 1
	default:
		x = math.Log(n/d) + 1
	}
	if power != 1 {
		x = math.Pow(x, power)
	}
	if pair != 1 && m.vocab != nil && m.vocab.IsPair(t) {
		x *= pair
	}
	return x
}

// Weigh turns a bag into a normalised vector. Terms outside the model
// (ids ≥ len(DF), or df 0) are left out.
func (m *Model) Weigh(b Bag) Vector {
	return m.weigh(b, m.IDF, m.Weighting.IDFPower)
}

// weigh is Weigh with the given idf table, or, when it is nil, idf
// computed per term with the given power.
func (m *Model) weigh(b Bag, idf []float64, power float64) Vector {
	v := Vector{Terms: make([]int32, 0, len(b.Terms)), Weights: make([]float64, 0, len(b.Terms))}
	length := b.Length()
	for i, t := range b.Terms {
		var x float64
		switch {
		case idf == nil:
			x = m.termIDF(t, power)
		case t >= 0 && int(t) < len(idf):
			x = idf[t]
		}
		if x == 0 {
			continue
		}
		v.Terms = append(v.Terms, t)
		v.Weights = append(v.Weights, m.tf(b.Counts[i], length)*x)
	}
	if n := floats.Norm(v.Weights, 2); n > 0 {
		floats.Scale(1/n, v.Weights)
	}
	return v
}

// weighShared is Weigh, with the vector sharing the bag's Terms when no
// term is left out.
func (m *Model) weighShared(b Bag) Vector {
	if m.IDF == nil {
		return m.Weigh(b)
	}
	for _, t := range b.Terms {
		if t < 0 || int(t) >= len(m.IDF) || m.IDF[t] == 0 {
			return m.Weigh(b)
		}
	}
	v := Vector{Terms: b.Terms, Weights: make([]float64, len(b.Terms))}
	length := b.Length()
	for i, t := range b.Terms {
		v.Weights[i] = m.tf(b.Counts[i], length) * m.IDF[t]
	}
	if n := floats.Norm(v.Weights, 2); n > 0 {
		floats.Scale(1/n, v.Weights)
	}
	return v
}

// newModelFromDF rebuilds a model from its document frequencies, number
// of documents and average length (as stored in an index file). Its IDF
// is nil: each term's idf is computed, exactly as NewModel computes it,
// when a query needs it.
func newModelFromDF(df []int32, n int, avgLen float64, vocab *Vocabulary, w Weighting) *Model {
	return &Model{Weighting: w, N: n, DF: df, AvgLen: avgLen, vocab: vocab}
}

func (m *Model) tf(count, length float64) float64 {
	w := m.Weighting
	switch {
	case w.Scheme == BM25:
		norm := 1.0
		if m.AvgLen > 0 {
			norm = 1 - w.B + w.B*length/m.AvgLen
		}
		return count * (w.K1 + 1) / (count + w.K1*norm)
	case w.SublinearTF && count >= 1:
		return 1 + math.Log(count)
	default:
		return count
	}
}

// FitTerms builds a vocabulary, a model and the vectors of documents given
// as term lists (already analysed), like scikit-learn's TfidfVectorizer
// with an identity analyzer. Term ids follow sorted term order, as in
// scikit-learn's vocabulary_.
func FitTerms(docs [][]string, w Weighting) (*Vocabulary, *Model, []Vector) {
	var all []string
	seen := map[string]bool{}
	for _, d := range docs {
		for _, t := range d {
			if !seen[t] {
				seen[t] = true
				all = append(all, t)
			}
		}
	}
	sort.Strings(all)
	vocab := NewVocabulary()
	for _, t := range all {
		vocab.Add(t, t)
	}
	bags := make([]Bag, len(docs))
	var counter BagCounter
	for i, d := range docs {
		for _, t := range d {
			id, _ := vocab.ID(t)
			counter.Add(id, 1)
		}
		bags[i] = counter.Bag()
	}
	m := NewModel(bags, vocab, w)
	vecs := make([]Vector, len(bags))
	for i, b := range bags {
		vecs[i] = m.Weigh(b)
	}
	return vocab, m, vecs
}

// BagCounter accumulates term counts into a Bag, reusing its storage.
type BagCounter struct {
	counts map[int32]float64
}

// Add counts a term.
func (c *BagCounter) Add(term int32, n float64) {
	if c.counts == nil {
		c.counts = make(map[int32]float64)
	}
	c.counts[term] += n
}

// Bag returns the counts as a sorted bag and resets the counter.
func (c *BagCounter) Bag() Bag {
	b := Bag{Terms: make([]int32, 0, len(c.counts)), Counts: make([]float64, len(c.counts))}
	for t := range c.counts {
		b.Terms = append(b.Terms, t)
	}
	sort.Slice(b.Terms, func(i, j int) bool { return b.Terms[i] < b.Terms[j] })
	for i, t := range b.Terms {
		b.Counts[i] = c.counts[t]
	}
	clear(c.counts)
	return b
}
