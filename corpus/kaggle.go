package corpus

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"strings"
)

// The Kaggle arXiv metadata snapshot (arxiv-metadata-oai-snapshot.json,
// about 4 GB): JSON Lines, one paper a line,
//
//	{"id": "0704.0001", "submitter": "...", "authors": "C. Bal\\'azs, E. L. Berger, ...",
//	 "title": "Calculation of prompt diphoton production cross sections at Tevatron and\n  LHC energies",
//	 "comments": "...", "journal-ref": "...", "doi": "...", "report-no": "...",
//	 "categories": "hep-ph", "license": null, "abstract": "  A fully differential ...\n",
//	 "versions": [{"version": "v1", "created": "Mon, 2 Apr 2007 19:18:42 GMT"}, ...],
//	 "update_date": "2008-11-13",
//	 "authors_parsed": [["Balázs", "C.", ""], ["Berger", "E. L.", ""], ...]}
//
// It is told from generic JSON Lines by its keys ("authors_parsed", or
// "versions" with "update_date"). The id is "arXiv:" and the identifier,
// as the other arXiv readers write it, so that one paper read from two
// sources has one id. Authors come from authors_parsed ([surname, given
// names, suffix], written "Given Surname Suffix" as in arXiv's OAI
// format), else from the authors string; TeX accents are decoded. The
// date is that of the first version, else update_date; the DOIs are
// identifiers. Titles and
// abstracts have their line breaks collapsed. The snapshot has no MSC
// field; an "msc-class" key, in exports that add one, is read.
//
// The file is read a line at a time: memory is bounded by the longest
// line, not the file.
type kaggleDecoder struct {
	r    *bufio.Reader
	name string
	line int
	n    int
}

func newKaggleDecoder(r *bufio.Reader, name string, _ *Options) (Decoder, error) {
	return &kaggleDecoder{r: r, name: name}, nil
}

// looksLikeKaggle reports whether JSON Lines text holds the snapshot's
// records: its first line has their keys.
func looksLikeKaggle(b []byte) bool {
	line, _, _ := bytes.Cut(b, []byte("\n"))
	return bytes.Contains(line, []byte(`"authors_parsed"`)) ||
		bytes.Contains(line, []byte(`"versions"`)) && bytes.Contains(line, []byte(`"update_date"`))
}

// kaggleJSON is one line of the snapshot. Fields of an unexpected type
// are reported and left empty; the others are still read.
type kaggleJSON struct {
	ID         json.RawMessage `json:"id"`
	Authors    string          `json:"authors"`
	Title      string          `json:"title"`
	Abstract   string          `json:"abstract"`
	Categories string          `json:"categories"`
	MSCClass   string          `json:"msc-class"`
	DOI        string          `json:"doi"`
	Versions   []struct {
		Created string `json:"created"`
	} `json:"versions"`
	UpdateDate    string     `json:"update_date"`
	AuthorsParsed [][]string `json:"authors_parsed"`
}

// kaggleUsed are the keys whose text reaches the record, for the warnings
// about invalid UTF-8.
var kaggleUsed = map[string]bool{
	"id": true, "authors": true, "title": true, "abstract": true, "categories": true,
	"msc-class": true, "doi": true, "versions": true, "update_date": true, "authors_parsed": true,
}

func (d *kaggleDecoder) Next() (Record, error) {
	line, err := readJSONLine(d.r, d.name, &d.line)
	if err != nil {
		return Record{}, err
	}
	d.n++
	return kaggleRecord(line, Position{File: d.name, Line: d.line, N: d.n})
}

func kaggleRecord(line []byte, pos Position) (Record, error) {
	line, problems := repairJSONObject(line, func(k string) bool { return kaggleUsed[k] })
	var k kaggleJSON
	if err := json.Unmarshal(line, &k); err != nil {
		var typeErr *json.UnmarshalTypeError
		if !errors.As(err, &typeErr) {
			return Record{}, recordErr(pos, "", ErrMalformed, "malformed JSON: %v", err)
		}
		// The other fields are filled: keep them, and say which was not.
		field, _, _ := strings.Cut(typeErr.Field, ".")
		expected := "text"
		switch field {
		case "versions":
			expected = `a list of {"created": date}`
		case "authors_parsed":
			expected = "a list of [surname, given names, suffix]"
		}
		problems = append(problems, problemf(ErrBadField, "field %q: %s where %s was expected, ignored", field, typeErr.Value, expected))
	}
	rec := Record{Origin: pos, Problems: problems}
	switch id := firstString(k.ID); {
	case id != "":
		rec.ID = arXivID(id)
		rec.URL = "https://arxiv.org/abs/" + strings.TrimPrefix(rec.ID, "arXiv:")
	case len(bytes.TrimSpace(k.ID)) > 0 && string(bytes.TrimSpace(k.ID)) != "null":
		rec.Problems = append(rec.Problems, problemf(ErrBadField, "field \"id\": %s is not an identifier, ignored", truncateWords(string(k.ID), 40)))
	}
	rec.Title = collapseSpace(k.Title)
	rec.Abstract = collapseSpace(k.Abstract)
	for _, a := range k.AuthorsParsed {
		var parts []string
		// [surname, given names, suffix]: "Given Surname Suffix".
		if len(a) > 1 {
			parts = append(parts, a[1])
		}
		if len(a) > 0 {
			parts = append(parts, a[0])
		}
		if len(a) > 2 {
			parts = append(parts, a[2:]...)
		}
		if name := authorName(strings.Join(parts, " ")); name != "" {
			rec.Authors = append(rec.Authors, name)
		}
	}
	if len(rec.Authors) == 0 {
		rec.Authors = splitArXivAuthors(k.Authors)
	}
	rec.Categories = splitCategories(k.Categories)
	if len(k.Versions) > 0 {
		rec.Date, rec.Year = arXivDate(k.Versions[0].Created)
	}
	if rec.Year == 0 {
		rec.Date, rec.Year = arXivDate(k.UpdateDate)
	}
	for _, doi := range strings.Fields(k.DOI) {
		rec.Identifiers = appendNew(rec.Identifiers, "doi:"+doi)
	}
	if msc := collapseSpace(k.MSCClass); msc != "" {
		if bad := rec.SetCodes(msc); len(bad) > 0 {
			rec.Problems = append(rec.Problems, invalidCodesProblem(bad))
		}
	}
	return rec, nil
}
