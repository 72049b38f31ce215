package corpus

import (
	"strconv"
	"strings"
	"time"
)

// Helpers shared by the arXiv readers (OAI-PMH arXiv, arXivRaw, oai_dc and
// .abs files).

// arXivID returns the record id for an arXiv identifier as the sources
// write it ("0704.0004", "math/0202001", "oai:arXiv.org:0704.0004",
// "http://arxiv.org/abs/0704.0004v2", "arXiv:0704.0004"): "arXiv:" and the
// bare identifier without its version, as in the data sets of
// ../shared/data. It returns "" for an empty identifier.
func arXivID(s string) string {
	s = strings.TrimSpace(s)
	for _, p := range []string{"oai:arXiv.org:", "oai:arxiv.org:", "http://arxiv.org/abs/", "https://arxiv.org/abs/", "http://export.arxiv.org/abs/", "arXiv:", "arxiv:"} {
		if strings.HasPrefix(s, p) {
			s = s[len(p):]
			break
		}
	}
	s = strings.TrimSpace(s)
	if s == "" {
		return ""
	}
	// Drop a version suffix such as "v2".
	if i := strings.LastIndexByte(s, 'v'); i > 0 && i < len(s)-1 && isDigit(s[i-1]) {
		allDigits := true
		for j := i + 1; j < len(s); j++ {
			if !isDigit(s[j]) {
				allDigits = false
				break
			}
		}
		if allDigits {
			s = s[:i]
		}
	}
	return "arXiv:" + s
}

// splitArXivAuthors splits arXiv's author string ("A, B and C", "V.N.
// Tolstoy (INP, Moscow State University)") into names: on commas and
// " and " outside parentheses, with parenthesised affiliations dropped.
func splitArXivAuthors(s string) []string {
	var out []string
	var cur strings.Builder
	depth := 0
	flush := func() {
		// "A, B, and C": the serial comma leaves "and C" after a comma.
		part := strings.TrimPrefix(collapseSpace(cur.String()), "and ")
		cur.Reset()
		if len(out) > 0 && isNameSuffix(strings.Fields(part)) {
			// "John Smith, Jr.": the suffix is the previous name's.
			out[len(out)-1] += ", " + part
			return
		}
		for _, name := range strings.Split(part, " and ") {
			if name = authorName(name); name != "" {
				out = append(out, name)
			}
		}
	}
	for _, r := range s {
		switch {
		case r == '(':
			depth++
		case r == ')':
			if depth > 0 {
				depth--
			}
		case depth > 0:
		case r == ',' || r == ';':
			flush()
		default:
			cur.WriteRune(r)
		}
	}
	flush()
	return out
}

// authorName cleans one author's name: white space collapsed and TeX
// accents decoded ("C. Bal\'azs" is "C. Balázs"), so that names compare
// and display alike whatever the source.
func authorName(s string) string {
	s = collapseSpace(s)
	if strings.ContainsAny(s, `\{}`) {
		s = latexToUnicode(s)
	}
	return s
}

// splitCategories splits arXiv's space-separated category list.
func splitCategories(s string) []string {
	return strings.Fields(s)
}

// arXivDate reads the dates arXiv writes ("2007-03-30", "Sat, 31 Mar 2007
// 02:26:18 GMT   (377kb,D)") and returns it as YYYY-MM-DD and the year,
// or "" and 0.
func arXivDate(s string) (string, int) {
	s = strings.TrimSpace(s)
	if i := strings.IndexByte(s, '('); i > 0 {
		s = strings.TrimSpace(s[:i])
	}
	for _, layout := range []string{"2006-01-02", time.RFC1123, "Mon, 2 Jan 2006 15:04:05 MST", "2 Jan 2006 15:04:05 MST", time.RFC3339} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.Format("2006-01-02"), t.Year()
		}
	}
	return "", 0
}

// textDate reads a date written as text: ISO dates and the forms arXivDate
// reads, else the first four-digit year in it.
func textDate(s string) (string, int) {
	if day, y := arXivDate(s); y != 0 {
		return day, y
	}
	if len(s) >= 7 && s[4] == '-' {
		if y, err := strconv.Atoi(s[:4]); err == nil {
			if m, err := strconv.Atoi(s[5:7]); err == nil && m >= 1 && m <= 12 {
				return s[:7], y
			}
		}
	}
	if y, ok := bibYear(s); ok && y >= 1000 {
		return "", y
	}
	return "", 0
}

// looksLikeCodes reports whether an oai_dc subject is a classification
// ("05A15", "11F11,11F33", "Primary 35J20", "35.43") rather than a subject
// name ("Mathematics - Combinatorics"): some token starts with two
// digits, or the text starts with "Primary" or "MSC".
func looksLikeCodes(s string) bool {
	l := strings.ToLower(strings.TrimSpace(s))
	if strings.HasPrefix(l, "primary") || strings.HasPrefix(l, "msc") {
		return true
	}
	for _, tok := range strings.FieldsFunc(s, func(r rune) bool {
		return r == ' ' || r == ',' || r == ';' || r == '(' || r == ')' || r == '/' || r == '\t' || r == '\n'
	}) {
		if len(tok) >= 2 && isDigit(tok[0]) && isDigit(tok[1]) {
			return true
		}
	}
	return false
}
