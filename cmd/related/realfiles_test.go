package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/related/related"
	"github.com/related/related/corpus"
)

// Tests of issue 10: real files, and outputs that never destroy inputs.

// TestOutputIsAnInput: every command that writes refuses, before reading,
// an output that is one of its inputs, by any path or link, and leaves
// the input whole.
func TestOutputIsAnInput(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "in.jsonl")
	data := `{"id":"a","title":"Convex optimization","msc":"90C25"}` + "\n" + `{"id":"b","title":"Convex analysis"}` + "\n"
	os.WriteFile(in, []byte(data), 0o644)
	link := filepath.Join(dir, "link.jsonl")
	if err := os.Symlink(in, link); err != nil {
		t.Fatal(err)
	}
	idx := filepath.Join(dir, "a.idx")
	if code, _, errs := runCmd(t, "", "index", "--corpus", in, "-o", idx); code != exitOK {
		t.Fatalf("index: %s", errs)
	}
	idxData, _ := os.ReadFile(idx)
	wd, _ := os.Getwd()
	rel, err := filepath.Rel(wd, in)
	if err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{
		{"index", "--corpus", in, "-o", in},
		{"index", "--corpus", in, "-o", link},
		{"index", "--corpus", rel, "-o", in},
		{"index", "--corpus", in, "-o", filepath.Join(dir, "x.idx"), "--rejects", in},
		{"export", "--corpus", in, "-o", in},
		{"export", "--index", idx, "-o", idx},
		{"export", "--corpus", in, "-o", filepath.Join(dir, "e.jsonl"), "--rejects", filepath.Join(dir, "e.jsonl")},
		{"index", "--index", idx, "--add", in, "-o", in},
		{"index", "--index", idx, "--add", in, "--rejects", idx},
		{"convert", in, "-o", in},
		{"convert", link, "-o", rel},
		{"convert", in, "--rejects", in},
		{"similar", "a", "--corpus", in, "--rejects", link},
		{"list", "--index", idx, "--rejects", idx},
	} {
		code, _, errs := runCmd(t, "", args...)
		if code != exitUsage || !(strings.Contains(errs, "is also an input") || strings.Contains(errs, "name the same file")) {
			t.Errorf("%q: exit %d, %s", args, code, errs)
		}
		if b, _ := os.ReadFile(in); string(b) != data {
			t.Fatalf("%q: the input was changed", args)
		}
		if b, _ := os.ReadFile(idx); string(b) != string(idxData) {
			t.Fatalf("%q: the index was changed", args)
		}
	}
	// Replacing the index given to --add is what --add does.
	more := filepath.Join(dir, "more.jsonl")
	os.WriteFile(more, []byte(`{"id":"c","title":"Convex sets"}`+"\n"), 0o644)
	if code, _, errs := runCmd(t, "", "index", "--index", idx, "--add", more); code != exitOK || !strings.Contains(errs, "3 records (1 added, 0 replaced)") {
		t.Errorf("index --add in place: exit %d, %s", code, errs)
	}
}

