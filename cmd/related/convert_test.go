package main

import (
	"bufio"
	"compress/gzip"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/related/related"
	"github.com/related/related/corpus"
)

// formatSamples are real samples of each supported format (see
// ../shared/data/SOURCES.md), with one id each contains and the number of
// records.
var formatSamples = []struct {
	path  string
	id    string
	count int
}{
	{"../../corpus/testdata/arxiv_oai_dc_3records.xml", "arXiv:0704.0012", 3},
	{"../../corpus/testdata/arxiv_oai_arXiv_ListRecords_2records.xml", "arXiv:1412.8544", 2},
	{"../../corpus/testdata/abs", "arXiv:0704.0002", 5},
	{"../../corpus/testdata/mathscinet_bibtex_mrclass_sample.bib", "aaronson:97:introduction", 10},
	{"../../corpus/testdata/zbmath_oai_zb_preview_record.xml", "zbMATH:1306.11073", 1},
	{"../../corpus/testdata/zbmath_open_kg_api_flat_3records.jsonl", "zbMATH:0806.90113", 3},
	{"../../corpus/testdata/zbmath_rest_api_document.json", "zbMATH:1306.11073", 1},
	{"../../corpus/testdata/records.csv", "", 0},
	{"../../testdata/talks.txt", "talk-65a83157dd", 5},
}

func gzipCopy(t *testing.T, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), filepath.Base(path)+".gz")
	f, err := os.Create(out)
	if err != nil {
		t.Fatal(err)
	}
	zw := gzip.NewWriter(f)
	zw.Write(data)
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	f.Close()
	return out
}

// TestCommandsOnEveryFormat runs similar and query directly on each
// format, and on a gzip copy of each single-file sample.
func TestCommandsOnEveryFormat(t *testing.T) {
	for _, s := range formatSamples {
		if s.id == "" {
			continue
		}
		paths := []string{s.path}
		if fi, err := os.Stat(s.path); err == nil && !fi.IsDir() {
			paths = append(paths, gzipCopy(t, s.path))
		}
		for _, p := range paths {
			if _, ok := checkSimilarOn(t, p, s.id, s.count); !ok {
				continue
			}
			code, _, errs := runCmd(t, "", "query", "prime gaps and graphs", "--corpus", p)
			if code != exitOK {
				t.Errorf("query on %s: exit %d: %s", p, code, errs)
			}
		}
	}
}

func readJSONL(t *testing.T, path string) []corpus.Record {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []corpus.Record
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<24)
	for sc.Scan() {
		var r corpus.Record
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		out = append(out, r)
	}
	return out
}

// TestConvertRoundTrip converts every sample to JSON Lines and reads the
// result back: the same records, field by field.
func TestConvertRoundTrip(t *testing.T) {
	dir := t.TempDir()
	for i, s := range formatSamples {
		want, _, err := corpus.LoadFiles([]string{s.path}, corpus.FormatAuto)
		if err != nil {
			t.Fatalf("%s: %v", s.path, err)
		}
		out := filepath.Join(dir, "out"+string(rune('a'+i))+".jsonl")
		code, stdout, errs := runCmd(t, "", "convert", s.path, "-o", out)
		if code != exitOK || stdout != "" {
			t.Fatalf("convert %s: exit %d, stdout %q: %s", s.path, code, stdout, errs)
		}
		if !strings.Contains(errs, "records read") {
			t.Errorf("no summary: %s", errs)
		}
		back, rep, err := corpus.LoadFiles([]string{out}, corpus.FormatAuto)
		if err != nil {
			t.Fatalf("reading back %s: %v", out, err)
		}
		if rep.Read != len(want) || len(rep.Skipped) != 0 || len(rep.Warnings) != countRaw(want) {
			t.Errorf("%s: read back %d records, %d skipped, %d warnings", s.path, rep.Read, len(rep.Skipped), len(rep.Warnings))
		}
		for j := range want {
			w, g := want[j], back[j]
			w.Origin, g.Origin = corpus.Position{}, corpus.Position{}
			if !reflect.DeepEqual(w, g) {
				t.Errorf("%s record %d:\n got %+v\nwant %+v", s.path, j, g, w)
			}
		}
	}
}

// countRaw counts the records whose msc_raw holds something that is not
// a code: reading them back warns again, as it should.
func countRaw(rs []corpus.Record) int {
	n := 0
	for _, r := range rs {
		if r.MSCRaw != "" && len(corpus.ParseCodes(r.MSCRaw).Invalid) > 0 {
			n++
		}
	}
	return n
}

