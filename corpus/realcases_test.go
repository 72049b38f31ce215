package corpus

import (
	"encoding/json"
	"errors"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"testing/iotest"
)

// Tests of the shapes real files take (issue 10), each on a small
// fixture of that shape.

// collect reads one input through a Collector and checks that its report
// adds up.
func collect(t *testing.T, path string, format Format) *Collector {
	t.Helper()
	f, err := Open(path, format)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	c := NewCollector()
	if err := c.ReadAll(f); err != nil {
		t.Fatal(err)
	}
	if r := c.Report; r.Read != r.Accepted+len(r.Skipped) {
		t.Errorf("%s: report does not add up: %s", path, r.Summary())
	}
	return c
}

func TestAbsLineBreakInAbstract(t *testing.T) {
	want := []wantRecord{{
		ID: "arXiv:2004.02153", Line: 1, N: 1,
		Title:    "A Title Spanning Two Lines",
		Authors:  []string{"Ann Smith", "Bob Jones", "Carl Brown"},
		Abstract: `First paragraph of the abstract. \\ Second paragraph, after a LaTeX line break.`,
		MSC:      []string{"60K35", "82C22", "60F17", "70F99"}, Primary: "60K35",
		Categories: []string{"math.PR"}, Year: 2020, Date: "2020-04-04", URL: "https://arxiv.org/abs/2004.02153",
	}, {
		ID: "arXiv:2103.11058", Line: 1, N: 1,
		Title:    "Another one",
		Authors:  []string{"C. Balázs", "D. Müller"},
		Abstract: `The abstract starts here \\ and goes on after a blank line and a break.`,
		MSC:      []string{"35K55", "35D99", "92C17"}, Primary: "35K55",
		Categories: []string{"math.CO"}, Year: 2021, Date: "2021-03-19", URL: "https://arxiv.org/abs/2103.11058",
		Problems: []string{"invalid UTF-8 in line 10, read as Windows-1252"},
	}}
	c := collect(t, "testdata/abs_real", FormatAuto)
	if len(c.Report.Skipped) != 0 || c.Report.Read != 2 {
		t.Errorf("directory: %s", c.Report.Summary())
	}
	recs := c.Records
	for i := range recs {
		for _, w := range c.Report.Warnings {
			if w.ID == recs[i].ID {
				recs[i].Problems = append(recs[i].Problems, w.Err)
			}
		}
	}
	for i := range recs {
		recs[i].Origin.File = "abs_real" // each record names its own file
	}
	checkRecords(t, "abs_real", recs, want)
	if got := c.Report.Summary(); got != "2 records read: 2 indexed, 0 skipped; 1 warning (1 invalid UTF-8 read as Windows-1252)" {
		t.Errorf("summary %q", got)
	}

	// The same files one after the other in one stream (cat *.abs).
	var all []byte
	for _, name := range []string{"2004.02153.abs", "2103.11058.abs", "2004.02153.abs"} {
		b, err := os.ReadFile(filepath.Join("testdata/abs_real", name))
		if err != nil {
			t.Fatal(err)
		}
		all = append(all, b...)
	}
	dec, err := NewDecoder(strings.NewReader(string(all)), "cat.abs", FormatAuto)
	if err != nil {
		t.Fatal(err)
	}
	got, bad := decodeAllRecords(t, dec)
	if len(got) != 3 || len(bad) != 0 {
		t.Fatalf("stream: %d records, errors %v", len(got), bad)
	}
	for i, w := range []string{want[0].Abstract, want[1].Abstract, want[0].Abstract} {
		if got[i].Abstract != w {
			t.Errorf("stream record %d: abstract %q", i+1, got[i].Abstract)
		}
	}
	if got[1].Origin.Line != 18 || got[2].Origin.Line != 35 {
		t.Errorf("lines %d, %d", got[1].Origin.Line, got[2].Origin.Line)
	}
}

