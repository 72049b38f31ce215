package corpus

import (
	"bytes"
	"reflect"
	"testing"
)

// oai_dc with texts in several languages (HAL): the title and abstract
// are read in one language, and the record labelled with it.
func TestOAIDCLanguages(t *testing.T) {
	dc := func(body string) string {
		return `<record><header><identifier>oai:HAL:hal-1</identifier></header><metadata><oai_dc:dc xmlns:oai_dc="http://www.openarchives.org/OAI/2.0/oai_dc/" xmlns:dc="http://purl.org/dc/elements/1.1/">` +
			body + `</oai_dc:dc></metadata></record>`
	}
	for _, tc := range []struct {
		name, body         string
		title, abs, lang   string
		keywords, cats     []string
		otherLanguagesNote bool
	}{
		{"English first, dc:language fr",
			`<dc:title xml:lang="fr">Le cancer</dc:title><dc:title xml:lang="en">Cancer</dc:title><dc:description xml:lang="en">On cancer.</dc:description><dc:description xml:lang="fr">Sur le cancer.</dc:description><dc:language>fr</dc:language><dc:subject xml:lang="fr">tumeur</dc:subject><dc:subject xml:lang="en">tumour</dc:subject>`,
			"Cancer", "On cancer.", "english", []string{"tumour"}, nil, true},
		{"French first",
			`<dc:title xml:lang="en">Cancer</dc:title><dc:title xml:lang="fr">Le cancer</dc:title><dc:description xml:lang="fr">Sur le cancer.</dc:description><dc:description xml:lang="en">On cancer.</dc:description>`,
			"Le cancer", "Sur le cancer.", "french", nil, nil, true},
		{"no xml:lang: dc:language",
			`<dc:title>Le cancer</dc:title><dc:description>Sur le cancer.</dc:description><dc:language>fre</dc:language><dc:subject>tumeur; oncologie</dc:subject>`,
			"Le cancer", "Sur le cancer.", "french", []string{"tumeur", "oncologie"}, nil, false},
		{"no title in the abstract's language",
			`<dc:title xml:lang="fr">Le cancer</dc:title><dc:title>Cancer (untagged)</dc:title><dc:description xml:lang="en">On cancer.</dc:description>`,
			"Cancer (untagged)", "On cancer.", "english", nil, nil, true},
		{"HAL domain",
			`<dc:title>T</dc:title><dc:subject>[MATH.MATH-AP]Mathematics [math]/Analysis of PDEs [math.AP]</dc:subject><dc:subject>[INFO]Computer Science [cs]</dc:subject>`,
			"T", "", "", nil, []string{"math.AP", "cs"}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			recs, bad := decodeAllRecords(t, mustDecoder(t, bytes.NewReader([]byte(oaiEnvelope("oai_dc", dc(tc.body), ""))), "hal.xml", FormatOAI))
			if len(recs) != 1 || len(bad) > 0 {
				t.Fatalf("%d records, %v", len(recs), bad)
			}
			r := recs[0]
			if r.Title != tc.title || r.Abstract != tc.abs || r.Language != tc.lang || !sameStrings(r.Keywords, tc.keywords) || !sameStrings(r.Categories, tc.cats) {
				t.Errorf("title %q abstract %q language %q keywords %q categories %q", r.Title, r.Abstract, r.Language, r.Keywords, r.Categories)
			}
			note := []string{notKept("dc:title, dc:description and dc:subject in other languages than the record's")}
			if got := errStrings(r.Problems); tc.otherLanguagesNote != reflect.DeepEqual(got, note) {
				t.Errorf("problems %q", got)
			}
		})
	}
}

// biblatex's date and langid, and the DOI and arXiv eprint as
// identifiers.
func TestBibLaTeX(t *testing.T) {
	in := `@article{a, title = {A}, date = {2019-03-01}, langid = {ngerman}, doi = {10.1000/XYZ}, eprint = {2101.00001}, eprinttype = {arxiv}}
@online{b, title = {B}, date = {2020-05/2020-06}, langid = {USenglish}, language = {french}, eprint = {math/0211159}, archiveprefix = {arXiv}}
@book{c, title = {C}, year = {1999}, date = {2001}}
@misc{d, title = {D}, date = {someday}, eprint = {12345}, eprinttype = {pubmed}}
`
	recs, bad := decodeAllRecords(t, mustDecoder(t, bytes.NewReader([]byte(in)), "x.bib", FormatBibTeX))
	if len(bad) > 0 || len(recs) != 4 {
		t.Fatalf("%d records, %v", len(recs), bad)
	}
	for i, w := range []struct {
		year        int
		date, lang  string
		identifiers []string
		problems    []string
	}{
		{2019, "2019-03-01", "german", []string{"arXiv:2101.00001", "doi:10.1000/xyz"}, nil},
		{2020, "2020-05", "french", []string{"arXiv:math/0211159"}, nil},
		{1999, "", "", nil, nil}, // the year field wins; a year alone is no date
		{0, "", "", nil, []string{`date "someday" is not a date, ignored`}},
	} {
		r := recs[i]
		if r.Year != w.year || r.Date != w.date || r.Language != w.lang || !sameStrings(r.Identifiers, w.identifiers) || !sameStrings(errStrings(r.Problems), w.problems) {
			t.Errorf("record %d: year %d date %q language %q identifiers %q problems %q; want %+v", i+1, r.Year, r.Date, r.Language, r.Identifiers, errStrings(r.Problems), w)
		}
	}
}
