package schema

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/related/related/corpus"
	"github.com/related/related/rank"
)

func TestNewResults(t *testing.T) {
	recs := []corpus.Record{
		{ID: "a", Title: "Sparse regression", MSC: []string{"62J05"}},
		{ID: "b", Abstract: strings.Repeat("word ", 40)},
	}
	res := []rank.Result{
		{Doc: 1, ID: "b", Score: 0.1234567, Cosine: 0.2, Terms: []rank.TermMatch{{Word: "word", Term: "word", Contribution: 0.00000049}}, Codes: []rank.CodeMatch{{Query: "62J05", Result: "62J07", Depth: 2, Shared: "62Jxx"}}, Also: []string{"c"}},
		{Doc: 0, ID: "a", Score: 0.1},
	}
	names := Namer(func(c string) string {
		if c == "62Jxx" {
			return "Linear inference"
		}
		return ""
	})
	out := NewResults(res, func(d int) *corpus.Record { return &recs[d] }, names)
	b, err := json.Marshal(out)
	if err != nil {
		t.Fatal(err)
	}
	got := string(b)
	for _, want := range []string{
		`"rank":1,"id":"b","label":"word word`, // no title: omitted, label stands in
		`"score":0.123457`, `"contribution":0`, `"name":"Linear inference"`, `"also":["c"]`,
		`"rank":2,"id":"a","title":"Sparse regression","label":"Sparse regression","msc":["62J05"]`,
		`"msc":[]`, `"shared_terms":[]`, `"shared_codes":[]`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("JSON lacks %s:\n%s", want, got)
		}
	}
	if l := len([]rune(out[0].Label)); l > LabelRunes+1 {
		t.Errorf("label of %d runes", l)
	}
}

func TestRound(t *testing.T) {
	for in, want := range map[float64]float64{0.1234565: 0.123457, -0.0000004: 0, 2: 2} {
		if got := Round(in); got != want {
			t.Errorf("Round(%v) = %v, want %v", in, got, want)
		}
	}
}
