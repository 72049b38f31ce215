package corpus

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// zbMATH Open records come in three shapes, all read into a zbDoc:
//
//   - OAI-PMH oai_zb_preview: <zbmath:zbl_id>, <zbmath:document_title>,
//     <zbmath:classifications><zbmath:classification>, <zbmath:review>
//     <zbmath:review_text>, ... (read by the OAI decoder, oai.go);
//   - the REST API's JSON document (/document/{id}, /document/_search):
//     "identifier" (the Zbl number), "title": {"title": ...},
//     "contributors": {"authors": [{"name": ...}]}, "msc": [{"code": ...}],
//     "editorial_contributions": [{"text": ...}], "keywords", "year",
//     "language": {"languages": [...]}, alone or in a {"result": ...}
//     envelope;
//   - API records flattened into lists, one per line (zbmath-open-kg):
//     "zbl_id", "document_title", "author", "classification",
//     "keyword", "review_text", "publication_year", each a list.
//
// zbMATH lists the primary classification first: the first code is taken
// as primary. Review and summary texts become the abstract with their
// LaTeX left in place; zbMATH's licence placeholder ("zbMATH Open Web
// Interface contents unavailable due to conflicting licenses.") is dropped
// with a warning. The id is "zbMATH:" and the Zbl number
// ("zbMATH:0798.73077"), else "zbMATH-doc:" and the internal document id.

// zbPreview is the oai_zb_preview metadata element.
type zbPreview struct {
	Author          []string `xml:"author"`
	Classifications []string `xml:"classifications>classification"`
	DocumentID      string   `xml:"document_id"`
	Title           string   `xml:"document_title"`
	Keywords        []string `xml:"keywords>keyword"`
	Language        []string `xml:"language"`
	Year            string   `xml:"publication_year"`
	ZblID           string   `xml:"zbl_id"`
	DOI             string   `xml:"doi"`
	Reviews         []struct {
		Text string `xml:"review_text"`
	} `xml:"review"`
	References []struct {
		Text  string `xml:"text"`
		RefID string `xml:"ref_id"`
	} `xml:"references>reference"`
}

func (z *zbPreview) doc() zbDoc {
	d := zbDoc{
		ZblID:           z.ZblID,
		DocumentID:      z.DocumentID,
		Title:           z.Title,
		Classifications: z.Classifications,
		Keywords:        z.Keywords,
		Year:            z.Year,
		DOI:             z.DOI,
	}
	for _, a := range z.Author {
		d.Authors = append(d.Authors, splitNames(a)...)
	}
	if len(z.Language) > 0 {
		d.Language = z.Language[0]
	}
	for _, r := range z.Reviews {
		d.Texts = append(d.Texts, r.Text)
	}
	for _, r := range z.References {
		if id := strings.TrimSpace(r.RefID); id != "" {
			d.References = append(d.References, "zbMATH-doc:"+id)
		} else if t := collapseSpace(r.Text); t != "" {
			d.References = append(d.References, t)
		}
	}
	return d
}

// zbDoc is a zbMATH document whatever shape it came in.
type zbDoc struct {
	ZblID, DocumentID string
	Title             string
	Authors           []string
	Classifications   []string
	Keywords          []string
	Language          string
	Year              string
	Texts             []string // reviews, summaries
	URL, DOI          string
	ArXiv             string
	// References are the cited works: "zbMATH-doc:" and zbMATH's id of
	// the work when it has one (with "doi:" and the DOI when known),
	// else the citation's text.
	References []string
}

// zbUnavailable is what zbMATH Open writes in place of texts it may not
// redistribute.
const zbUnavailable = "zbMATH Open Web Interface contents unavailable due to conflicting licenses"

