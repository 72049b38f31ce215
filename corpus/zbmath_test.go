package corpus

import (
	"os"
	"strings"
	"testing"
)

// Flattened API records (zbmath-open-kg), checked against
// ../shared/data/zbmath_open_kg_200.jsonl when written: same ids, titles,
// abstracts, codes and primary codes.
var zbFlatSample = []wantRecord{
	{
		ID: "zbMATH:0798.73077", Line: 1, N: 1,
		Title:    "On an unconventional variational method for solving the problem of linear elasticity with Neumann or periodic boundary conditions",
		Authors:  []string{"Křížek, Michal", "Milka, Zdeněk"},
		Abstract: "",
		MSC:      []string{"74S30", "74P10", "74B99", "74H99", "74B05", "35Q72"}, Primary: "74S30", Raw: "",
		Keywords:   []string{"finite element approximations", "Lipschitz boundary", "Sobolev space"},
		Categories: nil,
		Year:       1994, Date: "", URL: "", Language: "english",
		Problems: []string{"review text not available from zbMATH Open (licence), no abstract"},
	},
	{
		ID: "zbMATH:0806.90113", Line: 2, N: 2,
		Title:    "CONOPT -- A large-scale GRG code",
		Authors:  []string{"Drud, Arne Stolbjerg"},
		Abstract: "CONOPT is a generalized reduced-gradient (GRG) algorithm for solving large-scale nonlinear programs involving sparse nonlinear constraints. The paper will discuss strategic and tactical decisions in the development, upgrade, and maintenance of CONOPT over the last 8 years. A verbal and intuitive comparison of the GRG algorithm with the popular methods based on sequential linearized subproblems forms the basis for discussions of the implementation of critical components in a GRG code: basis factorizations, search directions, line-searches, and Newton iterations. The paper contains performance statistics for a range of models from different branches of engineering and economics of up to 4000 equations with comparative figures for MINOS version 5.3. Based on these statistics the paper concludes that GRG codes can be very competitive with other codes for large-scale nonlinear programming from both an efficiency and a reliability point of view. This is especially true for models with fairly nonlinear constraints, particularly when it is difficult to attain feasibility.",
		MSC:      []string{"90C30", "90C06"}, Primary: "90C30", Raw: "",
		Keywords:   []string{"generalized reduced-gradient algorithm", "large-scale nonlinear programs", "sparse nonlinear constraints", "performance statistics"},
		Categories: nil,
		Year:       1994, Date: "", URL: "https://doi.org/10.1287/ijoc.6.2.207", Language: "english",
		Problems: nil,
	},
	{
		ID: "zbMATH:0816.73004", Line: 3, N: 3,
		Title:    "On singular perturbation of the Stokes problem",
		Authors:  []string{"Kobel'kov, G. M."},
		Abstract: "Solutions of the equations of linear elasticity with Dirichlet boundary conditions have been earlier investigated by Temam and by Kobel'kov in the limit \\(\\varepsilon \\sim 1/2 - \\nu\\), so that the Poisson ratio \\(\\nu\\) differs only slightly from the value 1/2. In the present paper, the analysis of these studies, where \\(\\varepsilon\\) was assumed to be constant, is generalized to problems with variable \\(\\varepsilon\\). It is found that the results are almost the same as in the case \\(\\varepsilon =\\) const. For the entire collection see [Zbl 0790.00003].",
		MSC:      []string{"74B05", "76D07", "76M45", "76D10", "35Q72"}, Primary: "74B05", Raw: "",
		Keywords:   []string{"variable small parameter", "Dirichlet boundary conditions", "Poisson ratio"},
		Categories: nil,
		Year:       1994, Date: "", URL: "", Language: "english",
		Problems: nil,
	},
}

