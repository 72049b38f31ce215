package corpus

import (
	"strings"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// latexAccents maps LaTeX accent commands to Unicode combining marks.
var latexAccents = map[string]rune{
	"'": '\u0301', "`": '\u0300', "^": '\u0302', "\"": '\u0308', "~": '\u0303',
	"=": '\u0304', ".": '\u0307', "u": '\u0306', "v": '\u030C', "H": '\u030B',
	"c": '\u0327', "k": '\u0328', "r": '\u030A', "d": '\u0323', "b": '\u0331',
	"t": '\u0361',
}

// mathSciNetAccents are the accent macros of MathSciNet's exports, with
// the combining marks they stand for: \polhk is the Polish hook (ogonek,
// "M\polhk aczyński" is "Mączyński"), \cfac and its kin Vietnamese
// double accents (a circumflex and an acute, a tilde...).
var mathSciNetAccents = map[string]string{
	"polhk": "\u0328", "cfac": "\u0302\u0301", "cftil": "\u0302\u0303",
	"cfgrv": "\u0302\u0300", "cfhook": "\u0302\u0309", "cfudot": "\u0323\u0302",
	"udot": "\u0323", "ocirc": "\u030A",
}

// latexLetters maps LaTeX commands for special letters and symbols.
var latexLetters = map[string]string{
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

// latexDropped are text-formatting commands: the command goes, its
// argument stays.
var latexDropped = map[string]bool{
	"emph": true, "textit": true, "textbf": true, "textrm": true, "textsc": true,
	"texttt": true, "textsf": true, "textup": true, "textsl": true, "textnormal": true,
	"em": true, "it": true, "bf": true, "rm": true, "sc": true, "tt": true, "sf": true,
	"sl": true, "mbox": true, "text": true, "url": true, "relax": true, "noopsort": true,
	"bysame": true, "MR": true,
	// MathSciNet's switch to a Cyrillic font: its argument is already a
	// transliteration.
	"cyr": true,
}

// latexToUnicode turns a BibTeX field value into plain text: accents and
// special letters decoded, grouping braces and formatting commands
// dropped, white space collapsed, the result in NFC. Math ($...$, \(...\))
// and unknown commands are left as written.
func latexToUnicode(s string) string {
	if !strings.ContainsAny(s, "{}\\~$") {
		return norm.NFC.String(collapseSpace(s))
	}
	var b strings.Builder
	i := 0
	for i < len(s) {
		c := s[i]
		switch {
		case c == '{' || c == '}':
			i++
		case c == '~':
			b.WriteByte(' ')
			i++
		case c == '$':
			// Math: copied as written up to the closing $ (or $$).
			j := i + 1
			delim := "$"
			if j < len(s) && s[j] == '$' {
				delim, j = "$$", j+1
			}
			end := strings.Index(s[j:], delim)
			if end < 0 {
				b.WriteString(s[i:])
				i = len(s)
				break
			}
			b.WriteString(s[i : j+end+len(delim)])
			i = j + end + len(delim)
		case c == '\\':
			i = latexCommand(s, i, &b)
		default:
			b.WriteByte(c)
			i++
		}
	}
	return norm.NFC.String(collapseSpace(b.String()))
}

// latexCommand decodes the command starting at s[i] == '\\' and returns
// the index after it.
func latexCommand(s string, i int, b *strings.Builder) int {
	j := i + 1
	if j >= len(s) {
		b.WriteByte('\\')
		return j
	}
	c := s[j]
	if !isASCIILetter(c) {
		sym := string(c)
		if mark, ok := latexAccents[sym]; ok {
			return latexAccent(s, j+1, string(mark), false, b)
		}
		switch c {
		case '&', '%', '$', '_', '#', '{', '}':
			b.WriteByte(c)
		case ' ', '\n', '\t', '\\', ',', ';':
			b.WriteByte(' ')
		case '-', '/', '@':
		case '(':
			// \( math \): copied as written.
			if end := strings.Index(s[j:], `\)`); end >= 0 {
				b.WriteString(s[i : j+end+2])
				return j + end + 2
			}
			b.WriteString(s[i : j+1])
		default:
			b.WriteString(s[i : j+1])
		}
		return j + 1
	}
	k := j
	for k < len(s) && isASCIILetter(s[k]) {
		k++
	}
	word := s[j:k]
	if mark, ok := latexAccents[word]; ok && len(word) == 1 {
		return latexAccent(s, k, string(mark), true, b)
	}
	if marks, ok := mathSciNetAccents[word]; ok {
		return latexAccent(s, k, marks, true, b)
	}
	if l, ok := latexLetters[word]; ok {
		b.WriteString(l)
		return skipCommandSpace(s, k)
	}
	if latexDropped[word] {
		return skipCommandSpace(s, k)
	}
	// Unknown: left in place, with its braced arguments as written.
	for k < len(s) && s[k] == '{' {
		end := matchBrace(s, k)
		if end < 0 {
			break
		}
		k = end + 1
	}
	b.WriteString(s[i:k])
	return k
}

// matchBrace returns the index of the '}' that closes s[k] == '{', or -1.
func matchBrace(s string, k int) int {
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

func skipCommandSpace(s string, k int) int {
	for k < len(s) && (s[k] == ' ' || s[k] == '\t' || s[k] == '\n' || s[k] == '\r') {
		k++
	}
	return k
}

// latexAccent puts the accent's marks on its argument, which starts at
// s[k]: a letter, {letters}, or \i / \j (dotless letters, which take the
// accent as plain i and j). After a command named by letters (\c, \polhk)
// blanks come before the argument.
func latexAccent(s string, k int, marks string, letterCmd bool, b *strings.Builder) int {
	if letterCmd {
		k = skipCommandSpace(s, k)
	}
	var arg string
	end := k
	switch {
	case k >= len(s):
	case s[k] == '{':
		if end = matchBrace(s, k); end < 0 {
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
			end = skipCommandSpace(s, m) // "\'\i as"
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
		arg = latexToUnicodeRaw(arg)
	}
	if arg == "" {
		// A lone accent ("\'{}"): the spacing form of the mark.
		b.WriteString(marks)
		return end
	}
	r, size := utf8.DecodeRuneInString(arg)
	b.WriteRune(r)
	b.WriteString(marks)
	b.WriteString(arg[size:])
	return end
}

// latexToUnicodeRaw decodes without collapsing or normalising, for
// accent arguments.
func latexToUnicodeRaw(s string) string {
	if !strings.ContainsAny(s, "{}\\~$") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		switch c := s[i]; c {
		case '{', '}':
			i++
		case '\\':
			i = latexCommand(s, i, &b)
		default:
			b.WriteByte(c)
			i++
		}
	}
	return b.String()
}