func TestAuthorLists(t *testing.T) {
	tests := []struct {
		in         string
		arXiv, gen []string
	}{
		{"Ann Smith, Bob Jones, and Carl Brown", []string{"Ann Smith", "Bob Jones", "Carl Brown"}, []string{"Ann Smith", "Bob Jones", "Carl Brown"}},
		{"Ann Smith, Bob Jones and Carl Brown", []string{"Ann Smith", "Bob Jones", "Carl Brown"}, []string{"Ann Smith, Bob Jones", "Carl Brown"}},
		{"Ann Smith and Bob Jones", []string{"Ann Smith", "Bob Jones"}, []string{"Ann Smith", "Bob Jones"}},
		{`C. Bal\'azs, G. Fej\H{o}s, and L. {\L}ukasz`, []string{"C. Balázs", "G. Fejős", "L. Łukasz"}, []string{"C. Balázs", "G. Fejős", "L. Łukasz"}},
		{"V.N. Tolstoy (INP, Moscow State University)", []string{"V.N. Tolstoy"}, []string{"V.N. Tolstoy (INP, Moscow State University)"}},
		{"John Smith, Jr., Ann Lee, and Bo Wu III", []string{"John Smith, Jr.", "Ann Lee", "Bo Wu III"}, []string{"John Smith, Jr.", "Ann Lee", "Bo Wu III"}},
	}
	for _, tt := range tests {
		if got := splitArXivAuthors(tt.in); !reflect.DeepEqual(got, tt.arXiv) {
			t.Errorf("splitArXivAuthors(%q) = %q, want %q", tt.in, got, tt.arXiv)
		}
		if got := splitNames(tt.in); !reflect.DeepEqual(got, tt.gen) {
			t.Errorf("splitNames(%q) = %q, want %q", tt.in, got, tt.gen)
		}
	}
}

func TestKaggleSnapshot(t *testing.T) {
	const path = "testdata/kaggle_arxiv_sample.jsonl"
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if f := Detect("arxiv-metadata-oai-snapshot.json", data); f != FormatKaggle {
		t.Fatalf("Detect = %q, want kaggle", f)
	}
	c := collect(t, path, FormatAuto)
	if c.Report.Read != 4 || c.Report.Accepted != 4 {
		t.Fatalf("%s", c.Report.Summary())
	}
	// Field by field, as the snapshot's own authors_parsed and versions
	// say; the journal-ref's Latin-1 bytes cost nothing (the field is not
	// used), and warn of nothing.
	for i, line := range strings.Split(strings.TrimSpace(string(data)), "\n") {
		var src struct {
			ID, Title, Abstract, Authors, Categories string
			UpdateDate                               string     `json:"update_date"`
			AuthorsParsed                            [][]string `json:"authors_parsed"`
			Versions                                 []struct{ Created string }
		}
		fixed, _ := repairUTF8(line)
		if err := json.Unmarshal([]byte(fixed), &src); err != nil {
			t.Fatal(err)
		}
		r := c.Records[i]
		if r.ID != "arXiv:"+src.ID || r.URL != "https://arxiv.org/abs/"+src.ID {
			t.Errorf("line %d: id %q, url %q", i+1, r.ID, r.URL)
		}
		if r.Title != strings.Join(strings.Fields(src.Title), " ") || strings.Contains(r.Title, "\n") {
			t.Errorf("line %d: title %q", i+1, r.Title)
		}
		if r.Abstract != strings.Join(strings.Fields(src.Abstract), " ") {
			t.Errorf("line %d: abstract %q", i+1, r.Abstract)
		}
		var want []string
		for _, a := range src.AuthorsParsed {
			want = append(want, strings.Join(strings.Fields(a[1]+" "+a[0]+" "+a[2]), " "))
		}
		if want == nil {
			want = splitArXivAuthors(src.Authors)
		}
		if !reflect.DeepEqual(r.Authors, want) {
			t.Errorf("line %d: authors %q, want %q", i+1, r.Authors, want)
		}
		wantDate, wantYear := arXivDate(src.UpdateDate)
		if len(src.Versions) > 0 {
			wantDate, wantYear = arXivDate(src.Versions[0].Created)
		}
		if r.Date != wantDate || r.Year != wantYear || r.Year == 0 {
			t.Errorf("line %d: date %q %d, want %q %d", i+1, r.Date, r.Year, wantDate, wantYear)
		}
		if !reflect.DeepEqual(r.Categories, strings.Fields(src.Categories)) {
			t.Errorf("line %d: categories %q", i+1, r.Categories)
		}
	}
	want := [][]string{
		{"C. Balázs", "E. L. Berger", "P. M. Nadolsky", "C. -P. Yuan"},
		{"Ileana Streinu", "Louis Theran"},
		{"Jon Aaronson", "Manfred Denker", "Omri Sarig Jr"},
		{"G. Fejős", "A. Patkós"},
	}
	for i, w := range want {
		if !reflect.DeepEqual(c.Records[i].Authors, w) {
			t.Errorf("record %d: authors %q, want %q", i+1, c.Records[i].Authors, w)
		}
	}
	if !reflect.DeepEqual(c.Records[0].Identifiers, []string{"doi:10.1103/PhysRevD.76.013009"}) || c.Records[1].Identifiers != nil {
		t.Errorf("identifiers %q, %q", c.Records[0].Identifiers, c.Records[1].Identifiers)
	}
	if c.Records[0].Date != "2007-04-02" || c.Records[2].Date != "2002-02-01" || c.Records[1].Title != "Sparsity-certifying Graph Decompositions" {
		t.Errorf("records %+v", c.Records[:3])
	}
	if len(c.Report.Warnings) != 0 {
		t.Errorf("warnings %v", c.Report.Warnings)
	}

	// One paper from two sources has one id: the snapshot's 0704.0002 and
	// arXiv's own .abs file of it.
	both := NewCollector()
	for _, p := range []string{path, "testdata/abs/arxiv_0704.0002.abs"} {
		f, err := Open(p, FormatAuto)
		if err != nil {
			t.Fatal(err)
		}
		both.ReadAll(f)
		f.Close()
	}
	if len(both.Report.Skipped) != 1 || !errors.Is(both.Report.Skipped[0].Err, ErrDuplicateID) || both.Report.Skipped[0].ID != "arXiv:0704.0002" {
		t.Errorf("two sources: %s %v", both.Report.Summary(), both.Report.Skipped)
	}
}

