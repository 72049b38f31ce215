package corpus

import (
	"bytes"
	"fmt"
	"os"
	"reflect"
	"testing"
)

// scanObjectCases are objects the scanner reads (true) or leaves to
// encoding/json (false); every one is also decoded both ways and compared.
var scanObjectCases = []struct {
	in   string
	scan bool
}{
	{`{}`, true},
	{` { "id" : "a1" , "title":"T" } `, true},
	{`{"id":"a1","abstract":"Let \\(u\\) solve\n\t\"Au=f\" \/ \u00e9t\u00E9 \u2028."}`, true},
	{`{"id":7,"year":2024,"msc":["65K10","90C25"],"x":{"y":[1,-2.5e+3,0.1,true,false,null,{}]}}`, true},
	{`{"id":"a","id":"b"}`, true}, // the last value counts
	{`{"title":"a","Title":"b"}`, true},
	{`{"id":"a","title":["Part","one"],"abstract":null}`, true},
	{"{\"id\":\"a\",\"title\":\"caf\xe9\"}", true}, // Windows-1252, repaired
	{`{"references":[{"doi":"10.1/x"},"arXiv:1234.5678"]}`, true},
	{`{"id":"\ud835\udc00"}`, true}, // a surrogate pair: the value is left to encoding/json
	{`{"id":"\ud835"}`, true},       // a lone surrogate: the same
	{`{"i\u0064":"a"}`, false},      // an escaped key
	{"{\"\xff\":\"a\"}", false},     // a key that is not UTF-8
	{`{"id":"a",}`, false},          // trailing comma
	{`{"id":"a"} x`, false},         // data after the object
	{`{"id":01}`, false},            // a leading zero
	{`{"id":1.}`, false},            // no fraction digits
	{`{"id":-}`, false},             // no digits
	{`{"id":tru}`, false},           // a cut literal
	{"{\"id\":\"a\tb\"}", false},    // a control character in a string
	{`{"id":"\x41"}`, false},        // an escape JSON has not
	{`{"id":"\u12G4"}`, false},      // a bad hex digit
	{`{"id":"a"`, false},            // unterminated
	{`["id","a"]`, false},           // not an object
	{`null`, false},                 // not an object either
	{`{"id":[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]}`, false},
}

func TestScanObjectAgreesWithEncodingJSON(t *testing.T) {
	for _, c := range scanObjectCases {
		t.Run(c.in, func(t *testing.T) {
			if _, ok := scanObject([]byte(c.in), nil); ok != c.scan {
				t.Errorf("scanObject ok = %v, want %v", ok, c.scan)
			}
			checkSameDecoding(t, []byte(c.in))
		})
	}
}

func TestScanObjectMembers(t *testing.T) {
	in := ` {"id" :"a1", "msc" : [ "65K10" ],"n":-0.5E-2 ,"o":{"p":null}}`
	got, ok := scanObject([]byte(in), nil)
	want := []jsonMember{{"id", []byte(`"a1"`)}, {"msc", []byte(`[ "65K10" ]`)}, {"n", []byte(`-0.5E-2`)}, {"o", []byte(`{"p":null}`)}}
	if !ok || !reflect.DeepEqual(got, want) {
		t.Errorf("scanObject = %q, %v; want %q", got, ok, want)
	}
}

func TestUnquoteJSON(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{`""`, ""},
		{`"plain"`, "plain"},
		{`"\"\\\/\b\f\n\r\t"`, "\"\\/\b\f\n\r\t"},
		{`"\u0041\u00e9\u4e2d\uFFFD"`, "Aé中\uFFFD"},
		{`"a \\(x\\) b"`, `a \(x\) b`},
	} {
		if got, ok := unquoteJSON([]byte(c.in)); !ok || got != c.want {
			t.Errorf("unquoteJSON(%s) = %q, %v; want %q", c.in, got, ok, c.want)
		}
	}
	if _, ok := unquoteJSON([]byte(`"\udc00"`)); ok {
		t.Error("unquoteJSON took a lone surrogate, which encoding/json decodes by its own rule")
	}
}

// checkSameDecoding fails unless decodeObject and decodeObjectStd give
// the same record, or the same error, for raw, with and without a
// field mapping.
func checkSameDecoding(t *testing.T, raw []byte) {
	t.Helper()
	pos := Position{File: "f.jsonl", Line: 3, N: 3}
	for _, fm := range []fieldMap{newFieldMap(nil), newFieldMap(&Options{Fields: map[string]string{"abstract": "text", "id": "paper_id"}})} {
		got, gotErr := decodeObject(raw, pos, fm)
		want, wantErr := decodeObjectStd(raw, pos, fm)
		if fmt.Sprint(gotErr) != fmt.Sprint(wantErr) {
			t.Fatalf("%q: error %v, encoding/json's %v", raw, gotErr, wantErr)
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("%q:\n got %#v\nwant %#v", raw, got, want)
		}
	}
}

func FuzzScanObject(f *testing.F) {
	for _, c := range scanObjectCases {
		f.Add([]byte(c.in))
	}
	f.Fuzz(func(t *testing.T, raw []byte) { checkSameDecoding(t, raw) })
}

// BenchmarkDecodeObject decodes the lines of a real arXiv export (Kaggle's
// JSON Lines) by the scanner and by encoding/json.
func BenchmarkDecodeObject(b *testing.B) {
	data, err := os.ReadFile("testdata/kaggle_arxiv_sample.jsonl")
	if err != nil {
		b.Fatal(err)
	}
	lines := bytes.Split(bytes.TrimSpace(data), []byte("\n"))
	fm := newFieldMap(nil)
	for _, c := range []struct {
		name   string
		decode func([]byte, Position, fieldMap) (Record, error)
	}{{"scan", decodeObject}, {"encoding-json", decodeObjectStd}} {
		b.Run(c.name, func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			for range b.N {
				for _, l := range lines {
					if _, err := c.decode(l, Position{}, fm); err != nil {
						b.Fatal(err)
					}
				}
			}
		})
	}
}
