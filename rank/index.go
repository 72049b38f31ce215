package rank

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/related/related/corpus"
	"github.com/related/related/vectorize"
)

// Index answers related-talk queries over an analysed collection: an
// inverted index of the document vectors (term → documents and weights),
// and an index of MSC areas (2-digit area → documents), so that a query
// touches only the documents that share a term or an area with it.
// It is safe for concurrent use.
type Index struct {
	Space *vectorize.Space

	records RecordSource
	post    postings
	// Document d's codes compiled for mscSimilarity are
	// compiled[codeStart[d]:codeStart[d+1]]: no pointer for the garbage
	// collector to follow, as in most of what an index holds, so that
	// opening an index file is not mostly collecting.
	codeStart []int32
	compiled  []mcode
	areas     map[string][]int32 // 2-digit area → documents, ascending
	// byID is made on first use (Lookup): a free-text query needs none.
	byIDOnce sync.Once
	byID     idTable
	refs     *refIndex // nil when no record has references
	anyCodes bool      // some document has codes (real or from categories)
	scratch  sync.Pool

	commonOnce   sync.Once
	common       *commonTerms // for Similar, made on first use
	commonErr    error        // a damaged vector met making it
	similarReady atomic.Bool  // common made (PrepareSimilar, SimilarPrepared)
}

// New indexes the records and their analysed space (one vector per
// record, in the same order). It fails on duplicate ids.
func New(records []corpus.Record, space *vectorize.Space) (*Index, error) {
	ix, err := newIndex(RecordSlice(records), space, true)
	if err != nil {
		return nil, err
	}
	if ix.post, err = buildPostings(space); err != nil {
		return nil, err
	}
	return ix, nil
}

// newIndex indexes everything but the terms: codes, MSC areas, and, when
// checkIDs, ids (else on first Lookup).
func newIndex(records RecordSource, space *vectorize.Space, checkIDs bool) (*Index, error) {
	n := records.Len()
	if n != len(space.Vectors) {
		return nil, fmt.Errorf("rank: %d records but %d vectors", n, len(space.Vectors))
	}
	if n >= math.MaxInt32 {
		return nil, fmt.Errorf("rank: %d records: more than an index holds", n)
	}
	ix := &Index{
		Space:     space,
		records:   records,
		codeStart: make([]int32, n+1),
		areas:     map[string][]int32{},
	}
	// The codes of all in one array, allocated once: growing it by
	// appending cost more than the rest of opening a 100k-record index.
	nCodes := 0
	for d := range n {
		k := records.Keys(d)
		nCodes += max(len(k.MSC), len(k.Categories))
	}
	ix.compiled = make([]mcode, 0, nCodes)
	hasRefs := false
	for d := range n {
		k := records.Keys(d)
		hasRefs = hasRefs || len(k.References) > 0
		cs := codeSetOf(k)
		ix.anyCodes = ix.anyCodes || len(cs.Codes) > 0
		ix.compiled = appendCompiled(ix.compiled, cs)
		if len(ix.compiled) >= math.MaxInt32 {
			return nil, fmt.Errorf("rank: more codes than an index holds")
		}
		ix.codeStart[d+1] = int32(len(ix.compiled))
		for i, c := range cs.Codes {
			a := corpus.CodePrefix(c, 1)
			if !slices.ContainsFunc(cs.Codes[:i], func(p string) bool { return corpus.CodePrefix(p, 1) == a }) {
				ix.areas[a] = append(ix.areas[a], int32(d))
			}
		}
	}
	if checkIDs {
		if err := ix.makeByID(); err != nil {
			return nil, err
		}
	}
	if hasRefs {
		ix.refs = buildRefIndex(records)
	}
	ix.scratch.New = func() any { return newScratch(n) }
	return ix, nil
}

// codeSetOf is a record's code set: its codes, else the areas of its
// categories.
func codeSetOf(k RecordKeys) CodeSet {
	if len(k.MSC) == 0 {
		if areas := corpus.CategoryAreas(k.Categories); len(areas) > 0 {
			return CodeSet{Codes: areas, FromCategories: true}
		}
	}
	return CodeSet{Codes: k.MSC, Primary: k.PrimaryMSC}
}

// makeByID makes the map from ids to documents, once; an id given twice
// is an error (then the map keeps the first).
func (ix *Index) makeByID() error {
	var err error
	ix.byIDOnce.Do(func() {
		ix.byID, err = newIDTable(ix.records.Len(), ix.records.ID)
	})
	return err
}

