package corpus

import (
	"bufio"
	"encoding/json"
	"fmt"
	"strings"
)

// Crossref works and CSL-JSON items share one shape (CSL-JSON was drawn
// from Crossref's, and doi.org returns Crossref records as CSL-JSON), so
// one converter reads both: Crossref's REST API ({"status": "ok",
// "message-type": "work", "message": {work}} for one work,
// {"message-type": "work-list", "message": {"items": [works], ...}} for a
// list, {"items": [works]} in its public data files, or works one per
// line), and CSL-JSON as Zotero, Mendeley, pandoc and citeproc write it
// (an array of items, or one item):
//
//	{"DOI": "10.1007/BF01390325", "title": ["..."] or "...", "subtitle": ["..."],
//	 "author": [{"given": "Jane", "family": "Doe", "suffix": "Jr."}, {"literal": "Team X"}],
//	 "abstract": "<jats:p>...</jats:p>", "issued": {"date-parts": [[2019, 3, 1]]},
//	 "language": "en", "URL": "...", "keyword": "a, b", "subject": ["..."],
//	 "reference": [{"key": "r1", "DOI": "10....", "unstructured": "..."}],
//	 "relation": {"has-preprint": [{"id-type": "arxiv", "id": "2101.00001"}]},
//	 "container-title": [...], ...}
//
// Titles given as lists are joined, a subtitle added after ": ";
// abstracts lose their JATS or HTML markup; the year and date come from
// issued (else published-print, published-online, published, posted);
// keywords that are MSC codes are codes; Crossref's subjects are
// categories. The id follows workIDs: an arXiv id from the DOI, the URL,
// a "number" or "note" such as "arXiv:2101.00001", or a Crossref preprint
// relation; else the DOI; else the item's citation key or id. References
// are the cited DOIs, else the citation's text (as Crossref gives it, or
// written "Author, “Title”, Journal (Year)" from its parts). A Crossref
// error response ("status": "failed") ends the input, naming its status.
// Other fields are listed once per file as not kept.
func newCSLDecoder(r *bufio.Reader, name string, _ *Options) (Decoder, error) {
	src := newJSONSource(r, name, "message", "items")
	src.envelope = crossrefEnvelope
	return &jsonItemDecoder{src: src, name: name, convert: cslItem}, nil
}

// crossrefEnvelope stops at an error response.
func crossrefEnvelope(key string, v json.RawMessage) error {
	if key == "status" {
		if s := jstr(v); s != "" && !strings.EqualFold(s, "ok") {
			return fmt.Errorf("the Crossref API answered with status %q, not records", s)
		}
	}
	return nil
}

// looksLikeCrossref reports whether JSON text is a Crossref API response
// or Crossref works.
func looksLikeCrossref(b []byte) bool {
	return hasAnyJSONKey(b, "message-type", "is-referenced-by-count", "reference-count", "references-count")
}

// looksLikeCSL reports whether JSON text is CSL-JSON: its date objects,
// its name objects, its container titles or citation keys.
func looksLikeCSL(b []byte) bool {
	return hasAnyJSONKey(b, "date-parts", "container-title", "citation-key", "family", "literal")
}

var cslUsed = usedSet("DOI", "doi", "title", "subtitle", "author", "abstract", "issued", "published-print",
	"published-online", "published", "posted", "language", "URL", "url", "keyword", "keywords", "subject", "reference",
	"relation", "id", "citation-key", "number", "note", "archive_location", "arxiv", "eprint")

func cslItem(d *jsonItemDecoder, obj jsonObj) []itemOut {
	var rec Record
	var ids workIDs
	ids.addDOI(jstr(jget(obj, "DOI")))
	for _, k := range []string{"number", "archive_location", "arxiv", "eprint", "URL", "note"} {
		for _, v := range jstrs(jget(obj, k)) {
			if k == "arxiv" || k == "eprint" {
				v = "arXiv:" + strings.TrimPrefix(v, "arXiv:")
			}
			if arXivFromText(v) != "" {
				ids.addArXiv(arXivFromText(v))
			}
		}
	}
	rel := jsonObject(obj["relation"])
	for _, k := range []string{"has-preprint", "is-preprint-of", "is-version-of", "has-version"} {
		for _, r := range jobjs(rel[k]) {
			id := jstr(r["id"])
			switch strings.ToLower(jstr(r["id-type"])) {
			case "arxiv":
				ids.addArXiv(id)
			case "doi":
				if d := normDOI(id); d != "" {
					ids.addOther("doi:" + d)
				}
			}
		}
	}
	ids.apply(&rec)
	if rec.ID == "" {
		// The item's own key, kept as the BibTeX reader keeps citation
		// keys; not an identifier to match by (Zotero's ids are URIs of
		// one user's library).
		rec.ID = jstr(obj["citation-key"])
		if rec.ID == "" {
			rec.ID = jstr(obj["id"])
		}
	}

	titles := jstrs(obj["title"])
	rec.Title = stripMarkup(strings.Join(titles, " "))
	if sub := stripMarkup(strings.Join(jstrs(obj["subtitle"]), " ")); sub != "" && rec.Title != "" {
		rec.Title += ": " + sub
	}
	rec.Abstract = stripMarkup(jstr(obj["abstract"]))
	for _, a := range jsonList(obj["author"]) {
		if name := cslName(a); name != "" {
			rec.Authors = append(rec.Authors, name)
		}
	}
	for _, k := range []string{"issued", "published-print", "published-online", "published", "posted"} {
		if date, year := cslDate(obj[k]); year != 0 {
			rec.Date, rec.Year = date, year
			break
		}
	}
	rec.Language = NormalizeLanguage(jstr(obj["language"]))
	if u := jstr(jget(obj, "URL")); u != "" {
		rec.URL = u
	} else if doi := normDOI(jstr(jget(obj, "DOI"))); doi != "" {
		rec.URL = "https://doi.org/" + doi
	}
	var kws []string
	for _, v := range jstrs(jget(obj, "keyword", "keywords")) {
		kws = append(kws, splitList(v)...)
	}
	codeKeywords(&rec, kws)
	rec.Categories = jstrs(obj["subject"])
	for _, r := range jsonList(obj["reference"]) {
		if ref := crossrefReference(r); ref != "" {
			rec.References = append(rec.References, ref)
		}
	}
	d.unkept.note(&rec, unusedKeys(obj, cslUsed)...)
	return []itemOut{{rec: rec}}
}