// TestOutputsFollowTheUmask: convert, index and export create files as
// os.Create does (0666 less the umask), not 0600.
func TestOutputsFollowTheUmask(t *testing.T) {
	old := syscall.Umask(0o022)
	defer syscall.Umask(old)
	dir := t.TempDir()
	in := "../../corpus/testdata/records.jsonl"
	outs := map[string][]string{
		"c.jsonl": {"convert", in, "-o", filepath.Join(dir, "c.jsonl"), "--rejects", filepath.Join(dir, "r.jsonl")},
		"i.idx":   {"index", "--corpus", in, "-o", filepath.Join(dir, "i.idx")},
		"e.csv":   {"export", "--corpus", in, "--to", "csv", "-o", filepath.Join(dir, "e.csv")},
	}
	for name, args := range outs {
		if code, _, errs := runCmd(t, "", args...); code != exitOK {
			t.Fatalf("%v: %s", args, errs)
		}
		for _, n := range []string{name, "r.jsonl"} {
			fi, err := os.Stat(filepath.Join(dir, n))
			if err == nil && fi.Mode().Perm() != 0o644 {
				t.Errorf("%s: mode %v, want 0644", n, fi.Mode().Perm())
			}
		}
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 4 {
		t.Errorf("files: %v", entries)
	}
}

// TestConvertNothingIsAFailure: an input of which no record can be used
// (a harvest in a shape not read, a file of the wrong kind) is exit 1,
// with no output file.
func TestConvertNothingIsAFailure(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "odd.xml")
	os.WriteFile(in, []byte(`<OAI-PMH><ListRecords><record><header><identifier>x:1</identifier></header><metadata><other>?</other></metadata></record></ListRecords></OAI-PMH>`), 0o644)
	out := filepath.Join(dir, "out.jsonl")
	code, _, errs := runCmd(t, "", "convert", in, "-o", out)
	if code != exitError || !strings.Contains(errs, "no records to use: all 1 read were skipped") {
		t.Errorf("exit %d: %s", code, errs)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("left behind: %v", entries)
	}
	empty := filepath.Join(dir, "empty.jsonl")
	os.WriteFile(empty, nil, 0o644)
	if code, _, errs := runCmd(t, "", "convert", empty, "--format", "jsonl"); code != exitError || !strings.Contains(errs, "no records in the input") {
		t.Errorf("empty input: exit %d: %s", code, errs)
	}
	// list on a corpus with nothing to list says so, not "no records to index".
	if code, _, errs := runCmd(t, "", "list", "--corpus", empty, "--format", "jsonl"); code != exitError || !strings.Contains(errs, "no records in the input") {
		t.Errorf("list on an empty corpus: exit %d: %s", code, errs)
	}
	// The same harvest with the Dublin Core elements unwrapped converts.
	code, _, errs = runCmd(t, "", "convert", "../../corpus/testdata/oai_no_namespaces.xml", "-o", out)
	if code != exitOK || !strings.Contains(errs, "3 records read: 2 converted, 1 skipped (1 deleted record)") {
		t.Errorf("no namespaces: exit %d: %s", code, errs)
	}
}

// TestConvertDirectoryWithDuplicateID: arXiv's test data has one .abs
// file carrying another's id; the directory converts, with a warning.
func TestConvertDirectoryWithDuplicateID(t *testing.T) {
	dir := t.TempDir()
	src := "../../corpus/testdata/abs"
	entries, _ := os.ReadDir(src)
	for _, e := range entries {
		b, _ := os.ReadFile(filepath.Join(src, e.Name()))
		os.WriteFile(filepath.Join(dir, e.Name()), b, 0o644)
	}
	b, _ := os.ReadFile(filepath.Join(src, "arxiv_0704.0004.abs"))
	os.WriteFile(filepath.Join(dir, "zz_copy_of_0704.0004.abs"), []byte(strings.Replace(string(b), "Title:", "Title: Another", 1)), 0o644)
	out := filepath.Join(t.TempDir(), "out.jsonl")
	rej := filepath.Join(t.TempDir(), "rejects.jsonl")
	code, _, errs := runCmd(t, "", "convert", dir, "-o", out, "--rejects", rej)
	if code != exitOK || !strings.Contains(errs, "6 records read: 5 converted, 1 skipped (1 duplicate id)") ||
		!strings.Contains(errs, `zz_copy_of_0704.0004.abs:1 (record 1): id "arXiv:0704.0004": duplicate id, the record at `) {
		t.Fatalf("exit %d: %s", code, errs)
	}
	data, _ := os.ReadFile(out)
	if n := strings.Count(string(data), "\n"); n != 5 || strings.Contains(string(data), "Another") {
		t.Errorf("%d records converted:\n%s", n, data)
	}
	rejects, _ := os.ReadFile(rej)
	var r related.Reject
	if err := json.Unmarshal(rejects, &r); err != nil || r.Kind != "skipped" || r.Cause != "duplicate id" || r.ID != "arXiv:0704.0004" {
		t.Errorf("rejects %s (%v)", rejects, err)
	}
	// index and similar run on it too.
	if code, _, errs := runCmd(t, "", "similar", "arXiv:0704.0004", "--corpus", dir); code != exitOK {
		t.Errorf("similar: exit %d: %s", code, errs)
	}
	if code, _, errs := runCmd(t, "", "index", "--corpus", dir, "-o", filepath.Join(t.TempDir(), "x.idx")); code != exitOK {
		t.Errorf("index: exit %d: %s", code, errs)
	}
}

