package corpus

import (
	"bytes"
	"reflect"
	"strings"
	"testing"
)

func TestReferenceKeys(t *testing.T) {
	tests := []struct {
		ref  string
		want []string
	}{
		{"doi:10.2307/1971450", []string{"doi:10.2307/1971450"}},
		{"https://doi.org/10.1112/PLMS/pdn046.", []string{"doi:10.1112/plms/pdn046"}},
		{"zbMATH-doc:4097497 doi:10.2307/1971450", []string{"doi:10.2307/1971450", "zbmath-doc:4097497"}},
		{"arXiv:1311.4600v3", []string{"arxiv:1311.4600"}},
		{"https://arxiv.org/abs/math/0405083v2", []string{"arxiv:math/0405083"}},
		{"arXiv math.AP/0405083", []string{"arxiv:math.ap/0405083"}},
		{"Zbl 1207.11096", []string{"zbl:1207.11096"}},
		{"zbMATH:1306.11073", []string{"zbl:1306.11073"}},
		{"JFM 25.0245.01", []string{"jfm:25.0245.01"}},
		{"MR1450400", []string{"mr:1450400"}},
		{"MR 0123456", []string{"mr:123456"}},
		{"3377327", []string{"id:3377327"}},
		{"https://openalex.org/W2741809807", []string{"id:w2741809807"}},
		// Identifiers inside a citation's text win over the text.
		{"D. A. Goldston et al., Ann. Math. (2) 170, No. 2, 819--862 (2009; Zbl 1207.11096)", []string{"zbl:1207.11096"}},
		// Free-text citations: surname, year, first title words.
		{"J. Friedlander and A. Granville, ''Limitations to the equi-distribution of primes. I,'' Ann. of Math., vol. 129, iss. 2, pp. 363-382, 1989.",
			[]string{"cite:friedlander:1989:limitations:equi:distribution"}},
		{"Friedlander, J.; Granville, A.: Limitations to the equi-distribution of primes. I. Ann. Math. (2) 129, 363-382 (1989)",
			[]string{"cite:friedlander:1989:limitations:equi:distribution"}},
		{`P. D. T. A. Elliott and H. Halberstam, ''A conjecture in prime number theory,'' in Symposia Mathematica, Vol. IV, London: Academic Press, 1970, pp. 59-72.`,
			[]string{"cite:elliott:1970:conjecture:prime:number"}},
		{`G. M. Kobel'kov, “On singular perturbation of the Stokes problem”, 1994`, []string{"cite:kobelkov:1994:singular:perturbation:stokes"}},
		{`K. G\"odel, ''Die Vollst\"andigkeit der Axiome,'' Monatsh. Math. Phys. 37 (1930)`, []string{"cite:godel:1930:vollstandigkeit:axiome"}},
		// Without a year or a surname there is no key: it would match
		// works that are not the same.
		{"Lecture notes on sieve methods", nil},
		{"", nil},
	}
	for _, tc := range tests {
		if got := ReferenceKeys(tc.ref); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("ReferenceKeys(%q) = %q, want %q", tc.ref, got, tc.want)
		}
	}
}

