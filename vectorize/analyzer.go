package vectorize

import (
	"sync"
	"sync/atomic"
)

// Options configure the analysis chain. The zero value does nothing but
// tokenise and lower-case; DefaultOptions is what the engine uses. The
// JSON names are those an index file stores (package indexfile).
type Options struct {
	LaTeX     bool `json:"latex"`      // strip math and markup before tokenising (StripLaTeX)
	StopWords bool `json:"stop_words"` // drop the stop words of the text's language
	Stem      bool `json:"stem"`       // Snowball stemming in the text's language
	Bigrams   bool `json:"bigrams"`    // add pairs of adjacent terms ("convex optim") as terms
	// Language forces one language for every text; "" takes the record's
	// declared language, else detection, else DefaultLanguage.
	Language        string `json:"language"`
	DefaultLanguage string `json:"default_language"`
	// TitleWeight and KeywordWeight multiply the counts of terms from the
	// title and keywords; the abstract counts once.
	TitleWeight   float64 `json:"title_weight"`
	KeywordWeight float64 `json:"keyword_weight"`
	// FoldAccents makes terms match whatever the accents: "Poincare"
	// finds "Poincaré". English words are folded before stemming (their
	// accents are foreign names'), other languages' stems after (their
	// stemmers read the accents).
	FoldAccents bool `json:"fold_accents,omitempty"`
	// ProtectWords keeps apart the mathematical words that Snowball
	// stems together although they name different things ("multiplicity",
	// "multiplier" and "multiplicative" all give "multipl"; "complexity"
	// and "complex" give "complex"): each family gets its own term.
	ProtectWords bool `json:"protect_words,omitempty"`
}

// DefaultOptions are the analysis defaults, chosen by `related eval
// --compare` on the development set (see the README).
func DefaultOptions() Options {
	return Options{
		LaTeX:           true,
		StopWords:       true,
		Stem:            true,
		Bigrams:         true,
		DefaultLanguage: "english",
		TitleWeight:     2,
		KeywordWeight:   1,
		FoldAccents:     true,
		ProtectWords:    true,
	}
}

// Token is one analysed word: Term is what is indexed (the stem), Word the
// lower-cased form it came from, for showing to readers.
type Token struct {
	Term string
	Word string
}

// Analyzer turns text into terms with an analysis chain per language,
// composed from the Options: character filters (NFKC; LaTeX stripped;
// bound prefixes joined, "non-smooth"), a tokenizer (runs of letters and
// digits; apostrophes and hyphens split, so French elisions "l'", "qu'"
// come off), then token filters (lower-case; short and numeric tokens
// dropped; stop words; protected words; accent folding and stemming;
// bigrams). It is safe for concurrent use.
//
// The filters that depend on nothing but the word run once per distinct
// word and language, and the outcome is remembered (entries): words follow
// Zipf's law, a few thousand make most of any text. A record's texts are
// analysed in one session, which looks each distinct word up once for
// language detection and analysis together.
type Analyzer struct {
	opts Options
	// chains are the analysis chains of the languages, then that of
	// languages without a stemmer (lower-case and short tokens only).
	chains   [len(languages) + 1]chain
	entries  memo[*wordEntry]
	keys     keys
	sessions sync.Pool
}

// chain is the analysis chain of one language: its stages in order.
type chain struct {
	slot      int   // the index of its terms in wordEntry.terms
	keys      *keys // the analyzer's
	chars     []charFilter
	tokenizer tokenizer
	// Then lowerCase (session.lookup), then:
	words   []wordFilter
	bigrams bool // a bigramFilter ends the chain
}

// newChain composes the chain of language l (nil: a language without a
// stemmer) from the options.
func newChain(slot int, l *language, o Options, k *keys) chain {
	c := chain{slot: slot, keys: k, chars: []charFilter{nfkcFilter{}}}
	if o.LaTeX {
		c.chars = append(c.chars, latexFilter{})
	}
	c.chars = append(c.chars, prefixFilter{})
	c.words = []wordFilter{shortFilter{}}
	if l != nil {
		if o.StopWords {
			c.words = append(c.words, stopFilter{l})
		}
		switch {
		case o.Stem:
			if o.ProtectWords && l.protected != nil {
				c.words = append(c.words, protectFilter{l.protected})
			}
			if o.FoldAccents && l.foldFirst {
				c.words = append(c.words, foldFilter{})
			}
			c.words = append(c.words, stemFilter{l})
			if o.FoldAccents {
				c.words = append(c.words, foldFilter{})
			}
		case o.FoldAccents:
			c.words = append(c.words, foldFilter{})
		}
	}
	c.bigrams = o.Bigrams
	return c
}

// term returns the outcome of the chain's word filters for a word,
// computed once.
func (c *chain) term(e *wordEntry) *wordTerm {
	if t := e.terms[c.slot].Load(); t != nil {
		return t
	}
	t := term{text: e.word}
	keep := true
	for _, f := range c.words {
		if !f.filter(&t) {
			keep = false
			break
		}
	}
	wt := &wordTerm{text: t.text, drop: !keep}
	if keep && e.memoized {
		wt.formKey, wt.termKey = c.keys.form(), c.keys.term(wt.text)
	}
	// Another goroutine may store its own meanwhile: they are equal.
	e.terms[c.slot].Store(wt)
	return wt
}