// testdata/zbmath_rest_api_document.json is the REST API response for
// Zbl 1306.11073 rebuilt as JSON from formats/zbmath_rest_api_document_as_xml.xml
// (the element names are the API's JSON keys), in its {"result": ...,
// "status": ...} envelope.
var zbAPISample = []wantRecord{
	{
		ID: "zbMATH:1306.11073", Line: 0, N: 1,
		Title:    "Small gaps between primes",
		Authors:  []string{"Maynard, James"},
		Abstract: "The prime \\(k\\)-tuples and small gaps between prime numbers are considered. Using a refinement of the Goldston-Pintz-Yildirim sieve method [\\textit{D. A. Goldston} et al., Ann. Math. (2) 170, No. 2, 819--862 (2009; Zbl 1207.11096)] the author proves, for instance, the following estimates \\[ \\liminf_{n\\to\\infty}\\,(p_{n+m}-p_n)\\ll m^3\\text{{e}}^{4m}, \\quad \\liminf_{n\\to\\infty}\\,(p_{n+1}-p_n)\\leq 600 \\] with an absolute constant in sign \\(\\ll\\). Here \\(m\\) is a natural number, and \\(p_{\\,l}\\) denote the \\(l\\)-th prime number.",
		MSC:      []string{"11N05", "11N36"}, Primary: "11N05", Raw: "",
		Keywords:   []string{"prime number", "small gap", "sieve method", "\\(k\\)-tuples conjecture", "admissible set", "Selberg sieve", "symmetric polynomial", "symmetric matrix"},
		Categories: nil,
		Year:       2015, Date: "", URL: "https://zbmath.org/6383667", Language: "english",
		Problems: nil,
	},
}

func TestZbMATHSamples(t *testing.T) {
	recs, bad := openAll(t, "testdata/zbmath_open_kg_api_flat_3records.jsonl", FormatZbMATH)
	if len(bad) > 0 {
		t.Errorf("record errors: %v", bad)
	}
	checkRecords(t, "testdata/zbmath_open_kg_api_flat_3records.jsonl", recs, zbFlatSample)

	recs, bad = openAll(t, "testdata/zbmath_rest_api_document.json", FormatZbMATH)
	if len(bad) > 0 {
		t.Errorf("record errors: %v", bad)
	}
	checkRecords(t, "testdata/zbmath_rest_api_document.json", recs, zbAPISample)

	// The same paper from OAI-PMH oai_zb_preview reads the same, but for
	// the URL (the API gives its zbMATH page, OAI the DOI).
	oai, _ := openAll(t, "testdata/zbmath_oai_zb_preview_record.xml", FormatOAI)
	if len(oai) != 1 || len(recs) != 1 {
		t.Fatalf("%d and %d records", len(oai), len(recs))
	}
	a, b := oai[0], recs[0]
	if a.ID != b.ID || a.Title != b.Title || a.Abstract != b.Abstract || !sameStrings(a.MSC, b.MSC) || a.PrimaryMSC != b.PrimaryMSC || !sameStrings(a.Keywords, b.Keywords) || !sameStrings(a.Authors, b.Authors) || a.Year != b.Year {
		t.Errorf("OAI and API records differ:\n%+v\n%+v", a, b)
	}
}