func (z zbDoc) record() Record {
	var rec Record
	if zbl := strings.TrimSpace(z.ZblID); zbl != "" {
		rec.ID = "zbMATH:" + zbl
	} else if doc := strings.TrimSpace(z.DocumentID); doc != "" {
		rec.ID = "zbMATH-doc:" + doc
	}
	rec.Title = collapseSpace(z.Title)
	for _, a := range z.Authors {
		if a = collapseSpace(a); a != "" {
			rec.Authors = append(rec.Authors, a)
		}
	}
	var codes []string
	for _, c := range z.Classifications {
		if c = strings.TrimSpace(c); c != "" {
			codes = append(codes, c)
		}
	}
	if len(codes) > 0 {
		if bad := rec.SetCodes(strings.Join(codes, " ; ")); len(bad) > 0 {
			rec.Problems = append(rec.Problems, invalidCodesProblem(bad))
		}
		if first, ok := NormalizeCode(codes[0]); ok {
			rec.PrimaryMSC = first
			rec.MSC = moveToFront(rec.MSC, first)
		}
	}
	for _, k := range z.Keywords {
		if k = collapseSpace(k); k != "" {
			rec.Keywords = append(rec.Keywords, k)
		}
	}
	rec.Language = NormalizeLanguage(z.Language)
	if y := strings.TrimSpace(z.Year); y != "" {
		if n, err := strconv.Atoi(y); err == nil {
			rec.Year = n
		} else {
			rec.Problems = append(rec.Problems, problemf(ErrBadField, "year %q is not a number, ignored", y))
		}
	}
	var texts []string
	for _, t := range z.Texts {
		t = collapseSpace(t)
		switch {
		case t == "":
		case strings.HasPrefix(t, zbUnavailable):
			rec.Problems = append(rec.Problems, problemf(ErrNoAbstract, "review text not available from zbMATH Open (licence), no abstract"))
		default:
			texts = append(texts, stripSummaryLabel(t))
		}
	}
	rec.Abstract = strings.Join(texts, "\n\n")
	switch {
	case z.URL != "":
		rec.URL = z.URL
	case z.DOI != "":
		rec.URL = "https://doi.org/" + strings.TrimSpace(z.DOI)
	}
	if doc := strings.TrimSpace(z.DocumentID); doc != "" && rec.ID != "zbMATH-doc:"+doc {
		rec.Identifiers = append(rec.Identifiers, "zbMATH-doc:"+doc)
	}
	if doi := strings.TrimSpace(z.DOI); doi != "" {
		rec.Identifiers = append(rec.Identifiers, "doi:"+doi)
	}
	if ax := strings.TrimSpace(z.ArXiv); ax != "" {
		rec.Identifiers = append(rec.Identifiers, "arXiv:"+ax)
	}
	rec.References = z.References
	return rec
}

// stripSummaryLabel drops the "Summary: " with which zbMATH starts the
// authors' own summaries: it is zbMATH's label, not their text.
func stripSummaryLabel(t string) string {
	for _, l := range []string{"Summary: ", "Summary. ", "Summary:"} {
		if rest, ok := strings.CutPrefix(t, l); ok && strings.TrimSpace(rest) != "" {
			return strings.TrimSpace(rest)
		}
	}
	return t
}

