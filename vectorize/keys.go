package vectorize

import "sync/atomic"

// keys number what the analysis gives, so that a space's merge of a
// record's forms into its vocabulary (Space.AddRecords) indexes arrays
// and compares integers where it hashed and compared strings: a form key
// stands for a (term, word) form, a term key for a term. A unigram's keys
// are those of its wordTerm, below 2^31; a bigram's are its two words'
// keys side by side, which tells them apart from any unigram's. Key 0 is
// no key: the strings then decide, as without keys.
//
// A term has one key per analyzer (the memo below holds it once; see
// memo.store); a form may have several (two goroutines may make a word's
// wordTerm at once), which only costs a cache miss.
type keys struct {
	forms atomic.Uint32 // the last form key given
	terms memo[uint32]
	n     atomic.Uint32 // the last term key given
}

// maxKey bounds keys, so that a bigram's never reads as a unigram's.
const maxKey = 1<<31 - 1

// form returns a new form key, or 0 once they have run out.
func (k *keys) form() uint32 {
	if f := k.forms.Add(1); f <= maxKey {
		return f
	}
	return 0
}

// term returns the key of a term, or 0 when the memo is full or the keys
// have run out. It is asked once per word and chain (chain.term), so the
// memo's locked store, which returns the key a term already has, is
// lookup enough; a number drawn for a term that had one is skipped.
func (k *keys) term(text string) uint32 {
	t, held := k.terms.store(text, k.n.Add(1))
	if !held || t > maxKey {
		return 0
	}
	return t
}

// pairKey is the key of a bigram of two keys, 0 when either is.
func pairKey(a, b uint64) uint64 {
	if a == 0 || b == 0 {
		return 0
	}
	return a<<32 | b
}