// docCodes are document d's codes, compiled.
func (ix *Index) docCodes(d int32) []mcode {
	return ix.compiled[ix.codeStart[d]:ix.codeStart[d+1]]
}

// Len is the number of documents.
func (ix *Index) Len() int { return ix.records.Len() }

// Lookup returns the document number of an id. (An index file opened
// without checking, whose ids a damage made repeat, answers with the
// first document of an id.)
func (ix *Index) Lookup(id string) (int, bool) {
	ix.makeByID()
	d, ok := ix.byID.find(id, ix.records.ID)
	return int(d), ok
}

// Codes returns a document's code set.
func (ix *Index) Codes(doc int) CodeSet { return codeSetOf(ix.records.Keys(doc)) }

// Query is what to look for and how to rank it.
type Query struct {
	Vector vectorize.Vector
	Codes  CodeSet
	// K is the number of results wanted.
	K int
	// Lambda is the weight of the code similarity for a query without
	// words; it halves with every LambdaWords words of text the query
	// shares with the library: λ_q = Lambda·2^(-W/LambdaWords), W being
	// the number of distinct words (terms, not pairs) of the query that
	// another document has. LambdaWords 0 keeps λ_q = Lambda. When the
	// query has no codes, λ_q is 0, or, with SuggestCodes, applies at
	// SuggestedCodeWeight to the codes its text neighbours suggest.
	Lambda      float64
	LambdaWords float64
	// SuggestCodes lets a free-text query without codes use the codes
	// suggested by its nearest documents by text (Suggest), at
	// SuggestedCodeWeight of λ_q: it is then compared by the codes it most
	// likely has. (Similar does not: see Blend.)
	SuggestCodes bool
	// RefWeight is the weight of the reference similarity (bibliographic
	// coupling), for `similar` on a document that shares a cited work with
	// another; 0 for other queries. It is capped at 1 - λ_q, so that the
	// text's weight, 1 - λ_q - RefWeight, is never negative.
	RefWeight float64
	// Exclude lists documents never to return (the query's own document).
	Exclude []int
	// Candidates, when not nil, are the only documents scored: re-ranking
	// a given set (a judged pool, a shortlist from elsewhere).
	Candidates []int
	// MSCPrefix keeps only documents with a code starting with it ("65K",
	// "65"); "" keeps all.
	MSCPrefix string
	// ExplainTerms is how many contributing terms each result lists.
	ExplainTerms int
	// Feedback > 0 expands the query with its Feedback best text matches
	// (pseudo-relevance feedback), weighted by FeedbackWeight.
	Feedback       int
	FeedbackWeight float64
	// Collapse > 0 shows results whose cosine with a better one reaches
	// it as that one's Also (near-duplicates: a talk given twice).
	Collapse float64
	// Diversify in (0,1) reorders by maximal marginal relevance with this
	// λ (1 is plain relevance); 0 is off.
	Diversify float64

	refDoc int // the document whose references count (Similar), plus one; 0 none
}

// The defaults of the blend, chosen on judgments made by people (see the
// README, "How it scores").
const (
	DefaultLambda      = 0.45
	DefaultLambdaWords = 16
	DefaultRefWeight   = 0.3
	// SuggestedCodeWeight scales λ_q for codes suggested from the text:
	// a guess counts half as much as codes a source assigned.
	SuggestedCodeWeight = 0.5
	// suggestMinShare is the share of the neighbours' votes a suggested
	// code needs to be used.
	suggestMinShare = 0.3
)

// DefaultQuery returns a query with the engine's default blend, K = 10,
// and the near-duplicate folding of the command line; the caller sets
// the vector (or uses Similar) and any other field.
func DefaultQuery() Query {
	return Query{K: 10, Lambda: DefaultLambda, LambdaWords: DefaultLambdaWords, RefWeight: DefaultRefWeight,
		SuggestCodes: true, Collapse: DefaultCollapse, ExplainTerms: 5}
}