// zbDocFromJSON reads one API document, in the REST shape or flattened.
func zbDocFromJSON(obj map[string]json.RawMessage) zbDoc {
	first := func(keys ...string) string {
		for _, k := range keys {
			if s := jsonStrings(obj[k]); len(s) > 0 {
				return s[0]
			}
		}
		return ""
	}
	d := zbDoc{
		ZblID:      first("zbl_id", "identifier"),
		DocumentID: first("document_id", "id"),
		Language:   first("language"),
		Year:       first("publication_year", "year"),
		URL:        first("zbmath_url"),
		DOI:        first("doi"),
	}
	// Title: a string or list (flattened), or {"title": ..., "subtitle": ...}.
	if t := jsonStrings(obj["document_title"]); len(t) > 0 {
		d.Title = t[0]
	} else if t := jsonStrings(obj["title"]); len(t) > 0 {
		d.Title = t[0]
	} else if to := jsonObject(obj["title"]); to != nil {
		d.Title = firstString(to["title"])
		if sub := firstString(to["subtitle"]); sub != "" {
			d.Title += ". " + sub
		}
	}
	if a := jsonStrings(obj["author"]); len(a) > 0 {
		for _, s := range a {
			d.Authors = append(d.Authors, splitNames(s)...)
		}
	} else if c := jsonObject(obj["contributors"]); c != nil {
		for _, a := range jsonList(c["authors"]) {
			if name := firstString(jsonObject(a)["name"]); name != "" {
				d.Authors = append(d.Authors, name)
			}
		}
	}
	if c := jsonStrings(obj["classification"]); len(c) > 0 {
		d.Classifications = c
	} else {
		for _, m := range jsonList(obj["msc"]) {
			if s := jsonStrings(m); len(s) > 0 {
				d.Classifications = append(d.Classifications, s...)
			} else if code := firstString(jsonObject(m)["code"]); code != "" {
				d.Classifications = append(d.Classifications, code)
			}
		}
	}
	if k := jsonStrings(obj["keyword"]); len(k) > 0 {
		d.Keywords = k
	} else {
		d.Keywords = jsonStrings(obj["keywords"])
	}
	if lo := jsonObject(obj["language"]); lo != nil {
		d.Language = firstString(lo["languages"])
	}
	for _, l := range jsonList(obj["links"]) {
		lo := jsonObject(l)
		switch firstString(lo["type"]) {
		case "doi":
			if d.DOI == "" {
				d.DOI = firstString(lo["identifier"])
			}
		case "arxiv":
			d.ArXiv = firstString(lo["identifier"])
		}
	}
	for _, r := range jsonList(obj["references"]) {
		var o map[string]any
		if json.Unmarshal(r, &o) == nil {
			if ref := zbReference(o); ref != "" {
				d.References = append(d.References, ref)
			}
		} else if s := jsonStrings(r); len(s) > 0 {
			d.References = append(d.References, collapseSpace(s[0]))
		}
	}
	if t := jsonStrings(obj["review_text"]); len(t) > 0 {
		d.Texts = t
	} else {
		for _, e := range jsonList(obj["editorial_contributions"]) {
			if t := firstString(jsonObject(e)["text"]); t != "" {
				d.Texts = append(d.Texts, t)
			}
		}
	}
	return d
}

// zbReference writes one entry of the API's "references": zbMATH's id of
// the cited work and its DOI when known, else the citation's text.
func zbReference(o map[string]any) string {
	var ids []string
	if zb, ok := o["zbmath"].(map[string]any); ok {
		switch v := zb["document_id"].(type) {
		case string:
			if v = strings.TrimSpace(v); v != "" {
				ids = append(ids, "zbMATH-doc:"+v)
			}
		case float64:
			ids = append(ids, "zbMATH-doc:"+strconv.FormatFloat(v, 'f', -1, 64))
		}
	}
	if doi, ok := o["doi"].(string); ok && strings.TrimSpace(doi) != "" {
		ids = append(ids, "doi:"+strings.TrimSpace(doi))
	}
	if len(ids) > 0 {
		return strings.Join(ids, " ")
	}
	t, _ := o["text"].(string)
	return collapseSpace(t)
}

// jsonStrings reads a string, a number or a list of them; nulls and
// Python's "None" (left in flattened exports) are skipped.
func jsonStrings(raw json.RawMessage) []string {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 {
		return nil
	}
	switch raw[0] {
	case '"':
		var s string
		if json.Unmarshal(raw, &s) == nil && s != "None" && strings.TrimSpace(s) != "" {
			return []string{s}
		}
	case '[':
		var out []string
		for _, e := range jsonList(raw) {
			e = bytes.TrimSpace(e)
			if len(e) > 0 && e[0] != '[' {
				out = append(out, jsonStrings(e)...)
			}
		}
		return out
	case '{', 'n', 't', 'f':
	default:
		var n json.Number
		if json.Unmarshal(raw, &n) == nil {
			return []string{n.String()}
		}
	}
	return nil
}

