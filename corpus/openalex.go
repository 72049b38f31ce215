package corpus

import (
	"bufio"
	"bytes"
	"encoding/json"
	"regexp"
	"sort"
	"strings"
)

// OpenAlex works (api.openalex.org/works, and the snapshot's
// data/works/*/part_*.gz files), in any of their shapes: one work, a page
// {"meta": {...}, "results": [works]}, an array of works, or JSON Lines
// of works (the snapshot: gigabytes, read a line at a time).
//
//	{"id": "https://openalex.org/W2741809807", "doi": "https://doi.org/10.7717/peerj.4375",
//	 "title": "...", "display_name": "...", "publication_year": 2018, "publication_date": "2018-02-13",
//	 "language": "en", "authorships": [{"author": {"display_name": "Heather Piwowar", ...}, ...}],
//	 "abstract_inverted_index": {"Despite": [0], "growing": [1], ...},
//	 "referenced_works": ["https://openalex.org/W1491283149", ...],
//	 "topics": [{"display_name": "...", ...}], "concepts": [...], "keywords": [...],
//	 "primary_location": {"landing_page_url": "...", ...}, "locations": [...], "ids": {...}, ...}
//
// The abstract is rebuilt from the inverted index (word → positions), in
// position order (abstract_inverted_index, else the newer
// abstract_inverted_index_v3; an index that cannot be read whole is read
// in part, with a warning). The id follows workIDs: the arXiv id when a location is
// on arXiv (or the DOI is arXiv's), else the DOI, else "openalex:W...";
// the others, with MAG and PubMed ids ("mag:", "pmid:", "pmcid:"), are
// identifiers. Referenced works become references "openalex:W...".
// Topics (else concepts) are the categories, keywords the keywords.
// Other fields are listed once per file as not kept.
func newOpenAlexDecoder(r *bufio.Reader, name string, _ *Options) (Decoder, error) {
	return &jsonItemDecoder{src: newJSONSource(r, name, "results"), name: name, convert: openAlexItem}, nil
}

// looksLikeOpenAlex reports whether JSON text holds OpenAlex works.
func looksLikeOpenAlex(b []byte) bool {
	if hasAnyJSONKey(b, "abstract_inverted_index", "authorships", "referenced_works") {
		return true
	}
	// Works trimmed by the API's select=: their id is OpenAlex's URL.
	return openAlexIDKey.Match(b)
}

// openAlexIDKey is an "id" key whose value is an OpenAlex work's URL.
var openAlexIDKey = regexp.MustCompile(`"id"\s*:\s*"https://openalex\.org/W\d`)

var openAlexUsed = usedSet("id", "doi", "title", "display_name", "publication_year", "publication_date",
	"language", "authorships", "abstract_inverted_index", "abstract_inverted_index_v3", "abstract", "referenced_works", "topics", "concepts",
	"primary_topic", "keywords", "primary_location", "best_oa_location", "locations", "ids")

