package corpus

import (
	"strings"
	"testing"
)

// JSON that is no known record shape is said to be so, naming its keys,
// before any record is read; JSON whose keys are record fields is read
// whatever its layout.
func TestJSONShapes(t *testing.T) {
	for _, tc := range []struct {
		name, in string
		fields   map[string]string
		err      string // "" when the input reads
		records  int
	}{
		{"API error envelope", `{"status": "error", "message": {"reason": "not found"}}`, nil,
			"x.json: a JSON object with keys message, status: not a known record shape", 0},
		{"pretty envelope", "{\n  \"status\": \"ok\",\n  \"message\": {}\n}\n", nil,
			"x.json: a JSON object with keys message, status: not a known record shape", 0},
		{"array of unknown objects", `[{"foo": 1, "bar": 2}]`, nil,
			"x.json: a JSON array of objects with keys bar, foo: not a known record shape", 0},
		{"OpenAlex authors", `{"meta": {"count": 1}, "results": [{"id": "https://openalex.org/A5023888391", "display_name": "Jane Doe"}]}`, nil,
			"x.json: a JSON object with keys meta, results: not a known record shape", 0},
		{"array of strings", `["a", "b"]`, nil, "x.json: a JSON array of strings: not a known record shape", 0},
		{"many keys, a few named", `{"k1":1,"k2":1,"k3":1,"k4":1,"k5":1,"k6":1,"k7":1,"k8":1,"k9":1,"k10":1}`, nil,
			"x.json: a JSON object with keys k1, k10, k2, k3, k4, k5, k6, k7 ... (10 keys): not a known record shape", 0},
		{"mapped by --field", `{"paper_title": "T"}`, map[string]string{"paper_title": "title"}, "", 1},
		{"one record, pretty", "{\n  \"id\": \"a\",\n  \"title\": \"T\"\n}\n", nil, "", 1},
		{"one record on a line longer than detection reads", `{"id": "a", "abstract": "` + strings.Repeat("word ", 30000) + `"}` + "\n" + `{"id": "b", "title": "B"}`, nil, "", 2},
		{"empty object", "{}", nil, "", 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dec, err := NewDecoderOptions(strings.NewReader(tc.in), "x.json", Options{Fields: tc.fields})
			if tc.err != "" {
				if err == nil || !strings.HasPrefix(err.Error(), tc.err) {
					t.Errorf("error %v, want %q", err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			recs, bad := decodeAllRecords(t, dec)
			if len(recs) != tc.records || len(bad) > 0 {
				t.Errorf("%d records, %v; want %d", len(recs), bad, tc.records)
			}
		})
	}
}
