package vectorize

import (
	"unicode"
	"unicode/utf8"
)

// span is a token as the tokenizer finds it: the word text[start:end],
// and whether a phrase boundary (punctuation) separates it from the word
// before, so that no bigram joins them.
type span struct {
	start, end int
	gap        bool
}

// tokenizer cuts text into words: runs of letters, digits and combining
// marks. Spaces, apostrophes and hyphens separate words of one phrase
// ("l'équation", "two-layer"), which takes French elisions off their
// word; any other character (punctuation, symbols) ends the phrase too.
type tokenizer struct{}

// Byte classes of ASCII characters for the tokenizer.
const (
	hardSep  = iota // punctuation and symbols: a phrase boundary
	softSep         // spaces, apostrophe, hyphen: words of one phrase
	wordByte        // letters and digits
)

var asciiClass = func() (c [utf8.RuneSelf]uint8) {
	for r := range rune(utf8.RuneSelf) {
		switch {
		case isWordRune(r):
			c[r] = wordByte
		case unicode.IsSpace(r) || r == '\'' || r == '-':
			c[r] = softSep
		}
	}
	return c
}()

// tokenize appends the words of text to dst.
func (tokenizer) tokenize(dst []span, text string) []span {
	gap := false
	for i := 0; i < len(text); {
		// Separators, then a word.
		for i < len(text) {
			if c := text[i]; c < utf8.RuneSelf {
				class := asciiClass[c]
				if class == wordByte {
					break
				}
				gap = gap || class == hardSep
				i++
				continue
			}
			r, size := utf8.DecodeRuneInString(text[i:])
			if isWordRune(r) {
				break
			}
			gap = gap || !(unicode.IsSpace(r) || r == '’' || isHyphen(r))
			i += size
		}
		if i == len(text) {
			break
		}
		start := i
		for i < len(text) {
			if c := text[i]; c < utf8.RuneSelf {
				if asciiClass[c] != wordByte {
					break
				}
				i++
				continue
			}
			r, size := utf8.DecodeRuneInString(text[i:])
			if !isWordRune(r) {
				break
			}
			i += size
		}
		dst = append(dst, span{start, i, gap})
		gap = false
	}
	return dst
}

// isWordRune reports whether r belongs inside a token: a letter, a digit
// or a combining mark.
func isWordRune(r rune) bool {
	if r <= unicode.MaxLatin1 {
		// No combining marks, and the only digits are ASCII's.
		return unicode.IsLetter(r) || '0' <= r && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

func isHyphen(r rune) bool { return r == '-' || r == '‐' || r == '‑' }