// References and identifiers from the zbMATH API and OAI records, and
// from generic JSON in the shapes sources use.
func TestReadReferences(t *testing.T) {
	api, _ := openAll(t, "testdata/zbmath_rest_api_document.json", FormatZbMATH)
	oai, _ := openAll(t, "testdata/zbmath_oai_zb_preview_record.xml", FormatOAI)
	for _, tc := range []struct {
		name  string
		recs  []Record
		ids   []string
		first []string
	}{
		{"API", api, []string{"zbMATH-doc:6383667", "doi:10.4007/annals.2015.181.1.7", "arXiv:1311.4600"},
			[]string{"zbMATH-doc:3377327", "zbMATH-doc:4097497 doi:10.2307/1971450"}},
		{"OAI", oai, []string{"zbMATH-doc:6383667", "doi:10.4007/annals.2015.181.1.7"},
			[]string{"zbMATH-doc:3377327", "zbMATH-doc:4097497"}},
	} {
		if len(tc.recs) != 1 {
			t.Fatalf("%s: %d records", tc.name, len(tc.recs))
		}
		r := tc.recs[0]
		if !reflect.DeepEqual(r.Identifiers, tc.ids) {
			t.Errorf("%s identifiers = %q, want %q", tc.name, r.Identifiers, tc.ids)
		}
		if len(r.References) != 9 || !reflect.DeepEqual(r.References[:2], tc.first) {
			t.Errorf("%s references = %q (%d), want 9 starting %q", tc.name, r.References, len(r.References), tc.first)
		}
	}

	in := `{"id": "a", "title": "T", "doi": "https://doi.org/10.1/X", "references": ["doi:10.2/y", 3377327, {"DOI": "10.3/z", "unstructured": "A. B, C (2001)"}, {"paperId": "abc123", "title": "t"}, {"text": "Doe, J.: On things. (1999)"}, ["nested"]]}`
	recs, _ := decodeAllRecords(t, mustDecoder(t, bytes.NewReader([]byte(in)), "refs.jsonl", FormatJSONL))
	if len(recs) != 1 {
		t.Fatalf("%d records", len(recs))
	}
	r := recs[0]
	wantRefs := []string{"doi:10.2/y", "3377327", "doi:10.3/z", "abc123", "Doe, J.: On things. (1999)"}
	if !reflect.DeepEqual(r.References, wantRefs) || !reflect.DeepEqual(r.Identifiers, []string{"doi:10.1/X"}) {
		t.Errorf("references %q identifiers %q, want %q", r.References, r.Identifiers, wantRefs)
	}
	if len(r.Problems) != 1 || !strings.Contains(r.Problems[0].Error(), `field "references": item 6 is not text`) {
		t.Errorf("problems %q, want one for the nested list", r.Problems)
	}
}

// TestReferenceKeysAcrossSources: the identifiers the new readers write
// reduce to the keys of the same identifiers written bare or as URLs.
func TestReferenceKeysAcrossSources(t *testing.T) {
	for _, tc := range []struct {
		forms []string
		want  []string
	}{
		{[]string{"openalex:W2741809807", "https://openalex.org/W2741809807", "W2741809807"}, []string{"id:w2741809807"}},
		{[]string{"s2:649def34f8be52c8b66281af98ae884c09aef38b", "649def34f8be52c8b66281af98ae884c09aef38b",
			"https://www.semanticscholar.org/paper/649def34f8be52c8b66281af98ae884c09aef38b"}, []string{"id:649def34f8be52c8b66281af98ae884c09aef38b"}},
		{[]string{"s2:CorpusId:215416146", "CorpusId:215416146"}, []string{"id:corpusid:215416146"}},
		// arXiv's DOI names the arXiv id too.
		{[]string{"doi:10.48550/arXiv.2101.00001", "https://doi.org/10.48550/ARXIV.2101.00001"}, []string{"doi:10.48550/arxiv.2101.00001", "arxiv:2101.00001"}},
		{[]string{"arXiv:2101.00001", "arXiv:2101.00001v3", "https://arxiv.org/abs/2101.00001v2"}, []string{"arxiv:2101.00001"}},
		// Several identifiers of one work: every key.
		{[]string{"s2:abc123 doi:10.1007/BF01389883 s2:CorpusId:7"}, []string{"doi:10.1007/bf01389883", "id:abc123", "id:corpusid:7"}},
		{[]string{"openalex:W1 doi:10.1000/x"}, []string{"doi:10.1000/x", "id:w1"}},
	} {
		for _, f := range tc.forms {
			if got := ReferenceKeys(f); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("ReferenceKeys(%q) = %q, want %q", f, got, tc.want)
			}
		}
	}
}
