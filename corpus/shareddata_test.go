package corpus

import (
	"errors"
	"io/fs"
	"os"
	"reflect"
	"testing"
)

// sharedData is where the project's real record sets live, relative to
// this package; the tests that read them skip when they are absent.
const sharedData = "../../shared/data/"

func loadShared(t *testing.T, name string) ([]Record, *Report) {
	t.Helper()
	path := sharedData + name
	if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
		t.Skipf("%s not present", path)
	}
	recs, rep, err := LoadFiles([]string{path}, FormatAuto)
	if err != nil {
		t.Fatalf("LoadFiles(%s): %v", path, err)
	}
	if rep.Read != rep.Accepted+len(rep.Skipped) {
		t.Errorf("report does not add up: %s", rep.Summary())
	}
	return recs, rep
}

func TestSharedEvalGold(t *testing.T) {
	recs, rep := loadShared(t, "eval_msc_gold.jsonl")
	if rep.Read != 391 || rep.Accepted != 391 || len(rep.Skipped) != 0 {
		t.Errorf("report: %s; want 391 read and indexed", rep.Summary())
	}
	// Two records give 3-character areas without "xx" ("60G", "14P"):
	// not codes, so kept in msc_raw and reported.
	var warned []string
	for _, w := range rep.Warnings {
		warned = append(warned, w.ID+": "+w.Err.Error())
	}
	wantWarned := []string{
		`arXiv:0704.0745: not MSC codes, kept in msc_raw: ["60G" "60H"]`,
		`arXiv:1011.4931: not MSC codes, kept in msc_raw: ["14P"]`,
	}
	if !reflect.DeepEqual(warned, wantWarned) {
		t.Errorf("warnings = %q, want %q", warned, wantWarned)
	}
	if r := recs[118]; r.ID != "arXiv:0704.0745" || r.MSCRaw != "60G; 60H; 58J37" || !reflect.DeepEqual(r.MSC, []string{"58J37"}) {
		t.Errorf("record 119 = %#v", r)
	}
	for _, r := range recs {
		if r.ID == "" || r.Title == "" || r.Abstract == "" || len(r.MSC) == 0 {
			t.Errorf("record %s: id %q, title %q, abstract %.20q, codes %q", r.Label(), r.ID, r.Title, r.Abstract, r.MSC)
		}
	}
	r := recs[0]
	if r.ID != "arXiv:0704.0002" || r.Title != "Sparsity-certifying Graph Decompositions" ||
		!reflect.DeepEqual(r.Authors, []string{"Ileana Streinu", "Louis Theran"}) ||
		!reflect.DeepEqual(r.MSC, []string{"05C85", "05C70", "68R10", "05B35"}) || r.PrimaryMSC != "" || r.MSCRaw != "" ||
		r.Year != 2007 || r.Origin.Line != 1 {
		t.Errorf("first record = %#v", r)
	}
}

func TestSharedMathSciNet(t *testing.T) {
	recs, rep := loadShared(t, "mathscinet_spdes_bib_titles.jsonl")
	if rep.Read != 7870 || rep.Accepted != 7870 || len(rep.Skipped) != 0 {
		t.Errorf("report: %s; want 7870 read and indexed", rep.Summary())
	}
	var withCodes, withPrimary int
	for _, r := range recs {
		if len(r.MSC) > 0 {
			withCodes++
		}
		if r.PrimaryMSC != "" {
			withPrimary++
			if r.MSC[0] != r.PrimaryMSC {
				t.Errorf("record %s: primary %q is not first in %q", r.ID, r.PrimaryMSC, r.MSC)
			}
		}
	}
	if withCodes != 7870-638 {
		t.Errorf("%d records with codes, want %d", withCodes, 7870-638)
	}
	want := []Record{
		{ID: "bib:aaronson:97:introduction", Title: "An introduction to infinite ergodic theory", Authors: []string{"Aaronson, Jon"},
			MSC: []string{"28Dxx", "58F11", "58F17"}, PrimaryMSC: "28Dxx", Year: 1997, Identifiers: []string{"doi:10.1090/surv/050"}},
		{ID: "bib:abdesselam:07:complete", Title: "A complete renormalization group trajectory between two fixed points",
			Authors: []string{"Abdesselam, Abdelmalek"}, MSC: []string{"81T17", "81T08"}, PrimaryMSC: "81T17", Year: 2007,
			Identifiers: []string{"doi:10.1007/s00220-007-0352-x"}},
		{ID: "bib:abdulle.cohen.ea:12:high", Title: "High weak order methods for stochastic differential equations based on modified equations",
			Authors: []string{"Abdulle, Assyr", "Cohen, David", "Vilmart, Gilles", "Zygalakis, Konstantinos C."},
			MSC:     []string{"65C30", "60H35"}, PrimaryMSC: "65C30", Year: 2012, Identifiers: []string{"doi:10.1137/110846609"}},
	}
	for i, w := range want {
		w.Origin = Position{File: sharedData + "mathscinet_spdes_bib_titles.jsonl", Line: i + 1, N: i + 1}
		if !reflect.DeepEqual(recs[i], w) {
			t.Errorf("record %d:\n got %#v\nwant %#v", i+1, recs[i], w)
		}
	}
}
