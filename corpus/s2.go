package corpus

import (
	"bufio"
	"slices"
	"strings"
)

// Semantic Scholar papers, from its Graph API (/graph/v1/paper/{id}, the
// {"total", "offset", "data": [papers]} pages of /paper/search, the array
// /paper/batch returns) and its datasets (JSON Lines, keys in lower case:
// corpusid, externalids...):
//
//	{"paperId": "649def34f8be52c8b66281af98ae884c09aef38b", "corpusId": 215416146,
//	 "externalIds": {"DOI": "10.1093/mind/lix.236.433", "ArXiv": "2101.00001", "MAG": "...", "CorpusId": 215416146},
//	 "url": "https://www.semanticscholar.org/paper/649def...", "title": "...", "abstract": "...",
//	 "year": 1950, "publicationDate": "1950-10-01", "authors": [{"authorId": "2262347", "name": "A. Turing"}],
//	 "fieldsOfStudy": ["Computer Science"], "s2FieldsOfStudy": [{"category": "Mathematics", "source": "s2-fos-model"}],
//	 "references": [{"paperId": "...", "title": "...", "externalIds": {...}}], ...}
//
// The id follows workIDs: the arXiv id, else the DOI, else
// "s2:" and the paperId; the others are identifiers, with "s2:CorpusId:N"
// (the API accepts that form as a paper id), "mag:", "pmid:", "pmcid:",
// "dblp:" and "acl:" ids. References are "s2:" and the cited paper's id,
// with its DOI and arXiv id when given, else its title. Fields of study
// are categories. A null in a batch (an id the API did not find) is
// reported and skipped. Items of the references and citations endpoints
// ({"citedPaper": {...}}) are read as the paper they wrap.
func newS2Decoder(r *bufio.Reader, name string, _ *Options) (Decoder, error) {
	return &jsonItemDecoder{src: newJSONSource(r, name, "data"), name: name, convert: s2Item}, nil
}

// looksLikeS2 reports whether JSON text holds Semantic Scholar papers.
func looksLikeS2(b []byte) bool {
	return hasAnyJSONKey(b, "paperId", "externalIds", "externalids", "corpusid", "corpusId")
}

var s2Used = usedSet("paperid", "corpusid", "externalids", "url", "title", "abstract", "year",
	"publicationdate", "authors", "fieldsofstudy", "s2fieldsofstudy", "references")

// s2ExternalIDs are the prefixes given to the ids of externalIds.
var s2ExternalIDs = map[string]string{"mag": "mag:", "pubmed": "pmid:", "pubmedcentral": "pmcid:", "dblp": "dblp:", "acl": "acl:"}

func s2Item(d *jsonItemDecoder, obj jsonObj) []itemOut {
	for _, k := range []string{"citedPaper", "citingPaper"} {
		if inner := jsonObject(obj[k]); inner != nil && len(obj) <= 3 {
			obj = inner
		}
	}
	var rec Record
	ids := s2IDs(obj)
	if ids.arxiv == "" && ids.doi == "" && ids.own == "" && len(ids.other) == 0 && jstr(jget(obj, "title")) == "" {
		return []itemOut{{bad: problemf(ErrNoMetadata, "no paper: an object without paperId, title or ids (keys: %s)", describeKeys(keysOf(obj)))}}
	}
	ids.apply(&rec)
	rec.Title = stripMarkup(jstr(jget(obj, "title")))
	rec.Abstract = stripMarkup(jstr(jget(obj, "abstract")))
	for _, a := range jobjs(jget(obj, "authors")) {
		if name := authorName(jstr(a["name"])); name != "" {
			rec.Authors = append(rec.Authors, name)
		}
	}
	rec.Year = jint(jget(obj, "year"))
	if day, y := arXivDate(jstr(jget(obj, "publicationDate"))); y != 0 {
		rec.Date = day
		if rec.Year == 0 {
			rec.Year = y
		}
	}
	rec.URL = jstr(jget(obj, "url"))
	rec.Categories = append(rec.Categories, jstrs(jget(obj, "fieldsOfStudy"))...)
	for _, f := range jobjs(jget(obj, "s2FieldsOfStudy")) {
		if c := jstr(f["category"]); c != "" {
			rec.Categories = append(rec.Categories, c)
		}
	}
	for _, r := range jobjs(jget(obj, "references")) {
		for _, k := range []string{"citedPaper", "citingPaper"} {
			if inner := jsonObject(r[k]); inner != nil {
				r = inner
			}
		}
		rids := s2IDs(r)
		var parts []string
		for _, id := range append([]string{rids.own, rids.arxiv, rids.doi}, rids.other...) {
			if id != "" {
				parts = append(parts, id)
			}
		}
		if len(parts) > 0 {
			rec.References = append(rec.References, strings.Join(parts, " "))
		} else if t := jstr(jget(r, "title")); t != "" {
			rec.References = append(rec.References, t)
		}
	}
	var unused []string
	for _, k := range keysOf(obj) {
		if !s2Used[strings.ToLower(k)] && !emptyJSON(obj[k]) {
			unused = append(unused, k)
		}
	}
	d.unkept.note(&rec, unused...)
	return []itemOut{{rec: rec}}
}

// s2IDs reads a paper's ids: paperId, corpusId and externalIds.
func s2IDs(obj jsonObj) workIDs {
	var ids workIDs
	if p := jstr(jget(obj, "paperId")); p != "" {
		ids.own = "s2:" + p
	}
	ext := jsonObject(jget(obj, "externalIds"))
	for _, k := range keysOf(ext) {
		v := jstr(ext[k])
		if v == "" {
			continue
		}
		switch lk := strings.ToLower(k); lk {
		case "arxiv":
			ids.addArXiv(v)
		case "doi":
			ids.addDOI(v)
		case "corpusid":
			ids.addOther("s2:CorpusId:" + v)
		default:
			if p, ok := s2ExternalIDs[lk]; ok {
				ids.addOther(p + strings.ToLower(v))
			}
		}
	}
	if c := jstr(jget(obj, "corpusId")); c != "" {
		ids.addOther("s2:CorpusId:" + c)
	}
	if ids.own == "" && len(ids.other) > 0 && strings.HasPrefix(ids.other[0], "s2:CorpusId:") && ids.arxiv == "" && ids.doi == "" {
		// A dataset record has no paperId: its corpus id is its own.
		ids.own, ids.other = ids.other[0], ids.other[1:]
	}
	return ids
}

// keysOf returns an object's keys in sorted order.
func keysOf(obj jsonObj) []string {
	keys := make([]string, 0, len(obj))
	for k := range obj {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