// Result is one related document and why it ranks.
type Result struct {
	Doc    int     `json:"-"`
	ID     string  `json:"id"`
	Score  float64 `json:"score"`
	Cosine float64 `json:"cosine"`
	// MSC is the code similarity, computed even when λ = 0 so that it
	// can be shown; it counts in Score only when λ > 0.
	MSC float64 `json:"msc"`
	// Refs is the reference similarity (0 when it does not count).
	Refs float64 `json:"refs"`
	// SharedRefs are the cited works shared with the query, rarest first
	// (at most ExplainTerms of them).
	SharedRefs []string `json:"shared_refs,omitempty"`
	// Terms are the words that contributed most to the cosine, largest
	// first; their contributions add up to at most Cosine.
	Terms []TermMatch `json:"terms"`
	// Codes are the codes shared with the query, at their deepest level.
	Codes []CodeMatch `json:"codes"`
	// Also lists near-duplicates folded into this result (Query.Collapse).
	Also []string `json:"also,omitempty"`
}

// TermMatch is one shared term and its part of the cosine.
type TermMatch struct {
	Word         string  `json:"word"` // as readers write it: "optimization"
	Term         string  `json:"term"` // as indexed: "optim"
	Contribution float64 `json:"contribution"`
}

// scratch is per-search working memory, pooled: an accumulator per
// document, and a mark per document (an epoch, so that nothing needs
// clearing between searches).
type scratch struct {
	acc     []float64
	mark    []uint32 // touched in this search
	epoch   uint32
	touched []int32
	row     []float32  // Similar's accumulator row, left zeroed
	qt      queryTerms // Similar's query terms, left zeroed
	rest    []float64  // Similar's weights on common terms not read, left zeroed
}

func newScratch(n int) *scratch {
	return &scratch{acc: make([]float64, n), mark: make([]uint32, n)}
}

func (s *scratch) touch(d int32) {
	if s.mark[d] != s.epoch {
		s.mark[d] = s.epoch
		s.acc[d] = 0
		s.touched = append(s.touched, d)
	}
}

// ErrBadQuery is the cause of every *BadQueryError:
// errors.Is(err, ErrBadQuery) tells a caller's mistake (a parameter out of
// range) from a failure of the engine.
var ErrBadQuery = errors.New("bad query")

// BadQueryError is a query parameter out of range. Field names the
// parameter as the HTTP API and the command line's flags name it, in
// snake case ("k", "lambda", "lambda_words", "ref_weight", "msc_prefix",
// "terms", "collapse", "diversify", "feedback", "candidates"), so that each
// interface can name it as its users write it; Reason says what is wrong
// with the value ("must be in [0,1], got 2").
type BadQueryError struct {
	Field  string
	Reason string
}

// Error is "bad query: " and the field and reason: "bad query: k must
// be at least 1, got 0".
func (e *BadQueryError) Error() string { return "bad query: " + e.Field + " " + e.Reason }

// Unwrap returns ErrBadQuery.
func (e *BadQueryError) Unwrap() error { return ErrBadQuery }

func badQuery(field, format string, a ...any) *BadQueryError {
	return &BadQueryError{Field: field, Reason: fmt.Sprintf(format, a...)}
}

// Validate checks a query's parameters: every check of the engine's
// parameters is here, so that the command line, the Go API and the HTTP
// API refuse the same values with the same reasons.
func (q *Query) Validate() error {
	switch {
	case q.K < 1:
		return badQuery("k", "must be at least 1, got %d", q.K)
	case q.Lambda < 0 || q.Lambda > 1 || q.Lambda != q.Lambda:
		return badQuery("lambda", "must be in [0,1], got %g", q.Lambda)
	case q.LambdaWords < 0 || q.LambdaWords != q.LambdaWords || math.IsInf(q.LambdaWords, 0):
		return badQuery("lambda_words", "must be at least 0, got %g", q.LambdaWords)
	case q.RefWeight < 0 || q.RefWeight > 1 || q.RefWeight != q.RefWeight:
		return badQuery("ref_weight", "must be in [0,1], got %g", q.RefWeight)
	case q.MSCPrefix != "" && !corpus.ValidCodePrefix(q.MSCPrefix):
		return badQuery("msc_prefix", "must be an MSC code or its start (65, 65K, 65K10, 65-XX, 65Kxx), got %q", q.MSCPrefix)
	case q.ExplainTerms < 0:
		return badQuery("terms", "must be at least 0, got %d", q.ExplainTerms)
	case q.Diversify < 0 || q.Diversify >= 1 || q.Diversify != q.Diversify:
		return badQuery("diversify", "must be in [0,1), got %g", q.Diversify)
	case q.Collapse < 0 || q.Collapse > 1 || q.Collapse != q.Collapse:
		return badQuery("collapse", "must be in [0,1], got %g", q.Collapse)
	case q.Feedback < 0:
		return badQuery("feedback", "must be at least 0, got %d", q.Feedback)
	}
	return nil
}