func TestKaggleBadLines(t *testing.T) {
	in := `{"id":"0704.0002","title":"T","abstract":"A","versions":[],"update_date":"2008-12-13","authors_parsed":[["Streinu","Ileana",""]]}
{"id":"0704.0003","title":"T\u00e9","abstract":"A","versions":"v1","update_date":"2008-12-13","authors_parsed":[]}
{"id":"0704.0004","title":"T", broken
{"id":"0704.0005","title":"T` + "\xe9" + `","abstract":"A","versions":[],"update_date":"2008-12-13","authors_parsed":[]}
`
	dec, err := NewDecoder(strings.NewReader(in), "k.jsonl", FormatAuto)
	if err != nil {
		t.Fatal(err)
	}
	c := NewCollector()
	if err := c.ReadAll(dec); err != nil {
		t.Fatal(err)
	}
	if got, want := c.Report.Summary(), "4 records read: 3 indexed, 1 skipped (1 malformed record); 2 warnings (1 field ignored, 1 invalid UTF-8 read as Windows-1252)"; got != want {
		t.Errorf("summary %q, want %q", got, want)
	}
	var got []string
	for _, w := range c.Report.Warnings {
		got = append(got, w.String())
	}
	wantW := []string{
		`k.jsonl:2 (record 2): id "arXiv:0704.0003": field "versions": string where a list of {"created": date} was expected, ignored`,
		`k.jsonl:4 (record 4): id "arXiv:0704.0005": invalid UTF-8 in field "title", read as Windows-1252`,
	}
	if !reflect.DeepEqual(got, wantW) {
		t.Errorf("warnings %q\nwant %q", got, wantW)
	}
	if c.Records[1].Year != 2008 || c.Records[2].Title != "Té" {
		t.Errorf("records %+v", c.Records)
	}
}

