package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/related/related/corpus"
)

// Tests of issue 13: similar and query on each new source format, gzip
// copies, and a directory mixing them with the older formats.

const srcDir = "../../corpus/testdata/sources/"

var sourceSamples = []struct {
	file  string
	id    string
	count int // records the file gives
	read  int // records read, skipped ones included
}{
	{"arxiv_api_query.atom.xml", "arXiv:2101.00001", 3, 3},
	{"openalex_works_page.json", "doi:10.1007/bf01389883", 2, 2},
	{"openalex_snapshot_part.jsonl", "openalex:W2000000002", 3, 3},
	{"crossref_works_list.json", "doi:10.1090/s0002-9947-1985-0782654-0", 2, 2},
	{"zotero_items.csl.json", "hebey2000", 3, 3},
	{"zotero_export.ris", "arXiv:1911.06754", 3, 3},
	{"seminar_programme.ics", "seminaire-analyse-2024-01-15@math.example.org", 2, 3},
	{"indico_event_export.json", "indico:indico.example.org/event/1234/contributions/6", 4, 4},
	{"s2_search.json", "s2:1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d", 2, 2},
	{"hal_oai_dc_multilingual.xml", "oai:HAL:hal-01234567v2", 2, 2},
}

func TestCommandsOnSourceFormats(t *testing.T) {
	for _, s := range sourceSamples {
		for _, p := range []string{srcDir + s.file, gzipCopy(t, srcDir+s.file)} {
			errs, ok := checkSimilarOn(t, p, s.id, s.count)
			if !ok {
				continue
			}
			if want := fmt.Sprintf("%d records read: %d indexed", s.read, s.count); !strings.Contains(errs, want) {
				t.Errorf("%s: summary %q, want %q", p, errs, want)
			}
			code, out, errs := runCmd(t, "", "query", "harmonic functions and Sobolev inequalities on manifolds", "--corpus", p)
			if code != exitOK || !strings.Contains(out, "Related to:") {
				t.Errorf("query on %s: exit %d: %s%s", p, code, out, errs)
			}
		}
	}
}

