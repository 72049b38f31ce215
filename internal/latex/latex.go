// Package latex decodes the LaTeX spellings of letters: accents ("\'e",
// "\c{c}", "\H o"), special letters ("\ss", "{\o}", "\l"), and the macros
// of MathSciNet's exports ("\polhk a", "\cprime", "\Dbar"). It is the one
// table of them in the module: corpus uses it to decode BibTeX fields
// (where math stays as written) and vectorize to decode text before
// analysis (where math is stripped). What else to do with LaTeX (math,
// formatting, references) differs between the two and stays with each.
package latex

import (
	"strings"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Accents maps LaTeX accent commands to the Unicode combining marks they
// put on their argument.
var Accents = map[string]string{
	"'": "\u0301", "`": "\u0300", "^": "\u0302", "\"": "\u0308", "~": "\u0303",
	"=": "\u0304", ".": "\u0307", "u": "\u0306", "v": "\u030C", "H": "\u030B",
	"c": "\u0327", "k": "\u0328", "r": "\u030A", "d": "\u0323", "b": "\u0331",
	"t": "\u0361",
	// MathSciNet: \polhk is the Polish hook (ogonek, "M\polhk aczyński" is
	// "Mączyński"), \cfac and its kin Vietnamese double accents (a
	// circumflex and an acute, a tilde...).
	"polhk": "\u0328", "cfac": "\u0302\u0301", "cftil": "\u0302\u0303",
	"cfgrv": "\u0302\u0300", "cfhook": "\u0302\u0309", "cfudot": "\u0323\u0302",
	"udot": "\u0323", "ocirc": "\u030A",
}

// Letters maps LaTeX commands for special letters and symbols to their
// text. \i and \j are the dotless letters; under an accent they are
// plain i and j.
var Letters = map[string]string{
	"ss": "ß", "o": "ø", "O": "Ø", "ae": "æ", "AE": "Æ", "oe": "œ", "OE": "Œ",
	"aa": "å", "AA": "Å", "l": "ł", "L": "Ł", "i": "ı", "j": "ȷ", "dh": "ð",
	"DH": "Ð", "th": "þ", "TH": "Þ", "ng": "ŋ", "NG": "Ŋ", "dj": "đ", "DJ": "Đ",
	"S": "§", "P": "¶", "copyright": "©", "pounds": "£", "dag": "†",
	"textendash": "–", "textemdash": "—", "ldots": "…", "dots": "…",
	"textquoteright": "’", "textquoteleft": "‘", "guillemotleft": "«", "guillemotright": "»",
	// MathSciNet: \Dbar is Đ; \cprime and \cdprime transliterate the
	// Cyrillic soft and hard signs (ь, ъ), which the common spelling
	// leaves out: "Gel\cprime fand" is found as "Gelfand".
	"Dbar": "Đ", "dbar": "đ", "cprime": "", "cdprime": "", "bud": "", "cydot": "·",
}

// DecodeLetter decodes the accent or letter command that starts at s[i]
// (a backslash), with its argument: "\'e", "\'{e}", "\c c", "\'{\i}",
// "\ss", "\polhk a". It writes the text, in NFC, to b and returns the
// index after the command; ok is false, and nothing is written, when the
// command is not an accent or a letter (the caller decides what "\emph"
// or "\(" mean). As in TeX, blanks after a command named by letters are
// part of it ("\ss e" is "ße", "\c c" is "ç"). An accent without an
// argument ("\'{}") gives its combining mark alone.
func DecodeLetter(b *strings.Builder, s string, i int) (end int, ok bool) {
	j := i + 1
	if j >= len(s) {
		return i, false
	}
	if !isASCIILetter(s[j]) {
		marks, ok := Accents[s[j:j+1]]
		if !ok {
			return i, false
		}
		return accent(b, s, j+1, marks, false), true
	}
	k := j
	for k < len(s) && isASCIILetter(s[k]) {
		k++
	}
	word := s[j:k]
	if marks, ok := Accents[word]; ok {
		return accent(b, s, k, marks, true), true
	}
	if l, ok := Letters[word]; ok {
		b.WriteString(l)
		return SkipBlanks(s, k), true
	}
	return i, false
}

// accent puts marks on the argument that starts at s[k]: a letter,
// {letters}, or a command (\i and \j are then plain i and j). After a
// command named by letters (\c, \polhk), blanks come before the argument.
func accent(b *strings.Builder, s string, k int, marks string, letterCmd bool) int {
	if letterCmd {
		k = SkipBlanks(s, k)
	}
	var arg string
	end := k
	switch {
	case k >= len(s):
	case s[k] == '{':
		if end = MatchBrace(s, k); end < 0 {
			arg, end = s[k+1:], len(s)
		} else {
			arg, end = s[k+1:end], end+1
		}
	case s[k] == '\\':
		m := k + 1
		for m < len(s) && isASCIILetter(s[m]) {
			m++
		}
		arg, end = s[k:m], m
		if m == k+1 && m < len(s) {
			arg, end = s[k:m+1], m+1
		} else {
			end = SkipBlanks(s, m) // "\'\i as"
		}
	default:
		_, size := utf8.DecodeRuneInString(s[k:])
		arg, end = s[k:k+size], k+size
	}
	arg = strings.TrimSpace(arg)
	switch arg {
	case `\i`:
		arg = "i"
	case `\j`:
		arg = "j"
	default:
		arg = decodeArg(arg)
	}
	if arg == "" {
		// A lone accent ("\'{}"): the spacing form of the mark.
		b.WriteString(marks)
		return end
	}
	// The letter and its marks, composed: a text decoded here is used as
	// it is, and "é" must be one letter whatever the caller does next.
	r, size := utf8.DecodeRuneInString(arg)
	var buf [16]byte
	p := utf8.AppendRune(buf[:0], r)
	p = append(p, marks...)
	b.Write(norm.NFC.Bytes(p))
	b.WriteString(arg[size:])
	return end
}

// decodeArg decodes an accent's argument: braces dropped, accents and
// letters decoded, other commands left as written.
func decodeArg(s string) string {
	if !strings.ContainsAny(s, `{}\`) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		switch c := s[i]; c {
		case '{', '}':
			i++
		case '\\':
			if end, ok := DecodeLetter(&b, s, i); ok {
				i = end
				continue
			}
			b.WriteByte(c)
			i++
		default:
			b.WriteByte(c)
			i++
		}
	}
	return b.String()
}

// MatchBrace returns the index of the '}' that closes s[k] == '{', or -1.
func MatchBrace(s string, k int) int {
	depth := 0
	for j := k; j < len(s); j++ {
		switch s[j] {
		case '{':
			depth++
		case '}':
			depth--
			if depth == 0 {
				return j
			}
		}
	}
	return -1
}

// SkipBlanks returns the index of the first byte from k on that is not a
// space, tab or line end: where a command's argument starts.
func SkipBlanks(s string, k int) int {
	for k < len(s) && (s[k] == ' ' || s[k] == '\t' || s[k] == '\n' || s[k] == '\r') {
		k++
	}
	return k
}

func isASCIILetter(c byte) bool { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') }
