package corpus

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// Field names accepted by the JSON and CSV readers, matched without regard
// to case. The first name of each group is the one written by `convert`.
// Names of the form "id:source" give the id in a source's own numbering,
// written as that source's readers write it ("arXiv:...", "zbMATH:...").
var fieldAliases = map[string]string{
	"id": "id", "identifier": "id", "doc_id": "id",
	"arxiv_id": "id:arxiv", "arxiv": "id:arxiv",
	"zbl_id": "id:zbl", "zbl": "id:zbl", "de": "id:zbmath-doc", "document_id": "id:zbmath-doc",
	"title": "title", "document_title": "title",
	"authors": "authors", "author": "authors", "speakers": "authors", "speaker": "authors", "creator": "authors",
	"abstract": "abstract", "summary": "abstract", "description": "abstract",
	// zbMATH's names for its review or summary text, which starts
	// "Summary: " when it is the authors' summary: the label is dropped.
	"text": "abstract:zbmath", "review": "abstract:zbmath", "review_text": "abstract:zbmath",
	"msc": "msc", "msc_codes": "msc", "mscs": "msc", "msc_class": "msc", "msc-class": "msc",
	"classification": "msc", "classifications": "msc",
	"msc_primary": "msc_primary", "primary_msc": "msc_primary",
	"msc_raw":  "msc_raw",
	"keywords": "keywords", "keyword": "keywords",
	"categories": "categories", "category": "categories",
	"language": "language", "lang": "language",
	"year": "year", "publication_year": "year",
	// zbMATH's field codes, used as column names in its exports.
	"ti": "title", "au": "authors", "ab": "abstract:zbmath", "cc": "msc", "ut": "keywords", "py": "year", "la": "language",
	"date": "date",
	"url":  "url", "link": "url",
	"doi":         "doi",
	"identifiers": "identifiers",
	"references":  "references", "refs": "references", "cites": "references", "bibliography": "references",
}

// recordFields are the record's fields, as --field names them.
var recordFields = []string{"id", "title", "authors", "abstract", "msc", "msc_primary", "msc_raw",
	"keywords", "categories", "language", "year", "date", "url", "doi", "identifiers", "references"}

// ParseFieldMap reads field mappings written "FIELD=NAME" ("abstract=text":
// the source's column or key "text" gives the abstract), for
// Options.Fields.
func ParseFieldMap(specs []string) (map[string]string, error) {
	m := map[string]string{}
	for _, s := range specs {
		field, name, ok := strings.Cut(s, "=")
		field = strings.ToLower(strings.TrimSpace(field))
		name = strings.ToLower(strings.TrimSpace(name))
		if !ok || field == "" || name == "" {
			return nil, fmt.Errorf("%q: want FIELD=NAME, such as abstract=text", s)
		}
		if !slices.Contains(recordFields, field) {
			return nil, fmt.Errorf("%q: %q is not a record field (%s)", s, field, strings.Join(recordFields, ", "))
		}
		if prev, dup := m[name]; dup && prev != field {
			return nil, fmt.Errorf("%q: %q already gives %s", s, name, prev)
		}
		m[name] = field
	}
	return m, nil
}

// fieldMap resolves a source's field names to record fields: the
// mappings given first, then the aliases, except for fields that a
// mapping gives.
type fieldMap struct {
	given map[string]string // source name (lower case) → field
	taken map[string]bool   // fields that given maps to
}

func newFieldMap(opt *Options) fieldMap {
	m := fieldMap{}
	if opt == nil || len(opt.Fields) == 0 {
		return m
	}
	m.given, m.taken = map[string]string{}, map[string]bool{}
	for name, field := range opt.Fields {
		name = strings.ToLower(strings.TrimSpace(name))
		if baseField(fieldAliases[name]) == field {
			field = fieldAliases[name] // as its alias reads it: arXiv_id as an arXiv id
		}
		m.given[name] = field
		m.taken[baseField(field)] = true
	}
	return m
}

// field returns the record field a source name gives, or "".
func (m fieldMap) field(name string) string {
	name = strings.ToLower(strings.TrimSpace(name))
	if f, ok := m.given[name]; ok {
		return f
	}
	f := fieldAliases[name]
	if m.taken[baseField(f)] {
		return ""
	}
	return f
}

