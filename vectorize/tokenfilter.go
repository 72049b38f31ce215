package vectorize

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// The token filters, the last stages of the analysis chain. A word is
// lower-cased (lowerCase), then passes the word filters of its language
// in turn (short and numeric tokens, stop words, protected words, accent
// folding, stemming), which give its term or drop it; the bigram filter
// then pairs adjacent terms.

// lowerCase lower-cases words, as strings.ToLower does.
type lowerCase struct{}

// appendLower appends the lower-case form of w to dst.
func (lowerCase) appendLower(dst []byte, w string) []byte {
	n := len(dst)
	dst = append(dst, w...)
	for i := n; i < len(dst); i++ {
		c := dst[i]
		if c >= utf8.RuneSelf {
			dst = dst[:i]
			for _, r := range w[i-n:] {
				dst = utf8.AppendRune(dst, unicode.ToLower(r))
			}
			return dst
		}
		if 'A' <= c && c <= 'Z' {
			dst[i] = c + 'a' - 'A'
		}
	}
	return dst
}

// term is a token as the word filters pass it on: its term so far, and
// whether a filter marked it as a keyword, which the filters that change
// words (fold, stem) leave alone.
type term struct {
	text    string
	keyword bool
}

// A wordFilter is a token filter that looks at nothing but the token: it
// may change the term, and returns false to drop the token. The analyzer
// runs the word filters of a language once per distinct word and
// remembers the outcome (Analyzer.entries).
type wordFilter interface {
	filter(t *term) (keep bool)
}

// shortFilter drops one-letter tokens and numbers.
type shortFilter struct{}

func (shortFilter) filter(t *term) bool {
	return utf8.RuneCountInString(t.text) >= 2 && !isNumber(t.text)
}

func isNumber(w string) bool {
	for _, r := range w {
		if !unicode.IsDigit(r) {
			return false
		}
	}
	return true
}

// stopFilter drops the stop words of a language.
type stopFilter struct{ lang *language }

func (f stopFilter) filter(t *term) bool { return !f.lang.stopWord(t.text) }

// protectFilter gives the words of a protected family their family's
// term and marks them as keywords, so that the stemmer does not join
// them to words of other meanings (Options.ProtectWords).
type protectFilter struct{ families map[string]string }

func (f protectFilter) filter(t *term) bool {
	if p := f.families[t.text]; p != "" {
		t.text, t.keyword = p, true
	}
	return true
}

// foldFilter folds accents (foldAccents).
type foldFilter struct{}

func (foldFilter) filter(t *term) bool {
	if !t.keyword {
		t.text = foldAccents(t.text)
	}
	return true
}

// stemFilter applies a language's Snowball stemmer.
type stemFilter struct{ lang *language }

func (f stemFilter) filter(t *term) bool {
	if !t.keyword {
		t.text = f.lang.stem(t.text, true)
	}
	return true
}

// foldAccents removes combining marks after canonical decomposition and
// maps the letters Unicode does not decompose (ø, ł, đ, ß...), so that
// "poincaré" and "poincare" are one word. Text without non-ASCII letters
// is returned as is.
func foldAccents(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		return s
	}
	var b strings.Builder
	latin := false // the last base letter was Latin: its marks go
	for _, r := range norm.NFD.String(s) {
		if unicode.Is(unicode.Mn, r) {
			if !latin {
				b.WriteRune(r) // Cyrillic й is not и
			}
			continue
		}
		latin = unicode.Is(unicode.Latin, r)
		if f, ok := unfoldable[r]; ok {
			b.WriteString(f)
			continue
		}
		b.WriteRune(r)
	}
	return norm.NFC.String(b.String())
}

// unfoldable are lower-case letters without a canonical decomposition.
var unfoldable = map[rune]string{
	'ø': "o", 'ł': "l", 'đ': "d", 'ß': "ss", 'æ': "ae", 'œ': "oe", 'ı': "i", 'ȷ': "j", 'þ': "th", 'ð': "d",
}

// tok is a token in the stream of a session: the index of its word in
// the session's table (session.words), or of the two words of a bigram;
// and, before the bigram filter, whether a gap precedes it (punctuation,
// or a token dropped by a filter).
type tok struct {
	word, next int32 // next is the bigram's second word, -1 for one word
	gap        bool
}

// bigramFilter follows each token by the pair of it and the token before
// it, unless a gap separates them ("convex functions" gives "convex",
// "function", "convex function").
type bigramFilter struct{}

// filter appends the tokens of toks to dst with the bigrams.
func (bigramFilter) filter(dst, toks []tok) []tok {
	for i, t := range toks {
		dst = append(dst, tok{t.word, -1, false})
		if i > 0 && !t.gap {
			dst = append(dst, tok{toks[i-1].word, t.word, false})
		}
	}
	return dst
}

// join makes the token of a bigram from the tokens of its words, the
// term and the word in one allocation.
func (bigramFilter) join(a, b Token) Token {
	if a.Term == a.Word && b.Term == b.Word {
		s := a.Term + " " + b.Term
		return Token{Term: s, Word: s}
	}
	var sb strings.Builder
	n := len(a.Term) + 1 + len(b.Term)
	sb.Grow(n + len(a.Word) + 1 + len(b.Word))
	sb.WriteString(a.Term)
	sb.WriteByte(' ')
	sb.WriteString(b.Term)
	sb.WriteString(a.Word)
	sb.WriteByte(' ')
	sb.WriteString(b.Word)
	s := sb.String()
	return Token{Term: s[:n], Word: s[n:]}
}
