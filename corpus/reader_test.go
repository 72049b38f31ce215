package corpus

import (
	"errors"
	"fmt"
	"io"
	"reflect"
	"strings"
	"testing"
)

// step is one outcome of Decoder.Next: a record, a bad record (err set,
// fatal false) or an error that ends the input (fatal).
type step struct {
	rec   Record
	err   string
	fatal bool
}

func (s step) String() string {
	if s.err != "" {
		return fmt.Sprintf("error(fatal=%v) %q", s.fatal, s.err)
	}
	return fmt.Sprintf("record %#v", s.rec)
}

// maxSteps bounds every decoding loop in the tests, so that a decoder that
// never reaches the end fails instead of hanging.
const maxSteps = 10000

// decodeAll reads dec to io.EOF or the first error that is not a
// *RecordError.
func decodeAll(t testing.TB, dec Decoder) []step {
	t.Helper()
	var out []step
	for i := 0; ; i++ {
		if i > maxSteps {
			t.Fatalf("decoder did not end after %d calls to Next", maxSteps)
		}
		r, err := dec.Next()
		if errors.Is(err, io.EOF) {
			return out
		}
		if err != nil {
			var re *RecordError
			if errors.As(err, &re) {
				out = append(out, step{err: err.Error()})
				continue
			}
			return append(out, step{err: err.Error(), fatal: true})
		}
		r.Problems = plainErrs(r.Problems)
		out = append(out, step{rec: r})
	}
}

func pos(line, n int) Position { return Position{File: "in", Line: line, N: n} }

const mk = talkDumpMarker

type readerCase struct {
	name   string
	format Format
	in     string
	want   []step
}

func runReaderCases(t *testing.T, cases []readerCase) {
	t.Helper()
	for _, tt := range cases {
		t.Run(tt.name, func(t *testing.T) {
			dec, err := NewDecoder(strings.NewReader(tt.in), "in", tt.format)
			if err != nil {
				t.Fatalf("NewDecoder: %v", err)
			}
			got := decodeAll(t, dec)
			if len(got) != len(tt.want) {
				t.Errorf("got %d steps, want %d", len(got), len(tt.want))
			}
			for i := 0; i < max(len(got), len(tt.want)); i++ {
				var g, w step
				if i < len(got) {
					g = got[i]
				}
				if i < len(tt.want) {
					w = tt.want[i]
				}
				if !reflect.DeepEqual(g, w) {
					t.Errorf("step %d:\n got %v\nwant %v", i+1, g, w)
				}
			}
			// After the end, Next keeps saying so.
			if len(got) == 0 || !got[len(got)-1].fatal {
				for range 3 {
					if _, err := dec.Next(); !errors.Is(err, io.EOF) {
						t.Errorf("Next after the end = %v, want io.EOF", err)
					}
				}
			}
			// The same input read through a Collector adds up.
			checkCollected(t, tt.in, tt.format, tt.want)
		})
	}
}

// checkCollected reads in through a Collector and checks its Report
// against the steps the decoder gave.
func checkCollected(t *testing.T, in string, format Format, want []step) {
	t.Helper()
	dec, err := NewDecoder(strings.NewReader(in), "in", format)
	if err != nil {
		t.Fatalf("NewDecoder: %v", err)
	}
	c := NewCollector()
	err = c.ReadAll(dec)
	var bad, recs, empty, fatal int
	for _, s := range want {
		switch {
		case s.fatal:
			fatal++
		case s.err != "":
			bad++
		case strings.TrimSpace(s.rec.Title) == "" && strings.TrimSpace(s.rec.Abstract) == "":
			empty++
		default:
			recs++
		}
	}
	if (err != nil) != (fatal > 0) {
		t.Errorf("ReadAll error = %v, want fatal error: %v", err, fatal > 0)
	}
	r := c.Report
	if r.Read != r.Accepted+len(r.Skipped) {
		t.Errorf("report does not add up: read %d != accepted %d + skipped %d", r.Read, r.Accepted, len(r.Skipped))
	}
	if r.Read != bad+recs+empty || r.Accepted != recs || len(r.Skipped) != bad+empty {
		t.Errorf("report read %d, accepted %d, skipped %d; want %d, %d, %d", r.Read, r.Accepted, len(r.Skipped), bad+recs+empty, recs, bad+empty)
	}
	if len(c.Records) != r.Accepted {
		t.Errorf("%d records kept, report says %d accepted", len(c.Records), r.Accepted)
	}
}

