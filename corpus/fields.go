package corpus

import (
	"encoding/json"
	"strconv"
	"strings"
)

// Field names accepted by the JSON and CSV readers, matched without regard
// to case. The first name of each group is the one written by `convert`.
var fieldAliases = map[string]string{
	"id": "id", "identifier": "id", "doc_id": "id",
	"title":   "title",
	"authors": "authors", "author": "authors", "speakers": "authors", "speaker": "authors", "creator": "authors",
	"abstract": "abstract", "summary": "abstract", "description": "abstract",
	"msc": "msc", "msc_codes": "msc", "mscs": "msc", "msc_class": "msc", "msc-class": "msc",
	"msc_primary": "msc_primary", "primary_msc": "msc_primary",
	"msc_raw":  "msc_raw",
	"keywords": "keywords", "keyword": "keywords",
	"categories": "categories", "category": "categories",
	"language": "language", "lang": "language",
	"year": "year",
	"date": "date",
	"url":  "url", "link": "url",
	"doi":         "doi",
	"identifiers": "identifiers",
	"references":  "references", "refs": "references", "cites": "references", "bibliography": "references",
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
	primary  string
	problems []error
}

// setString assigns one field from a string value.
func (b *recordBuilder) setString(field, v string) {
	v = strings.TrimSpace(v)
	switch field {
	case "id":
		b.rec.ID = v
	case "title":
		b.rec.Title = v
	case "authors":
		b.rec.Authors = append(b.rec.Authors, splitNames(v)...)
	case "abstract":
		b.rec.Abstract = v
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
	var v any
	if err := json.Unmarshal(raw, &v); err != nil {
		b.problems = append(b.problems, problemf(ErrBadField, "field %q: %v", field, err))
		return
	}
	switch x := v.(type) {
	case nil:
	case string:
		b.setString(field, x)
	case float64:
		switch field {
		case "id", "year":
			b.setString(field, strconv.FormatFloat(x, 'f', -1, 64))
		default:
			b.problems = append(b.problems, problemf(ErrBadField, "field %q: a number where text was expected, ignored", field))
		}
	case []any:
		switch field {
		case "authors", "keywords", "categories", "msc", "title", "abstract", "identifiers", "references":
			for i, e := range x {
				switch s := e.(type) {
				case string:
					if field == "title" || field == "abstract" {
						// Flattened exports wrap single values in lists.
						b.appendText(field, s)
					} else {
						b.setString(field, s)
					}
				case nil:
				case float64:
					if field == "references" || field == "identifiers" {
						b.setString(field, strconv.FormatFloat(s, 'f', -1, 64))
						continue
					}
					b.problems = append(b.problems, fmt.Sprintf("field %q: item %d is not text, ignored", field, i+1))
				case map[string]any:
					if field == "references" {
						// A cited work as an object (zbMATH, Crossref,
						// Semantic Scholar): its identifiers, else its text.
						if ref := referenceFromObject(s); ref != "" {
							b.setString(field, ref)
							continue
						}
					}
					b.problems = append(b.problems, fmt.Sprintf("field %q: item %d is not text, ignored", field, i+1))
				default:
					b.problems = append(b.problems, problemf(ErrBadField, "field %q: item %d is not text, ignored", field, i+1))
				}
			}
		default:
			b.problems = append(b.problems, problemf(ErrBadField, "field %q: a list where one value was expected, ignored", field))
		}
	default:
		b.problems = append(b.problems, problemf(ErrBadField, "field %q: unexpected %T, ignored", field, v))
	}
}

func (b *recordBuilder) appendText(field, s string) {
	p := &b.rec.Title
	if field == "abstract" {
		p = &b.rec.Abstract
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
			for _, name := range strings.Split(item, " and ") {
				if name = authorName(name); name != "" {
					out = append(out, name)
				}
			}
		}
	}
	return out
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