// Blend is how one query's score combines its parts:
//
//	score = (1 - Lambda - Refs)·cosine + Lambda·msc + Refs·refs
type Blend struct {
	Lambda float64 `json:"lambda"` // λ_q, the weight of the codes
	Refs   float64 `json:"refs"`   // the weight of shared references
	Words  int     `json:"words"`  // W, the query's distinct words that another document has
	// Codes are the codes compared: the query's, codes derived from its
	// arXiv categories, or codes suggested from its text (Suggested).
	Codes     CodeSet `json:"codes"`
	Suggested bool    `json:"suggested,omitempty"`
}

// Blend decides the weights of a query's parts (Search calls it; callers
// call it to show them).
func (ix *Index) Blend(q Query) (Blend, error) {
	if err := q.Validate(); err != nil {
		return Blend{}, err
	}
	b := Blend{Codes: q.Codes}
	// Words count as text evidence when another document has them: a
	// word no other document has cannot make the query similar to
	// anything, so in a small library, where most of a talk's words are
	// its own, the codes weigh more.
	minDF := int32(1)
	if q.refDoc > 0 {
		minDF = 2 // the query is a document: one occurrence is its own
	}
	df := ix.Space.Model.DF
	for _, t := range q.Vector.Terms {
		if t >= 0 && int(t) < len(df) && df[t] >= minDF && !ix.Space.Vocab.IsPair(t) {
			b.Words++
		}
	}
	lambda := q.Lambda
	if q.LambdaWords > 0 {
		lambda *= math.Exp2(-float64(b.Words) / q.LambdaWords)
	}
	// Free text only: for `similar` on a record without codes the guess
	// changed nothing measurable (MathSciNet titles 0.279 without against
	// 0.278 with, the other sets equal) and doubled the work.
	if len(b.Codes.Codes) == 0 && q.SuggestCodes && q.refDoc == 0 && lambda > 0 && ix.anyCodes {
		codes, err := ix.suggestCodes(q)
		if err != nil {
			return Blend{}, err
		}
		if len(codes.Codes) > 0 {
			b.Codes, b.Suggested = codes, true
			lambda *= SuggestedCodeWeight
		}
	}
	if len(b.Codes.Codes) > 0 {
		b.Lambda = lambda
	}
	if d := q.refDoc - 1; d >= 0 && ix.refs != nil && ix.refs.any[d] {
		// The text keeps what the codes and references leave, never less
		// than nothing.
		b.Refs = min(q.RefWeight, 1-b.Lambda)
	}
	return b, nil
}

// suggestCodes suggests the full codes that at least suggestMinShare of
// the votes of the query's text neighbours carry.
func (ix *Index) suggestCodes(q Query) (CodeSet, error) {
	s, err := ix.SuggestFor(q)
	if err != nil {
		return CodeSet{}, err
	}
	var cs CodeSet
	for _, c := range s.Codes {
		if c.Score >= suggestMinShare {
			cs.Codes = append(cs.Codes, c.Code)
		}
	}
	return cs, nil
}

// Search returns the K best documents for the query, best first, ties
// broken by id, each with its explanation. Only documents that share a
// term with the query, or (when λ > 0) an MSC area, are scored.
func (ix *Index) Search(q Query) ([]Result, error) {
	results, _, err := ix.SearchBlend(q)
	return results, err
}

// SearchBlend is Search, also returning how the query's scores were
// blended (its Blend), decided once.
func (ix *Index) SearchBlend(q Query) ([]Result, Blend, error) {
	if err := q.Validate(); err != nil {
		return nil, Blend{}, err
	}
	if q.Feedback > 0 && q.FeedbackWeight > 0 {
		v, err := ix.expand(q)
		if err != nil {
			return nil, Blend{}, err
		}
		q.Vector, q.Feedback = v, 0
	}
	b, err := ix.Blend(q)
	if err != nil {
		return nil, Blend{}, err
	}
	sc := ix.newScorer(q, b, q.want())
	top, err := sc.exhaustive()
	sc.release()
	if err != nil {
		return nil, Blend{}, err
	}
	return ix.finish(q, b, top), b, nil
}

// want is how many candidates a query needs before folding or reordering.
func (q Query) want() int {
	switch {
	case q.Diversify > 0 && q.Diversify < 1:
		// Reordering needs candidates well beyond the K shown.
		return max(5*q.K, 50)
	case q.Collapse > 0:
		// Folding needs a few more, in case some are near-duplicates.
		return 2*q.K + 5
	}
	return q.K
}

