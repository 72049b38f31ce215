package eval

import (
	"reflect"
	"strings"
	"testing"

	"github.com/related/related/corpus"
)

func TestReadQrels(t *testing.T) {
	tests := []struct {
		name, in string
		want     map[string]map[string]int
		queries  []string
		err      string
	}{
		{
			name:    "three columns with a header, tabs",
			in:      "query_id\tdoc_id\tgrade\n10010426_method\t6541910\t3\n10010426_method\t742781\t2\nq2\td1\t0\n",
			want:    map[string]map[string]int{"10010426_method": {"6541910": 3, "742781": 2}, "q2": {"d1": 0}},
			queries: []string{"10010426_method", "q2"},
		},
		{
			name:    "classic four columns, spaces, comments, blank lines, negative grade",
			in:      "# run 1\nq1 0 d1 1\n\nq1 0 d2 -1\nq1 0 d1 1\n",
			want:    map[string]map[string]int{"q1": {"d1": 1, "d2": 0}},
			queries: []string{"q1"},
		},
		{name: "a bad grade after the first line", in: "q1 d1 1\nq1 d2 high\n", err: `qrels:2: grade "high" is not an integer`},
		{name: "wrong number of fields", in: "q1 d1 1\nq1 d2\n", err: "qrels:2: 2 fields"},
		{name: "contradictory judgments", in: "q1 d1 1\nq1 d1 3\n", err: `qrels:2: query "q1", document "d1" judged 3 here and 1 on line 1`},
		{name: "empty", in: "query_id doc_id grade\n", err: "qrels: no judgments"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			j, err := ReadQrels(strings.NewReader(tc.in), "qrels")
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("err = %v, want %q", err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(j.Grades, tc.want) || !reflect.DeepEqual(j.Queries, tc.queries) {
				t.Errorf("got %v %v, want %v %v", j.Queries, j.Grades, tc.queries, tc.want)
			}
		})
	}
}

func TestSameAuthor(t *testing.T) {
	recs := []corpus.Record{
		{ID: "a", Authors: []string{"Müller, Thomas W.", "Zhang, Wei"}},
		{ID: "b", Authors: []string{"Thomas Muller"}},
		{ID: "c", Authors: []string{"Zhang, W."}}, // an initial is not "Wei"
		{ID: "d", Authors: []string{"Christian Krattenthaler, Wei Zhang"}},
		{ID: "e", Authors: []string{"Krattenthaler, C."}},
		{ID: "f"},
	}
	j := SameAuthor(recs)
	want := map[string]map[string]int{
		"a": {"b": 2, "d": 2},
		"b": {"a": 2},
		"d": {"a": 2},
	}
	if !reflect.DeepEqual(j.Grades, want) {
		t.Errorf("SameAuthor = %v, want %v", j.Grades, want)
	}
	if !reflect.DeepEqual(j.Queries, []string{"a", "b", "d"}) {
		t.Errorf("queries %v", j.Queries)
	}
}
