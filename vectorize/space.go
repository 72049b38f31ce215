package vectorize

import (
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/related/related/corpus"
)

// Vocabulary maps terms to dense int32 ids and remembers, for each term,
// the words it came from, so that explanations can show "optimization"
// rather than the stem "optim".
type Vocabulary struct {
	terms []string
	ids   map[string]int32
	words [][]wordCount
	// frozen, when not nil, holds the whole vocabulary as an index file
	// stores it (encode.go), used in place: terms, ids and words are then
	// empty, and the vocabulary cannot grow (Space.Update copies it).
	frozen *frozenVocab
}

type wordCount struct {
	word  string
	count int32
}

// NewVocabulary returns an empty vocabulary.
func NewVocabulary() *Vocabulary {
	return &Vocabulary{ids: map[string]int32{}}
}

// Len is the number of terms.
func (v *Vocabulary) Len() int {
	if v.frozen != nil {
		return v.frozen.len()
	}
	return len(v.terms)
}

// ID returns a term's id.
func (v *Vocabulary) ID(term string) (int32, bool) {
	if v.frozen != nil {
		return v.frozen.id(term)
	}
	id, ok := v.ids[term]
	return id, ok
}

// Term returns the term with the given id.
func (v *Vocabulary) Term(id int32) string {
	if v.frozen != nil {
		return v.frozen.term(id)
	}
	return v.terms[id]
}

// IsPair reports whether a term is a pair of adjacent terms ("convex
// optim"), which the analysis joins with a space.
func (v *Vocabulary) IsPair(id int32) bool { return strings.IndexByte(v.Term(id), ' ') >= 0 }

// Add returns the id of term, adding it if new, and counts word as one of
// its surface forms.
func (v *Vocabulary) Add(term, word string) int32 {
	return v.addForm(term, word, 1)
}

// addForm is Add counting word n times. The vocabulary keeps copies of
// the strings, never slices of a larger text.
func (v *Vocabulary) addForm(term, word string, n int32) int32 {
	id, _ := v.addFormAt(term, word, n)
	return id
}

// addFormAt is addForm, which also returns the index of the word among
// the term's forms: forms are only ever appended, so the pair stays
// theirs (formCache).
func (v *Vocabulary) addFormAt(term, word string, n int32) (id, form int32) {
	if v.frozen != nil {
		panic("vectorize: adding to a vocabulary read from an index file (Space.Update copies it first)")
	}
	id, ok := v.ids[term]
	if !ok {
		id = int32(len(v.terms))
		term = strings.Clone(term)
		v.ids[term] = id
		v.terms = append(v.terms, term)
		v.words = append(v.words, nil)
	}
	ws := v.words[id]
	for i := range ws {
		if ws[i].word == word {
			ws[i].count += n
			return id, int32(i)
		}
	}
	if word == term {
		word = v.terms[id]
	} else {
		word = strings.Clone(word)
	}
	v.words[id] = append(ws, wordCount{word, n})
	return id, int32(len(ws))
}

// Word is the most frequent word that gave the term (ties: the shorter,
// then the first in alphabetical order), or the term itself.
func (v *Vocabulary) Word(id int32) string {
	words := v.forms(id)
	best := wordCount{}
	for _, w := range words {
		if w.count > best.count || (w.count == best.count && (len(w.word) < len(best.word) || (len(w.word) == len(best.word) && w.word < best.word))) {
			best = w
		}
	}
	if best.word == "" {
		return v.Term(id)
	}
	return best.word
}

// forms lists the surface forms of a term, in order of first occurrence.
func (v *Vocabulary) forms(id int32) []wordCount {
	if v.frozen != nil {
		return v.frozen.forms(id)
	}
	return v.words[id]
}

// Space is an analysed collection: the analyzer, the vocabulary, each
// document's bag of term counts, the weighting model and the document
// vectors. Documents keep the order of the records given to Build.
type Space struct {
	Analyzer  *Analyzer
	Vocab     *Vocabulary
	Languages []string // the language each record was analysed in
	Model     *Model
	Vectors   []Vector

	// bags are the raw counts, from which Reweigh and Update recompute the
	// weights. A space read from an index file has them in place in
	// fileCounts (document d's are [fileStarts[d], fileStarts[d+1])),
	// made into bags only when needed (encode.go).
	bags       []Bag
	bagsOnce   sync.Once
	fileCounts []float64
	fileStarts []int64

	langOnce sync.Once
	langs    []string // the records' languages, most frequent first

	forms formCache // AddRecords's
}

// libraryLanguages lists the languages of the records, most frequent
// first (ties in the order of Languages()).
func (s *Space) libraryLanguages() []string {
	s.langOnce.Do(func() {
		count := map[string]int{}
		for _, l := range s.Languages {
			count[l]++
		}
		for _, l := range Languages() {
			if count[l] > 0 {
				s.langs = append(s.langs, l)
			}
		}
		sort.SliceStable(s.langs, func(i, j int) bool { return count[s.langs[i]] > count[s.langs[j]] })
	})
	return s.langs
}

