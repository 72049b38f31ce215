package corpus

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"testing"
	"unicode/utf8"
)

func FuzzParseCodes(f *testing.F) {
	for _, tt := range parseCodesCases {
		f.Add(tt.in)
	}
	for _, s := range []string{"Primary (Secondary 65K10)", "65K10 (Primary) (Primary)", "(((", ")))65K10", "\xff65K10", "65K10\xff"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c := ParseCodes(s)
		checkCodes(t, s, c)
		for _, code := range c.Codes {
			d := CodeDepth(code)
			if d < 1 || d > 3 || SharedDepth(code, code) != d || CodePrefix(code, d) == "" {
				t.Fatalf("code %q: depth %d, shared with itself %d", code, d, SharedDepth(code, code))
			}
		}
		if utf8.ValidString(s) {
			for _, bad := range c.Invalid {
				if !bytes.Contains([]byte(s), []byte(bad)) {
					t.Fatalf("ParseCodes(%q): invalid token %q is not in the input", s, bad)
				}
			}
		}
		if n, ok := NormalizeCode(s); ok {
			if len(c.Codes) != 1 || c.Codes[0] != n || c.Invalid != nil {
				t.Fatalf("ParseCodes(%q) = %#v, want the one code %q", s, c, n)
			}
		}
	})
}

// boundedDecoder fails a test when Next is called more often than the
// input could hold records.
type boundedDecoder struct {
	t     *testing.T
	dec   Decoder
	calls int
	limit int
}

func (b *boundedDecoder) Next() (Record, error) {
	b.calls++
	if b.calls > b.limit {
		b.t.Fatalf("decoder did not end after %d calls to Next", b.limit)
	}
	r, err := b.dec.Next()
	if err == nil {
		checkRecord(b.t, r)
	}
	var re *RecordError
	if errors.As(err, &re) && re.Pos.File != "fuzz" {
		b.t.Fatalf("record error without the file name: %v", err)
	}
	return r, err
}

// checkRecord asserts what every record a decoder returns must satisfy.
func checkRecord(t *testing.T, r Record) {
	t.Helper()
	if r.Origin.File != "fuzz" {
		t.Fatalf("record origin %v", r.Origin)
	}
	seen := map[string]bool{}
	for _, code := range r.MSC {
		if n, ok := NormalizeCode(code); !ok || n != code {
			t.Fatalf("record %s: code %q not normalised", r.Label(), code)
		}
		if seen[code] {
			t.Fatalf("record %s: code %q repeated in %q", r.Label(), code, r.MSC)
		}
		seen[code] = true
	}
	if r.PrimaryMSC != "" && (len(r.MSC) == 0 || r.MSC[0] != r.PrimaryMSC) {
		t.Fatalf("record %s: primary %q not first in %q", r.Label(), r.PrimaryMSC, r.MSC)
	}
	for _, s := range append([]string{r.ID, r.Title, r.Abstract, r.MSCRaw, r.Language, r.Date, r.URL}, append(r.Authors, r.Keywords...)...) {
		if !utf8.ValidString(s) {
			t.Fatalf("record %s: invalid UTF-8 in %q", r.Label(), s)
		}
	}
}

func fuzzDecoder(t *testing.T, data []byte, format Format) {
	dec, err := NewDecoder(bytes.NewReader(data), "fuzz", format)
	if err != nil {
		return
	}
	c := NewCollector()
	// Every call to Next consumes at least one byte or ends the input.
	_ = c.ReadAll(&boundedDecoder{t: t, dec: dec, limit: len(data) + 3})
	r := c.Report
	if r.Read != r.Accepted+len(r.Skipped) || len(c.Records) != r.Accepted {
		t.Fatalf("report does not add up: read %d, accepted %d, skipped %d, records %d", r.Read, r.Accepted, len(r.Skipped), len(c.Records))
	}
	ids := map[string]bool{}
	for _, rec := range c.Records {
		if rec.ID == "" || ids[rec.ID] {
			t.Fatalf("record %v: id %q empty or repeated", rec.Origin, rec.ID)
		}
		ids[rec.ID] = true
	}
}

// addSeeds adds the fixture files and the table cases of a reader.
func addSeeds(f *testing.F, cases []readerCase, files ...string) {
	for _, tt := range cases {
		f.Add([]byte(tt.in))
	}
	for _, name := range files {
		b, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
}

func FuzzTalkDump(f *testing.F) {
	addSeeds(f, talkDumpCases, "testdata/talks_small.txt")
	f.Add(embeddedCorpus)
	f.Fuzz(func(t *testing.T, data []byte) { fuzzDecoder(t, data, FormatTalkDump) })
}

func FuzzJSONL(f *testing.F) {
	addSeeds(f, jsonlCases, "testdata/records.jsonl", "testdata/dup_a.jsonl", "testdata/dup_b.jsonl", "testdata/kaggle_arxiv_sample.jsonl")
	f.Fuzz(func(t *testing.T, data []byte) { fuzzDecoder(t, data, FormatJSONL) })
}

func FuzzJSON(f *testing.F) {
	addSeeds(f, jsonCases, "testdata/records.json")
	f.Fuzz(func(t *testing.T, data []byte) { fuzzDecoder(t, data, FormatJSON) })
}

func FuzzCSV(f *testing.F) {
	addSeeds(f, csvCases, "testdata/records.csv", "testdata/zbmath_pandas.csv", "testdata/arxiv_ids.csv", "testdata/odd_columns.csv")
	f.Fuzz(func(t *testing.T, data []byte) { fuzzDecoder(t, data, FormatCSV) })
}

func FuzzKaggle(f *testing.F) {
	addSeeds(f, nil, "testdata/kaggle_arxiv_sample.jsonl")
	f.Add([]byte(`{"id":1,"versions":"v1","authors_parsed":[["A"],[],["B","C","D","E"]],"update_date":"x"}` + "\n" + `{"id":"0704.0001v2","title":"T\xe9","abstract":"A","doi":"10.1/x 10.2/y"}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzDecoder(t, data, FormatKaggle)
		// Detected or not, no input makes the reader fail.
		dec, _ := NewDecoder(bytes.NewReader(data), "fuzz", FormatKaggle)
		for range len(data) + 3 {
			_, err := dec.Next()
			var re *RecordError
			if errors.Is(err, io.EOF) {
				return
			}
			if err != nil && !errors.As(err, &re) {
				t.Fatalf("error %v", err)
			}
		}
		t.Fatal("did not end")
	})
}

// FuzzDetect runs detection on any input, and reads what it detects as
// one of the four formats above.
func FuzzDetect(f *testing.F) {
	for _, cases := range [][]readerCase{talkDumpCases, jsonlCases, jsonCases, csvCases} {
		for _, tt := range cases[:2] {
			f.Add(fmt.Sprintf("x.%s", tt.format), []byte(tt.in))
		}
	}
	f.Add("x.jsonl.gz", gzipped(f, []byte(`{"id": "a", "title": "A"}`)))
	f.Fuzz(func(t *testing.T, name string, data []byte) {
		switch Detect(name, data) {
		case FormatTalkDump, FormatJSONL, FormatJSON, FormatCSV:
			// The formats tested here; gzip input is detected as "".
			fuzzDecoder(t, data, FormatAuto)
		}
	})
}
