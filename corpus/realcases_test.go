package corpus

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
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

// errorsIs is errors.Is, kept here so that the kinds are used as callers
// use them.
var errorsIs = errors.Is
