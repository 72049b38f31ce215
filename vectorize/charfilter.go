package vectorize

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/related/related/internal/latex"
)

// A charFilter rewrites a text before it is cut into words: the first
// stages of the analysis chain.
type charFilter interface {
	filter(text string) string
}

// nfkcFilter applies NFKC (NormalizeUnicode).
type nfkcFilter struct{}

func (nfkcFilter) filter(text string) string { return NormalizeUnicode(text) }

// latexFilter removes mathematics and markup (StripLaTeX).
type latexFilter struct{}

func (latexFilter) filter(text string) string { return StripLaTeX(text) }

// prefixFilter joins a bound prefix to the word it is hyphenated to
// ("non-smooth" becomes "nonsmooth", as it is also written).
type prefixFilter struct{}

func (prefixFilter) filter(text string) string { return joinBoundPrefixes(text) }

// NormalizeUnicode applies NFKC, so that ligatures ("ﬁ"), full-width and
// other compatibility forms become the letters they stand for, and
// decomposed accents compose.
func NormalizeUnicode(s string) string {
	return norm.NFKC.String(s)
}

// dropCommands lose their argument too: it names a reference, not content.
var dropCommands = map[string]bool{
	"cite": true, "ref": true, "eqref": true, "label": true, "url": true, "href": true,
	"citep": true, "citet": true, "bibitem": true, "includegraphics": true,
}

// mathEnvironments are removed whole, like inline math.
var mathEnvironments = map[string]bool{
	"equation": true, "equation*": true, "align": true, "align*": true, "eqnarray": true,
	"eqnarray*": true, "displaymath": true, "math": true, "gather": true, "gather*": true,
	"multline": true, "multline*": true,
}

// StripLaTeX removes mathematics and markup so that formulas do not become
// vocabulary: inline and display math ($...$, $$...$$, \(...\), \[...\],
// math environments) become a space; text commands (\emph{x}, \textit{x})
// keep their argument; references (\cite{x}) go whole; accents (\'e, {\"o},
// \c{c}) and letters (\ss, \o, MathSciNet's \polhk a) become the letter,
// decoded by the table the record readers use (internal/latex); other
// commands and braces go. A lone "$" (a price, a typo) is kept as text
// would be: dropped, with what follows it kept.
func StripLaTeX(s string) string {
	if !strings.ContainsAny(s, `$\{}`) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	n := len(s)
	for i := 0; i < n; {
		c := s[i]
		switch {
		case c == '$':
			if i+1 < n && s[i+1] == '$' {
				if j := strings.Index(s[i+2:], "$$"); j >= 0 {
					b.WriteByte(' ')
					i += 2 + j + 2
					continue
				}
				i += 2
				continue
			}
			if j := indexUnescaped(s[i+1:], '$'); j >= 0 {
				b.WriteByte(' ')
				i += 1 + j + 1
				continue
			}
			i++
		case c == '\\' && i+1 < n:
			// Accents and letters, from the table the record readers use.
			if end, ok := latex.DecodeLetter(&b, s, i); ok {
				i = end
				continue
			}
			next := s[i+1]
			switch {
			case next == '(' || next == '[':
				closer := `\)`
				if next == '[' {
					closer = `\]`
				}
				if j := strings.Index(s[i+2:], closer); j >= 0 {
					b.WriteByte(' ')
					i += 2 + j + 2
					continue
				}
				i += 2
			case next == '\\':
				b.WriteByte(' ')
				i += 2
			case isASCIIAlpha(next):
				j := i + 1
				for j < n && isASCIIAlpha(s[j]) {
					j++
				}
				name := s[i+1 : j]
				if j < n && s[j] == '*' {
					j++
				}
				switch {
				case name == "begin" || name == "end":
					env, after, ok := braceArg(s, j)
					if ok && mathEnvironments[env] && name == "begin" {
						endTag := `\end{` + env + `}`
						if k := strings.Index(s[after:], endTag); k >= 0 {
							b.WriteByte(' ')
							i = after + k + len(endTag)
							continue
						}
					}
					if ok {
						j = after
					}
					b.WriteByte(' ')
				case dropCommands[name]:
					for {
						_, after, ok := braceArg(s, skipOptional(s, j))
						if !ok {
							break
						}
						j = after
					}
					b.WriteByte(' ')
				default:
					// Text commands (\emph{x}) and the others: the
					// argument's braces are dropped below, its text stays.
					b.WriteByte(' ')
				}
				i = j
			default:
				// \%, \&, \_, \{ ...: the character itself, as text.
				if next == '%' || next == '&' || next == '_' || next == '#' {
					b.WriteByte(' ')
				}
				i += 2
			}
		case c == '{' || c == '}':
			i++
		case c == '~':
			b.WriteByte(' ')
			i++
		default:
			// This byte and the plain text up to the next special one.
			j := strings.IndexAny(s[i+1:], latexSpecials)
			if j < 0 {
				j = n - i - 1
			}
			b.WriteString(s[i : i+1+j])
			i += 1 + j
		}
	}
	return b.String()
}