func firstString(raw json.RawMessage) string {
	if s := jsonStrings(raw); len(s) > 0 {
		return s[0]
	}
	return ""
}

func jsonObject(raw json.RawMessage) map[string]json.RawMessage {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || raw[0] != '{' {
		return nil
	}
	var m map[string]json.RawMessage
	if json.Unmarshal(raw, &m) != nil {
		return nil
	}
	return m
}

func jsonList(raw json.RawMessage) []json.RawMessage {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || raw[0] != '[' {
		return nil
	}
	var l []json.RawMessage
	if json.Unmarshal(raw, &l) != nil {
		return nil
	}
	return l
}

// zbJSONDecoder reads zbMATH API JSON. JSON Lines (one document, or one
// {"result": [...]} page, per line) is read line by line, with line
// numbers, and a bad line is skipped. Anything else (a pretty-printed API
// response, an array of documents, one document) is read as a stream of
// JSON values: the documents of a "result" array are decoded one at a
// time, so memory is bounded by the largest document.
type zbJSONDecoder struct {
	name  string
	r     *bufio.Reader
	lines bool
	line  int
	n     int
	queue []json.RawMessage // documents of a one-line result page
	qLine int

	dec      *json.Decoder
	state    int // zbTop, zbArray, zbObject
	inResult bool
	top      map[string]json.RawMessage
	sawRes   bool
	err      error
}

const (
	zbTop = iota
	zbArray
	zbObject
)

func newZbJSONDecoder(r *bufio.Reader, name string, _ *Options) (Decoder, error) {
	d := &zbJSONDecoder{name: name, r: r}
	head, _ := r.Peek(sniffSize)
	head = bytes.TrimLeft(bytes.TrimPrefix(head, []byte("\xef\xbb\xbf")), " \t\r\n")
	if jsonLayoutOf(head).lines {
		d.lines = true
	} else {
		d.dec = json.NewDecoder(r)
	}
	return d, nil
}

func (d *zbJSONDecoder) Next() (Record, error) {
	if d.err != nil {
		return Record{}, d.err
	}
	if d.lines {
		return d.nextLine()
	}
	return d.nextToken()
}

func (d *zbJSONDecoder) nextLine() (Record, error) {
	for {
		if len(d.queue) > 0 {
			raw := d.queue[0]
			d.queue = d.queue[1:]
			d.n++
			return d.fromRaw(raw, Position{File: d.name, Line: d.qLine, N: d.n})
		}
		line, err := readJSONLine(d.r, d.name, &d.line)
		if errors.Is(err, io.EOF) {
			return Record{}, io.EOF
		}
		if err != nil {
			d.err = err
			return Record{}, err
		}
		pos := Position{File: d.name, Line: d.line, N: d.n + 1}
		var obj map[string]json.RawMessage
		if err := json.Unmarshal(line, &obj); err != nil {
			d.n++
			return Record{}, recordErr(pos, "", ErrMalformed, "malformed JSON: %s", err.Error())
		}
		if res, ok := obj["result"]; ok {
			// A page of the API: its documents, in order.
			res = bytes.TrimSpace(res)
			if len(res) > 0 && res[0] == '{' {
				d.queue = append(d.queue, res)
			} else {
				d.queue = append(d.queue, jsonList(res)...)
			}
			d.qLine = d.line
			continue
		}
		d.n++
		return d.fromRaw(line, pos)
	}
}

