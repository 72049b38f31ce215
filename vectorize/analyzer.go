package vectorize

import (
	"strings"
	"sync"
	"sync/atomic"
	"unicode"
	"unicode/utf8"
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

// Analyzer turns text into terms: character filters (NFKC, LaTeX), a
// tokenizer (letters and digits; apostrophes and hyphens split, so French
// elisions "l'", "qu'" come off), then token filters (lower-case, short
// and numeric tokens dropped, stop words, stemming, bigrams). It is safe
// for concurrent use.
type Analyzer struct {
	opts Options
	// words memoises, per language, each word's stem and whether it is a
	// stop word (a wordInfo); stopMasks memoises language detection's
	// stop-word lookups. Words follow Zipf's law: a few thousand make
	// most of any text, so the stemmer runs once per distinct word.
	words     [len(languages)]memo[wordInfo]
	stopMasks memo[languageSet]
}

// wordInfo is what the analysis needs to know of a lower-cased word in
// one language.
type wordInfo struct {
	term string
	stop bool
}

// memoLimit bounds each memo, so that a corpus of millions of distinct
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

func (c *memo[V]) load(k string) (V, bool) {
	if m := c.read.Load(); m != nil {
		if v, ok := (*m)[k]; ok {
			return v, true
		}
	}
	c.mu.Lock()
	v, ok := c.dirty[k]
	c.mu.Unlock()
	return v, ok
}

func (c *memo[V]) store(k string, v V) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.size >= memoLimit {
		return
	}
	if _, ok := c.dirty[k]; ok {
		return
	}
	if c.dirty == nil {
		c.dirty = map[string]V{}
	}
	// The key may be a slice of a large text: copy it, so that the memo
	// does not keep the text alive.
	c.dirty[strings.Clone(k)] = v
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
}

// NewAnalyzer returns an analyzer with the given options.
func NewAnalyzer(opts Options) *Analyzer {
	if opts.DefaultLanguage == "" {
		opts.DefaultLanguage = "english"
	}
	return &Analyzer{opts: opts}
}

// word returns the stem and the stop-word status of a lower-cased word in
// language l (languages[li]), memoised.
func (a *Analyzer) word(l *language, li int, w string) wordInfo {
	c := &a.words[li]
	if v, ok := c.load(w); ok {
		return v
	}
	info := wordInfo{stop: l.stopWord(w)}
	switch {
	case a.opts.ProtectWords && l.protected[w] != "":
		info.term = l.protected[w]
	case a.opts.FoldAccents && l.foldFirst:
		info.term = foldAccents(l.stem(foldAccents(w), true))
	case a.opts.FoldAccents:
		info.term = foldAccents(l.stem(w, true))
	default:
		info.term = l.stem(w, true)
	}
	if info.term == w {
		info.term = strings.Clone(w) // not a slice of the text
	}
	c.store(w, info)
	return info
}

// Options returns the analyzer's options.
func (a *Analyzer) Options() Options { return a.opts }

// Language decides the language of a text: the forced one, else the
// declared one when it is a language the analysis knows, else detection,
// else the default.
func (a *Analyzer) Language(declared, text string) string {
	if a.opts.Language != "" {
		return a.opts.Language
	}
	if declared != "" && lookupLanguage(declared) != nil {
		return declared
	}
	if declared != "" {
		// A language without a stemmer (German, Italian): no stemming
		// and no stop words beat the wrong language's.
		return declared
	}
	if l := detectLanguage(text, &a.stopMasks); l != "" {
		return l
	}
	return a.opts.DefaultLanguage
}

// Analyze returns the tokens of text in the given language (as decided by
// Language). Unknown languages are tokenised without stop words or stems.
func (a *Analyzer) Analyze(text, lang string) []Token {
	return a.AppendTokens(nil, text, lang)
}

// AppendTokens is Analyze appending to dst, to reuse its storage.
func (a *Analyzer) AppendTokens(dst []Token, text, lang string) []Token {
	var l *language
	li := languageIndex(lang)
	if li >= 0 {
		l = &languages[li]
	}
	text = NormalizeUnicode(text)
	if a.opts.LaTeX {
		text = StripLaTeX(text)
	}
	text = joinBoundPrefixes(text)
	var prevTerm, prevWord string // the last kept word, for bigrams
	prevKept := false
	emit := func(word string) {
		word = strings.ToLower(word)
		if utf8.RuneCountInString(word) < 2 || isNumber(word) {
			prevKept = false
			return
		}
		term := word
		if l != nil && (a.opts.StopWords || a.opts.Stem || a.opts.FoldAccents) {
			info := a.word(l, li, word)
			if a.opts.StopWords && info.stop {
				prevKept = false
				return
			}
			switch {
			case a.opts.Stem:
				term = info.term
			case a.opts.FoldAccents:
				term = foldAccents(word)
			}
		}
		dst = append(dst, Token{Term: term, Word: word})
		if a.opts.Bigrams && prevKept {
			dst = append(dst, Token{Term: prevTerm + " " + term, Word: prevWord + " " + word})
		}
		prevTerm, prevWord, prevKept = term, word, true
	}
	begin := -1
	for i, r := range text {
		if isWordRune(r) {
			if begin < 0 {
				begin = i
			}
			continue
		}
		if begin >= 0 {
			emit(text[begin:i])
			begin = -1
		}
		if !unicode.IsSpace(r) && r != '\'' && r != '’' && !isHyphen(r) {
			// Punctuation ends a phrase: no bigram across it.
			prevKept = false
		}
	}
	if begin >= 0 {
		emit(text[begin:])
	}
	return dst
}

func isNumber(w string) bool {
	for _, r := range w {
		if !unicode.IsDigit(r) {
			return false
		}
	}
	return true
}

func isHyphen(r rune) bool { return r == '-' || r == '‐' || r == '‑' }

// boundPrefixes are written both hyphenated and joined ("non-smooth",
// "nonsmooth"); alone they mean nothing, so the tokenizer joins them.
var boundPrefixes = map[string]bool{
	"non": true, "semi": true, "quasi": true, "pseudo": true, "sub": true, "super": true,
	"multi": true, "anti": true, "hyper": true, "inter": true, "intra": true, "co": true,
	"bi": true, "tri": true, "poly": true, "post": true, "pre": true, "re": true, "un": true,
	"self": true, "ultra": true, "meta": true, "mono": true, "uni": true, "auto": true,
}

// joinBoundPrefixes removes the hyphen after a bound prefix, so that
// "non-smooth" is indexed as "nonsmooth", as it is also written.
func joinBoundPrefixes(text string) string {
	if !strings.ContainsAny(text, "-‐‑") {
		return text
	}
	var b strings.Builder
	last := 0   // text[:last] is written
	begin := -1 // start of the current word
	for i, r := range text {
		if isWordRune(r) {
			if begin < 0 {
				begin = i
			}
			continue
		}
		if begin >= 0 && isHyphen(r) && boundPrefixes[strings.ToLower(text[begin:i])] {
			size := len(string(r))
			if next, _ := utf8.DecodeRuneInString(text[i+size:]); unicode.IsLetter(next) {
				b.WriteString(text[last:i])
				last = i + size
				continue // the word goes on after the hyphen
			}
		}
		begin = -1
	}
	if last == 0 {
		return text
	}
	b.WriteString(text[last:])
	return b.String()
}
