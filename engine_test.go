package related

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/related/related/corpus"
)

const (
	logistic = "talk-46c6396e5a"
	backprop = "talk-258f2deb7a"
)

func embeddedEngine(t testing.TB) *Engine {
	t.Helper()
	eng, err := Open(context.Background(), nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	return eng
}

// TestBadParameters: every parameter out of range is a *BadQueryError
// naming it, found by errors.Is(err, ErrBadQuery), whichever call gets it.
func TestBadParameters(t *testing.T) {
	eng := embeddedEngine(t)
	ctx := context.Background()
	for _, tc := range []struct {
		change func(o *QueryOptions)
		text   string
		field  string
		reason string
	}{
		{func(o *QueryOptions) { o.K = 0 }, "x", "k", "must be at least 1, got 0"},
		{func(o *QueryOptions) { o.Lambda = 2 }, "x", "lambda", "must be in [0,1], got 2"},
		{func(o *QueryOptions) { o.LambdaWords = -1 }, "x", "lambda_words", "must be at least 0, got -1"},
		{func(o *QueryOptions) { o.MSCPrefix = "zz" }, "x", "msc_prefix", `must be an MSC code or its start (65, 65K, 65K10, 65-XX, 65Kxx), got "zz"`},
		{func(o *QueryOptions) { o.Terms = -1 }, "x", "terms", "must be at least 0, got -1"},
		{func(o *QueryOptions) { o.MSC = []string{"65K10", "35.43"} }, "x", "msc", `has parts that are not MSC codes: ["35.43"]`},
		{func(o *QueryOptions) { o.Language = "klingon" }, "x", "lang", `must be a language the analysis knows (english, french, spanish, swedish, norwegian, hungarian, russian), got "klingon"`},
		{func(o *QueryOptions) {}, "  ", "text", "must not be blank"},
	} {
		o := DefaultQueryOptions()
		tc.change(&o)
		_, err := eng.Query(ctx, tc.text, o)
		var bq *BadQueryError
		if !errors.As(err, &bq) || !errors.Is(err, ErrBadQuery) || bq.Field != tc.field || bq.Reason != tc.reason {
			t.Errorf("%s: got %v, want %s %s", tc.field, err, tc.field, tc.reason)
		}
		if tc.field == "text" {
			continue
		}
		if err2 := o.Validate(); err2 == nil || err2.Error() != err.Error() {
			t.Errorf("%s: Validate() = %v, Query %v", tc.field, err2, err)
		}
		if tc.field != "msc" && tc.field != "lang" {
			if _, err3 := eng.Similar(ctx, logistic, o.SearchOptions); err3 == nil || err3.Error() != err.Error() {
				t.Errorf("%s: Similar: %v", tc.field, err3)
			}
		}
	}
	if err := DefaultQueryOptions().Validate(); err != nil {
		t.Errorf("defaults: %v", err)
	}
}

func TestNotFound(t *testing.T) {
	eng := embeddedEngine(t)
	ctx := context.Background()
	_, err := eng.Similar(ctx, "nope", DefaultSearchOptions())
	var nf *NotFoundError
	if !errors.As(err, &nf) || !errors.Is(err, ErrNotFound) || nf.ID != "nope" || err.Error() != `no talk with id "nope"` {
		t.Errorf("Similar(nope): %v", err)
	}
	o := DefaultQueryOptions()
	o.Exclude = []string{backprop, "gone"}
	_, err = eng.Query(ctx, "gradient", o)
	if !errors.As(err, &nf) || nf.Field != "exclude" || err.Error() != `exclude: no talk with id "gone"` {
		t.Errorf("exclude: %v", err)
	}
	o.Exclude = []string{backprop}
	res, err := eng.Similar(ctx, logistic, o.SearchOptions)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range res.Results {
		if r.ID == backprop {
			t.Errorf("excluded %s returned", backprop)
		}
	}
}

// writeManyTalks writes a JSON Lines file of more records than a batch,
// so that they are analysed while read, and returns its path and them.
func writeManyTalks(t *testing.T, dir string) (string, []corpus.Record) {
	t.Helper()
	var b strings.Builder
	var recs []corpus.Record
	for i := range batchSize + 100 {
		r := corpus.Record{ID: fmt.Sprintf("r%d", i), Title: fmt.Sprintf("Talk %d on %s", i, []string{"convex optimization", "sparse regression", "heat kernels", "random walks"}[i%4]),
			Abstract: fmt.Sprintf("Lecture %d: gradient methods and estimators, number %d.", i, i%97), MSC: []string{[]string{"90C25", "62J05", "58J35", "60G50"}[i%4]}}
		fmt.Fprintf(&b, `{"id":%q,"title":%q,"abstract":%q,"msc":%q}`+"\n", r.ID, r.Title, r.Abstract, r.MSC[0])
		recs = append(recs, r)
	}
	path := filepath.Join(dir, "talks.jsonl")
	if err := os.WriteFile(path, []byte(b.String()), 0o666); err != nil {
		t.Fatal(err)
	}
	return path, recs
}

// TestOneEngineWhicheverWay: records from a file, from memory, from an
// index file, analysed at once or in batches while read, answer alike.
func TestOneEngineWhicheverWay(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	path, recs := writeManyTalks(t, dir)
	fromFile, err := Open(ctx, []string{path}, nil)
	if err != nil {
		t.Fatal(err)
	}
	fromMemory, err := New(fromFile.Records(), nil)
	if err != nil {
		t.Fatal(err)
	}
	idx := filepath.Join(dir, "talks.idx")
	if err := fromFile.WriteIndex(idx); err != nil {
		t.Fatal(err)
	}
	fromIndex, err := OpenIndex(ctx, idx, nil)
	if err != nil {
		t.Fatal(err)
	}
	if fromFile.Len() != len(recs) || fromFile.Report().Accepted != len(recs) {
		t.Fatalf("%d records, report %+v", fromFile.Len(), fromFile.Report())
	}
	for d := range fromFile.Len() {
		if !reflect.DeepEqual(fromFile.Index().Vector(d), fromMemory.Index().Vector(d)) {
			t.Fatalf("record %d: vectors differ between batches and all at once", d)
		}
	}
	for _, e := range []*Engine{fromMemory, fromIndex} {
		for _, id := range []string{"r0", "r4097", "r4195"} {
			want, err1 := fromFile.Similar(ctx, id, DefaultSearchOptions())
			got, err2 := e.Similar(ctx, id, DefaultSearchOptions())
			if err1 != nil || err2 != nil || !reflect.DeepEqual(got, want) {
				t.Errorf("%s: %v %v\n got %+v\nwant %+v", id, err1, err2, got, want)
			}
		}
		want, _ := fromFile.Query(ctx, "sparse regression estimators", DefaultQueryOptions())
		got, _ := e.Query(ctx, "sparse regression estimators", DefaultQueryOptions())
		if !reflect.DeepEqual(got, want) {
			t.Errorf("query: got %+v\nwant %+v", got, want)
		}
	}
}

// TestOpenReports: skipped records and warnings go to Report, to the
// rejects file and to the report callback, before an error of duplicate
// ids; a file that cannot be read is an error; so is nothing to use.
func TestOpenReports(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	a := filepath.Join(dir, "a.jsonl")
	os.WriteFile(a, []byte(`{"id":"a","title":"Convex optimization","msc":"90C25"}
{"id":"b"}
{"id":"a","title":"Again"}
`), 0o666)
	rejects := filepath.Join(dir, "rejects.jsonl")
	var reported *corpus.Report
	opts := DefaultOptions()
	opts.Read = ReadOptions{Rejects: rejects, Report: func(r *corpus.Report) { reported = r }}
	eng, err := Open(ctx, []string{a}, opts)
	if err != nil {
		t.Fatal(err)
	}
	if want := "3 records read: 1 indexed, 2 skipped (1 duplicate id, 1 no title and no abstract)"; eng.Report().Summary() != want || reported.Summary() != want {
		t.Errorf("summary %q, reported %q", eng.Report().Summary(), reported.Summary())
	}
	if b, _ := os.ReadFile(rejects); strings.Count(string(b), "\n") != 2 || !strings.Contains(string(b), `"cause":"duplicate id"`) {
		t.Errorf("rejects:\n%s", b)
	}

	reported = nil
	opts.Read.Duplicates = corpus.DuplicatesError
	_, err = Open(ctx, []string{a}, opts)
	var dup *corpus.DuplicateIDError
	if !errors.As(err, &dup) || !errors.Is(err, corpus.ErrDuplicateID) || reported == nil {
		t.Errorf("--duplicates error: %v, reported %v", err, reported)
	}

	for _, tc := range []struct {
		paths []string
		stdin string
		want  string
	}{
		{[]string{filepath.Join(dir, "missing.jsonl")}, "", "no such file"},
		{[]string{"-"}, `{"id":"b"}` + "\n", "no records to use: all 1 read were skipped"},
		{[]string{"-"}, "\n", "no records in the input"},
		{[]string{"-", "-"}, "", "standard input (-) given twice"},
	} {
		o := DefaultOptions()
		o.Read.Stdin = strings.NewReader(tc.stdin)
		o.Read.Format = corpus.FormatJSONL
		if _, err := Open(ctx, tc.paths, o); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%q: %v, want %q", tc.paths, err, tc.want)
		}
	}
}