func (d *zbJSONDecoder) fromRaw(raw json.RawMessage, pos Position) (Record, error) {
	raw, problems := repairJSONObject(raw, nil)
	obj := jsonObject(raw)
	if obj == nil {
		return Record{}, recordErr(pos, "", ErrMalformed, "not a JSON object")
	}
	rec := d.docRecord(obj, pos)
	rec.Problems = append(problems, rec.Problems...)
	return rec, nil
}

func (d *zbJSONDecoder) docRecord(obj map[string]json.RawMessage, pos Position) Record {
	rec := zbDocFromJSON(obj).record()
	rec.Origin = pos
	return rec
}

func (d *zbJSONDecoder) fail(format string, args ...any) error {
	d.err = fmt.Errorf("%s: after record %d: %s", d.name, d.n, fmt.Sprintf(format, args...))
	return d.err
}

func (d *zbJSONDecoder) nextToken() (Record, error) {
	for {
		switch d.state {
		case zbTop:
			tok, err := d.dec.Token()
			if errors.Is(err, io.EOF) {
				return Record{}, io.EOF
			}
			if err != nil {
				return Record{}, d.fail("malformed JSON: %v", err)
			}
			switch tok {
			case json.Delim('['):
				d.state, d.inResult = zbArray, false
			case json.Delim('{'):
				d.state, d.top, d.sawRes = zbObject, map[string]json.RawMessage{}, false
			default:
				return Record{}, d.fail("expected zbMATH API JSON (an object or an array), found %v", describeToken(tok))
			}
		case zbArray:
			if !d.dec.More() {
				if _, err := d.dec.Token(); err != nil {
					return Record{}, d.fail("malformed JSON: %v", err)
				}
				if d.inResult {
					d.state = zbObject
				} else {
					d.state = zbTop
				}
				continue
			}
			var raw json.RawMessage
			if err := d.dec.Decode(&raw); err != nil {
				return Record{}, d.fail("malformed JSON: %v", err)
			}
			d.n++
			return d.fromRaw(raw, Position{File: d.name, N: d.n})
		case zbObject:
			if !d.dec.More() {
				if _, err := d.dec.Token(); err != nil {
					return Record{}, d.fail("malformed JSON: %v", err)
				}
				d.state = zbTop
				if !d.sawRes && len(d.top) > 0 {
					// Not an envelope: the object is one document.
					d.n++
					rec := d.docRecord(d.top, Position{File: d.name, N: d.n})
					d.top = nil
					return rec, nil
				}
				continue
			}
			tok, err := d.dec.Token()
			if err != nil {
				return Record{}, d.fail("malformed JSON: %v", err)
			}
			key, _ := tok.(string)
			if key != "result" {
				var raw json.RawMessage
				if err := d.dec.Decode(&raw); err != nil {
					return Record{}, d.fail("malformed JSON: %v", err)
				}
				if !d.sawRes {
					d.top[key] = raw
				}
				continue
			}
			d.sawRes, d.top = true, map[string]json.RawMessage{}
			tok, err = d.dec.Token()
			if err != nil {
				return Record{}, d.fail("malformed JSON: %v", err)
			}
			switch tok {
			case json.Delim('['):
				d.state, d.inResult = zbArray, true
			case json.Delim('{'):
				// One document (/document/{id}): read its fields.
				doc := map[string]json.RawMessage{}
				for d.dec.More() {
					kt, err := d.dec.Token()
					if err != nil {
						return Record{}, d.fail("malformed JSON: %v", err)
					}
					var raw json.RawMessage
					if err := d.dec.Decode(&raw); err != nil {
						return Record{}, d.fail("malformed JSON: %v", err)
					}
					if k, ok := kt.(string); ok {
						doc[k] = raw
					}
				}
				if _, err := d.dec.Token(); err != nil {
					return Record{}, d.fail("malformed JSON: %v", err)
				}
				d.n++
				return d.docRecord(doc, Position{File: d.name, N: d.n}), nil
			default:
				// null or a scalar: no documents.
			}
		}
	}
}
