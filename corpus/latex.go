package corpus

import (
	"strings"

	"golang.org/x/text/unicode/norm"

	"github.com/related/related/internal/latex"
)

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
// the index after it. Accents and letters are internal/latex's, the one
// table of them that the analysis uses too.
func latexCommand(s string, i int, b *strings.Builder) int {
	if end, ok := latex.DecodeLetter(b, s, i); ok {
		return end
	}
	j := i + 1
	if j >= len(s) {
		b.WriteByte('\\')
		return j
	}
	c := s[j]
	if !isASCIILetter(c) {
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
	if latexDropped[s[j:k]] {
		return latex.SkipBlanks(s, k)
	}
	// Unknown: left in place, with its braced arguments as written.
	for k < len(s) && s[k] == '{' {
		end := latex.MatchBrace(s, k)
		if end < 0 {
			break
		}
		k = end + 1
	}
	b.WriteString(s[i:k])
	return k
}