// TestSummaryByKind: a binary file and short CSV rows make one short
// summary line, counted by kind, not by position.
func TestSummaryByKind(t *testing.T) {
	dir := t.TempDir()
	bin := filepath.Join(dir, "bin.jsonl")
	var b []byte
	for i := range 60 {
		b = append(b, []byte{'{', 0xff, byte('a' + i%26), 0xfe, '\n'}...)
	}
	os.WriteFile(bin, append(b, []byte(`{"id":"ok","title":"T"}`+"\n")...), 0o644)
	csvFile := filepath.Join(dir, "short.csv")
	os.WriteFile(csvFile, []byte("id,title,abstract\na,A,x\nb\nc,C\nd,D,y\n"), 0o644)
	code, _, errs := runCmd(t, "", "convert", bin, csvFile, "-o", filepath.Join(dir, "out.jsonl"))
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	lines := strings.Split(strings.TrimSpace(errs), "\n")
	summary := lines[len(lines)-1]
	if want := "65 records read: 3 converted, 62 skipped (60 malformed record, 2 wrong number of fields)"; summary != want {
		t.Errorf("summary %q, want %q", summary, want)
	}
}

// TestFieldFlagAndKaggle: --field names the columns no alias knows; the
// Kaggle snapshot converts with arXiv: ids.
func TestFieldFlagAndKaggle(t *testing.T) {
	in := "../../corpus/testdata/odd_columns.csv"
	if code, _, errs := runCmd(t, "", "convert", in); code != exitError || !strings.Contains(errs, "--field abstract=NAME") {
		t.Errorf("without --field: exit %d: %s", code, errs)
	}
	code, out, errs := runCmd(t, "", "convert", in, "--field", "abstract=paper_text", "--field", "id=paper", "--field", "title=name", "--field", "msc=classes")
	var r corpus.Record
	json.Unmarshal([]byte(strings.SplitN(out, "\n", 2)[0]), &r)
	if code != exitOK || r.ID != "p1" || r.Abstract != "Text of the first paper." || len(r.MSC) != 2 {
		t.Errorf("--field: exit %d: %s\n%s", code, errs, out)
	}
	if code, _, errs := runCmd(t, "", "list", "--corpus", in, "--field", "body=paper_text"); code != exitUsage || !strings.Contains(errs, `"body" is not a record field`) {
		t.Errorf("--field body=: exit %d: %s", code, errs)
	}
	code, out, errs = runCmd(t, "", "convert", "../../corpus/testdata/kaggle_arxiv_sample.jsonl")
	if code != exitOK || !strings.HasPrefix(out, `{"id":"arXiv:0704.0001","title":"Calculation of prompt diphoton production cross sections at Tevatron and LHC energies","authors":["C. Balázs",`) {
		t.Errorf("kaggle: exit %d: %s\n%s", code, errs, out)
	}
}

// TestRankFlagValidation: the command line refuses what the HTTP API
// refuses.
func TestRankFlagValidation(t *testing.T) {
	for _, args := range [][]string{
		{"similar", logistic, "--terms", "-1"},
		{"query", "convex", "--msc-prefix", "zz"},
		{"similar", logistic, "--msc-prefix", "65K1"},
		{"export", "--explain", "--terms", "-1"},
	} {
		if code, _, errs := runCmd(t, "", args...); code != exitUsage {
			t.Errorf("%q: exit %d: %s", args, code, errs)
		}
	}
	for _, p := range []string{"65", "65K", "65k10", "65-XX", "65Kxx"} {
		if code, _, errs := runCmd(t, "", "similar", logistic, "--msc-prefix", p); code != exitOK {
			t.Errorf("--msc-prefix %s: exit %d: %s", p, code, errs)
		}
	}
	// query --msc reads arXiv's labelled groups: the first primary code
	// comes first.
	code, out, errs := runCmd(t, "", "query", "convex", "--json", "--msc", "60K35, 82C22 (Primary) 60F17, 70F99 (Secondary)")
	var res resultsJSON
	if err := json.Unmarshal([]byte(out), &res); code != exitOK || err != nil || strings.Join(res.Query.MSC, " ") != "60K35 82C22 60F17 70F99" {
		t.Errorf("query --msc: exit %d: %s %q", code, errs, res.Query.MSC)
	}
}