// baseField is the record field of an alias target: "id" for "id:arxiv".
func baseField(f string) string {
	base, _, _ := strings.Cut(f, ":")
	return base
}

// languageNames maps the ways sources name a language to Snowball's names.
var languageNames = map[string]string{
	"en": "english", "eng": "english", "english": "english", "anglais": "english",
	"fr": "french", "fre": "french", "fra": "french", "french": "french", "français": "french", "francais": "french",
	"es": "spanish", "spa": "spanish", "spanish": "spanish", "español": "spanish",
	"ru": "russian", "rus": "russian", "russian": "russian",
	"sv": "swedish", "swe": "swedish", "swedish": "swedish",
	"no": "norwegian", "nb": "norwegian", "nor": "norwegian", "norwegian": "norwegian",
	"hu": "hungarian", "hun": "hungarian", "hungarian": "hungarian",
	"de": "german", "ger": "german", "deu": "german", "german": "german",
	"it": "italian", "ita": "italian", "italian": "italian",
}

// NormalizeLanguage maps a language as sources write it ("English", "fr",
// "English Spanish") to a lower-case name, Snowball's where it has one. The
// first language named wins for multi-language labels.
func NormalizeLanguage(s string) string {
	f := strings.Fields(strings.ToLower(s))
	if len(f) == 0 {
		return ""
	}
	if n, ok := languageNames[f[0]]; ok {
		return n
	}
	return f[0]
}

// recordBuilder fills a Record field by field from loosely typed values,
// collecting what it could not use as problems.
type recordBuilder struct {
	rec      Record
	msc      []string // codes given as a list or string in "msc"
	mscGiven bool
	rawGiven string
	// zbText: the abstract is zbMATH's text. Our own "abstract" is taken
	// as given: it is what convert writes.
	zbText   bool
	primary  string
	problems []error
}

// setString assigns one field from a string value. A Python list
// ("['42C10', '33C45']", as pandas writes list cells to CSV) gives its
// items.
func (b *recordBuilder) setString(field, v string) {
	v = strings.TrimSpace(v)
	if items, ok := parsePyList(v); ok {
		if field == "msc_raw" {
			b.rawGiven = strings.Join(items, " ; ")
			return
		}
		for _, it := range items {
			switch {
			case field == "title" || baseField(field) == "abstract":
				b.appendText(field, it)
			case field == "keywords" || field == "categories":
				b.addItem(field, it)
			default:
				b.setString(field, it)
			}
		}
		return
	}
	switch field {
	case "id":
		b.rec.ID = v
	case "id:arxiv":
		b.rec.ID = arXivID(v)
	case "id:zbl":
		if v != "" {
			b.rec.ID = "zbMATH:" + v
		}
	case "id:zbmath-doc":
		if v != "" {
			b.rec.ID = "zbMATH-doc:" + v
		}
	case "title":
		b.rec.Title = v
	case "authors":
		b.rec.Authors = append(b.rec.Authors, splitNames(v)...)
	case "abstract", "abstract:zbmath":
		b.rec.Abstract = v
		b.zbText = field == "abstract:zbmath"
	case "msc":
		if v == "" {
			// An empty cell gives no codes; msc_raw may still.
			return
		}
		b.mscGiven = true
		b.msc = append(b.msc, v)
	case "msc_primary":
		b.primary = v
	case "msc_raw":
		b.rawGiven = v
	case "keywords":
		b.rec.Keywords = append(b.rec.Keywords, splitList(v)...)
	case "categories":
		// arXiv writes "math.CO cs.CG"; lists hold one per item.
		b.rec.Categories = append(b.rec.Categories, strings.Fields(strings.ReplaceAll(v, ",", " "))...)
	case "language":
		b.rec.Language = NormalizeLanguage(v)
	case "year":
		if v == "" {
			return
		}
		y, err := strconv.Atoi(v)
		if err != nil {
			b.problems = append(b.problems, problemf(ErrBadField, "year %q is not a number, ignored", v))
			return
		}
		b.rec.Year = y
	case "date":
		b.rec.Date = v
	case "url":
		b.rec.URL = v
	case "doi":
		if v != "" {
			b.rec.Identifiers = appendNew(b.rec.Identifiers, "doi:"+strings.TrimPrefix(strings.TrimPrefix(v, "https://doi.org/"), "doi:"))
		}
	case "identifiers":
		if v != "" {
			b.rec.Identifiers = appendNew(b.rec.Identifiers, v)
		}
	case "references":
		if v = collapseSpace(v); v != "" {
			b.rec.References = append(b.rec.References, v)
		}
	}
}

