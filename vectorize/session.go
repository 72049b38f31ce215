package vectorize

import (
	"hash/maphash"
	"unsafe"

	"github.com/related/related/internal/prefetch"
)

// session is the analysis of one record's texts (or of one text) in
// progress: the table of the distinct words met, so that each is looked
// up once in the analyzer's entries, and the distinct tokens (forms)
// emitted, numbered in order of first appearance. It is used by one
// goroutine at a time, and pooled: its word index remembers the entries
// of the words of earlier records.
type session struct {
	an    *Analyzer // nil: no memo (DetectLanguage)
	index wordIndex // lower-cased word → index in words
	words []sessionWord
	chain *chain // the chain of words[].term and of the forms
	forms []Token
	keys  []formKeys       // of forms (see keys.go)
	pairs map[uint64]int32 // the forms of bigrams, by their two words
	// Scratch buffers.
	lower       []byte
	hashes      []wordHash
	idx         []int32
	spans       []span
	toks, paird []tok
	ids         []int32
}

// sessionWord is a word met in a session, with copies of what the
// session reads of its entry at each token.
type sessionWord struct {
	entry             *wordEntry
	stops             languageSet
	letters, cyrillic int32
	term              string // in the session's chain, once resolved
	keys              formKeys
	resolved, drop    bool
	form              int32 // the word's form, -1 until emitted
}

// formKeys are a form's keys (keys.go).
type formKeys struct{ form, term uint64 }

// bigSession is the number of bigrams past which a session's map of them
// is dropped rather than cleared, as clearing costs its capacity.
const bigSession = 1 << 12

// reset empties the session for another record.
func (s *session) reset() {
	if len(s.pairs) > bigSession {
		s.pairs = nil
	}
	clear(s.pairs)
	s.index.reset()
	clear(s.words)
	s.words = s.words[:0]
	s.chain = nil
	clear(s.forms)
	s.forms = s.forms[:0]
	s.keys = s.keys[:0]
	s.ids = s.ids[:0]
}

// lookupSpans appends to out the index in the session's table of each
// word of text that spans give. The words are lower-cased and hashed
// first, and their slots asked for from memory: the look-ups that follow
// then find them in the cache, where each waited for its slot (a table
// of earlier records' words, larger than a core's first cache).
func (s *session) lookupSpans(out []int32, text string, spans []span) []int32 {
	lower, hashes := s.lower[:0], s.hashes[:0]
	for _, sp := range spans {
		lower = lowerCase{}.appendLower(lower, text[sp.start:sp.end])
		hashes = append(hashes, wordHash{end: int32(len(lower))})
	}
	start := int32(0)
	for i := range hashes {
		h := &hashes[i]
		h.h = s.index.hash(lower[start:h.end])
		prefetch.Line(unsafe.Pointer(&s.index.slots[h.h&uint32(len(s.index.slots)-1)]))
		start = h.end
	}
	// Then the entries of the words met before, whose slot is the first
	// they probe (most are): a word is compared with its entry's.
	mask := uint32(len(s.index.slots) - 1)
	for _, h := range hashes {
		if slot := &s.index.slots[h.h&mask]; slot.gen != 0 && slot.hash == h.h {
			prefetch.Line(unsafe.Pointer(slot.entry))
		}
	}
	start = 0
	for _, h := range hashes {
		out = append(out, s.lookupLower(lower[start:h.end], h.h))
		start = h.end
	}
	s.lower, s.hashes = lower, hashes
	return out
}

// wordHash is a lower-cased word's hash, and where it ends in
// session.lower.
type wordHash struct {
	end int32
	h   uint32
}

// lookupLower returns the index of a lower-cased word w, whose hash is
// h, in the session's table, adding it if new.
func (s *session) lookupLower(w []byte, h uint32) int32 {
	slot := s.index.find(w, h)
	if slot != nil && slot.gen == s.index.gen {
		return slot.i
	}
	var e *wordEntry
	switch {
	case slot != nil: // met in an earlier record
		e = slot.entry
	case s.an != nil:
		e = s.an.entry(w)
	default:
		e = newWordEntry(w)
	}
	i := int32(len(s.words))
	if slot != nil {
		s.index.revive(slot, i)
	} else {
		s.index.add(e, h, i)
	}
	s.words = append(s.words, sessionWord{
		entry: e, stops: e.stops, letters: e.letters, cyrillic: e.cyrillic, form: -1,
	})
	return i
}

// wordIndex is a session's table of the words it has met: open
// addressing with linear probing. Its slots stay from one record to the
// next, as a cache of the entries of frequent words; they are told apart
// by their generation, so that emptying the table for another record
// costs nothing.
type wordIndex struct {
	slots []wordSlot
	gen   uint32 // of the current record; 0 marks empty slots
	n     int    // slots of the current generation
	used  int    // slots not empty
	seed  maphash.Seed
}

type wordSlot struct {
	entry *wordEntry // its word is the key
	hash  uint32
	gen   uint32
	i     int32 // index in session.words, if gen is the current one
}

const (
	minIndex = 1 << 9
	// maxIndex bounds the cache of earlier records' words (a table
	// this size stays in a core's cache); a text with more distinct
	// words grows the table past it, for itself alone.
	maxIndex = 1 << 14
)

func (x *wordIndex) reset() {
	x.gen++
	x.n = 0
	if x.gen == 0 || len(x.slots) > maxIndex {
		// Wrapped around, or grown for a huge text: start afresh.
		x.slots, x.gen, x.used = nil, 1, 0
	}
}