// cslName writes a CSL name object ({"given", "family", "suffix",
// "non-dropping-particle"} or {"literal"}, Crossref's {"name"} for
// organisations) as "Given Family, Suffix"; a plain string is taken as
// given.
func cslName(raw json.RawMessage) string {
	o := jsonObject(raw)
	if o == nil {
		return authorName(jstr(raw))
	}
	if l := jstr(o["literal"]); l != "" {
		return authorName(l)
	}
	family := strings.TrimSpace(jstr(o["non-dropping-particle"]) + " " + jstr(o["family"]))
	given := strings.TrimSpace(jstr(o["given"]) + " " + jstr(o["dropping-particle"]))
	if family == "" && given == "" {
		return authorName(jstr(o["name"]))
	}
	return joinName(given, family, jstr(o["suffix"]))
}

// cslDate reads a CSL date: {"date-parts": [[2019, 3, 1]]} (numbers or
// strings), {"raw": "2019-03-01"}, {"literal": "2019"}, or a string. It
// returns the date as precise as given (2019-03-01, 2019-03, or "" for a
// year alone) and the year.
func cslDate(raw json.RawMessage) (string, int) {
	o := jsonObject(raw)
	if o == nil {
		if s := jstr(raw); s != "" {
			return textDate(s)
		}
		return "", 0
	}
	for _, p := range jsonList(o["date-parts"]) {
		var parts []int
		for _, e := range jsonList(p) {
			parts = append(parts, jint(e))
		}
		if len(parts) == 0 || parts[0] < 1000 || parts[0] > 2999 {
			continue
		}
		switch {
		case len(parts) >= 3 && parts[1] >= 1 && parts[1] <= 12 && parts[2] >= 1 && parts[2] <= 31:
			return fmt.Sprintf("%04d-%02d-%02d", parts[0], parts[1], parts[2]), parts[0]
		case len(parts) >= 2 && parts[1] >= 1 && parts[1] <= 12:
			return fmt.Sprintf("%04d-%02d", parts[0], parts[1]), parts[0]
		}
		return "", parts[0]
	}
	for _, k := range []string{"raw", "literal"} {
		if s := jstr(o[k]); s != "" {
			return textDate(s)
		}
	}
	return "", 0
}

// crossrefReference writes one entry of Crossref's "reference" list: its
// DOI, else its text as given ("unstructured"), else its parts written
// "Author, “Article title”, Journal Volume (Year)", a shape ReferenceKeys
// reads.
func crossrefReference(raw json.RawMessage) string {
	o := jsonObject(raw)
	if o == nil {
		return collapseSpace(jstr(raw))
	}
	var ids []string
	if d := normDOI(jstr(jget(o, "DOI"))); d != "" {
		ids = append(ids, "doi:"+d)
	}
	for _, k := range []string{"unstructured", "article-title", "volume-title", "arxiv"} {
		if a := arXivFromText(jstr(o[k])); a != "" {
			ids = appendNew(ids, a)
		}
	}
	if len(ids) > 0 {
		return strings.Join(ids, " ")
	}
	if u := jstr(o["unstructured"]); u != "" {
		return stripMarkup(u)
	}
	var parts []string
	if a := jstr(o["author"]); a != "" {
		parts = append(parts, a)
	}
	title := jstr(o["article-title"])
	if title == "" {
		title = jstr(o["volume-title"])
	}
	if title != "" {
		parts = append(parts, "“"+stripMarkup(title)+"”")
	}
	src := strings.TrimSpace(jstr(o["journal-title"]) + " " + jstr(o["volume"]))
	if src != "" {
		parts = append(parts, src)
	}
	text := strings.Join(parts, ", ")
	if y := jstr(o["year"]); y != "" && text != "" {
		text += " (" + y + ")"
	}
	return text
}