func TestTalkDumpDecoder(t *testing.T) { runReaderCases(t, talkDumpCases) }

var talkDumpCases = []readerCase{
	{
		name:   "two records",
		format: FormatTalkDump,
		in: mk + "\ny\nAbstract one.\n[-]\nAbstract ...\n[+]\n65K10 ; 65K05\n" +
			mk + "\ny\nAbstract two\non two lines.\n[-]\nAbstract two ...\n[+]\n90C25\n",
		want: []step{
			{rec: Record{Abstract: "Abstract one.", MSC: []string{"65K10", "65K05"}, Origin: pos(1, 1)}},
			{rec: Record{Abstract: "Abstract two\non two lines.", MSC: []string{"90C25"}, Origin: pos(8, 2)}},
		},
	},
	{
		name:   "no final newline, CRLF, marker with spaces",
		format: FormatTalkDump,
		in:     "  " + mk + " \r\ny\r\nAbstract.\r\n[-]\r\nAbs...\r\n[+]\r\n65k10 ; 65-xx",
		want: []step{
			{rec: Record{Abstract: "Abstract.", MSC: []string{"65K10", "65-XX"}, Origin: pos(1, 1)}},
		},
	},
	{
		name:   "empty record",
		format: FormatTalkDump,
		in:     mk + "\n" + mk + "\ny\nAbstract.\n[-]\nAbs...\n[+]\n65K10\n" + mk + "\n",
		want: []step{
			{err: "in:1 (record 1): empty record (marker line with no content)"},
			{rec: Record{Abstract: "Abstract.", MSC: []string{"65K10"}, Origin: pos(2, 2)}},
			{err: "in:9 (record 3): empty record (marker line with no content)"},
		},
	},
	{
		name:   "empty record with blank lines",
		format: FormatTalkDump,
		in:     mk + "\n\n  \n" + mk + "\ny\nAbstract.\n[-]\nAbs...\n[+]\n65K10\n" + mk + "\n\n",
		want: []step{
			{err: "in:1 (record 1): empty record (marker line with no content)"},
			{rec: Record{Abstract: "Abstract.", MSC: []string{"65K10"}, Origin: pos(4, 2)}},
			{err: "in:11 (record 3): empty record (marker line with no content)"},
		},
	},
	{
		name:   "missing [-]",
		format: FormatTalkDump,
		in:     mk + "\ny\nAbstract.\n[+]\n65K10\n" + mk + "\ny\nNext.\n[-]\nNext...\n[+]\n90C25\n",
		want: []step{
			{err: `in:1 (record 1): malformed record: no "[-]" line before the next record or the end of the file`},
			{rec: Record{Abstract: "Next.", MSC: []string{"90C25"}, Origin: pos(6, 2)}},
		},
	},
	{
		name:   "missing [+]",
		format: FormatTalkDump,
		in:     mk + "\ny\nNext.\n[-]\nNext...\n[+]\n90C25\n" + mk + "\ny\nAbstract.\n[-]\nAbs...\n65K10\n",
		want: []step{
			{rec: Record{Abstract: "Next.", MSC: []string{"90C25"}, Origin: pos(1, 1)}},
			{err: `in:8 (record 2): malformed record: no "[+]" line before the next record or the end of the file`},
		},
	},
	{
		name:   "no y line",
		format: FormatTalkDump,
		in:     mk + "\nAbstract.\n[-]\nAbs...\n[+]\n65K10\n",
		want: []step{
			{rec: Record{Abstract: "Abstract.", MSC: []string{"65K10"}, Origin: pos(1, 1)}},
		},
	},
	{
		name:   "no codes",
		format: FormatTalkDump,
		in:     mk + "\ny\nAbstract.\n[-]\nAbs...\n[+]\n\n",
		want: []step{
			{rec: Record{Abstract: "Abstract.", Origin: pos(1, 1)}},
		},
	},
	{
		name:   "codes on several lines, repeats, old codes",
		format: FormatTalkDump,
		in:     mk + "\ny\nAbstract.\n[-]\nAbs...\n[+]\n65K10 ; 35.43\n\n65K10 ; 57M ; 90C25\n",
		want: []step{
			{rec: Record{Abstract: "Abstract.", MSC: []string{"65K10", "90C25"}, MSCRaw: "65K10 ; 35.43 ; 65K10 ; 57M ; 90C25",
				Origin: pos(1, 1), Problems: errs(`not MSC codes, kept in msc_raw: ["35.43" "57M"]`)}},
		},
	},
	{
		name:   "abstract empty",
		format: FormatTalkDump,
		in:     mk + "\ny\n[-]\n...\n[+]\n65K10\n",
		want: []step{
			{rec: Record{MSC: []string{"65K10"}, Origin: pos(1, 1)}},
		},
	},
	{
		name:   "invalid UTF-8",
		format: FormatTalkDump,
		in:     mk + "\ny\nAbstract \xe9t\xe9 here.\n[-]\nAbs...\n[+]\n65K10\n" + mk + "\ny\nNext.\n[-]\nNext...\n[+]\n90C25\n",
		want: []step{
			{rec: Record{Abstract: "Abstract été here.", MSC: []string{"65K10"}, Origin: pos(1, 1),
				Problems: errs("invalid UTF-8 in line 3, read as Windows-1252")}},
			{rec: Record{Abstract: "Next.", MSC: []string{"90C25"}, Origin: pos(8, 2)}},
		},
	},
	{
		name:   "text before the first record",
		format: FormatTalkDump,
		in:     "Talks\n\n" + mk + "\ny\nAbstract.\n[-]\nAbs...\n[+]\n65K10\n",
		want: []step{
			{err: "in:1: 1 line(s) of text outside any record before line 3"},
			{rec: Record{Abstract: "Abstract.", MSC: []string{"65K10"}, Origin: pos(3, 1)}},
		},
	},
	{
		name:   "text only",
		format: FormatTalkDump,
		in:     "some text\nmore text\n",
		want: []step{
			{err: "in:2: 2 line(s) of text outside any record at the end of the file"},
		},
	},
	{
		name:   "empty input",
		format: FormatTalkDump,
		in:     "",
	},
	{
		name:   "blank input",
		format: FormatTalkDump,
		in:     "\n\n \n",
	},
}