// appendNew appends s unless list has it.
func appendNew(list []string, s string) []string {
	for _, have := range list {
		if have == s {
			return list
		}
	}
	return append(list, s)
}

// setJSON assigns one field from a JSON value: strings, numbers, lists of
// strings and null are accepted where they make sense.
func (b *recordBuilder) setJSON(field string, raw json.RawMessage) {
	// raw was checked as JSON when its object was (by either decoder), so
	// a value that starts with a quote is one string token. Most have no
	// escape: their text is the bytes between the quotes.
	if len(raw) >= 2 && raw[0] == '"' {
		if bytes.IndexByte(raw, '\\') < 0 {
			b.setString(field, string(raw[1:len(raw)-1]))
			return
		}
		if text, ok := unquoteJSON(raw); ok {
			b.setString(field, text)
			return
		}
	}
	var v any
	if err := json.Unmarshal(raw, &v); err != nil {
		b.problems = append(b.problems, problemf(ErrBadField, "field %q: %v", baseField(field), err))
		return
	}
	switch x := v.(type) {
	case nil:
	case string:
		b.setString(field, x)
	case float64:
		switch baseField(field) {
		case "id", "year":
			b.setString(field, strconv.FormatFloat(x, 'f', -1, 64))
		default:
			b.problems = append(b.problems, problemf(ErrBadField, "field %q: a number where text was expected, ignored", baseField(field)))
		}
	case []any:
		switch field {
		case "authors", "keywords", "categories", "msc", "title", "abstract", "abstract:zbmath", "identifiers", "references":
			for i, e := range x {
				switch s := e.(type) {
				case string:
					switch {
					case field == "title" || baseField(field) == "abstract":
						// Flattened exports wrap single values in lists.
						b.appendText(field, s)
					case field == "keywords" || field == "categories":
						b.addItem(field, s)
					default:
						b.setString(field, s)
					}
				case nil:
				case float64:
					if field == "references" || field == "identifiers" {
						b.setString(field, strconv.FormatFloat(s, 'f', -1, 64))
						continue
					}
					b.problems = append(b.problems, problemf(ErrBadField, "field %q: item %d is not text, ignored", baseField(field), i+1))
				case map[string]any:
					if field == "references" {
						// A cited work as an object (zbMATH, Crossref,
						// Semantic Scholar): its identifiers, else its text.
						if ref := referenceFromObject(s); ref != "" {
							b.setString(field, ref)
							continue
						}
					}
					b.problems = append(b.problems, problemf(ErrBadField, "field %q: item %d is not text, ignored", baseField(field), i+1))
				default:
					b.problems = append(b.problems, problemf(ErrBadField, "field %q: item %d is not text, ignored", baseField(field), i+1))
				}
			}
		default:
			b.problems = append(b.problems, problemf(ErrBadField, "field %q: a list where one value was expected, ignored", baseField(field)))
		}
	default:
		b.problems = append(b.problems, problemf(ErrBadField, "field %q: unexpected %T, ignored", baseField(field), v))
	}
}

// addItem adds one item of a list of keywords or categories whole: a
// list has already split them ("Sobolev spaces and inequalities" is one
// topic, "x, y" one keyword), as convert writes them.
func (b *recordBuilder) addItem(field, s string) {
	if s = collapseSpace(s); s == "" {
		return
	}
	if field == "keywords" {
		b.rec.Keywords = append(b.rec.Keywords, s)
	} else {
		b.rec.Categories = append(b.rec.Categories, s)
	}
}

func (b *recordBuilder) appendText(field, s string) {
	p := &b.rec.Title
	if baseField(field) == "abstract" {
		p = &b.rec.Abstract
		b.zbText = field == "abstract:zbmath"
	}
	if *p == "" {
		*p = strings.TrimSpace(s)
	} else if s = strings.TrimSpace(s); s != "" {
		*p += "\n" + s
	}
}