// finish turns a query's best candidates into results: explanations,
// then folding and reordering.
func (ix *Index) finish(q Query, b Blend, top *topK) []Result {
	refDoc := q.refDoc - 1
	cands := top.sorted()
	results := make([]Result, len(cands))
	qcodes := compileCodes(b.Codes)
	for i, c := range cands {
		codes := ix.Codes(int(c.doc))
		results[i] = Result{
			Doc:    int(c.doc),
			ID:     ix.records.ID(int(c.doc)),
			Score:  c.score,
			Cosine: c.cos,
			// Shown even when λ = 0, where it did not count; compiled,
			// the same value as MSCSimilarity without parsing strings.
			MSC:   mscSimilarity(qcodes, ix.docCodes(c.doc)),
			Refs:  c.ref,
			Terms: ix.explainTerms(q.Vector, int(c.doc), q.ExplainTerms),
			Codes: MatchCodes(b.Codes, codes),
		}
		if c.ref > 0 {
			shared := ix.refs.shared(refDoc, int(c.doc))
			if q.ExplainTerms >= 0 && len(shared) > q.ExplainTerms {
				shared = shared[:q.ExplainTerms]
			}
			results[i].SharedRefs = shared
		}
		if results[i].Codes == nil {
			results[i].Codes = []CodeMatch{}
		}
	}
	if q.Collapse > 0 {
		results = ix.collapse(results, q.Collapse, q.K)
	}
	if q.Diversify > 0 && q.Diversify < 1 {
		results = ix.diversify(results, q.Diversify, q.K)
	}
	if len(results) > q.K {
		results = results[:q.K]
	}
	return results
}

// Similar ranks the documents related to document doc, using its own
// vector, codes and references, never returning it. It gives the results
// of Search(SimilarQuery(doc, q)), reading fewer postings (see similar).
// Its first call makes what it bounds documents with (PrepareSimilar).
func (ix *Index) Similar(doc int, q Query) ([]Result, error) {
	results, _, err := ix.SimilarBlend(doc, q)
	return results, err
}

// SimilarBlend is Similar, with the blend it used, as SearchBlend.
func (ix *Index) SimilarBlend(doc int, q Query) ([]Result, Blend, error) {
	if err := q.Validate(); err != nil {
		return nil, Blend{}, err
	}
	if q.Feedback > 0 || q.Candidates != nil {
		return ix.SearchBlend(ix.SimilarQuery(doc, q))
	}
	s := ix.scratch.Get().(*scratch)
	defer ix.scratch.Put(s)
	if s.row == nil {
		s.row = make([]float32, ix.Len())
		s.qt = newQueryTerms(ix.post.terms())
	}
	return ix.similar(doc, q, s)
}

// PrepareSimilar makes what Similar bounds documents with, as its first
// call would: a copy of every document's common terms (4 bytes a term),
// its norms on groups of them (48 bytes) and on the commonest of them (4
// bytes a cut), 36 MB for the 100,000 records of the generator's corpus,
// made in 0.23-0.30 s. A server calls
// it before it answers; one query need not (a search reads less).
func (ix *Index) PrepareSimilar() { ix.commonTerms() }

// SimilarPrepared reports whether PrepareSimilar (or a Similar) has made
// what Similar needs.
func (ix *Index) SimilarPrepared() bool { return ix.similarReady.Load() }

// SimilarQuery is the query Similar runs for document doc: its vector,
// codes and references with q's settings (to pass to Blend).
func (ix *Index) SimilarQuery(doc int, q Query) Query {
	q.Vector = ix.Space.Vectors[doc]
	q.Codes = ix.Codes(doc)
	q.Exclude = append(q.Exclude[:len(q.Exclude):len(q.Exclude)], doc)
	q.refDoc = doc + 1
	return q
}

func normalizePrefix(p string) string {
	p = strings.TrimSpace(p)
	p = strings.TrimRight(p, "xX-")
	if len(p) >= 3 && p[2] != '-' {
		p = p[:2] + strings.ToUpper(p[2:3]) + p[3:]
	}
	return p
}