func TestJSONLDecoder(t *testing.T) { runReaderCases(t, jsonlCases) }

var jsonlCases = []readerCase{
	{
		name:   "all fields",
		format: FormatJSONL,
		in: `{"id": "r1", "title": " Convex optimization ", "authors": "Ann Smith and Bob Jones", "abstract": "Gradient methods.",` +
			` "msc": ["65K10", "90c25"], "msc_primary": "90C25", "keywords": "convexity; duality", "language": "English",` +
			` "year": 2020, "date": "2020-05-01", "url": "https://example.org/r1", "ignored": {"x": 1}}` + "\n",
		want: []step{{rec: Record{ID: "r1", Title: "Convex optimization", Authors: []string{"Ann Smith", "Bob Jones"},
			Abstract: "Gradient methods.", MSC: []string{"90C25", "65K10"}, PrimaryMSC: "90C25",
			Keywords: []string{"convexity", "duality"}, Language: "english", Year: 2020, Date: "2020-05-01",
			URL: "https://example.org/r1", Origin: pos(1, 1)}}},
	},
	{
		name:   "numeric id and year, authors list, msc string",
		format: FormatJSONL,
		in:     `{"id": 42, "title": "T", "authors": ["Carl Doe", "Dana Roe", null], "msc": "Primary 11F11, 11F33; Secondary 11F80", "year": 1997}`,
		want: []step{{rec: Record{ID: "42", Title: "T", Authors: []string{"Carl Doe", "Dana Roe"},
			MSC: []string{"11F11", "11F33", "11F80"}, PrimaryMSC: "11F11", Year: 1997, Origin: pos(1, 1)}}},
	},
	{
		name:   "MathSciNet msc string and year as text",
		format: FormatJSONL,
		in:     `{"id": "m1", "title": "T", "msc": "60H15 (35R60 93E20)", "year": "2019", "keywords": "a, b"}`,
		want: []step{{rec: Record{ID: "m1", Title: "T", MSC: []string{"60H15", "35R60", "93E20"}, PrimaryMSC: "60H15",
			Keywords: []string{"a", "b"}, Year: 2019, Origin: pos(1, 1)}}},
	},
	{
		name:   "msc_primary not in msc",
		format: FormatJSONL,
		in:     `{"id": "p", "title": "T", "msc": ["65K10", "65K05"], "msc_primary": "90c25"}`,
		want:   []step{{rec: Record{ID: "p", Title: "T", MSC: []string{"90C25", "65K10", "65K05"}, PrimaryMSC: "90C25", Origin: pos(1, 1)}}},
	},
	{
		name:   "bad msc_primary",
		format: FormatJSONL,
		in:     `{"id": "p", "title": "T", "msc": ["65K10"], "msc_primary": "35.43"}`,
		want: []step{{rec: Record{ID: "p", Title: "T", MSC: []string{"65K10"}, Origin: pos(1, 1),
			Problems: errs(`msc_primary "35.43" is not an MSC code, ignored`)}}},
	},
	{
		name:   "msc_raw with old codes",
		format: FormatJSONL,
		in:     `{"id": "o", "title": "T", "msc": ["35K55"], "msc_raw": "35K55; 35.43", "msc_primary": null}`,
		want: []step{{rec: Record{ID: "o", Title: "T", MSC: []string{"35K55"}, MSCRaw: "35K55; 35.43", Origin: pos(1, 1),
			Problems: errs(`not MSC codes, kept in msc_raw: ["35.43"]`)}}},
	},
	{
		name:   "msc_raw alone",
		format: FormatJSONL,
		in:     `{"id": "o", "title": "T", "msc_raw": "28Dxx (58F11 58F17)"}`,
		want:   []step{{rec: Record{ID: "o", Title: "T", MSC: []string{"28Dxx", "58F11", "58F17"}, PrimaryMSC: "28Dxx", Origin: pos(1, 1)}}},
	},
	{
		name:   "msc list with old code",
		format: FormatJSONL,
		in:     `{"id": "o", "title": "T", "msc": ["35.43", "65k10"]}`,
		want: []step{{rec: Record{ID: "o", Title: "T", MSC: []string{"65K10"}, MSCRaw: "35.43", Origin: pos(1, 1),
			Problems: errs(`not MSC codes, kept in msc_raw: ["35.43"]`)}}},
	},
	{
		name:   "aliases and case",
		format: FormatJSONL,
		in:     `{"Identifier": "a", "TITLE": "T", "Speaker": "Ann Smith", "Summary": "S.", "MSC_Codes": "65K10", "lang": "fr", "Link": "u"}`,
		want: []step{{rec: Record{ID: "a", Title: "T", Authors: []string{"Ann Smith"}, Abstract: "S.", MSC: []string{"65K10"},
			Language: "french", URL: "u", Origin: pos(1, 1)}}},
	},
	{
		name:   "title and abstract as lists",
		format: FormatJSONL,
		in:     `{"id": "l", "title": ["Part one", " ", "part two"], "abstract": ["A."]}`,
		want:   []step{{rec: Record{ID: "l", Title: "Part one\npart two", Abstract: "A.", Origin: pos(1, 1)}}},
	},
	{
		name:   "fields of the wrong type",
		format: FormatJSONL,
		in:     `{"id": ["x"], "title": 5, "abstract": "A.", "msc": [65], "year": "n/a", "language": true}`,
		want: []step{{rec: Record{Abstract: "A.", Origin: pos(1, 1), Problems: errs(
			`field "id": a list where one value was expected, ignored`,
			`field "language": unexpected bool, ignored`,
			`field "msc": item 1 is not text, ignored`,
			`field "title": a number where text was expected, ignored`,
			`year "n/a" is not a number, ignored`,
		)}}},
	},
	{
		name:   "year from date",
		format: FormatJSONL,
		in:     `{"id": "d", "title": "T", "date": "2015-03-02"}`,
		want:   []step{{rec: Record{ID: "d", Title: "T", Date: "2015-03-02", Year: 2015, Origin: pos(1, 1)}}},
	},
	{
		name:   "neither title nor abstract",
		format: FormatJSONL,
		in:     `{"id": "e", "title": "  ", "abstract": ""}`,
		want:   []step{{rec: Record{ID: "e", Origin: pos(1, 1)}}},
	},
	{
		name:   "malformed line, next line read",
		format: FormatJSONL,
		in:     "{\"id\": \"a\", \"title\": \"A\"}\n{\"id\": \"b\", \"title\": broken}\n{\"id\": \"c\", \"title\": \"C\"}\n",
		want: []step{
			{rec: Record{ID: "a", Title: "A", Origin: pos(1, 1)}},
			{err: "in:2 (record 2): malformed JSON: invalid character 'b' looking for beginning of value"},
			{rec: Record{ID: "c", Title: "C", Origin: pos(3, 3)}},
		},
	},
	{
		name:   "blank lines, BOM, CRLF",
		format: FormatJSONL,
		in:     "\ufeff{\"id\": \"a\", \"title\": \"A\"}\r\n\r\n  \n{\"id\": \"b\", \"title\": \"B\"}",
		want: []step{
			{rec: Record{ID: "a", Title: "A", Origin: pos(1, 1)}},
			{rec: Record{ID: "b", Title: "B", Origin: pos(4, 2)}},
		},
	},
	{
		name:   "not objects",
		format: FormatJSONL,
		in:     "[1, 2]\n\"text\"\n3\n{\"id\": \"c\", \"title\": \"C\"}\n",
		want: []step{
			{err: "in:1 (record 1): not a JSON object but array"},
			{err: "in:2 (record 2): not a JSON object but string"},
			{err: "in:3 (record 3): not a JSON object but number"},
			{rec: Record{ID: "c", Title: "C", Origin: pos(4, 4)}},
		},
	},
	{
		name:   "invalid UTF-8",
		format: FormatJSONL,
		in:     "{\"id\": \"a\", \"title\": \"Universit\xe9 \xc3\xa9t\xe9\", \"journal-ref\": \"E\xf6tv\xf6s\"}\n{\"id\": \"b\", \"title\": \"B\"}\n",
		want: []step{
			{rec: Record{ID: "a", Title: "Université été", Origin: pos(1, 1), Problems: errs(`invalid UTF-8 in field "title", read as Windows-1252`)}},
			{rec: Record{ID: "b", Title: "B", Origin: pos(2, 2)}},
		},
	},
	{
		name:   "two objects on a line",
		format: FormatJSONL,
		in:     `{"id": "a", "title": "A"}{"id": "b", "title": "B"}`,
		want: []step{
			{err: "in:1 (record 1): malformed JSON: invalid character '{' after top-level value"},
		},
	},
	{
		name:   "empty input",
		format: FormatJSONL,
		in:     "",
	},
}