func openAlexItem(d *jsonItemDecoder, obj jsonObj) []itemOut {
	var rec Record
	var ids workIDs
	if id := jstr(obj["id"]); id != "" {
		ids.own = openAlexID(id)
	}
	ids.addDOI(jstr(obj["doi"]))
	idsObj := jsonObject(obj["ids"])
	ids.addDOI(jstr(idsObj["doi"]))
	for _, k := range []string{"mag", "pmid", "pmcid"} {
		if v := jstr(idsObj[k]); v != "" {
			v = v[strings.LastIndexByte(v, '/')+1:] // https://pubmed.ncbi.nlm.nih.gov/29456894
			ids.addOther(k + ":" + strings.ToLower(v))
		}
	}
	locs := jobjs(obj["locations"])
	for _, k := range []string{"primary_location", "best_oa_location"} {
		if l := jsonObject(obj[k]); l != nil {
			locs = append([]jsonObj{l}, locs...)
		}
	}
	for _, l := range locs {
		for _, k := range []string{"landing_page_url", "pdf_url", "id"} {
			if u := jstr(l[k]); u != "" && ids.addArXiv(u) {
				break
			}
		}
	}
	ids.apply(&rec)

	rec.Title = jstr(obj["title"])
	if rec.Title == "" {
		rec.Title = jstr(obj["display_name"])
	}
	rec.Title = stripMarkup(rec.Title) // titles carry <i>, <sub> from publishers
	if a := jstr(obj["abstract"]); a != "" {
		rec.Abstract = stripMarkup(a)
	} else {
		for _, k := range []string{"abstract_inverted_index", "abstract_inverted_index_v3"} {
			text, ok := invertedAbstract(obj[k])
			if !ok {
				rec.Problems = append(rec.Problems, problemf(ErrBadField, "field %q: not an index of words to their positions, read in part", k))
			}
			if text != "" {
				rec.Abstract = text
				break
			}
		}
	}
	for _, a := range jobjs(obj["authorships"]) {
		name := jstr(jsonObject(a["author"])["display_name"])
		if name == "" {
			name = jstr(a["raw_author_name"])
		}
		if name = authorName(name); name != "" {
			rec.Authors = append(rec.Authors, name)
		}
	}
	rec.Year = jint(obj["publication_year"])
	if date := jstr(obj["publication_date"]); date != "" {
		if day, y := arXivDate(date); y != 0 {
			rec.Date = day
			if rec.Year == 0 {
				rec.Year = y
			}
		}
	}
	rec.Language = NormalizeLanguage(jstr(obj["language"]))
	for _, w := range jsonStrings(obj["referenced_works"]) {
		if id := openAlexID(w); id != "" {
			rec.References = append(rec.References, id)
		}
	}
	topics := jobjs(obj["topics"])
	if len(topics) == 0 {
		if t := jsonObject(obj["primary_topic"]); t != nil {
			topics = []jsonObj{t}
		}
	}
	if len(topics) == 0 {
		topics = jobjs(obj["concepts"])
	}
	for _, t := range topics {
		if name := jstr(t["display_name"]); name != "" {
			rec.Categories = append(rec.Categories, name)
		}
	}
	for _, k := range jsonList(obj["keywords"]) {
		name := jstr(k)
		if o := jsonObject(k); o != nil {
			name = jstr(o["display_name"])
			if name == "" {
				name = jstr(o["keyword"])
			}
		}
		if name != "" {
			codeKeywords(&rec, []string{name})
		}
	}
	for _, l := range locs {
		if u := jstr(l["landing_page_url"]); u != "" {
			rec.URL = u
			break
		}
	}
	if rec.URL == "" {
		if doi := normDOI(jstr(obj["doi"])); doi != "" {
			rec.URL = "https://doi.org/" + doi
		} else if strings.HasPrefix(jstr(obj["id"]), "https://openalex.org/") {
			rec.URL = jstr(obj["id"])
		}
	}
	d.unkept.note(&rec, unusedKeys(obj, openAlexUsed)...)
	return []itemOut{{rec: rec}}
}

// openAlexID writes an OpenAlex id ("https://openalex.org/W2741809807",
// "W2741809807") as "openalex:W2741809807"; "" for anything else.
func openAlexID(s string) string {
	s = strings.TrimSpace(s)
	for _, p := range []string{"https://openalex.org/", "http://openalex.org/", "openalex:"} {
		s = strings.TrimPrefix(s, p)
	}
	if len(s) < 2 || strings.ContainsAny(s, " /:") {
		return ""
	}
	if c := s[0]; c >= 'a' && c <= 'z' {
		s = string(c-'a'+'A') + s[1:] // w123 → W123, as OpenAlex writes them
	}
	return "openalex:" + s
}