// TestMixedDirectoryCommands: a directory holding every new format, an
// arXiv .abs file and a talk dump, in subdirectories, some gzipped; the
// same paper from several sources is one record; similar, query, convert
// and index run on it.
func TestMixedDirectoryCommands(t *testing.T) {
	dir := t.TempDir()
	copyFile := func(src, dst string) {
		data, err := os.ReadFile(src)
		if err != nil {
			t.Fatal(err)
		}
		os.MkdirAll(filepath.Dir(dst), 0o755)
		if err := os.WriteFile(dst, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for i, s := range sourceSamples {
		dst := filepath.Join(dir, "exports", s.file)
		if i%3 == 0 {
			copyFile(gzipCopy(t, srcDir+s.file), dst+".gz")
			continue
		}
		copyFile(srcDir+s.file, dst)
	}
	copyFile(srcDir+"openalex_work.json", filepath.Join(dir, "openalex_work.json"))
	copyFile(srcDir+"s2_paper.json", filepath.Join(dir, "s2", "paper.json"))
	copyFile(srcDir+"crossref_work.json", filepath.Join(dir, "crossref.json"))
	copyFile("../../corpus/testdata/abs/math_0202001.abs", filepath.Join(dir, "abs", "math_0202001.abs"))
	copyFile("../../testdata/talks.txt", filepath.Join(dir, "talks.txt"))

	out := filepath.Join(t.TempDir(), "all.jsonl")
	code, _, errs := runCmd(t, "", "convert", dir, "-o", out)
	if code != exitOK {
		t.Fatalf("convert: exit %d: %s", code, errs)
	}
	recs := readJSONL(t, out)
	byID := map[string]int{}
	for _, r := range recs {
		byID[r.ID]++
	}
	// One record per id; the Sobolev paper, in six files, once.
	for id, n := range byID {
		if n != 1 {
			t.Errorf("id %q written %d times", id, n)
		}
	}
	for _, id := range []string{"arXiv:2101.00001", "arXiv:math/0202001", "talk-65a83157dd", "indico:indico.example.org/event/1240", "hebey2000"} {
		if byID[id] != 1 {
			t.Errorf("id %q missing from the directory's records", id)
		}
	}
	if !strings.Contains(errs, "duplicate id") || !strings.Contains(errs, "event without a description") {
		t.Errorf("summary lacks the duplicates or the skipped event: %s", errs)
	}

	code, outS, errs := runCmd(t, "", "similar", "arXiv:2101.00001", "--corpus", dir, "--json")
	if code != exitOK {
		t.Fatalf("similar: exit %d: %s", code, errs)
	}
	var got resultsJSON
	if err := json.Unmarshal([]byte(outS), &got); err != nil || len(got.Results) == 0 {
		t.Fatalf("similar: %v, %d results", err, len(got.Results))
	}
	code, outQ, errs := runCmd(t, "", "query", "sharp constants in Sobolev inequalities", "--corpus", dir, "--json")
	if code != exitOK {
		t.Fatalf("query: exit %d: %s", code, errs)
	}
	var q resultsJSON
	if err := json.Unmarshal([]byte(outQ), &q); err != nil || len(q.Results) == 0 {
		t.Fatalf("query: %v, %d results", err, len(q.Results))
	}
	// The paper (from the reference manager, which knows only its DOI;
	// from the APIs, under its arXiv id) and its talks (the seminar, the
	// school) come first, near-duplicates folded into one result.
	first := append([]string{q.Results[0].ID}, q.Results[0].Also...)
	for _, id := range []string{"doi:10.1016/j.jfa.2021.109000", "arXiv:2101.00001", "seminaire-analyse-2024-01-15@math.example.org", "indico:indico.example.org/event/1234/contributions/5"} {
		if !slices.Contains(first, id) {
			t.Errorf("query: %q not in the first result %q", id, first)
		}
	}
	if code, _, errs := runCmd(t, "", "index", "--corpus", dir, "-o", filepath.Join(t.TempDir(), "x.idx")); code != exitOK {
		t.Errorf("index: exit %d: %s", code, errs)
	}
}

// TestConvertRoundTripSources: each new format converted to JSON Lines
// reads back as the same records, identifiers and references included.
func TestConvertRoundTripSources(t *testing.T) {
	dir := t.TempDir()
	for i, s := range sourceSamples {
		path := srcDir + s.file
		want, _, err := corpus.LoadFiles([]string{path}, corpus.FormatAuto)
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		out := filepath.Join(dir, fmt.Sprintf("out%d.jsonl", i))
		if code, _, errs := runCmd(t, "", "convert", path, "-o", out); code != exitOK {
			t.Fatalf("convert %s: exit %d: %s", path, code, errs)
		}
		back, rep, err := corpus.LoadFiles([]string{out}, corpus.FormatAuto)
		if err != nil {
			t.Fatalf("reading back %s: %v", out, err)
		}
		if rep.Read != len(want) || len(rep.Skipped) != 0 {
			t.Errorf("%s: read back %d records, %d skipped", path, rep.Read, len(rep.Skipped))
		}
		for j := range want {
			w, g := want[j], back[j]
			w.Origin, g.Origin = corpus.Position{}, corpus.Position{}
			if !reflect.DeepEqual(w, g) {
				t.Errorf("%s record %d:\n got %+v\nwant %+v", path, j, g, w)
			}
		}
	}
}

// checkSimilarOn runs `similar id --corpus path --json` and checks that
// the query is id and that the results are fewer than the count records;
// it returns the command's standard error, and whether it ran at all.
func checkSimilarOn(t *testing.T, path, id string, count int) (string, bool) {
	t.Helper()
	code, out, errs := runCmd(t, "", "similar", id, "--corpus", path, "--json")
	if code != exitOK {
		t.Errorf("similar %s on %s: exit %d: %s", id, path, code, errs)
		return errs, false
	}
	var got resultsJSON
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Errorf("%s: %v", path, err)
		return errs, false
	}
	if got.Query.ID != id || len(got.Results) > count-1 {
		t.Errorf("%s: query %q, %d results for %d records", path, got.Query.ID, len(got.Results), count)
	}
	return errs, true
}