// queryLanguage decides the language of a free text: a forced one, else
// its stop words when they are clear (DetectLanguage). A short query
// ("équations aux dérivées partielles elliptiques") has too few stop
// words: it is analysed in each language of the library, and the one
// whose analysis finds the most words the library has wins; ties go to
// the language its letters point to (é: French), then to the library's
// most frequent language.
func (s *Space) queryLanguage(text string) string {
	an := s.Analyzer
	if an.opts.Language != "" {
		return an.opts.Language
	}
	if l := DetectLanguage(text); l != "" {
		return l
	}
	cands := s.libraryLanguages()
	cue := letterCue(text)
	if cue != "" && !slices.Contains(cands, cue) {
		cands = append(cands, cue)
	}
	if len(cands) == 0 {
		return an.opts.DefaultLanguage
	}
	best, bestKnown := cands[0], -1
	for _, l := range cands {
		known := 0
		for _, t := range an.Analyze(text, l) {
			if id, ok := s.Vocab.ID(t.Term); ok && int(id) < len(s.Model.DF) && s.Model.DF[id] > 0 && !s.Vocab.IsPair(id) {
				known++
			}
		}
		if known > bestKnown || (known == bestKnown && l == cue) {
			best, bestKnown = l, known
		}
	}
	return best
}

// Build analyses the records (on all cores), builds the vocabulary in
// record order, so that ids do not depend on scheduling, and weighs the
// documents.
func Build(records []corpus.Record, opts Options, w Weighting) *Space {
	an := NewAnalyzer(opts)
	s := &Space{Analyzer: an, Vocab: NewVocabulary()}
	s.AddRecords(records)
	s.Reweigh(w)
	return s
}

// docTerms is one record analysed and reduced: its distinct (term, word)
// pairs in order of first appearance, with how often each occurred, and
// its distinct terms in order of first appearance with their weighted
// counts, summed in token order.
type docTerms struct {
	lang   string
	pairs  []termWord
	counts []float64 // of the terms, by index
}

type termWord struct {
	term, word string
	key        uint64 // the form's key, 0 for none (keys.go)
	n          int32
	termIndex  int32 // in docTerms.counts
}

// addBatch is how many records are analysed between two merges into the
// vocabulary: the tokens of a batch are all that is held at once.
const addBatch = 1024

// AddRecords analyses more records and appends their bags. The model and
// vectors are stale until Reweigh is called. Records are analysed on all
// cores, a batch at a time, while the previous batch is merged into the
// vocabulary in record order, so that ids do not depend on scheduling.
func (s *Space) AddRecords(records []corpus.Record) {
	workers := min(runtime.GOMAXPROCS(0), max(1, len(records)/64))
	batches := make(chan []docTerms, 1)
	go func() {
		defer close(batches)
		for lo := 0; lo < len(records); lo += addBatch {
			hi := min(lo+addBatch, len(records))
			out := make([]docTerms, hi-lo)
			var wg sync.WaitGroup
			var next atomic.Int64
			for range workers {
				wg.Add(1)
				go func() {
					defer wg.Done()
					var g termGrouper
					for {
						i := int(next.Add(1)) - 1
						if i >= len(out) {
							return
						}
						out[i] = s.analyseRecord(&records[lo+i], &g)
					}
				}()
			}
			wg.Wait()
			batches <- out
		}
	}()
	var sorter bagSorter
	s.forms.use(s.Analyzer, s.Vocab)
	for batch := range batches {
		// The bags of a batch share two arrays: two allocations a batch,
		// not two a record.
		n := 0
		for i := range batch {
			n += len(batch[i].counts)
		}
		terms, counts := make([]int32, n), make([]float64, n)
		for i := range batch {
			d := &batch[i]
			k := len(d.counts)
			bag := Bag{Terms: terms[:k:k], Counts: counts[:k:k]}
			terms, counts = terms[k:], counts[k:]
			for j := range d.pairs {
				p := &d.pairs[j]
				bag.Terms[p.termIndex] = s.forms.add(p)
			}
			copy(bag.Counts, d.counts)
			sorter.sort(bag)
			s.bags = append(s.bags, bag)
			s.Languages = append(s.Languages, d.lang)
		}
	}
}

// bagSorter sorts bags by term id, reusing its buffers from one bag to
// the next. Ids of a document's new terms come in increasing order, so
// bags are often nearly sorted already.
type bagSorter struct {
	keys   []uint64
	counts []float64
}

func (s *bagSorter) sort(b Bag) {
	if slices.IsSorted(b.Terms) {
		return
	}
	s.keys = s.keys[:0]
	for i, t := range b.Terms {
		s.keys = append(s.keys, uint64(uint32(t))<<32|uint64(i))
	}
	slices.Sort(s.keys)
	s.counts = append(s.counts[:0], b.Counts...)
	for i, k := range s.keys {
		b.Terms[i] = int32(k >> 32)
		b.Counts[i] = s.counts[uint32(k)]
	}
}