func TestOpenStopsWithContext(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Open(ctx, nil, nil); !errors.Is(err, context.Canceled) {
		t.Errorf("Open: %v", err)
	}
	eng := embeddedEngine(t)
	if _, err := eng.Similar(ctx, logistic, DefaultSearchOptions()); !errors.Is(err, context.Canceled) {
		t.Errorf("Similar: %v", err)
	}
}

func TestAdd(t *testing.T) {
	ctx := context.Background()
	eng := embeddedEngine(t)
	path := filepath.Join(t.TempDir(), "more.jsonl")
	os.WriteFile(path, []byte(`{"id":"new","title":"Backpropagation and nonsmooth analysis","msc":"65K10"}
{"id":"`+logistic+`","title":"Replaced talk on heat kernels","msc":"58J35"}
`), 0o666)
	next, n, err := eng.Add(ctx, []string{path}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if n != (Added{Added: 1, Replaced: 1}) || next.Len() != 6 || eng.Len() != 5 {
		t.Fatalf("%+v: %d records, old %d", n, next.Len(), eng.Len())
	}
	if r, _ := next.Record(logistic); r.Title != "Replaced talk on heat kernels" {
		t.Errorf("replaced: %+v", r)
	}
	if r, _ := eng.Record(logistic); r.Title != "" {
		t.Errorf("the old engine changed: %+v", r)
	}
}

func TestRoundedAndNamed(t *testing.T) {
	r := &Results{
		Blend:     &Blend{Lambda: 0.12345678},
		Results:   []Result{{Score: 0.1234567, Terms: []SharedTerm{{Word: "w", Contribution: 1e-7}}, Codes: []SharedCode{{CodeMatch: CodeMatch{Shared: "65Kxx"}}}}},
		Suggested: &Suggestions{Codes: []SuggestedCode{{Code: "65K10", Score: 2.0 / 3}}},
	}
	r.NameCodes(func(c string) string {
		return map[string]string{"65Kxx": "Optimization", "65K10": "Numerical optimization"}[c]
	})
	got := r.Rounded()
	if got.Blend.Lambda != 0.123457 || got.Results[0].Score != 0.123457 || got.Results[0].Terms[0].Contribution != 0 ||
		got.Suggested.Codes[0].Score != 0.666667 || got.Suggested.Areas == nil || got.Suggested.Sections == nil {
		t.Errorf("%+v %+v", got.Results[0], got.Suggested)
	}
	if got.Results[0].Codes[0].Name != "Optimization" || got.Suggested.Codes[0].Name != "Numerical optimization" {
		t.Errorf("names: %+v %+v", got.Results[0].Codes, got.Suggested.Codes)
	}
	if r.Results[0].Score != 0.1234567 || r.Results[0].Terms[0].Contribution != 1e-7 {
		t.Error("Rounded changed the original")
	}
}

// PrepareSimilar changes how Similar reads, not what it answers: every
// record's list, with several kinds of options, is the same before and
// after, and the same as a fresh engine's.
func TestPrepareSimilarSameLists(t *testing.T) {
	ctx := context.Background()
	before, after := embeddedEngine(t), embeddedEngine(t)
	if before.Index().SimilarPrepared() {
		t.Fatal("prepared before PrepareSimilar")
	}
	after.PrepareSimilar()
	if !after.Index().SimilarPrepared() {
		t.Fatal("not prepared after PrepareSimilar")
	}
	d := DefaultSearchOptions()
	text, prefix, div, excl := d, d, d, d
	text.Lambda, text.RefWeight, text.SuggestCodes = 0, 0, false
	prefix.MSCPrefix = "60"
	div.Diversify = 0.7
	excl.Exclude = []string{backprop}
	opts := []SearchOptions{d, text, prefix, div, excl}
	for d := range before.Len() {
		id := before.RecordAt(d).ID
		for i, o := range opts {
			want, err1 := before.Similar(ctx, id, o)
			got, err2 := after.Similar(ctx, id, o)
			if err1 != nil || err2 != nil {
				t.Fatalf("%s, options %d: %v, %v", id, i, err1, err2)
			}
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("%s, options %d:\n got %+v\nwant %+v", id, i, got, want)
			}
		}
	}
	if before.Index().SimilarPrepared() {
		t.Error("Similar prepared an engine nobody asked to")
	}
}
