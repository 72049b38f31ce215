package corpus

import (
	"bytes"
	"errors"
	"io"
	"os"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// Fuzz tests of the readers of issue 13. Each reads any input to its end
// within a bound on calls, through a Collector whose report must add up
// (fuzzDecode), and checks what the new readers promise of their records:
// identifiers non-empty, not repeated, not the id itself, references
// non-empty.

func addSourceSeeds(f *testing.F, cases []readerCase, files ...string) {
	for _, tc := range cases {
		f.Add([]byte(tc.in))
	}
	for _, name := range files {
		data, err := os.ReadFile(srcDir + name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
}

func fuzzSource(t *testing.T, format Format, data []byte) {
	fuzzDecode(t, format, data)
	dec, err := NewDecoder(bytes.NewReader(data), "fuzz", format)
	if err != nil {
		return
	}
	for calls := 0; calls <= len(data)+10; calls++ {
		r, err := dec.Next()
		if errors.Is(err, io.EOF) {
			return
		}
		var re *RecordError
		if errors.As(err, &re) {
			continue
		}
		if err != nil {
			return
		}
		for _, id := range r.Identifiers {
			if strings.TrimSpace(id) == "" || id == r.ID {
				t.Fatalf("record %s: identifier %q empty or the id", r.Label(), id)
			}
		}
		if len(slices.Compact(slices.Sorted(slices.Values(r.Identifiers)))) != len(r.Identifiers) {
			t.Fatalf("record %s: identifiers repeated: %q", r.Label(), r.Identifiers)
		}
		for _, ref := range r.References {
			if strings.TrimSpace(ref) == "" {
				t.Fatalf("record %s: empty reference in %q", r.Label(), r.References)
			}
		}
		if utf8.Valid(data) {
			for _, s := range append(append([]string{r.Date, r.URL, r.Language}, r.Keywords...), append(r.Categories, r.References...)...) {
				if !utf8.ValidString(s) {
					t.Fatalf("record %s: invalid UTF-8 in %q", r.Label(), s)
				}
			}
		}
	}
}

func FuzzAtom(f *testing.F) {
	addSourceSeeds(f, atomCases, "arxiv_api_query.atom.xml", "arxiv_api_error.atom.xml")
	f.Fuzz(func(t *testing.T, data []byte) { fuzzSource(t, FormatAtom, data) })
}

func FuzzOpenAlex(f *testing.F) {
	addSourceSeeds(f, openAlexCases, "openalex_work.json", "openalex_works_page.json", "openalex_snapshot_part.jsonl")
	f.Fuzz(func(t *testing.T, data []byte) { fuzzSource(t, FormatOpenAlex, data) })
}

// FuzzCrossrefCSL reads each input as Crossref and as CSL-JSON: one
// converter, two envelopes.
func FuzzCrossrefCSL(f *testing.F) {
	addSourceSeeds(f, append(append([]readerCase(nil), crossrefCases...), cslCases...), "crossref_work.json", "crossref_works_list.json", "zotero_items.csl.json")
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzSource(t, FormatCrossref, data)
		fuzzSource(t, FormatCSL, data)
	})
}

func FuzzS2(f *testing.F) {
	addSourceSeeds(f, s2Cases, "s2_paper.json", "s2_search.json")
	f.Fuzz(func(t *testing.T, data []byte) { fuzzSource(t, FormatS2, data) })
}

func FuzzIndico(f *testing.F) {
	addSourceSeeds(f, indicoCases, "indico_event_export.json")
	f.Fuzz(func(t *testing.T, data []byte) { fuzzSource(t, FormatIndico, data) })
}

func FuzzRIS(f *testing.F) {
	addSourceSeeds(f, risCases, "zotero_export.ris")
	f.Fuzz(func(t *testing.T, data []byte) { fuzzSource(t, FormatRIS, data) })
}

func FuzzICal(f *testing.F) {
	addSourceSeeds(f, icalCases, "seminar_programme.ics")
	f.Fuzz(func(t *testing.T, data []byte) { fuzzSource(t, FormatICal, data) })
}

// FuzzDetectSources reads any input as its detected format: whatever
// detection says, the reader it picks ends and reports in order.
func FuzzDetectSources(f *testing.F) {
	entries, _ := os.ReadDir(srcDir)
	for _, e := range entries {
		data, err := os.ReadFile(srcDir + e.Name())
		if err != nil {
			f.Fatal(err)
		}
		f.Add(e.Name(), data)
	}
	f.Add("x.json", []byte(`{"status": "ok", "message": {"items": [{"DOI": "10.1/x"}]}}`))
	f.Fuzz(func(t *testing.T, name string, data []byte) {
		if Detect(name, data) == "" {
			return
		}
		fuzzSource(t, FormatAuto, data)
	})
}

// FuzzStripMarkup: no panic, valid UTF-8 kept valid, no white space left
// at either end or doubled, and text without '<' or '&' only has its
// white space collapsed.
func FuzzStripMarkup(f *testing.F) {
	for _, s := range []string{"<jats:p>a &amp; b</jats:p>", "<p<q>>", "<![CDATA[x", "<!--", "<alternatives><tex-math>x</tex-math><mml:math>y</mml:math></alternatives>", "&#xD800;", "<title>Abstract</title>"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out := stripMarkup(s)
		if utf8.ValidString(s) && !utf8.ValidString(out) {
			t.Fatalf("stripMarkup(%q) = %q: invalid UTF-8", s, out)
		}
		if out != strings.TrimSpace(out) || strings.Contains(out, "  ") {
			t.Fatalf("stripMarkup(%q) = %q: white space not collapsed", s, out)
		}
		if !strings.ContainsAny(s, "<&") && out != collapseSpace(s) {
			t.Fatalf("stripMarkup(%q) = %q: plain text changed", s, out)
		}
	})
}