// analyseRecord analyses a record's fields (title, keywords, abstract)
// and reduces the tokens to a docTerms, grouping its terms with g.
func (s *Space) analyseRecord(r *corpus.Record, g *termGrouper) docTerms {
	// The record's texts are analysed in one session: its words looked
	// up once for detection and analysis, its tokens given as indexes of
	// its distinct (term, word) forms, numbered in order of first
	// appearance, which d.pairs then follows.
	an := s.Analyzer
	x := an.session()
	defer an.release(x)
	lang := x.language(r.Language, r.Title, r.Abstract)
	d := docTerms{lang: lang}
	weights := [3]float64{an.opts.TitleWeight, an.opts.KeywordWeight, 1}
	field := func(text string, weight float64) []int32 {
		if weight == 0 {
			return nil
		}
		return x.tokens(text, lang)
	}
	fields := [3][]int32{
		field(r.Title, weights[0]),
		field(strings.Join(r.Keywords, " ; "), weights[1]),
		field(r.Abstract, weights[2]),
	}
	n := len(x.forms)
	if n == 0 {
		return d
	}
	g.reset(x.keys)
	d.pairs = make([]termWord, n)
	for f, t := range x.forms {
		k := x.keys[f]
		d.pairs[f] = termWord{term: t.Term, word: t.Word, key: k.form, termIndex: g.index(t.Term, k.term)}
	}
	d.counts = make([]float64, g.n)
	for i, ids := range fields {
		for _, f := range ids {
			p := &d.pairs[f]
			p.n++
			d.counts[p.termIndex] += weights[i]
		}
	}
	return d
}

// termGrouper numbers the distinct terms of a record's forms in order of
// first appearance: by their keys when all have one, else by their text.
type termGrouper struct {
	byKey  map[uint64]int32
	byText map[string]int32
	keyed  bool
	n      int32
}

func (g *termGrouper) reset(keys []formKeys) {
	g.keyed = !slices.ContainsFunc(keys, func(k formKeys) bool { return k.term == 0 })
	g.n = 0
	if g.keyed {
		if g.byKey == nil {
			g.byKey = map[uint64]int32{}
		}
		clear(g.byKey)
	} else {
		if g.byText == nil {
			g.byText = map[string]int32{}
		}
		clear(g.byText)
	}
}

// index returns the number of a term.
func (g *termGrouper) index(term string, key uint64) int32 {
	var j int32
	var ok bool
	if g.keyed {
		if j, ok = g.byKey[key]; !ok {
			g.byKey[key] = g.n
		}
	} else if j, ok = g.byText[term]; !ok {
		g.byText[term] = g.n
	}
	if !ok {
		j = g.n
		g.n++
	}
	return j
}

// Reweigh recomputes the model and every vector with the given weighting,
// without analysing anything again. Vectors share their Terms with the
// bags when every term of the bag is weighed (always, for bags of this
// space's vocabulary), to hold the term ids once.
func (s *Space) Reweigh(w Weighting) {
	s.loadBags()
	s.Model = NewModel(s.bags, s.Vocab, w)
	s.Vectors = make([]Vector, len(s.bags))
	parallel(len(s.bags), func(lo, hi int) {
		for i := lo; i < hi; i++ {
			s.Vectors[i] = s.Model.weighShared(s.bags[i])
		}
	})
}

// parallel runs f over [0,n) in contiguous chunks on all cores.
func parallel(n int, f func(lo, hi int)) {
	workers := min(runtime.GOMAXPROCS(0), max(1, n/1024))
	if workers <= 1 {
		f(0, n)
		return
	}
	var wg sync.WaitGroup
	chunk := (n + workers - 1) / workers
	for lo := 0; lo < n; lo += chunk {
		wg.Add(1)
		go func(lo, hi int) {
			defer wg.Done()
			f(lo, hi)
		}(lo, min(lo+chunk, n))
	}
	wg.Wait()
}

// Query is an analysed free text.
type Query struct {
	Language string
	Vector   Vector
	// Unknown are the query's words that no document has, which cannot
	// contribute to any score; shown so that users know.
	Unknown []string
}

// Query analyses free text as a document (title weight does not apply)
// and weighs it with the collection's statistics. lang "" decides from
// the text and the library (queryLanguage).
func (s *Space) Query(text, lang string) Query {
	if lang == "" {
		lang = s.queryLanguage(text)
	} else {
		lang = s.Analyzer.Language(lang, text)
	}
	var c BagCounter
	var unknown []string
	seen := map[string]bool{}
	for _, t := range s.Analyzer.Analyze(text, lang) {
		id, ok := s.Vocab.ID(t.Term)
		if !ok || int(id) >= len(s.Model.DF) || s.Model.DF[id] == 0 {
			if !seen[t.Word] && !strings.Contains(t.Word, " ") {
				seen[t.Word] = true
				unknown = append(unknown, t.Word)
			}
			continue
		}
		c.Add(id, 1)
	}
	sort.Strings(unknown)
	return Query{Language: lang, Vector: s.Model.QueryWeigh(c.Bag()), Unknown: unknown}
}