// invertedAbstract rebuilds the text of an OpenAlex abstract_inverted_index
// ({"word": [positions]}) in position order. A position given twice keeps
// one word (the first in byte order); gaps are closed, so that a damaged
// index still gives its words in order. ok is false when some of it
// could not be read (positions that are not numbers, an index that is
// not an object).
func invertedAbstract(raw json.RawMessage) (text string, ok bool) {
	raw = bytes.TrimSpace(raw)
	if len(raw) < 2 || raw[0] != '{' {
		return "", emptyJSON(raw)
	}
	damaged := false
	type placed struct {
		pos  int
		word string
	}
	var words []placed
	add := func(w string, p int) { words = append(words, placed{p, w}) }
	if !scanInvertedIndex(raw, add) {
		// Positions that are not all integers: read what can be read,
		// and say that some could not.
		words = words[:0]
		var loose map[string]json.RawMessage
		if json.Unmarshal(raw, &loose) != nil {
			return "", false
		}
		for w, v := range loose {
			var ps []json.RawMessage
			if json.Unmarshal(v, &ps) != nil {
				damaged = true
				continue
			}
			for _, p := range ps {
				var n json.Number
				if json.Unmarshal(p, &n) != nil {
					damaged = true
					continue
				}
				if i, err := n.Int64(); err == nil && i >= 0 && i < 1<<31 {
					add(w, int(i))
				} else {
					damaged = true
				}
			}
		}
	}
	maxPos := -1
	for _, w := range words {
		maxPos = max(maxPos, w.pos)
	}
	var b strings.Builder
	if maxPos < 4*len(words)+64 {
		// Positions nearly dense, as indexes are: place each word in its
		// slot, no sorting.
		slots := make([]string, maxPos+1)
		for _, w := range words {
			if slots[w.pos] == "" || w.word < slots[w.pos] {
				slots[w.pos] = w.word
			}
		}
		for _, w := range slots {
			if w == "" {
				continue
			}
			if b.Len() > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(w)
		}
		return stripMarkup(b.String()), !damaged
	}
	sort.Slice(words, func(i, j int) bool {
		if words[i].pos != words[j].pos {
			return words[i].pos < words[j].pos
		}
		return words[i].word < words[j].word
	})
	for i, w := range words {
		if i > 0 && w.pos == words[i-1].pos {
			continue
		}
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(w.word)
	}
	return stripMarkup(b.String()), !damaged
}

// scanInvertedIndex reads an inverted index (valid JSON, as the line it
// came from was checked) without reflection: it is the bulk of a snapshot
// line. It reports false for anything but string keys and lists of
// non-negative integers, which the caller then reads the slow way.
func scanInvertedIndex(b []byte, add func(string, int)) bool {
	i := 0
	ws := func() {
		for i < len(b) && (b[i] == ' ' || b[i] == '\t' || b[i] == '\n' || b[i] == '\r') {
			i++
		}
	}
	ws()
	if i >= len(b) || b[i] != '{' {
		return false
	}
	i++
	for {
		ws()
		if i < len(b) && b[i] == '}' {
			return true
		}
		if i >= len(b) || b[i] != '"' {
			return false
		}
		start, escaped := i, false
		for i++; i < len(b) && b[i] != '"'; i++ {
			if b[i] == '\\' {
				escaped = true
				i++
			}
		}
		if i >= len(b) {
			return false
		}
		i++
		word := string(b[start+1 : i-1])
		if escaped {
			if json.Unmarshal(b[start:i], &word) != nil {
				return false
			}
		}
		ws()
		if i >= len(b) || b[i] != ':' {
			return false
		}
		i++
		ws()
		if i >= len(b) || b[i] != '[' {
			return false
		}
		i++
		for {
			ws()
			if i < len(b) && b[i] == ']' {
				i++
				break
			}
			n, digits := 0, 0
			for i < len(b) && b[i] >= '0' && b[i] <= '9' && digits < 10 {
				n = n*10 + int(b[i]-'0')
				i++
				digits++
			}
			if digits == 0 || (i < len(b) && b[i] >= '0' && b[i] <= '9') {
				return false
			}
			add(word, n)
			ws()
			if i < len(b) && b[i] == ',' {
				i++
			} else if i >= len(b) || b[i] != ']' {
				return false
			}
		}
		ws()
		if i < len(b) && b[i] == ',' {
			i++
		} else if i >= len(b) || b[i] != '}' {
			return false
		}
	}
}
