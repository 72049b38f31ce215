package corpus

import (
	"regexp"
	"strconv"
	"strings"
	"unicode"
)

// References are what a record cites, one string per cited work, as
// sources give them: identifiers ("doi:10.2307/1971450", "arXiv:1311.4600",
// "Zbl 1207.11096", "zbMATH-doc:4097497", "MR1450400"), several for one
// work separated by spaces, or a free-text citation ("J. Friedlander and
// A. Granville, ”Limitations to the equi-distribution of primes. I,” Ann.
// of Math. 129, 363-382 (1989)").
//
// ReferenceKeys reduces one reference to the keys it can be matched by:
// each identifier it names, normalised ("doi:10.2307/1971450" whatever the
// case or the resolver prefix, "arxiv:1311.4600" without version,
// "zbl:1207.11096", "zbmath-doc:4097497", "mr:1450400"); a bare token that
// is none of these ("3377327", an OpenAlex or Semantic Scholar id) as
// "id:" and itself in lower case; and a citation without identifiers by
// "cite:" and its first author's surname, its year and the first three
// words of four letters or more of its title, folded to ASCII
// ("cite:friedlander:1989:limitations:equi:distribution"). A citation
// whose surname or year cannot be found gives no key: a key made of less
// would match works that are not the same.
func ReferenceKeys(ref string) []string {
	ref = strings.TrimSpace(ref)
	if ref == "" {
		return nil
	}
	var keys []string
	add := func(k string) {
		for _, have := range keys {
			if have == k {
				return
			}
		}
		keys = append(keys, k)
	}
	for _, m := range doiPattern.FindAllString(ref, -1) {
		doi := strings.ToLower(strings.TrimRight(m, ".,;:)]}'\""))
		add("doi:" + doi)
		if a, ok := strings.CutPrefix(doi, "10.48550/arxiv."); ok {
			// arXiv's DOI of a preprint names its arXiv id.
			if m := arxivPattern.FindStringSubmatch("arXiv:" + a); m != nil {
				add("arxiv:" + strings.ToLower(m[1]))
			}
		}
	}
	for _, m := range arxivPattern.FindAllStringSubmatch(ref, -1) {
		add("arxiv:" + strings.ToLower(m[1]))
	}
	for _, m := range zblPattern.FindAllStringSubmatch(ref, -1) {
		add("zbl:" + m[1])
	}
	for _, m := range jfmPattern.FindAllStringSubmatch(ref, -1) {
		add("jfm:" + m[1])
	}
	for _, m := range zbDocPattern.FindAllStringSubmatch(ref, -1) {
		add("zbmath-doc:" + m[1])
	}
	for _, m := range mrPattern.FindAllStringSubmatch(ref, -1) {
		add("mr:" + strings.TrimLeft(m[1], "0"))
	}
	// OpenAlex and Semantic Scholar ids, as the readers of those sources
	// write them ("openalex:W2741809807", "s2:649def34...", several
	// identifiers of one work separated by spaces): the keys of the bare
	// ids, so that they match the same ids written bare or as URLs.
	for _, tok := range strings.Fields(ref) {
		if id := prefixedSourceID(tok); id != "" {
			add("id:" + id)
		}
	}
	if len(keys) > 0 {
		return keys
	}
	if !strings.ContainsAny(ref, " \t\n") {
		id := strings.ToLower(ref)
		for _, p := range []string{"https://openalex.org/", "http://openalex.org/", "https://www.semanticscholar.org/paper/"} {
			id = strings.TrimPrefix(id, p)
		}
		return []string{"id:" + id}
	}
	if k := citationKey(ref); k != "" {
		return []string{k}
	}
	return nil
}

var (
	doiPattern   = regexp.MustCompile(`\b10\.\d{4,9}/[^\s"<>]+`)
	arxivPattern = regexp.MustCompile(`(?i)\barxiv(?:\.org/abs/|\s*:\s*|\s+)((?:\d{4}\.\d{4,5})|(?:[a-z][a-z-]*(?:\.[a-z]{2})?/\d{7}))(?:v\d+)?`)
	zblPattern   = regexp.MustCompile(`(?i)\b(?:zbl|zbmath)\.?\s*:?\s*(\d{4}\.\d{5})\b`)
	jfmPattern   = regexp.MustCompile(`(?i)\bjfm\s*:?\s*(\d{2}\.\d{4}\.\d{2})\b`)
	zbDocPattern = regexp.MustCompile(`(?i)\bzbmath-doc:(\d+)\b`)
	mrPattern    = regexp.MustCompile(`\bMR\s*:?\s*(\d{5,8})\b`)
	yearPattern  = regexp.MustCompile(`\b(1[5-9]\d\d|20\d\d)\b`)
	parenYear    = regexp.MustCompile(`\((1[5-9]\d\d|20\d\d)[a-z]?\)`)
	quoted       = regexp.MustCompile(`''(.+?)''|“(.+?)”|"(.+?)"|‘‘(.+?)’’|\\textit\{(.+?)\}`)
)