func TestBibTeXRealShapes(t *testing.T) {
	c := collect(t, "testdata/bib_real.bib", FormatAuto)
	want := []wantRecord{{
		ID: "MR4050001", Line: 3, N: 1,
		Title:   "Lektsii po lineĭnoĭ algebre: lectures on linear algebra",
		Authors: []string{"Gelfand, I. M.", "Mączyński, Maciej", "Đoković, Dragomir"},
		MSC:     []string{"15-01", "15A03"}, Primary: "15-01", Year: 2020,
		URL: "https://mathscinet.ams.org/mathscinet-getitem?mr=4050001",
	}, {
		ID: "zbMATH07123456", Line: 14, N: 2,
		Title:   "Monoidal categories and derived categories",
		Authors: []string{"Nguyến, Van", "Smith, Jane"},
		MSC:     []string{"18M70", "14A30", "16E05"}, Primary: "18M70", Year: 2022, Language: "english",
		URL: "https://doi.org/10.1016/j.jalgebra.2022.01.001",
	}, {
		ID: "kw", Line: 30, N: 3,
		Title: "Words, not codes", Authors: []string{"Doe, John"}, Keywords: []string{"monoidal categories", "18M70"}, Year: 2019,
	}}
	for i := range c.Records {
		c.Records[i].Origin.File = "bib_real.bib"
	}
	checkRecords(t, "bib_real.bib", c.Records, want)
	if len(c.Report.Skipped)+len(c.Report.Warnings) != 0 {
		t.Errorf("%s", c.Report.Summary())
	}
}

func TestCSVRealShapes(t *testing.T) {
	c := collect(t, "testdata/zbmath_pandas.csv", FormatAuto)
	want := []Record{
		{ID: "zbMATH-doc:6543210", Title: "On Jacobi polynomials",
			Abstract: `We study Jacobi polynomials and their Fourier series, with \(\alpha > -1\).`,
			MSC:      []string{"42C10", "33C45"}, Keywords: []string{"orthogonal polynomials", "Fourier's series"},
			Authors: []string{"Doe, Jane", "Roe, R."}, Year: 2015},
		{ID: "zbMATH-doc:6543211", Title: "A reviewed book", Abstract: "The reviewer finds the book useful.",
			MSC: []string{"33C45"}, Authors: []string{"Smith, John"}, Year: 2016},
	}
	if len(c.Records) != len(want) {
		t.Fatalf("%d records: %s", len(c.Records), c.Report.Summary())
	}
	for i := range want {
		got := c.Records[i]
		got.Origin = Position{}
		if !reflect.DeepEqual(got, want[i]) {
			t.Errorf("record %d:\n got %#v\nwant %#v", i+1, got, want[i])
		}
	}
	// The repeated row is reported, counted, and the first one kept.
	if got := c.Report.Summary(); got != "3 records read: 2 indexed, 1 skipped (1 duplicate id)" {
		t.Errorf("summary %q", got)
	}

	// arXiv ids in a column of their own are written as the arXiv
	// readers write them.
	c = collect(t, "testdata/arxiv_ids.csv", FormatAuto)
	if len(c.Records) != 2 || c.Records[0].ID != "arXiv:2004.02153" || c.Records[1].ID != "arXiv:math/0202001" ||
		c.Records[0].Abstract != "An abstract about random walks." || c.Records[0].Categories[0] != "math.PR" {
		t.Errorf("arXiv ids: %+v", c.Records)
	}

	// Columns no alias knows: named with --field.
	if _, err := Open("testdata/odd_columns.csv", FormatAuto); err == nil || !strings.Contains(err.Error(), "--field abstract=NAME") {
		t.Errorf("odd columns without --field: %v", err)
	}
	fields, err := ParseFieldMap([]string{"abstract=paper_text", "id=Paper", "title=name", "msc=classes"})
	if err != nil {
		t.Fatal(err)
	}
	f, err := OpenOptions("testdata/odd_columns.csv", Options{Fields: fields})
	if err != nil {
		t.Fatal(err)
	}
	recs, bad := decodeAllRecords(t, f)
	f.Close()
	if len(bad) != 0 || len(recs) != 2 || recs[0].ID != "p1" || recs[0].Title != "A title" || recs[0].Abstract != "Text of the first paper." ||
		!reflect.DeepEqual(recs[0].MSC, []string{"65K10", "90C25"}) || !reflect.DeepEqual(recs[1].MSC, []string{"90C25"}) {
		t.Errorf("--field: %+v %v", recs, bad)
	}
	// A mapping wins over the aliases: here "summary" is not the abstract.
	fields, _ = ParseFieldMap([]string{"abstract=paper_notes"})
	f, _ = OpenOptions("testdata/arxiv_ids.csv", Options{Fields: fields})
	recs, _ = decodeAllRecords(t, f)
	f.Close()
	if len(recs) != 2 || recs[0].Abstract != "unused" {
		t.Errorf("mapping over an alias: %+v", recs)
	}
}