// hash returns the hash of w, making the table on first use.
func (x *wordIndex) hash(w []byte) uint32 {
	if x.slots == nil {
		x.seed = maphash.MakeSeed()
		x.slots = make([]wordSlot, minIndex)
		x.gen = max(x.gen, 1)
	}
	return uint32(maphash.Bytes(x.seed, w))
}

// find returns the slot of w, whose hash is h, or nil.
func (x *wordIndex) find(w []byte, h uint32) *wordSlot {
	mask := uint32(len(x.slots) - 1)
	for j := h & mask; ; j = (j + 1) & mask {
		s := &x.slots[j]
		if s.gen == 0 {
			return nil
		}
		if s.hash == h && s.entry.word == string(w) {
			return s
		}
	}
}

// revive makes the slot of a word met in an earlier record one of the
// current record, with index i.
func (x *wordIndex) revive(s *wordSlot, i int32) {
	s.gen, s.i = x.gen, i
	x.n++
}

// add adds the word of e, with hash h and index i; it must not be in the
// table.
func (x *wordIndex) add(e *wordEntry, h uint32, i int32) {
	if 4*(x.used+1) > 3*len(x.slots) {
		x.rehash()
	}
	if x.insert(wordSlot{e, h, x.gen, i}) {
		x.used++
	}
	x.n++
}

// rehash makes room: a table twice the size while under maxIndex, with
// all its words; else one with the current record's words and those of
// the last records, as many as fit in a quarter of it.
func (x *wordIndex) rehash() {

	old := x.slots
	size := len(old)
	age := ^uint32(0) // keep the words met less than age records ago
	if size >= maxIndex {
		for age = 64; age > 1; age /= 2 {
			n := 0
			for _, s := range old {
				if s.gen != 0 && x.gen-s.gen < age {
					n++
				}
			}
			if 4*n <= size {
				break
			}
		}
	}
	if size < maxIndex || 2*(x.n+1) > size {
		size *= 2
	}
	x.slots, x.used = make([]wordSlot, size), 0
	mask := uint32(size - 1)
	for _, s := range old {
		if s.gen != 0 && x.gen-s.gen < age {
			j := s.hash & mask
			for x.slots[j].gen != 0 {
				j = (j + 1) & mask
			}
			x.slots[j] = s
			x.used++
		}
	}
}

// insert puts s in the first slot of its probe sequence that is empty or
// holds a word of an earlier record, and reports whether it was empty.
func (x *wordIndex) insert(s wordSlot) bool {
	mask := uint32(len(x.slots) - 1)
	j := s.hash & mask
	for x.slots[j].gen == x.gen {
		j = (j + 1) & mask
	}
	empty := x.slots[j].gen == 0
	x.slots[j] = s
	return empty
}

// language decides the language of a record whose texts are given, as
// Analyzer.Language does.
func (s *session) language(declared string, texts ...string) string {
	o := &s.an.opts
	if o.Language != "" {
		return o.Language
	}
	if declared != "" {
		// Even a language without a stemmer (German, Italian): no
		// stemming and no stop words beat the wrong language's.
		return declared
	}
	if l := s.detect(texts...); l != "" {
		return l
	}
	return o.DefaultLanguage
}

// tokens analyses text in lang and returns its tokens as indexes of the
// session's forms. The slice is valid until the session is released.
func (s *session) tokens(text, lang string) []int32 {
	c := s.an.chainOf(lang)
	if s.chain != c {
		s.chain = c
		for i := range s.words {
			w := &s.words[i]
			w.term, w.keys, w.resolved, w.drop, w.form = "", formKeys{}, false, false, -1
		}
		clear(s.forms)
		s.forms = s.forms[:0]
		s.keys = s.keys[:0]
		clear(s.pairs)
	}
	for _, f := range c.chars {
		text = f.filter(text)
	}
	s.spans = c.tokenizer.tokenize(s.spans[:0], text)
	s.idx = s.lookupSpans(s.idx[:0], text, s.spans)
	toks := s.toks[:0]
	gap := false
	for k, sp := range s.spans {
		gap = gap || sp.gap
		i := s.idx[k]
		w := &s.words[i]
		if !w.resolved {
			t := c.term(w.entry)
			w.term, w.drop, w.resolved = t.text, t.drop, true
			w.keys = formKeys{uint64(t.formKey), uint64(t.termKey)}
		}
		if w.drop {
			gap = true
			continue
		}
		toks = append(toks, tok{i, -1, gap})
		gap = false
	}
	s.toks = toks
	if c.bigrams {
		s.paird = bigramFilter{}.filter(s.paird[:0], toks)
		toks = s.paird
	}
	start := len(s.ids)
	for _, t := range toks {
		s.ids = append(s.ids, s.form(t))
	}
	return s.ids[start:]
}

// form returns the form of a token, adding it if new.
func (s *session) form(t tok) int32 {
	if t.next < 0 {
		w := &s.words[t.word]
		if w.form < 0 {
			w.form = int32(len(s.forms))
			s.forms = append(s.forms, Token{Term: w.term, Word: w.entry.word})
			s.keys = append(s.keys, w.keys)
		}
		return w.form
	}
	key := uint64(uint32(t.word))<<32 | uint64(uint32(t.next))
	if f, ok := s.pairs[key]; ok {
		return f
	}
	f := int32(len(s.forms))
	a, b := s.words[t.word].form, s.words[t.next].form
	s.forms = append(s.forms, bigramFilter{}.join(s.forms[a], s.forms[b]))
	ka, kb := s.keys[a], s.keys[b]
	s.keys = append(s.keys, formKeys{pairKey(ka.form, kb.form), pairKey(ka.term, kb.term)})
	if s.pairs == nil {
		s.pairs = map[uint64]int32{}
	}
	s.pairs[key] = f
	return f
}