func TestJSONArrayDecoder(t *testing.T) { runReaderCases(t, jsonCases) }

var jsonCases = []readerCase{
	{
		name:   "records",
		format: FormatJSON,
		in:     "[\n  {\"id\": \"a\", \"title\": \"A\", \"msc\": \"65K10, 65K05\", \"authors\": \"Ann and Bob\"},\n  {\"id\": 7, \"abstract\": \"B\", \"msc\": [\"60H15\", \"35.43\"], \"year\": 2001}\n]\n",
		want: []step{
			{rec: Record{ID: "a", Title: "A", Authors: []string{"Ann", "Bob"}, MSC: []string{"65K10", "65K05"}, Origin: Position{File: "in", N: 1}}},
			{rec: Record{ID: "7", Abstract: "B", MSC: []string{"60H15"}, MSCRaw: "35.43", Year: 2001, Origin: Position{File: "in", N: 2},
				Problems: errs(`not MSC codes, kept in msc_raw: ["35.43"]`)}},
		},
	},
	{
		name:   "empty array",
		format: FormatJSON,
		in:     " [ ] \n",
	},
	{
		name:   "elements that are not objects",
		format: FormatJSON,
		in:     `["text", 1, null, {"id": "a", "title": "A"}]`,
		want: []step{
			{err: "in (record 1): not a JSON object but string"},
			{err: "in (record 2): not a JSON object but number"},
			{rec: Record{Origin: Position{File: "in", N: 3}}},
			{rec: Record{ID: "a", Title: "A", Origin: Position{File: "in", N: 4}}},
		},
	},
	{
		name:   "invalid UTF-8 in an element",
		format: FormatJSON,
		in:     "[{\"id\": \"a\", \"title\": \"\xe9\"}, {\"id\": \"b\", \"title\": \"B\"}]",
		want: []step{
			{rec: Record{ID: "a", Title: "é", Origin: Position{File: "in", N: 1}, Problems: errs(`invalid UTF-8 in field "title", read as Windows-1252`)}},
			{rec: Record{ID: "b", Title: "B", Origin: Position{File: "in", N: 2}}},
		},
	},
	{
		name:   "malformed element",
		format: FormatJSON,
		in:     `[{"id": "a", "title": "A"}, {"id": "b", "title": broken}, {"id": "c", "title": "C"}]`,
		want: []step{
			{rec: Record{ID: "a", Title: "A", Origin: Position{File: "in", N: 1}}},
			{err: "in: record 2 (byte 26): malformed JSON: invalid character 'b' looking for beginning of value", fatal: true},
		},
	},
	{
		name:   "truncated",
		format: FormatJSON,
		in:     `[{"id": "a", "title": "A"}`,
		want: []step{
			{rec: Record{ID: "a", Title: "A", Origin: Position{File: "in", N: 1}}},
			{err: "in: after record 1: EOF", fatal: true},
		},
	},
	{
		name:   "trailing comma",
		format: FormatJSON,
		in:     `[{"id": "a", "title": "A"},]`,
		want: []step{
			{rec: Record{ID: "a", Title: "A", Origin: Position{File: "in", N: 1}}},
			{err: "in: record 2 (byte 26): malformed JSON: invalid character ']' looking for beginning of value", fatal: true},
		},
	},
	{
		name:   "data after the array",
		format: FormatJSON,
		in:     `[] []`,
		want:   []step{{err: "in: data after the end of the array (byte 4)", fatal: true}},
	},
	{
		name:   "one object: one record",
		format: FormatJSON,
		in:     "{\n  \"id\": \"a\",\n  \"title\": \"A\"\n}\n",
		want:   []step{{rec: Record{ID: "a", Title: "A", Origin: Position{File: "in", N: 1}}}},
	},
	{
		name:   "pretty-printed objects one after the other",
		format: FormatJSON,
		in:     "{\n \"id\": \"a\", \"title\": \"A\"\n}\n{\n \"id\": \"b\", \"title\": \"B\"\n}\n[1]\n{\"id\": broken}",
		want: []step{
			{rec: Record{ID: "a", Title: "A", Origin: Position{File: "in", N: 1}}},
			{rec: Record{ID: "b", Title: "B", Origin: Position{File: "in", N: 2}}},
			{err: "in (record 3): not a JSON object but array"},
			{err: "in: record 4 (byte 61): malformed JSON: invalid character 'b' looking for beginning of value", fatal: true},
		},
	},
	{
		name:   "a string, not an array",
		format: FormatJSON,
		in:     `"records"`,
		want:   []step{{err: `in: expected a JSON array of records or record objects, found the string "records"`, fatal: true}},
	},
	{
		name:   "empty input",
		format: FormatJSON,
		in:     "",
		want:   []step{{err: "in: empty input, expected a JSON array of records", fatal: true}},
	},
}

