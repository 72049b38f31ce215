package vectorize

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/related/related/internal/latex"
)

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
			b.WriteByte(c)
			i++
		}
	}
	return b.String()
}

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
	depth := 0
	for j := i; j < len(s); j++ {
		switch s[j] {
		case '{':
			depth++
		case '}':
			depth--
			if depth == 0 {
				return s[i+1 : j], j + 1, true
			}
		}
	}
	return "", i, false
}

// isWordRune reports whether r belongs inside a token.
func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
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