func TestParseFieldMapAndPyList(t *testing.T) {
	for _, tt := range []struct {
		in  []string
		err string
	}{
		{[]string{"abstract=text", "ID = de"}, ""},
		{[]string{"abstract"}, `"abstract": want FIELD=NAME, such as abstract=text`},
		{[]string{"body=text"}, `"body=text": "body" is not a record field`},
		{[]string{"abstract=text", "title=text"}, `"title=text": "text" already gives abstract`},
	} {
		m, err := ParseFieldMap(tt.in)
		if tt.err == "" && (err != nil || m["text"] != "abstract" || m["de"] != "id") {
			t.Errorf("ParseFieldMap(%q) = %v, %v", tt.in, m, err)
		}
		if tt.err != "" && (err == nil || !strings.HasPrefix(err.Error(), tt.err)) {
			t.Errorf("ParseFieldMap(%q) error %v, want %q", tt.in, err, tt.err)
		}
	}
	for _, tt := range []struct {
		in   string
		want []string
		ok   bool
	}{
		{"['42C10', '33C45']", []string{"42C10", "33C45"}, true},
		{`["a, b", 'c\'d']`, []string{"a, b", "c'd"}, true},
		{"[]", nil, true},
		{"['a',]", []string{"a"}, true},
		{"[1, 2]", nil, false},
		{"['a' 'b']", nil, false},
		{"['a", nil, false},
		{"[see above]", nil, false},
		{"65K10", nil, false},
	} {
		got, ok := parsePyList(tt.in)
		if ok != tt.ok || !reflect.DeepEqual(got, tt.want) {
			t.Errorf("parsePyList(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestOAIWithoutNamespaces(t *testing.T) {
	c := collect(t, "testdata/oai_no_namespaces.xml", FormatAuto)
	want := []wantRecord{{
		ID: "arXiv:0704.0002", Line: 6, N: 1,
		Title:   "Sparsity-certifying Graph Decompositions",
		Authors: []string{"Streinu, Ileana", "Theran, Louis"}, Abstract: `We describe a new algorithm, the $(k,\ell)$-pebble game with colors.`,
		MSC: []string{"05C85", "05C70", "68R10"}, Primary: "05C85", Year: 2007, Date: "2007-03-30",
		URL: "http://arxiv.org/abs/0704.0002", Categories: []string{"math.CO"},
	}, {
		ID: "oai:repository.example.org:42", Line: 26, N: 2,
		Title: "A talk without a wrapper", Authors: []string{"Balázs, C."}, Abstract: "Its abstract.",
		Year: 2020, Date: "2020-01-01",
	}}
	checkRecords(t, "testdata/oai_no_namespaces.xml", c.Records, want)
	if got := c.Report.Summary(); got != "3 records read: 2 indexed, 1 skipped (1 deleted record)" {
		t.Errorf("summary %q", got)
	}
}

// TestLatin1ByteInOneField: one byte that is not UTF-8 costs nothing but a
// warning, in every reader: the record, its abstract and codes are kept,
// and so are the records after it.
func TestLatin1ByteInOneField(t *testing.T) {
	const jref = "Ann. Univ. Sci. Budapest. E\xf6tv\xf6s Sect. Math."
	tests := []struct {
		name, format, in string
		warning          string
	}{
		{"oai", "oai", `<?xml version="1.0" encoding="UTF-8"?>
<OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/"><ListRecords>
<record><header><identifier>oai:arXiv.org:0704.0001</identifier></header><metadata><arXivRaw><id>0704.0001</id><title>First</title><abstract>An abstract.</abstract><journal-ref>` + jref + `</journal-ref><msc-class>60K35 (Primary)</msc-class></arXivRaw></metadata></record>
<record><header><identifier>oai:arXiv.org:0704.0002</identifier></header><metadata><arXivRaw><id>0704.0002</id><title>Second, caf` + "\xc3\xa9" + `</title><abstract>Another.</abstract><msc-class>05C85</msc-class></arXivRaw></metadata></record>
</ListRecords></OAI-PMH>
`, `in:3 (record 1): id "arXiv:0704.0001": invalid UTF-8 in the record, read as Windows-1252`},
		{"bibtex", "bibtex", "@article{a1, title = {First}, abstract = {An abstract.}, journal = {" + jref + "}, mrclass = {60K35}}\n@article{a2, title = {Second}, abstract = {Another.}, mrclass = {05C85}}\n",
			`in:1 (record 1): id "a1": invalid UTF-8 in field "journal", read as Windows-1252`},
		{"abs", "abs", "\\\\\narXiv:0704.0001\nTitle: First\nJournal-ref: " + jref + "\nMSC-class: 60K35\n\\\\\n  An abstract.\n\\\\\n\\\\\narXiv:0704.0002\nTitle: Second\nMSC-class: 05C85\n\\\\\n  Another.\n\\\\\n",
			`in:1 (record 1): id "arXiv:0704.0001": invalid UTF-8 in line 4, read as Windows-1252`},
		{"kaggle", "kaggle", `{"id":"0704.0001","title":"First","abstract":"An abstract.","journal-ref":"` + jref + `","msc-class":"60K35","versions":[],"update_date":"2008-11-13","authors_parsed":[]}` + "\n" +
			`{"id":"0704.0002","title":"Second","abstract":"Another.","msc-class":"05C85","versions":[],"update_date":"2008-11-13","authors_parsed":[]}` + "\n", ""},
		{"jsonl", "jsonl", `{"id":"a1","title":"First","abstract":"An abstract.","journal":"` + jref + `","msc":"60K35","keywords":"` + jref + `"}` + "\n" + `{"id":"a2","title":"Second","abstract":"Another.","msc":"05C85"}` + "\n",
			`in:1 (record 1): id "a1": invalid UTF-8 in field "keywords", read as Windows-1252`},
		{"csv", "csv", "id,title,abstract,journal,msc\na1,First,An abstract.,\"" + jref + "\",60K35\na2,Second,Another.,,05C85\n",
			`in:2 (record 1): id "a1": invalid UTF-8 in column 4 ("journal"), read as Windows-1252`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dec, err := NewDecoder(strings.NewReader(tt.in), "in", Format(tt.format))
			if err != nil {
				t.Fatal(err)
			}
			c := NewCollector()
			if err := c.ReadAll(dec); err != nil {
				t.Fatal(err)
			}
			if c.Report.Accepted != 2 || len(c.Report.Skipped) != 0 {
				t.Fatalf("%s", c.Report.Summary())
			}
			if r := c.Records[0]; r.Abstract != "An abstract." || len(r.MSC) != 1 || r.MSC[0] != "60K35" {
				t.Errorf("first record %+v", r)
			}
			var got []string
			for _, w := range c.Report.Warnings {
				got = append(got, w.String())
			}
			if tt.warning == "" && got != nil || tt.warning != "" && (len(got) != 1 || got[0] != tt.warning) {
				t.Errorf("warnings %q, want %q", got, tt.warning)
			}
			for _, r := range c.Records {
				for _, k := range r.Keywords {
					if k != "Ann. Univ. Sci. Budapest. Eötvös Sect. Math." {
						t.Errorf("keyword %q", k)
					}
				}
			}
		})
	}
}

func TestRepairReader(t *testing.T) {
	in := "caf\xc3\xa9 E\xf6tv\xf6s \xe2\x82\xac end\xe2\x82"
	want := "café Eötvös € endâ‚"
	for _, name := range []string{"whole", "one byte at a time"} {
		var r io.Reader = strings.NewReader(in)
		if name != "whole" {
			r = iotest.OneByteReader(r)
		}
		rr := &repairReader{r: r}
		got, err := io.ReadAll(iotest.HalfReader(rr))
		if err != nil || string(got) != want {
			t.Errorf("%s: %q, %v; want %q", name, got, err, want)
		}
		// "E\xf6tv\xf6s" and the cut "\xe2\x82" at the end: 4 repairs,
		// at the offsets of the output.
		if n := rr.repairedIn(0, 7); n != 0 {
			t.Errorf("%s: %d repairs in café", name, n)
		}
		if n := rr.repairedIn(7, 14); n != 2 {
			t.Errorf("%s: %d repairs in Eötvös", name, n)
		}
		if n := rr.repairedIn(14, int64(len(want))); n != 2 {
			t.Errorf("%s: %d repairs at the end", name, n)
		}
	}
}