// The shapes a harvest of the API takes: pretty-printed pages, a bare
// array, pages one per line, a document without a Zbl number.
func TestZbMATHShapes(t *testing.T) {
	doc := func(zbl, title string, codes string) string {
		return `{"identifier": ` + zbl + `, "id": 99, "title": {"title": "` + title + `", "subtitle": null}, "msc": [` + codes + `], "year": "2001", "contributors": {"authors": [{"name": "Doe, Jane"}, {"name": "Roe, R."}]}, "editorial_contributions": [{"contribution_type": "summary", "text": "Summary: text \\(x^2\\)."}], "keywords": ["a b", "c"], "language": {"languages": ["French"]}}`
	}
	code := func(c string) string { return `{"code": "` + c + `", "scheme": "msc2020"}` }
	d1 := doc(`"1234.56789"`, "One", code("11N05")+", "+code("11N36"))
	d2 := doc(`null`, "Two", code("35.43")+", "+code("35J60"))
	want := []wantRecord{
		{ID: "zbMATH:1234.56789", Title: "One", Authors: []string{"Doe, Jane", "Roe, R."}, Abstract: "text \\(x^2\\).",
			MSC: []string{"11N05", "11N36"}, Primary: "11N05", Keywords: []string{"a b", "c"}, Year: 2001, Language: "french"},
		{ID: "zbMATH-doc:99", Title: "Two", Authors: []string{"Doe, Jane", "Roe, R."}, Abstract: "text \\(x^2\\).",
			MSC: []string{"35J60"}, Raw: "35.43 ; 35J60", Keywords: []string{"a b", "c"}, Year: 2001, Language: "french",
			Problems: []string{`not MSC codes, kept in msc_raw: ["35.43"]`}},
	}
	for _, tc := range []struct {
		name, in string
		lines    []int
	}{
		{"pretty page", "{\n  \"status\": {\"nr_total_results\": 2},\n  \"result\": [\n" + d1 + ",\n" + d2 + "\n  ]\n}\n", []int{0, 0}},
		{"two pages", "{\"result\": [" + d1 + "]}\n\n{\"result\": [" + d2 + "], \"status\": {}}", []int{1, 3}},
		{"array", "[\n" + d1 + ",\n" + d2 + "\n]", []int{0, 0}},
		{"json lines", d1 + "\n" + d2 + "\n", []int{1, 2}},
		{"result object", "{\n\"result\": " + d1 + "\n}\n" + "{\n\"result\": " + d2 + "\n}\n", []int{0, 0}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dec, err := NewDecoder(strings.NewReader(tc.in), "api.json", FormatAuto)
			if err != nil {
				t.Fatal(err)
			}
			recs, bad := decodeAllRecords(t, dec)
			if len(bad) > 0 {
				t.Errorf("record errors: %v", bad)
			}
			w := append([]wantRecord(nil), want...)
			for i := range w {
				w[i].Line, w[i].N = tc.lines[i], i+1
			}
			checkRecords(t, "api.json", recs, w)
		})
	}
}

func TestZbMATHBadInput(t *testing.T) {
	// JSON Lines: a bad line is skipped with its line number.
	in := `{"zbl_id": ["1"], "document_title": ["A"]}` + "\n{oops\n" + `["not an object"]` + "\n" + `{"zbl_id": ["2"], "document_title": ["B"], "review_text": ["zbMATH Open Web Interface contents unavailable due to conflicting licenses."]}` + "\n"
	dec, _ := NewDecoder(strings.NewReader(in), "z.jsonl", FormatZbMATH)
	recs, bad := decodeAllRecords(t, dec)
	if len(recs) != 2 || recs[1].ID != "zbMATH:2" || recs[1].Abstract != "" || len(recs[1].Problems) != 1 {
		t.Errorf("records %+v", recs)
	}
	if len(bad) != 2 || bad[0].Pos.Line != 2 || bad[1].Pos.Line != 3 {
		t.Errorf("record errors %v", bad)
	}
	// A stream that is not JSON ends with an error.
	dec, _ = NewDecoder(strings.NewReader(`[{"zbl_id": "1"}, {oops}]`), "z.json", FormatZbMATH)
	if _, err := dec.Next(); err != nil {
		t.Fatalf("first: %v", err)
	}
	if _, err := dec.Next(); err == nil || !strings.Contains(err.Error(), "z.json: after record 1: malformed JSON") {
		t.Errorf("second: %v", err)
	}
}

func FuzzZbMATH(f *testing.F) {
	for _, p := range []string{"testdata/zbmath_open_kg_api_flat_3records.jsonl", "testdata/zbmath_rest_api_document.json"} {
		data, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte(`[{"identifier": 1, "msc": ["11N05", {"code": "x"}], "title": {"title": 3}}]`))
	f.Add([]byte("{\"result\": [{}, null, 1]}\n{\"result\": {\"zbl_id\": [null, \"None\"]}}\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzDecode(t, FormatZbMATH, data)
	})
}
