package vectorize

import (
	"runtime"
	"sort"
	"strings"
	"sync"

	"github.com/related/related/corpus"
)

// Vocabulary maps terms to dense int32 ids and remembers, for each term,
// the words it came from, so that explanations can show "optimization"
// rather than the stem "optim".
type Vocabulary struct {
	terms []string
	ids   map[string]int32
	words [][]wordCount
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
func (v *Vocabulary) Len() int { return len(v.terms) }

// ID returns a term's id.
func (v *Vocabulary) ID(term string) (int32, bool) {
	id, ok := v.ids[term]
	return id, ok
}

// Term returns the term with the given id.
func (v *Vocabulary) Term(id int32) string { return v.terms[id] }

// Add returns the id of term, adding it if new, and counts word as one of
// its surface forms.
func (v *Vocabulary) Add(term, word string) int32 {
	id, ok := v.ids[term]
	if !ok {
		id = int32(len(v.terms))
		v.ids[term] = id
		v.terms = append(v.terms, term)
		v.words = append(v.words, nil)
	}
	ws := v.words[id]
	for i := range ws {
		if ws[i].word == word {
			ws[i].count++
			return id
		}
	}
	v.words[id] = append(ws, wordCount{word, 1})
	return id
}

// Word is the most frequent word that gave the term (ties: the shorter,
// then the first in alphabetical order), or the term itself.
func (v *Vocabulary) Word(id int32) string {
	best := wordCount{}
	for _, w := range v.words[id] {
		if w.count > best.count || (w.count == best.count && (len(w.word) < len(best.word) || (len(w.word) == len(best.word) && w.word < best.word))) {
			best = w
		}
	}
	if best.word == "" {
		return v.terms[id]
	}
	return best.word
}

// Space is an analysed collection: the analyzer, the vocabulary, each
// document's bag of term counts, the weighting model and the document
// vectors. Documents keep the order of the records given to Build.
type Space struct {
	Analyzer  *Analyzer
	Vocab     *Vocabulary
	Bags      []Bag
	Languages []string // the language each record was analysed in
	Model     *Model
	Vectors   []Vector
}

// analysed is one record's tokens by field.
type analysed struct {
	lang                     string
	title, keywords, abstrct []Token
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

// AddRecords analyses more records and appends their bags. The model and
// vectors are stale until Reweigh is called.
func (s *Space) AddRecords(records []corpus.Record) {
	results := make([]analysed, len(records))
	workers := min(runtime.GOMAXPROCS(0), max(1, len(records)/64))
	var wg sync.WaitGroup
	next := make(chan int, 256)
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				results[i] = s.analyseRecord(&records[i])
			}
		}()
	}
	for i := range records {
		next <- i
	}
	close(next)
	wg.Wait()
	var counter BagCounter
	for i := range results {
		r := &results[i]
		s.count(&counter, r.title, s.Analyzer.opts.TitleWeight)
		s.count(&counter, r.keywords, s.Analyzer.opts.KeywordWeight)
		s.count(&counter, r.abstrct, 1)
		s.Bags = append(s.Bags, counter.Bag())
		s.Languages = append(s.Languages, r.lang)
		results[i] = analysed{}
	}
}

func (s *Space) count(c *BagCounter, toks []Token, weight float64) {
	if weight == 0 {
		return
	}
	for _, t := range toks {
		c.Add(s.Vocab.Add(t.Term, t.Word), weight)
	}
}

func (s *Space) analyseRecord(r *corpus.Record) analysed {
	an := s.Analyzer
	lang := an.Language(r.Language, r.Title+"\n"+r.Abstract)
	return analysed{
		lang:     lang,
		title:    an.Analyze(r.Title, lang),
		keywords: an.Analyze(strings.Join(r.Keywords, " ; "), lang),
		abstrct:  an.Analyze(r.Abstract, lang),
	}
}

// Reweigh recomputes the model and every vector with the given weighting,
// without analysing anything again.
func (s *Space) Reweigh(w Weighting) {
	s.Model = NewModel(s.Bags, s.Vocab.Len(), w)
	s.Vectors = make([]Vector, len(s.Bags))
	for i, b := range s.Bags {
		s.Vectors[i] = s.Model.Weigh(b)
	}
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
// and weighs it with the collection's statistics. lang "" detects.
func (s *Space) Query(text, lang string) Query {
	lang = s.Analyzer.Language(lang, text)
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
	return Query{Language: lang, Vector: s.Model.Weigh(c.Bag()), Unknown: unknown}
}