func TestConvertRejectsAndAtomicOutput(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "in.jsonl")
	os.WriteFile(in, []byte(`{"id":"a","title":"Convex optimization","msc":"90C25"}
{"id":"b"}
not json
{"id":"c","title":"Old codes","msc_raw":"35.43"}
`), 0o644)
	out := filepath.Join(dir, "out.jsonl")
	rej := filepath.Join(dir, "rejects.jsonl")
	code, _, errs := runCmd(t, "", "convert", in, "-o", out, "--rejects", rej)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if !strings.Contains(errs, "4 records read: 2 converted, 2 skipped") {
		t.Errorf("summary: %s", errs)
	}
	var rejects []related.Reject
	data, _ := os.ReadFile(rej)
	for _, line := range strings.Split(strings.TrimSpace(string(data)), "\n") {
		var r related.Reject
		if err := json.Unmarshal([]byte(line), &r); err != nil {
			t.Fatal(err)
		}
		rejects = append(rejects, r)
	}
	want := []related.Reject{
		{Kind: "skipped", File: in, Line: 2, Record: 2, ID: "b", Reason: "no title and no abstract"},
		{Kind: "skipped", File: in, Line: 3, Record: 3},
		{Kind: "warning", File: in, Line: 4, Record: 4, ID: "c"},
	}
	if len(rejects) != len(want) {
		t.Fatalf("rejects %+v", rejects)
	}
	for i, w := range want {
		g := rejects[i]
		if g.Kind != w.Kind || g.Line != w.Line || g.Record != w.Record || g.ID != w.ID || (w.Reason != "" && g.Reason != w.Reason) || g.Reason == "" {
			t.Errorf("reject %d: %+v, want %+v", i, g, w)
		}
	}
	// Duplicate ids: by default the first is kept and the other reported;
	// with --duplicates last the later one wins; with error, nothing is
	// written.
	dup := filepath.Join(dir, "dup.jsonl")
	os.WriteFile(dup, []byte(`{"id":"a","title":"x"}`+"\n"), 0o644)
	for _, tt := range []struct {
		policy, title string
	}{{"first", "Convex optimization"}, {"last", "x"}} {
		out1 := filepath.Join(dir, "out-"+tt.policy+".jsonl")
		code, _, errs = runCmd(t, "", "convert", in, dup, "-o", out1, "--duplicates", tt.policy)
		if code != exitOK || !strings.Contains(errs, "5 records read: 2 converted, 3 skipped (1 duplicate id, ") {
			t.Errorf("--duplicates %s: exit %d: %s", tt.policy, code, errs)
		}
		data, _ := os.ReadFile(out1)
		var first corpus.Record
		json.Unmarshal([]byte(strings.SplitN(string(data), "\n", 2)[0]), &first)
		if first.ID != "a" || first.Title != tt.title || strings.Count(string(data), "\n") != 2 {
			t.Errorf("--duplicates %s: output\n%s", tt.policy, data)
		}
	}
	out2 := filepath.Join(dir, "out2.jsonl")
	code, _, errs = runCmd(t, "", "convert", in, dup, "-o", out2, "--duplicates", "error")
	if code != exitError || !strings.Contains(errs, "1 duplicate id(s)") {
		t.Errorf("--duplicates error: exit %d: %s", code, errs)
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), "out2") || strings.Contains(e.Name(), ".tmp") {
			t.Errorf("left behind: %s", e.Name())
		}
	}
}

// TestSameRankingAcrossFormats: the embedded talks written as JSON and as
// CSV (testdata/talks.json, testdata/talks.csv) rank exactly alike.
func TestSameRankingAcrossFormats(t *testing.T) {
	_, want, _ := runCmd(t, "", "similar", "talk-46c6396e5a", "--json")
	for _, p := range []string{"../../testdata/talks.json", "../../testdata/talks.csv"} {
		code, got, errs := runCmd(t, "", "similar", "talk-46c6396e5a", "--json", "--corpus", p)
		if code != exitOK || got != want {
			t.Errorf("%s: exit %d, %s\n got %s\nwant %s", p, code, errs, got, want)
		}
	}
}

// TestRejectsOnEveryCommand: --rejects works wherever --corpus does.
func TestRejectsOnEveryCommand(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "in.jsonl")
	os.WriteFile(in, []byte(`{"id":"a","title":"Convex optimization","msc":"90C25"}
{"id":"b"}
{"id":"c","title":"Convex analysis"}
`), 0o644)
	rej := filepath.Join(dir, "rejects.jsonl")
	code, _, errs := runCmd(t, "", "similar", "a", "--corpus", in, "--rejects", rej)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	data, err := os.ReadFile(rej)
	if err != nil {
		t.Fatal(err)
	}
	if want := `{"kind":"skipped","file":"` + in + `","line":2,"record":2,"id":"b","cause":"no title and no abstract","reason":"no title and no abstract"}`; strings.TrimSpace(string(data)) != want {
		t.Errorf("rejects:\n%s\nwant\n%s", data, want)
	}
}