// hasPrefix reports whether a code of document d starts with prefix. It
// reads the compiled codes (a code's five characters are its key), not
// the code set, which for a document with only arXiv categories is made
// anew at each call.
func (ix *Index) hasPrefix(d int32, prefix string) bool {
	if len(prefix) > 5 {
		return ix.hasPrefixSlow(d, prefix)
	}
	var want uint64
	for i := range len(prefix) {
		want = want<<8 | uint64(prefix[i])
	}
	for _, m := range ix.docCodes(d) {
		if m.depth() == 0 {
			return ix.hasPrefixSlow(d, prefix) // a code not of five characters
		}
		if m.key()>>(8*(5-len(prefix))) == want {
			return true
		}
	}
	return false
}

// hasPrefixSlow is hasPrefix on the code set's strings.
func (ix *Index) hasPrefixSlow(d int32, prefix string) bool {
	for _, c := range ix.Codes(int(d)).Codes {
		if strings.HasPrefix(c, prefix) {
			return true
		}
	}
	return false
}

// explainTerms lists the n terms with the largest share of the cosine.
func (ix *Index) explainTerms(q vectorize.Vector, doc, n int) []TermMatch {
	if n == 0 {
		return []TermMatch{}
	}
	dv := ix.Space.Vectors[doc]
	// Terms and contributions first; words, which an index file decodes,
	// only for the n shown.
	type shared struct {
		term         int32
		contribution float64
	}
	vocab := ix.Space.Vocab
	// before orders by contribution, then by term (terms are distinct).
	before := func(a, b shared) bool {
		if a.contribution != b.contribution {
			return a.contribution > b.contribution
		}
		return vocab.Term(a.term) < vocab.Term(b.term)
	}
	// The n best are kept in order as the shared terms come (a few among
	// a hundred): sorting them all cost more than the rest of a related
	// list's explanations.
	var buf [8]shared
	all := buf[:0]
	i, j := 0, 0
	for i < len(q.Terms) && j < len(dv.Terms) {
		switch {
		case q.Terms[i] < dv.Terms[j]:
			i++
		case q.Terms[i] > dv.Terms[j]:
			j++
		default:
			x := shared{q.Terms[i], q.Weights[i] * dv.Weights[j]}
			i++
			j++
			if n >= 0 && len(all) == n {
				if !before(x, all[n-1]) {
					continue
				}
				all = all[:n-1]
			}
			k := len(all)
			for k > 0 && before(x, all[k-1]) {
				k--
			}
			all = slices.Insert(all, k, x)
		}
	}
	out := make([]TermMatch, len(all))
	for i, x := range all {
		out[i] = TermMatch{Word: vocab.Word(x.term), Term: vocab.Term(x.term), Contribution: x.contribution}
	}
	return out
}

// candidate is a scored document.
type candidate struct {
	doc                  int32
	score, cos, msc, ref float64
}

// topK keeps the k best candidates in a min-heap: the root is the worst
// kept, the one a better candidate replaces.
type topK struct {
	k    int
	heap []candidate
	ix   *Index
}

func newTopK(k int, ix *Index) *topK {
	return &topK{k: k, heap: make([]candidate, 0, k), ix: ix}
}

// better orders by score, then by id so that the order is deterministic.
func (t *topK) better(a, b candidate) bool {
	if a.score != b.score {
		return a.score > b.score
	}
	return t.ix.records.ID(int(a.doc)) < t.ix.records.ID(int(b.doc))
}

func (t *topK) push(c candidate) {
	if len(t.heap) < t.k {
		t.heap = append(t.heap, c)
		t.up(len(t.heap) - 1)
		return
	}
	if !t.better(c, t.heap[0]) {
		return
	}
	t.heap[0] = c
	t.down(0)
}

func (t *topK) up(i int) {
	for i > 0 {
		p := (i - 1) / 2
		if !t.better(t.heap[p], t.heap[i]) {
			break
		}
		t.heap[p], t.heap[i] = t.heap[i], t.heap[p]
		i = p
	}
}

func (t *topK) down(i int) {
	n := len(t.heap)
	for {
		l, worst := 2*i+1, i
		if l < n && t.better(t.heap[worst], t.heap[l]) {
			worst = l
		}
		if r := l + 1; r < n && t.better(t.heap[worst], t.heap[r]) {
			worst = r
		}
		if worst == i {
			return
		}
		t.heap[i], t.heap[worst] = t.heap[worst], t.heap[i]
		i = worst
	}
}

// sorted returns the kept candidates, best first.
func (t *topK) sorted() []candidate {
	out := append([]candidate(nil), t.heap...)
	sort.Slice(out, func(i, j int) bool { return t.better(out[i], out[j]) })
	return out
}