func TestCSVDecoder(t *testing.T) { runReaderCases(t, csvCases) }

var csvCases = []readerCase{
	{
		name:   "records",
		format: FormatCSV,
		in: "id,title,authors,abstract,msc,year,comment\n" +
			"c1,Convex optimization,Ann Smith and Bob Jones,\"Gradient methods, with \"\"quotes\"\".\",65K10 ; 65K05,2020,x\n" +
			"c2,Stochastic PDEs,Dana Roe; Eve Poe,\"Two\nlines.\",60H15 (35R60 93E20),2019,\n" +
			"3,Old codes,,,35.43 ; 65k10,,\n",
		want: []step{
			{rec: Record{ID: "c1", Title: "Convex optimization", Authors: []string{"Ann Smith", "Bob Jones"},
				Abstract: `Gradient methods, with "quotes".`, MSC: []string{"65K10", "65K05"}, Year: 2020, Origin: pos(2, 1)}},
			{rec: Record{ID: "c2", Title: "Stochastic PDEs", Authors: []string{"Dana Roe", "Eve Poe"},
				Abstract: "Two\nlines.", MSC: []string{"60H15", "35R60", "93E20"}, PrimaryMSC: "60H15", Year: 2019, Origin: pos(3, 2)}},
			{rec: Record{ID: "3", Title: "Old codes", MSC: []string{"65K10"}, MSCRaw: "35.43 ; 65k10", Origin: pos(5, 3),
				Problems: errs(`not MSC codes, kept in msc_raw: ["35.43"]`)}},
		},
	},
	{
		name:   "wrong number of fields",
		format: FormatCSV,
		in:     "id,title,msc\na,A,65K10\nb,B\nc,C,90C25,extra\nd,D,\n",
		want: []step{
			{rec: Record{ID: "a", Title: "A", MSC: []string{"65K10"}, Origin: pos(2, 1)}},
			{err: `in:3 (record 2): id "b": 2 fields where the header has 3`},
			{err: `in:4 (record 3): id "c": 4 fields where the header has 3`},
			{rec: Record{ID: "d", Title: "D", Origin: pos(5, 4)}},
		},
	},
	{
		name:   "neither title nor abstract in a row",
		format: FormatCSV,
		in:     "id,title,abstract\ne,,\nf,F,\n",
		want: []step{
			{rec: Record{ID: "e", Origin: pos(2, 1)}},
			{rec: Record{ID: "f", Title: "F", Origin: pos(3, 2)}},
		},
	},
	{
		name:   "invalid UTF-8",
		format: FormatCSV,
		in:     "id,title\na,\xc9t\xe9\nb,B\n",
		want: []step{
			{rec: Record{ID: "a", Title: "Été", Origin: pos(2, 1), Problems: errs(`invalid UTF-8 in column 2 ("title"), read as Windows-1252`)}},
			{rec: Record{ID: "b", Title: "B", Origin: pos(3, 2)}},
		},
	},
	{
		name:   "bare quote in the first field",
		format: FormatCSV,
		in:     "title,abstract\na\"b,c\nd,e\n",
		want: []step{
			{err: `in:2 (record 1): malformed CSV: bare " in non-quoted-field`},
			{rec: Record{Title: "d", Abstract: "e", Origin: pos(3, 2)}},
		},
	},
	{
		name:   "bare quote in a later field",
		format: FormatCSV,
		in:     "title,abstract\nd,e\na,b\"c\n",
		want: []step{
			{rec: Record{Title: "d", Abstract: "e", Origin: pos(2, 1)}},
			{err: `in:3 (record 2): malformed CSV: bare " in non-quoted-field`},
		},
	},
	{
		name:   "unterminated quote",
		format: FormatCSV,
		in:     "title,abstract\nd,e\na,\"b\nc\n",
		want: []step{
			{rec: Record{Title: "d", Abstract: "e", Origin: pos(2, 1)}},
			{err: `in:3 (record 2): malformed CSV: extraneous or missing " in quoted-field`},
		},
	},
	{
		name:   "BOM, aliases, repeated author columns, blank lines",
		format: FormatCSV,
		in:     "\ufeffIdentifier,Summary,Speaker,Author,Keywords,Lang\n\nx,S.,Ann,Bob,\"k1, k2\",fr\r\n",
		want: []step{
			{rec: Record{ID: "x", Abstract: "S.", Authors: []string{"Ann", "Bob"}, Keywords: []string{"k1", "k2"}, Language: "french", Origin: pos(3, 1)}},
		},
	},
	{
		name:   "year not a number",
		format: FormatCSV,
		in:     "title,year\nT,n/a\n",
		want: []step{
			{rec: Record{Title: "T", Origin: pos(2, 1), Problems: errs(`year "n/a" is not a number, ignored`)}},
		},
	},
	{
		name:   "empty msc cell, codes in msc_raw",
		format: FormatCSV,
		in:     "title,msc,msc_raw\nT,,65K10 ; 35.43\nU,90C25,90C25 ; 35.43\n",
		want: []step{
			{rec: Record{Title: "T", MSC: []string{"65K10"}, MSCRaw: "65K10 ; 35.43", Origin: pos(2, 1),
				Problems: errs(`not MSC codes, kept in msc_raw: ["35.43"]`)}},
			{rec: Record{Title: "U", MSC: []string{"90C25"}, MSCRaw: "90C25 ; 35.43", Origin: pos(3, 2),
				Problems: errs(`not MSC codes, kept in msc_raw: ["35.43"]`)}},
		},
	},
	{
		name:   "header only",
		format: FormatCSV,
		in:     "title,abstract\n",
	},
}