// latexSpecials are the bytes StripLaTeX acts on.
const latexSpecials = "$\\{}~"

func isASCIIAlpha(c byte) bool { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') }

// indexUnescaped finds c not preceded by a backslash.
func indexUnescaped(s string, c byte) int {
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' {
			i++
			continue
		}
		if s[i] == c {
			return i
		}
	}
	return -1
}

// skipOptional skips an optional [argument] at i.
func skipOptional(s string, i int) int {
	j := i
	for j < len(s) && s[j] == ' ' {
		j++
	}
	if j < len(s) && s[j] == '[' {
		if k := strings.IndexByte(s[j:], ']'); k >= 0 {
			return j + k + 1
		}
	}
	return i
}

// braceArg reads a {balanced} argument at i (after optional spaces) and
// returns its content and the index after it.
func braceArg(s string, i int) (string, int, bool) {
	for i < len(s) && s[i] == ' ' {
		i++
	}
	if i >= len(s) || s[i] != '{' {
		return "", i, false
	}
	if j := latex.MatchBrace(s, i); j >= 0 {
		return s[i+1 : j], j + 1, true
	}
	return "", i, false
}

// boundPrefixes are written both hyphenated and joined ("non-smooth",
// "nonsmooth"); alone they mean nothing, so the tokenizer joins them.
var boundPrefixes = map[string]bool{
	"non": true, "semi": true, "quasi": true, "pseudo": true, "sub": true, "super": true,
	"multi": true, "anti": true, "hyper": true, "inter": true, "intra": true, "co": true,
	"bi": true, "tri": true, "poly": true, "post": true, "pre": true, "re": true, "un": true,
	"self": true, "ultra": true, "meta": true, "mono": true, "uni": true, "auto": true,
}

// joinBoundPrefixes removes the hyphen after a bound prefix, so that
// "non-smooth" is indexed as "nonsmooth", as it is also written. The
// prefix is the whole word before the hyphen, and a letter must follow;
// a word that a joined hyphen began ("non-co-operative") is not a prefix
// again: that gives "nonco" and "operative". Only the words before
// hyphens are looked at.
func joinBoundPrefixes(text string) string {
	var b strings.Builder
	last := 0       // text[:last] is written to b
	joinedEnd := -1 // the index after the last hyphen removed
	for i := 0; i < len(text); {
		j, size := indexHyphen(text[i:])
		if j < 0 {
			break
		}
		i += j
		start := i // of the word before the hyphen
		for start > 0 {
			r, n := utf8.DecodeLastRuneInString(text[:start])
			if !isWordRune(r) {
				break
			}
			start -= n
		}
		if start < i && start != joinedEnd && isBoundPrefix(text[start:i]) {
			if next, _ := utf8.DecodeRuneInString(text[i+size:]); unicode.IsLetter(next) {
				b.WriteString(text[last:i])
				last = i + size
				joinedEnd = last
			}
		}
		i += size
	}
	if last == 0 {
		return text
	}
	b.WriteString(text[last:])
	return b.String()
}

// indexHyphen returns the index and the size of the first hyphen in s
// ("-", U+2010 or U+2011), or -1.
func indexHyphen(s string) (int, int) {
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '-':
			return i, 1
		case 0xe2: // the first byte of U+2010 and U+2011
			if r, size := utf8.DecodeRuneInString(s[i:]); isHyphen(r) {
				return i, size
			}
		}
	}
	return -1, 0
}

// isBoundPrefix reports whether a word is a bound prefix, whatever its case.
func isBoundPrefix(w string) bool {
	// The longest prefix has 6 letters, and no rune of more than 4 bytes
	// lower-cases to one letter.
	var buf [24]byte
	if len(w) > len(buf) {
		return false
	}
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c >= utf8.RuneSelf {
			return boundPrefixes[strings.ToLower(w)]
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf[i] = c
	}
	return boundPrefixes[string(buf[:len(w)])]
}