// finish resolves the codes: the "msc" values, then msc_raw for anything
// they lack, then the declared primary code.
func (b *recordBuilder) finish(pos Position) Record {
	r := b.rec
	r.Origin = pos
	for _, m := range b.msc {
		if bad := r.SetCodes(m); len(bad) > 0 {
			b.problems = append(b.problems, invalidCodesProblem(bad))
		}
	}
	if b.rawGiven != "" {
		c := ParseCodes(b.rawGiven)
		if !b.mscGiven {
			r.addCodes(c.Codes)
		}
		if len(c.Invalid) > 0 {
			r.MSCRaw = b.rawGiven
			b.problems = append(b.problems, invalidCodesProblem(c.Invalid))
		}
		if b.primary == "" {
			b.primary = c.Primary
		}
	}
	if b.primary != "" {
		if code, ok := NormalizeCode(b.primary); ok {
			r.PrimaryMSC = code
			r.addCodes([]string{code})
			r.MSC = moveToFront(r.MSC, code)
		} else {
			b.problems = append(b.problems, problemf(ErrBadField, "msc_primary %q is not an MSC code, ignored", b.primary))
		}
	}
	if r.Year == 0 && len(r.Date) >= 4 {
		if y, err := strconv.Atoi(r.Date[:4]); err == nil {
			r.Year = y
		}
	}
	if b.zbText {
		r.Abstract = stripSummaryLabel(r.Abstract)
	}
	r.Problems = b.problems
	return r
}

// splitNames splits an author string written as "A and B", "A; B" or
// "A, B, and C". Other commas are left alone: "Aaronson, Jon" is one
// name. TeX accents in names are decoded.
func splitNames(s string) []string {
	var out []string
	for _, part := range strings.Split(s, ";") {
		items := []string{part}
		if strings.Contains(part, ", and ") {
			// The serial comma: a list of names, not "Surname, Given".
			items = strings.Split(part, ",")
		}
		for _, item := range items {
			item = strings.TrimPrefix(strings.TrimSpace(item), "and ")
			if len(items) > 1 && len(out) > 0 && isNameSuffix(strings.Fields(item)) {
				out[len(out)-1] += ", " + item // "John Smith, Jr."
				continue
			}
			for _, name := range strings.Split(item, " and ") {
				if name = authorName(name); name != "" {
					out = append(out, name)
				}
			}
		}
	}
	return out
}

// parsePyList reads a Python list literal of strings: "['42C10',
// '33C45']", '["a", "b"]', "[]". ok is false for anything else, which is
// then read as text.
func parsePyList(s string) ([]string, bool) {
	if len(s) < 2 || s[0] != '[' || s[len(s)-1] != ']' {
		return nil, false
	}
	var items []string
	i := 1
	for {
		for i < len(s) && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r') {
			i++
		}
		if i == len(s)-1 {
			return items, true // "]": also after a trailing comma
		}
		q := s[i]
		if q != '\'' && q != '"' {
			return nil, false
		}
		var item strings.Builder
		i++
		for ; i < len(s)-1 && s[i] != q; i++ {
			if s[i] == '\\' && i+1 < len(s)-1 {
				i++
				switch s[i] {
				case 'n':
					item.WriteByte('\n')
					continue
				case 't':
					item.WriteByte('\t')
					continue
				}
			}
			item.WriteByte(s[i])
		}
		if i >= len(s)-1 {
			return nil, false // unterminated
		}
		items = append(items, item.String())
		i++
		for i < len(s) && (s[i] == ' ' || s[i] == '\t') {
			i++
		}
		switch {
		case i == len(s)-1:
			return items, true
		case s[i] == ',':
			i++
		default:
			return nil, false
		}
	}
}

// splitList splits keywords written as one string, on ";" when present,
// else on ",".
func splitList(s string) []string {
	sep := ","
	if strings.Contains(s, ";") {
		sep = ";"
	}
	var out []string
	for _, k := range strings.Split(s, sep) {
		if k = strings.TrimSpace(k); k != "" {
			out = append(out, k)
		}
	}
	return out
}