func TestCSVDecoderHeaderErrors(t *testing.T) {
	tests := []struct {
		in   string
		want string
	}{
		{"", "in: empty CSV file, expected a header row"},
		{"id,msc\na,65K10\n", `in: header row has neither a title nor an abstract column (2 column(s): "id", "msc"); name one with --field abstract=NAME`},
		// A file without a header row: its first row of data, cut short.
		{"0704.0001," + strings.Repeat("word ", 120) + ",hep-ph,a,b,c,d,e,f,g\n", `in: header row has neither a title nor an abstract column (10 column(s): "0704.0001", "word word word word word word…", "hep-ph", "a", "b", "c", "d", "e", ...); name one with --field abstract=NAME`},
		{"title,Title\n", `in: header row: columns 1 ("title") and 2 ("Title") both give "title"; choose one with --field title=NAME`},
		{"id,title,identifier\n", `in: header row: columns 1 ("id") and 3 ("identifier") both give "id"; choose one with --field id=NAME`},
		{"ti\"tle,abstract\n", `in: header row: parse error on line 1, column 3: bare " in non-quoted-field`},
	}
	for _, tt := range tests {
		_, err := NewDecoder(strings.NewReader(tt.in), "in", FormatCSV)
		if err == nil || err.Error() != tt.want {
			t.Errorf("NewDecoder(%q) error = %v, want %q", tt.in, err, tt.want)
		}
	}
}

// errs makes the Problems of an expected record from their messages.
func errs(msgs ...string) []error {
	out := make([]error, len(msgs))
	for i, m := range msgs {
		out[i] = errors.New(m)
	}
	return out
}

// plainErrs keeps only the messages of errors, so that records compare
// with those made by errs.
func plainErrs(es []error) []error {
	if es == nil {
		return nil
	}
	msgs := make([]string, len(es))
	for i, e := range es {
		msgs[i] = e.Error()
	}
	return errs(msgs...)
}
