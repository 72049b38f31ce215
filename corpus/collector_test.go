package corpus

import (
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// fixtures are the files in testdata with what a Collector makes of each.
var fixtures = []struct {
	path                             string
	format                           Format
	read, accepted, skipped, warning int
}{
	{"testdata/talks_small.txt", FormatTalkDump, 5, 3, 2, 1},
	{"testdata/records.jsonl", FormatJSONL, 6, 4, 2, 1},
	{"testdata/records.json", FormatJSON, 4, 3, 1, 1},
	{"testdata/records.csv", FormatCSV, 5, 3, 2, 2},
}

func checkReport(t *testing.T, r *Report, read, accepted, skipped, warnings int) {
	t.Helper()
	if r.Read != r.Accepted+len(r.Skipped) {
		t.Errorf("report does not add up: read %d != accepted %d + skipped %d", r.Read, r.Accepted, len(r.Skipped))
	}
	if r.Read != read || r.Accepted != accepted || len(r.Skipped) != skipped || len(r.Warnings) != warnings {
		t.Errorf("report: read %d, accepted %d, skipped %d, warnings %d; want %d, %d, %d, %d\nskipped: %v\nwarnings: %v",
			r.Read, r.Accepted, len(r.Skipped), len(r.Warnings), read, accepted, skipped, warnings, r.Skipped, r.Warnings)
	}
}

func TestLoadFilesFixtures(t *testing.T) {
	for _, fx := range fixtures {
		for _, format := range []Format{FormatAuto, fx.format} {
			recs, rep, err := LoadFiles([]string{fx.path}, format)
			if err != nil {
				t.Fatalf("LoadFiles(%s, %q): %v", fx.path, format, err)
			}
			checkReport(t, rep, fx.read, fx.accepted, fx.skipped, fx.warning)
			if len(recs) != fx.accepted {
				t.Errorf("%s: %d records, want %d", fx.path, len(recs), fx.accepted)
			}
			for _, r := range recs {
				if r.ID == "" || r.Origin.File != fx.path || r.Problems != nil {
					t.Errorf("%s: record %s: id %q, origin %v, problems %q", fx.path, r.Label(), r.ID, r.Origin, r.Problems)
				}
			}
		}
	}
}

func TestLoadFilesAll(t *testing.T) {
	var paths []string
	var read, accepted, skipped, warnings int
	for _, fx := range fixtures {
		paths = append(paths, fx.path)
		read += fx.read
		accepted += fx.accepted
		skipped += fx.skipped
		warnings += fx.warning
	}
	recs, rep, err := LoadFiles(paths, FormatAuto)
	if err != nil {
		t.Fatal(err)
	}
	checkReport(t, rep, read, accepted, skipped, warnings)
	var ids []string
	for _, r := range recs {
		ids = append(ids, r.ID)
	}
	want := []string{"", "", "", "r1", "2", "r3", "r6", "j1", "7", "j3", "c1", "c3", "c5"}
	for i, r := range recs[:3] {
		want[i] = GeneratedID(&r)
	}
	if !reflect.DeepEqual(ids, want) {
		t.Errorf("ids = %q, want %q", ids, want)
	}
	byID := map[string]Record{}
	for _, r := range recs {
		byID[r.ID] = r
	}
	checks := []struct {
		id   string
		want Record
	}{
		{"r1", Record{ID: "r1", Title: "Convex optimization", Authors: []string{"Ann Smith", "Bob Jones"}, Abstract: "Gradient methods.",
			MSC: []string{"90C25", "65K10"}, PrimaryMSC: "90C25", Year: 2020, Origin: Position{"testdata/records.jsonl", 1, 1}}},
		{"2", Record{ID: "2", Title: "Stochastic PDEs", Authors: []string{"Carl Doe", "Dana Roe"},
			MSC: []string{"60H15", "35R60", "93E20"}, PrimaryMSC: "60H15", Year: 2019, Origin: Position{"testdata/records.jsonl", 2, 2}}},
		{"r3", Record{ID: "r3", Title: "Old codes", MSC: []string{"35K55"}, MSCRaw: "35K55; 35.43", Origin: Position{"testdata/records.jsonl", 4, 3}}},
		{"r6", Record{ID: "r6", Abstract: "After the broken line.", MSC: []string{"11F11", "11F33", "11F80"}, PrimaryMSC: "11F11",
			Origin: Position{"testdata/records.jsonl", 7, 6}}},
		{"j1", Record{ID: "j1", Title: "Convex optimization", Authors: []string{"Ann Smith"}, Abstract: "Gradient methods.",
			MSC: []string{"65K10", "65K05"}, Language: "english", Origin: Position{"testdata/records.json", 0, 1}}},
		{"7", Record{ID: "7", Title: "Stochastic\nPDEs", MSC: []string{"60H15"}, MSCRaw: "35.43", Date: "2015-03-02", Year: 2015,
			Origin: Position{"testdata/records.json", 0, 2}}},
		{"j3", Record{ID: "j3", Abstract: "No title here.", MSC: []string{"11F11", "11F33"}, PrimaryMSC: "11F11",
			Keywords: []string{"modular forms", "Hecke operators"}, Origin: Position{"testdata/records.json", 0, 4}}},
		{"c1", Record{ID: "c1", Title: "Convex optimization", Authors: []string{"Ann Smith", "Bob Jones"},
			Abstract: `Gradient methods, with "quotes".`, MSC: []string{"65K10", "65K05"}, Year: 2020, Origin: Position{"testdata/records.csv", 2, 1}}},
		{"c3", Record{ID: "c3", Title: "Stochastic PDEs", Authors: []string{"Dana Roe", "Eve Poe"}, Abstract: "Two\nlines.",
			MSC: []string{"60H15", "35R60", "93E20"}, PrimaryMSC: "60H15", Year: 2019, Origin: Position{"testdata/records.csv", 4, 3}}},
		{"c5", Record{ID: "c5", Title: "Old codes", MSC: []string{"65K10"}, MSCRaw: "35.43 ; 65K10", Origin: Position{"testdata/records.csv", 7, 5}}},
	}
	for _, c := range checks {
		if got := byID[c.id]; !reflect.DeepEqual(got, c.want) {
			t.Errorf("record %s:\n got %#v\nwant %#v", c.id, got, c.want)
		}
	}
	talk := recs[1]
	if talk.Abstract != "Second abstract, about stochastic PDEs." || !reflect.DeepEqual(talk.MSC, []string{"60H15"}) ||
		talk.MSCRaw != "60H15 ; 35.43" || talk.Origin != (Position{"testdata/talks_small.txt", 10, 3}) {
		t.Errorf("talk 2 = %#v", talk)
	}
	if got := recs[2].MSC; !reflect.DeepEqual(got, []string{"11F11", "11F33", "11Fxx"}) {
		t.Errorf("talk 3 codes = %q", got)
	}

	wantSkipped := []string{
		"testdata/talks_small.txt:9 (record 2): empty record (marker line with no content)",
		`testdata/talks_small.txt:17 (record 4): malformed record: no "[-]" line before the next record or the end of the file`,
		`testdata/records.jsonl:5 (record 4): id "r4": no title and no abstract`,
		"testdata/records.jsonl:6 (record 5): malformed JSON: invalid character 'b' looking for beginning of value",
		"testdata/records.json (record 3): not a JSON object but string",
		`testdata/records.csv:3 (record 2): id "c2": 3 fields where the header has 6`,
		`testdata/records.csv:6 (record 4): id "c4": no title and no abstract`,
	}
	var gotSkipped []string
	for _, p := range rep.Skipped {
		gotSkipped = append(gotSkipped, p.String())
	}
	if !reflect.DeepEqual(gotSkipped, wantSkipped) {
		t.Errorf("skipped:\n%s\nwant:\n%s", strings.Join(gotSkipped, "\n"), strings.Join(wantSkipped, "\n"))
	}
	var gotWarnings []string
	for _, p := range rep.Warnings {
		gotWarnings = append(gotWarnings, p.String())
	}
	wantWarnings := []string{
		`testdata/talks_small.txt:10 (record 3): not MSC codes, kept in msc_raw: ["35.43"]`,
		`testdata/records.jsonl:4 (record 3): id "r3": not MSC codes, kept in msc_raw: ["35.43"]`,
		`testdata/records.json (record 2): id "7": not MSC codes, kept in msc_raw: ["35.43"]`,
		`testdata/records.csv:7 (record 5): id "c5": year "n/a" is not a number, ignored`,
		`testdata/records.csv:7 (record 5): id "c5": not MSC codes, kept in msc_raw: ["35.43"]`,
	}
	if !reflect.DeepEqual(gotWarnings, wantWarnings) {
		t.Errorf("warnings:\n%s\nwant:\n%s", strings.Join(gotWarnings, "\n"), strings.Join(wantWarnings, "\n"))
	}
	wantSummary := "20 records read: 13 indexed, 7 skipped (3 malformed record, 2 no title and no abstract, 1 empty record, 1 wrong number of fields); 5 warnings (4 not MSC codes, 1 field ignored)"
	if got := rep.Summary(); got != wantSummary {
		t.Errorf("Summary() = %q\nwant %q", got, wantSummary)
	}
}

func TestLoadFilesDuplicateIDs(t *testing.T) {
	// By default the first record of an id is kept, the later one is
	// reported as skipped, and the load goes on.
	recs, rep, err := LoadFiles([]string{"testdata/dup_a.jsonl", "testdata/dup_b.jsonl"}, FormatAuto)
	if err != nil {
		t.Fatalf("LoadFiles: %v", err)
	}
	checkReport(t, rep, 4, 3, 1, 0)
	if len(recs) != 3 || recs[0].ID != "a1" || recs[0].Origin.File != "testdata/dup_a.jsonl" {
		t.Errorf("records %v", recs)
	}
	if got, want := problemStrings(rep.Skipped), []string{`testdata/dup_b.jsonl:2 (record 2): id "a1": duplicate id, the record at testdata/dup_a.jsonl:1 (record 1) kept [duplicate id]`}; !reflect.DeepEqual(got, want) {
		t.Errorf("skipped %q, want %q", got, want)
	}

	// With DuplicatesError, Err lists them.
	c := NewCollector()
	c.Duplicates = DuplicatesError
	for _, p := range []string{"testdata/dup_a.jsonl", "testdata/dup_b.jsonl"} {
		f, err := Open(p, FormatAuto)
		if err != nil {
			t.Fatal(err)
		}
		if err := c.ReadAll(f); err != nil {
			t.Fatal(err)
		}
		f.Close()
	}
	err = c.Err()
	var dup *DuplicateIDError
	if !errors.As(err, &dup) || !errors.Is(err, ErrDuplicateID) {
		t.Fatalf("Err() = %v (%T), want *DuplicateIDError, of kind ErrDuplicateID", err, err)
	}
	if got, want := problemStrings(dup.Dups), []string{`testdata/dup_b.jsonl:2 (record 2): id "a1": duplicate id, first given at testdata/dup_a.jsonl:1 (record 1) [duplicate id]`}; !reflect.DeepEqual(got, want) {
		t.Errorf("Dups = %q, want %q", got, want)
	}
	msg := err.Error()
	for _, s := range []string{"1 duplicate id(s)", "testdata/dup_b.jsonl:2 (record 2)", "testdata/dup_a.jsonl:1 (record 1)", `"a1"`} {
		if !strings.Contains(msg, s) {
			t.Errorf("error %q lacks %q", msg, s)
		}
	}
	// The same file twice: every id is a duplicate.
	_, rep, err = LoadFiles([]string{"testdata/records.jsonl", "testdata/records.jsonl"}, FormatJSONL)
	if err != nil {
		t.Fatal(err)
	}
	checkReport(t, rep, 12, 4, 8, 2)
	if got := countKinds(rep.Skipped); got != "4 duplicate id, 4 no title and no abstract" && got != "4 duplicate id, 2 malformed record, 2 no title and no abstract" {
		t.Logf("skips by kind: %s", got)
	}
}

func TestDuplicatePolicies(t *testing.T) {
	recs := []Record{
		{ID: "a", Title: "A1", Origin: Position{File: "f", N: 1}},
		{ID: "b", Title: "B", Origin: Position{File: "f", N: 2}},
		{ID: "a", Title: "A2", Origin: Position{File: "g", N: 1}},
		{ID: "a", Title: "A3", Origin: Position{File: "g", N: 2}},
	}
	tests := []struct {
		policy  DuplicatePolicy
		titles  []string
		skipped []string
		err     bool
	}{
		{KeepFirst, []string{"A1", "B"}, []string{
			`g (record 1): id "a": duplicate id, the record at f (record 1) kept [duplicate id]`,
			`g (record 2): id "a": duplicate id, the record at f (record 1) kept [duplicate id]`}, false},
		{KeepLast, []string{"A3", "B"}, []string{
			`f (record 1): id "a": duplicate id, replaced by the record at g (record 1) [duplicate id]`,
			`g (record 1): id "a": duplicate id, replaced by the record at g (record 2) [duplicate id]`}, false},
		{DuplicatesError, []string{"A1", "B"}, []string{
			`g (record 1): id "a": duplicate id, first given at f (record 1) [duplicate id]`,
			`g (record 2): id "a": duplicate id, first given at f (record 1) [duplicate id]`}, true},
	}
	for _, tt := range tests {
		t.Run(tt.policy.String(), func(t *testing.T) {
			c := NewCollector()
			c.Duplicates = tt.policy
			for _, r := range recs {
				if err := c.Add(r); err != nil {
					t.Fatal(err)
				}
			}
			checkReport(t, &c.Report, 4, 2, 2, 0)
			var titles []string
			for _, r := range c.Records {
				titles = append(titles, r.Title)
			}
			if !reflect.DeepEqual(titles, tt.titles) {
				t.Errorf("kept %q, want %q", titles, tt.titles)
			}
			if got := problemStrings(c.Report.Skipped); !reflect.DeepEqual(got, tt.skipped) {
				t.Errorf("skipped %q\nwant %q", got, tt.skipped)
			}
			if err := c.Err(); (err != nil) != tt.err {
				t.Errorf("Err() = %v", err)
			}
			if got, want := c.Report.Summary(), "4 records read: 2 indexed, 2 skipped (2 duplicate id)"; got != want {
				t.Errorf("Summary() = %q, want %q", got, want)
			}
		})
	}
	// Keeping the last cannot take back a record already emitted.
	c := NewCollector()
	c.Duplicates = KeepLast
	c.Emit = func(*Record) error { return nil }
	c.Add(recs[0])
	if err := c.Add(recs[2]); err == nil || !strings.Contains(err.Error(), "already written") {
		t.Errorf("KeepLast with Emit: %v", err)
	}
	for _, s := range []string{"first", "last", "error"} {
		p, err := ParseDuplicatePolicy(s)
		if err != nil || p.String() != s {
			t.Errorf("ParseDuplicatePolicy(%q) = %v, %v", s, p, err)
		}
	}
	if _, err := ParseDuplicatePolicy("newest"); err == nil {
		t.Error("ParseDuplicatePolicy(newest): no error")
	}
}

// problemStrings writes problems with their kind, for comparison.
func problemStrings(ps []Problem) []string {
	var out []string
	for _, p := range ps {
		out = append(out, p.String()+" ["+p.Kind()+"]")
	}
	return out
}

func TestDuplicateIDErrorLong(t *testing.T) {
	var e DuplicateIDError
	for i := range 25 {
		e.Dups = append(e.Dups, Problem{Pos: Position{File: "f", N: i + 1}, ID: "x", Err: ErrDuplicateID})
	}
	msg := e.Error()
	if !strings.HasPrefix(msg, "25 duplicate id(s); ids must be unique:\n") || !strings.HasSuffix(msg, "\n  ... and 5 more") ||
		strings.Count(msg, "\n") != 21 {
		t.Errorf("Error() = %q", msg)
	}
}

func TestLoadFilesErrors(t *testing.T) {
	if _, _, err := LoadFiles([]string{"testdata/no-such-file.jsonl"}, FormatAuto); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("missing file: error = %v, want os.ErrNotExist", err)
	}
	dir := t.TempDir()
	unknown := filepath.Join(dir, "notes.txt")
	if err := os.WriteFile(unknown, []byte("just some notes\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, _, err := LoadFiles([]string{"testdata/records.jsonl", unknown}, FormatAuto)
	if err == nil || !strings.Contains(err.Error(), "cannot tell the format") {
		t.Errorf("unknown format: error = %v", err)
	}
	trunc := filepath.Join(dir, "trunc.json")
	if err := os.WriteFile(trunc, []byte(`[{"id": "a", "title": "A"}`), 0o644); err != nil {
		t.Fatal(err)
	}
	_, rep, err := LoadFiles([]string{trunc}, FormatAuto)
	if err == nil || !strings.Contains(err.Error(), "after record 1") {
		t.Errorf("truncated array: error = %v", err)
	}
	checkReport(t, rep, 1, 1, 0, 0)
	if _, err := Open(unknown, Format("nope")); err == nil || !strings.Contains(err.Error(), `unknown format "nope"`) {
		t.Errorf("Open with an unknown format: error = %v", err)
	}
}

func TestCollector(t *testing.T) {
	c := NewCollector()
	same := Record{Abstract: "Same  text.\n", Origin: Position{File: "f", N: 1}}
	c.Add(same)
	same.Abstract, same.Origin.N = " Same text. ", 2 // same text once white space is collapsed
	c.Add(same)
	same.Origin.N = 3
	c.Add(same)
	c.Add(Record{ID: "x", Title: "X", Origin: Position{File: "f", N: 4}, Problems: errs("a warning")})
	c.Add(Record{ID: "x", Title: "X again", Origin: Position{File: "f", N: 5}})
	c.Add(Record{Title: " ", Abstract: "\n", Origin: Position{File: "f", N: 6}})
	checkReport(t, &c.Report, 6, 4, 2, 3)
	id := GeneratedID(&Record{Abstract: "Same text."})
	var ids []string
	for _, r := range c.Records {
		ids = append(ids, r.ID)
	}
	if want := []string{id, id + "-2", id + "-3", "x"}; !reflect.DeepEqual(ids, want) {
		t.Errorf("ids = %q, want %q", ids, want)
	}
	if c.Records[3].Problems != nil {
		t.Errorf("problems kept on the record: %q", c.Records[3].Problems)
	}
	wantWarnings := []string{
		`f (record 2): id "` + id + `-2": same text as ` + id + ` (f (record 1)) [same text as another record]`,
		`f (record 3): id "` + id + `-3": same text as ` + id + ` (f (record 1)) [same text as another record]`,
		`f (record 4): id "x": a warning [a warning]`,
	}
	if got := problemStrings(c.Report.Warnings); !reflect.DeepEqual(got, wantWarnings) {
		t.Errorf("warnings = %q\nwant %q", got, wantWarnings)
	}
	wantSkipped := []string{
		`f (record 5): id "x": duplicate id, the record at f (record 4) kept [duplicate id]`,
		`f (record 6): no title and no abstract [no title and no abstract]`,
	}
	if got := problemStrings(c.Report.Skipped); !reflect.DeepEqual(got, wantSkipped) {
		t.Errorf("skipped = %q\nwant %q", got, wantSkipped)
	}
	if err := c.Err(); err != nil {
		t.Errorf("Err() = %v", err)
	}
	if got, want := c.Report.Summary(), "6 records read: 4 indexed, 2 skipped (1 duplicate id, 1 no title and no abstract); 3 warnings (2 same text as another record, 1 a warning)"; got != want {
		t.Errorf("Summary() = %q, want %q", got, want)
	}
	if err := NewCollector().Err(); err != nil {
		t.Errorf("empty collector: Err() = %v", err)
	}
	empty := NewCollector().Report
	if got, want := empty.Summary(), "0 records read: 0 indexed, 0 skipped"; got != want {
		t.Errorf("Summary() = %q, want %q", got, want)
	}
}

func TestCollectorZeroValue(t *testing.T) {
	var c Collector
	c.Add(Record{Title: "T"})
	c.Add(Record{ID: "a", Title: "A"})
	c.Add(Record{ID: "a", Title: "A"})
	checkReport(t, &c.Report, 3, 2, 1, 0)
}

func TestGeneratedIDAndLabels(t *testing.T) {
	a := Record{Title: "A  title", Abstract: "Some\n abstract."}
	b := Record{Title: " A title ", Abstract: "Some abstract.", Origin: Position{File: "elsewhere", N: 9}}
	if GeneratedID(&a) != GeneratedID(&b) {
		t.Errorf("GeneratedID depends on white space: %s, %s", GeneratedID(&a), GeneratedID(&b))
	}
	c := Record{Title: "A title Some", Abstract: "abstract."}
	if GeneratedID(&a) == GeneratedID(&c) {
		t.Errorf("GeneratedID does not separate title and abstract")
	}
	if id := GeneratedID(&a); len(id) != len("talk-")+10 || !strings.HasPrefix(id, "talk-") {
		t.Errorf("GeneratedID = %q", id)
	}
	if got := GeneratedID(&Record{}); got != "talk-01ba4719c8" { // SHA-256 of "\n"
		t.Errorf("GeneratedID(empty) = %q", got)
	}
	if got := b.Label(); got != "elsewhere (record 9)" {
		t.Errorf("Label() = %q", got)
	}
	b.ID = "id1"
	if got := b.Label(); got != "id1" {
		t.Errorf("Label() = %q", got)
	}
	for _, tt := range []struct {
		r    Record
		max  int
		want string
	}{
		{Record{Title: " A  short\ttitle ", Abstract: "x"}, 40, "A short title"},
		{Record{Abstract: "Neural networks trained to minimize the logistic loss"}, 30, "Neural networks trained to…"},
		{Record{Abstract: "Neural networks trained to minimize"}, 0, "Neural networks trained to minimize"},
		{Record{Abstract: "Déposez votre fichier ici"}, 10, "Déposez…"},
		{Record{Abstract: "Anunbrokenwordthatislong"}, 10, "Anunbroken…"},
	} {
		if got := tt.r.DisplayTitle(tt.max); got != tt.want {
			t.Errorf("DisplayTitle(%d) of %#v = %q, want %q", tt.max, tt.r, got, tt.want)
		}
	}
	for _, tt := range []struct {
		p    Position
		want string
	}{
		{Position{File: "f", Line: 3, N: 2}, "f:3 (record 2)"},
		{Position{File: "f", N: 2}, "f (record 2)"},
		{Position{File: "f", Line: 3}, "f:3"},
		{Position{File: "f"}, "f"},
	} {
		if got := tt.p.String(); got != tt.want {
			t.Errorf("%#v.String() = %q, want %q", tt.p, got, tt.want)
		}
	}
}

func TestDetect(t *testing.T) {
	tests := []struct {
		name string
		head string
		want Format
	}{
		{"talks.txt", talkDumpMarker + "\ny\n", FormatTalkDump},
		{"", "\n\n" + talkDumpMarker + "\n", FormatTalkDump},
		{"talks.csv", talkDumpMarker + "\n", FormatTalkDump}, // content wins
		{"x.json", `[{"id": "a"}]`, FormatJSON},
		{"x.json", "\ufeff \n [", FormatJSON},
		{"x.jsonl", "[{\"id\": \"a\"}]\n", FormatJSON}, // content wins
		{"x.json", "{\n  \"id\": \"a\"\n}\n", FormatJSON},
		{"x.json", "{\"id\": \"a\"}\n{\"id\": \"b\"}\n", FormatJSONL}, // content wins
		{"x.jsonl", "{\"id\": \"a\"}\n", FormatJSONL},
		{"x", "{\"id\": \"a\"}\n", FormatJSONL},
		// A pretty-printed object is one record, whatever the name
		// (issue 13: the layout decides, not line lengths).
		{"", "{\n  \"id\": \"a\"\n}\n", FormatJSON},
		{"x.jsonl", "{\n  \"id\": \"a\"\n}\n", FormatJSON},
		// A first line longer than detection looks at is still JSON Lines.
		{"x.json", "{\"id\": \"a\", \"abstract\": \"" + strings.Repeat("word ", 20000), FormatJSONL},
		{"x.ndjson", "", FormatJSONL},
		{"X.JSONL", "", FormatJSONL},
		{"x.jsonl.gz", "", FormatJSONL},
		{"x.json", "", FormatJSON},
		{"x.csv", "", FormatCSV},
		{"x.CSV.gz", "id,title\n", FormatCSV},
		{"x.csv", "id;name\n", FormatCSV},
		{"x.txt", "id,Title,abstract\n1,a,b\n", FormatCSV},
		{"", "\ufefftitle,abstract\n", FormatCSV},
		{"x.txt", "id,name\n", ""},
		{"x.txt", "title abstract\n", ""},
		{"", "hello", ""},
		{"", "", ""},
		{"x.gz", "", ""},
	}
	for _, tt := range tests {
		if got := Detect(tt.name, []byte(tt.head)); got != tt.want {
			t.Errorf("Detect(%q, %q) = %q, want %q", tt.name, tt.head, got, tt.want)
		}
	}
}

func TestParseFormat(t *testing.T) {
	tests := []struct {
		in   string
		want Format
		err  bool
	}{
		{"", FormatAuto, false},
		{"auto", FormatAuto, false},
		{" Auto ", FormatAuto, false},
		{"talkdump", FormatTalkDump, false},
		{"JSONL", FormatJSONL, false},
		{"ndjson", FormatJSONL, false},
		{"json", FormatJSON, false},
		{"csv", FormatCSV, false},
		{"tsv", "", true},
	}
	for _, tt := range tests {
		got, err := ParseFormat(tt.in)
		if got != tt.want || (err != nil) != tt.err {
			t.Errorf("ParseFormat(%q) = %q, %v; want %q, error %v", tt.in, got, err, tt.want, tt.err)
		}
	}
	names := Formats()
	if !slices.IsSorted(names) {
		t.Errorf("Formats() not sorted: %q", names)
	}
	for _, f := range []Format{FormatTalkDump, FormatJSONL, FormatJSON, FormatCSV} {
		if !slices.Contains(names, string(f)) {
			t.Errorf("Formats() = %q lacks %q", names, f)
		}
	}
}

func TestNewDecoderErrors(t *testing.T) {
	if _, err := NewDecoder(strings.NewReader("x"), "in", Format("nope")); err == nil || err.Error() != `in: unknown format "nope"` {
		t.Errorf("unknown format: error = %v", err)
	}
	if _, err := NewDecoder(strings.NewReader("plain words"), "in", FormatAuto); err == nil || !strings.Contains(err.Error(), "cannot tell the format") {
		t.Errorf("undetectable: error = %v", err)
	}
	if _, err := NewDecoder(strings.NewReader("\x1f\x8bnot gzip"), "in.gz", FormatAuto); err == nil || !strings.HasPrefix(err.Error(), "in.gz: gzip: ") {
		t.Errorf("bad gzip header: error = %v", err)
	}
}

func gzipped(t testing.TB, b []byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	if _, err := zw.Write(b); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestGzip(t *testing.T) {
	dir := t.TempDir()
	for _, fx := range fixtures {
		plain, err := os.ReadFile(fx.path)
		if err != nil {
			t.Fatal(err)
		}
		gz := gzipped(t, plain)
		// Detection from the name without ".gz", and from the content
		// alone (talk dumps and JSON always; CSV needs its header).
		for _, name := range []string{filepath.Base(fx.path) + ".gz", "<stdin>"} {
			want := decodeAll(t, mustDecoder(t, bytes.NewReader(plain), name, fx.format))
			got := decodeAll(t, mustDecoder(t, bytes.NewReader(gz), name, FormatAuto))
			if !reflect.DeepEqual(got, want) {
				t.Errorf("%s as %s: gzip input gives\n%v\nwant\n%v", fx.path, name, got, want)
			}
		}
		path := filepath.Join(dir, filepath.Base(fx.path)+".gz")
		if err := os.WriteFile(path, gz, 0o644); err != nil {
			t.Fatal(err)
		}
		_, rep, err := LoadFiles([]string{path}, FormatAuto)
		if err != nil {
			t.Fatalf("LoadFiles(%s): %v", path, err)
		}
		checkReport(t, rep, fx.read, fx.accepted, fx.skipped, fx.warning)
	}
	// A stream cut short ends the input with an error, not silently:
	// within the bytes detection looks at, or after them.
	plain, err := os.ReadFile("testdata/records.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	gz := gzipped(t, plain)
	if _, err := NewDecoder(bytes.NewReader(gz[:len(gz)-12]), "cut.jsonl.gz", FormatAuto); err == nil ||
		err.Error() != "cut.jsonl.gz: unexpected EOF" {
		t.Errorf("truncated small gzip: error = %v", err)
	}
	var big bytes.Buffer
	for i := 0; big.Len() < 4*sniffSize; i++ {
		fmt.Fprintf(&big, "{\"id\": \"r%d\", \"title\": \"Record %d\"}\n", i, i)
	}
	gz = gzipped(t, big.Bytes())
	steps := decodeAll(t, mustDecoder(t, bytes.NewReader(gz[:len(gz)-12]), "cut.jsonl.gz", FormatAuto))
	if len(steps) < 2 || !steps[len(steps)-1].fatal || !strings.Contains(steps[len(steps)-1].err, "unexpected EOF") || steps[len(steps)-2].err != "" {
		t.Errorf("truncated big gzip: %d steps, last %v", len(steps), steps[len(steps)-1])
	}
}

func mustDecoder(t testing.TB, r *bytes.Reader, name string, f Format) Decoder {
	t.Helper()
	dec, err := NewDecoder(r, name, f)
	if err != nil {
		t.Fatalf("NewDecoder(%s, %q): %v", name, f, err)
	}
	return dec
}
