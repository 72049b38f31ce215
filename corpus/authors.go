package corpus

import (
	"slices"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// AuthorName is a person's name reduced for comparison: the surname and
// the first given name, folded to lower-case letters without accents. Two
// records name the same person when their AuthorNames are equal.
type AuthorName struct {
	Surname string // "muller", "delallave"
	Given   string // "thomas", or an initial "t"; "" when the name has none
}

// ParseAuthors reduces a record's author entries to names, so that one
// person written in the usual ways compares equal: "Müller, Thomas W.",
// "Thomas Müller" and "Th{\"o}mas M\"uller" all give {muller thomas}.
// Entries that hold several names the readers could not split
// ("Christian Krattenthaler, Thomas W. Müller", an arXiv-style string in
// generic JSON) are split first. Names come in order, without repeats.
//
// An initial stays an initial: "T. Müller" is {muller t}, not equal to
// {muller thomas}. Matching initials to given names would make one person
// of every "Zhang, W." and "Zhang, Wei" and "Zhang, Wen"; on the MathSciNet
// titles, a fifth of the names are written with initials.
func ParseAuthors(authors []string) []AuthorName {
	var out []AuthorName
	for _, entry := range authors {
		for _, name := range splitAuthorEntry(latexToUnicode(entry)) {
			n, ok := parseAuthorName(name)
			if ok && !slices.Contains(out, n) {
				out = append(out, n)
			}
		}
	}
	return out
}

// splitAuthorEntry splits an entry into names. "Surname, Given" is one
// name; "Given Surname, Given Surname" (both sides of every comma hold two
// words or more) and "A, B and C" are several.
func splitAuthorEntry(s string) []string {
	var parts []string
	for _, p := range strings.FieldsFunc(s, func(r rune) bool { return r == ';' }) {
		for _, q := range strings.Split(p, " and ") {
			if q = strings.TrimSpace(q); q != "" {
				parts = append(parts, q)
			}
		}
	}
	var out []string
	for _, p := range parts {
		commas := strings.Split(p, ",")
		if len(commas) == 3 && isNameSuffix(strings.Fields(commas[1])) {
			// BibTeX's "Last, Jr, First".
			out = append(out, commas[0]+","+commas[2])
			continue
		}
		if len(commas) == 1 {
			out = append(out, p)
			continue
		}
		several := len(commas) > 2
		if len(commas) == 2 {
			before := strings.Fields(commas[0])
			after := strings.Fields(commas[1])
			several = len(before) >= 2 && len(after) >= 2 && !isSurnameParticle(before[0]) && !isNameSuffix(after)
		}
		if !several {
			out = append(out, p)
			continue
		}
		for _, c := range commas {
			if c = strings.TrimSpace(c); c != "" && !isNameSuffix(strings.Fields(c)) {
				out = append(out, c)
			}
		}
	}
	return out
}

// isSurnameParticle reports the first words of surnames such as "van der
// Berg" and "de la Llave", written first in "Surname, Given" form.
func isSurnameParticle(w string) bool {
	switch strings.ToLower(w) {
	case "van", "von", "de", "der", "den", "del", "della", "di", "da", "du", "la", "le", "ter", "ten", "dos", "das", "el", "al", "bin", "ibn":
		return true
	}
	return false
}

// isNameSuffix reports "Jr.", "III" and the like, written after a comma.
func isNameSuffix(words []string) bool {
	if len(words) != 1 {
		return false
	}
	switch strings.ToLower(strings.TrimSuffix(words[0], ".")) {
	case "jr", "sr", "ii", "iii", "iv":
		return true
	}
	return false
}

// parseAuthorName reads "Surname, Given" or "Given Surname".
func parseAuthorName(name string) (AuthorName, bool) {
	var surname, given []string
	if i := strings.IndexByte(name, ','); i >= 0 {
		surname = strings.Fields(name[:i])
		given = strings.Fields(name[i+1:])
		if isNameSuffix(given) { // "Smith, Jr." has no given name here
			given = nil
		}
	} else {
		words := strings.Fields(name)
		for len(words) > 1 && isNameSuffix(words[len(words)-1:]) {
			words = words[:len(words)-1]
		}
		if len(words) == 0 {
			return AuthorName{}, false
		}
		// The surname starts at its first particle ("Rafael de la Llave").
		start := len(words) - 1
		for start > 1 && isSurnameParticle(words[start-1]) {
			start--
		}
		surname, given = words[start:], words[:start]
	}
	n := AuthorName{Surname: foldName(strings.Join(surname, ""))}
	if n.Surname == "" {
		return n, false
	}
	for _, g := range given {
		// "J.-P." and "Jean-Pierre": the first part decides.
		first, _, _ := strings.Cut(g, "-")
		if f := foldName(first); f != "" {
			n.Given = f
			break
		}
	}
	return n, true
}

// foldName keeps the letters of s without their accents, in lower case:
// "Müller" and "Muller" give "muller", "Łukasz" gives "lukasz".
func foldName(s string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(s) {
		switch {
		case r < 0x80 && unicode.IsLetter(r):
			b.WriteRune(unicode.ToLower(r))
		case unicode.Is(unicode.Mn, r):
		default:
			if f, ok := foldedLetters[r]; ok {
				b.WriteString(f)
			} else if unicode.IsLetter(r) {
				b.WriteRune(unicode.ToLower(r))
			}
		}
	}
	return b.String()
}

// foldedLetters are letters that Unicode does not decompose into a base
// letter and a mark.
var foldedLetters = map[rune]string{
	'ł': "l", 'Ł': "l", 'ø': "o", 'Ø': "o", 'đ': "d", 'Đ': "d", 'ß': "ss",
	'æ': "ae", 'Æ': "ae", 'œ': "oe", 'Œ': "oe", 'ı': "i", 'þ': "th", 'ð': "d",
}