// citationKey builds the key of a free-text citation; "" when its
// surname or year cannot be found.
func citationKey(ref string) string {
	text := latexToUnicode(ref)
	surname := firstAuthorSurname(text)
	if surname == "" {
		return ""
	}
	// The year in parentheses, as most styles write it, else the last.
	year := ""
	if m := parenYear.FindStringSubmatch(text); m != nil {
		year = m[1]
	} else if all := yearPattern.FindAllString(text, -1); len(all) > 0 {
		year = all[len(all)-1]
	}
	if year == "" {
		return ""
	}
	title := ""
	if m := quoted.FindStringSubmatch(text); m != nil {
		for _, g := range m[1:] {
			if g != "" {
				title = g
				break
			}
		}
	}
	if title == "" {
		// "Author, A.: Title. Journal ..." or "Author, A., Title, Journal".
		if i := strings.Index(text, ": "); i >= 0 && i < len(text)/2 {
			title = text[i+2:]
		} else {
			title = text[len(authorSegment(text)):]
		}
	}
	var words []string
	for _, w := range strings.FieldsFunc(title, func(r rune) bool { return !unicode.IsLetter(r) }) {
		if f := foldName(w); len(f) >= 4 {
			words = append(words, f)
			if len(words) == 3 {
				break
			}
		}
	}
	if len(words) == 0 {
		return ""
	}
	return "cite:" + surname + ":" + year + ":" + strings.Join(words, ":")
}

// authorSegment is the leading part of a citation that names its first
// author: up to the first comma, " and ", ':' or ';' (for "Elliott, P.
// D. T. A." up to the comma after the surname).
func authorSegment(text string) string {
	end := len(text)
	for _, sep := range []string{",", " and ", ":", ";", " & "} {
		if i := strings.Index(text, sep); i >= 0 && i < end {
			end = i
		}
	}
	return text[:end]
}

// firstAuthorSurname finds the first author's surname: the last word of
// the author segment that is not an initial ("J. Friedlander",
// "Friedlander, J.", "P. D. T. A. Elliott").
func firstAuthorSurname(text string) string {
	words := strings.Fields(authorSegment(text))
	for i := len(words) - 1; i >= 0; i-- {
		w := strings.TrimRight(words[i], ".")
		if strings.HasSuffix(words[i], ".") && len([]rune(w)) <= 2 {
			continue // an initial
		}
		if f := foldName(w); len(f) >= 2 {
			return f
		}
	}
	return ""
}

// referenceFromObject writes a cited work given as an object (zbMATH's
// {"doi", "text", "zbmath": {"document_id"}}, Crossref's {"DOI",
// "unstructured"}, Semantic Scholar's {"paperId", "title"}) as one
// reference string: its identifiers, prefixed and separated by spaces,
// else its text; "" when it has neither.
func referenceFromObject(o map[string]any) string {
	var ids []string
	str := func(v any) string {
		switch x := v.(type) {
		case string:
			return strings.TrimSpace(x)
		case float64:
			return strconv.FormatFloat(x, 'f', -1, 64)
		}
		return ""
	}
	get := func(m map[string]any, keys ...string) string {
		for _, k := range keys {
			for mk, v := range m {
				if strings.EqualFold(mk, k) {
					if s := str(v); s != "" && s != "None" {
						return s
					}
				}
			}
		}
		return ""
	}
	if v := get(o, "doi"); v != "" {
		ids = append(ids, "doi:"+strings.TrimPrefix(strings.TrimPrefix(v, "https://doi.org/"), "doi:"))
	}
	if v := get(o, "arxiv", "arxiv_id", "arxivId"); v != "" {
		ids = append(ids, "arXiv:"+strings.TrimPrefix(strings.TrimPrefix(v, "arXiv:"), "arxiv:"))
	}
	if v := get(o, "zbl", "zbl_id"); v != "" {
		ids = append(ids, "Zbl "+v)
	}
	zb, _ := o["zbmath"].(map[string]any)
	if v := get(o, "document_id"); v != "" {
		ids = append(ids, "zbMATH-doc:"+v)
	} else if zb != nil {
		if v := get(zb, "document_id"); v != "" {
			ids = append(ids, "zbMATH-doc:"+v)
		}
	}
	if v := get(o, "mrnumber", "mr"); v != "" {
		ids = append(ids, "MR"+strings.TrimPrefix(v, "MR"))
	}
	if v := get(o, "paperId", "openalex", "id"); v != "" && len(ids) == 0 {
		ids = append(ids, v)
	}
	if len(ids) > 0 {
		return strings.Join(ids, " ")
	}
	return collapseSpace(get(o, "unstructured", "text", "citation", "title"))
}

// prefixedSourceID returns the bare id, in lower case, of an OpenAlex or
// Semantic Scholar id written with its prefix ("openalex:W1" → "w1",
// "s2:CorpusId:42" → "corpusid:42"), else "".
func prefixedSourceID(tok string) string {
	l := strings.ToLower(tok)
	for _, p := range []string{"openalex:", "s2:"} {
		if rest, ok := strings.CutPrefix(l, p); ok && rest != "" {
			return rest
		}
	}
	return ""
}