// wordEntry is what the analysis knows of a lower-cased word: what
// language detection counts, and its term in each chain, computed when
// first needed.
type wordEntry struct {
	word string
	// inline holds word when it fits: the bytes that a session compares
	// on the same cache line as the header it reads first (the struct is
	// a size class's 128 bytes, which the allocator aligns), one miss
	// where there were two.
	inline   [16]byte
	stops    languageSet // the languages it is a stop word of
	letters  int32
	cyrillic int32 // letters that are Cyrillic
	terms    [len(languages) + 1]atomic.Pointer[wordTerm]
	memoized bool // held by the analyzer's entries, for all to share
}

// wordTerm is the outcome of a chain's word filters: a term, or a drop.
// Its keys (keys.go) number it and its term, when its entry is memoized:
// one per analyzer, they are then all the entries that a word ever has.
type wordTerm struct {
	text             string
	drop             bool
	formKey, termKey uint32
}

// memoLimit bounds the memo, so that a corpus of millions of distinct
// words (identifiers, typos) does not grow it without end.
const memoLimit = 1 << 20

// memo is a concurrent map for read-mostly memoisation: reads go to an
// immutable map without locking; new entries wait in a locked map and are
// merged into a new immutable map when they are a quarter of its size
// (amortised constant time per entry). It stops growing at memoLimit.
type memo[V any] struct {
	read  atomic.Pointer[map[string]V]
	mu    sync.Mutex
	dirty map[string]V
	size  int
}

// loadBytes looks up the key k (as bytes, not to allocate a string).
func (c *memo[V]) loadBytes(k []byte) (V, bool) {
	if m := c.read.Load(); m != nil {
		if v, ok := (*m)[string(k)]; ok {
			return v, true
		}
	}
	c.mu.Lock()
	v, ok := c.dirty[string(k)]
	c.mu.Unlock()
	return v, ok
}

// store adds k (a string of its own, not a slice of a larger text that it
// would keep alive) and returns the value the memo holds for it: v, or
// the one another goroutine stored first; held is false when the memo is
// full and holds neither.
func (c *memo[V]) store(k string, v V) (_ V, held bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	// Looked for in both maps, under the lock that guards their
	// replacement: a value is never held twice under one key, which
	// keys.term relies on.
	if m := c.read.Load(); m != nil {
		if old, ok := (*m)[k]; ok {
			return old, true
		}
	}
	if old, ok := c.dirty[k]; ok {
		return old, true
	}
	if c.size >= memoLimit {
		return v, false
	}
	if c.dirty == nil {
		c.dirty = map[string]V{}
	}
	c.dirty[k] = v
	c.size++
	old := c.read.Load()
	n := 0
	if old != nil {
		n = len(*old)
	}
	if len(c.dirty) >= max(64, n/4) {
		m := make(map[string]V, n+len(c.dirty))
		if old != nil {
			for k, v := range *old {
				m[k] = v
			}
		}
		for k, v := range c.dirty {
			m[k] = v
		}
		c.read.Store(&m)
		c.dirty = nil
	}
	return v, true
}

// NewAnalyzer returns an analyzer with the given options.
func NewAnalyzer(opts Options) *Analyzer {
	if opts.DefaultLanguage == "" {
		opts.DefaultLanguage = "english"
	}
	a := &Analyzer{opts: opts}
	for i := range languages {
		a.chains[i] = newChain(i, &languages[i], opts, &a.keys)
	}
	a.chains[len(languages)] = newChain(len(languages), nil, opts, &a.keys)
	return a
}

// chainOf returns the chain of a language.
func (a *Analyzer) chainOf(lang string) *chain {
	if i := languageIndex(lang); i >= 0 {
		return &a.chains[i]
	}
	return &a.chains[len(languages)]
}

// entry returns the entry of a lower-cased word, memoised.
func (a *Analyzer) entry(w []byte) *wordEntry {
	if e, ok := a.entries.loadBytes(w); ok {
		return e
	}
	e := newWordEntry(w)
	// Marked before it is shared; unmarked if it is not.
	e.memoized = true
	got, held := a.entries.store(e.word, e)
	if !held {
		e.memoized = false
	}
	return got
}

// session returns a session for analysing one record or text; release
// gives it back.
func (a *Analyzer) session() *session {
	s, _ := a.sessions.Get().(*session)
	if s == nil {
		s = &session{an: a}
	}
	return s
}

func (a *Analyzer) release(s *session) {
	s.reset()
	a.sessions.Put(s)
}

// Options returns the analyzer's options.
func (a *Analyzer) Options() Options { return a.opts }

// Language decides the language of a text: the forced one, else the
// declared one, else detection, else the default.
func (a *Analyzer) Language(declared, text string) string {
	s := a.session()
	defer a.release(s)
	return s.language(declared, text)
}

// Analyze returns the tokens of text in the given language (as decided by
// Language). Unknown languages are tokenised without stop words or stems.
func (a *Analyzer) Analyze(text, lang string) []Token {
	return a.AppendTokens(nil, text, lang)
}

// AppendTokens is Analyze appending to dst, to reuse its storage.
func (a *Analyzer) AppendTokens(dst []Token, text, lang string) []Token {
	s := a.session()
	defer a.release(s)
	for _, f := range s.tokens(text, lang) {
		dst = append(dst, s.forms[f])
	}
	return dst
}
