package related

import (
	"math"

	"github.com/related/related/corpus"
	"github.com/related/related/rank"
)

// These are the shapes of related-talk lists: the Go values Similar and
// Query return, and the JSON of `related similar|query --json` and of the
// HTTP API, so that a tool reading one reads the others. The README
// documents the JSON.

// LabelRunes bounds the label that stands for a record without a title.
const LabelRunes = 100

// Results is a related-talk list.
type Results struct {
	Query Query `json:"query"`
	K     int   `json:"k"`
	// Lambda is the code weight asked for; Blend.Lambda is what this
	// query got.
	Lambda    float64  `json:"lambda"`
	Blend     *Blend   `json:"blend,omitempty"`
	MSCPrefix string   `json:"msc_prefix,omitempty"`
	Results   []Result `json:"results"`
	// Suggested are MSC codes for a free text, voted by its nearest
	// records; set by Query only.
	Suggested *Suggestions `json:"suggested_codes,omitempty"`
}

// Query describes what the results are related to.
type Query struct {
	ID       string   `json:"id,omitempty"`    // Similar: the record's id
	Title    string   `json:"title,omitempty"` // Similar: its title, when it has one
	Label    string   `json:"label,omitempty"` // Similar: its title, or its abstract's first words
	Text     string   `json:"text,omitempty"`  // Query: the text
	MSC      []string `json:"msc"`
	Language string   `json:"language"` // the language the text was analysed in
	// Unknown are query words no record has: they cannot match.
	Unknown []string `json:"unknown_words,omitempty"`
}

// Blend is how a list's scores combine text, codes and references:
// score = (1 - lambda - ref_weight)·cosine + lambda·msc_similarity +
// ref_weight·ref_similarity.
type Blend struct {
	// Lambda is the code weight this query got: the requested lambda
	// halved with every LambdaWords of its Words (and again for
	// suggested codes).
	Lambda      float64 `json:"lambda"`
	LambdaWords float64 `json:"lambda_words"`
	// Words are the query's distinct words that another record has.
	Words     int     `json:"words"`
	RefWeight float64 `json:"ref_weight"`
	// Codes are the codes compared; CodesFrom says whose they are:
	// "query" (the query's own), "categories" (the areas of its arXiv
	// categories), "suggested" (by its nearest records by text, at half
	// weight) or "none".
	Codes     []string `json:"codes"`
	CodesFrom string   `json:"codes_from"`
}

// Result is one related record and why.
type Result struct {
	Rank   int          `json:"rank"`
	ID     string       `json:"id"`
	Title  string       `json:"title,omitempty"`
	Label  string       `json:"label"` // the title, or the abstract's first words
	MSC    []string     `json:"msc"`
	Score  float64      `json:"score"`
	Cosine float64      `json:"cosine"`
	MSCSim float64      `json:"msc_similarity"`           // shown even when codes did not count
	RefSim float64      `json:"ref_similarity,omitempty"` // when references count
	Terms  []SharedTerm `json:"shared_terms"`             // largest parts of the cosine first
	Codes  []SharedCode `json:"shared_codes"`             // the deepest shared level per query code
	// Refs are cited works shared with the query (bibliographic
	// coupling), by their normalised key, rarest first.
	Refs []string `json:"shared_references,omitempty"`
	// Also are near-duplicates folded into this result.
	Also []string `json:"also,omitempty"`
}

// SharedTerm is a term both texts have and its part of the cosine: Word
// as readers write it ("optimization"), Term as indexed ("optim").
type SharedTerm = rank.TermMatch

// CodeMatch is one code agreement: the query's code, the result's, the
// depth they share (3 the same code, 2 the same 3-character area, 1 the
// same 2-digit area) and that shared level as written ("65Kxx").
type CodeMatch = rank.CodeMatch

// SharedCode is a code agreement, with the shared level's name when known
// (NameCodes).
type SharedCode struct {
	CodeMatch
	Name string `json:"name,omitempty"`
}

// Suggestions are suggested codes at the three levels, best first.
type Suggestions struct {
	Areas    []SuggestedCode `json:"areas"`    // 65-XX
	Sections []SuggestedCode `json:"sections"` // 65Kxx
	Codes    []SuggestedCode `json:"codes"`    // 65K10
}

// SuggestedCode is one suggested code and the share of the neighbours'
// votes that carry it, in [0,1] (1: all of them).
type SuggestedCode struct {
	Code  string  `json:"code"`
	Score float64 `json:"score"`
	Name  string  `json:"name,omitempty"`
}

// newQuery describes a record of the library as the subject of a list.
func newQuery(rec *corpus.Record, language string) Query {
	return Query{ID: rec.ID, Title: rec.Title, Label: rec.DisplayTitle(LabelRunes), MSC: nonNil(rec.MSC), Language: language}
}

// newBlend describes a query's blend; lambdaWords is the one it used.
func newBlend(b rank.Blend, lambdaWords float64) *Blend {
	from := "query"
	switch {
	case len(b.Codes.Codes) == 0:
		from = "none"
	case b.Suggested:
		from = "suggested"
	case b.Codes.FromCategories:
		from = "categories"
	}
	return &Blend{Lambda: b.Lambda, LambdaWords: lambdaWords, Words: b.Words, RefWeight: b.Refs,
		Codes: nonNil(b.Codes.Codes), CodesFrom: from}
}

// newResults converts ranked results; rec gives each result's record.
func newResults(results []rank.Result, rec func(doc int) *corpus.Record) []Result {
	out := make([]Result, len(results))
	for i, r := range results {
		d := rec(r.Doc)
		codes := make([]SharedCode, len(r.Codes))
		for j, c := range r.Codes {
			codes[j] = SharedCode{CodeMatch: c}
		}
		terms := r.Terms
		if terms == nil {
			terms = []SharedTerm{}
		}
		out[i] = Result{
			Rank: i + 1, ID: r.ID, Title: d.Title, Label: d.DisplayTitle(LabelRunes), MSC: nonNil(d.MSC),
			Score: r.Score, Cosine: r.Cosine, MSCSim: r.MSC, RefSim: r.Refs,
			Terms: terms, Codes: codes, Refs: r.SharedRefs, Also: r.Also,
		}
	}
	return out
}

// newSuggestions converts rank's suggestions; every level is a list,
// empty rather than nil.
func newSuggestions(s rank.Suggestions) Suggestions {
	conv := func(in []rank.Suggestion) []SuggestedCode {
		out := make([]SuggestedCode, len(in))
		for i, x := range in {
			out[i] = SuggestedCode{Code: x.Code, Score: x.Score}
		}
		return out
	}
	return Suggestions{Areas: conv(s.Areas), Sections: conv(s.Sections), Codes: conv(s.Codes)}
}

// NameCodes gives the shared and suggested codes that have no name the
// name name returns ("" for none), such as those of the MSC 2020 table.
func (r *Results) NameCodes(name func(code string) string) {
	for i := range r.Results {
		for j := range r.Results[i].Codes {
			c := &r.Results[i].Codes[j]
			if c.Name == "" {
				c.Name = name(c.Shared)
			}
		}
	}
	if s := r.Suggested; s != nil {
		for _, level := range [][]SuggestedCode{s.Areas, s.Sections, s.Codes} {
			for i := range level {
				if level[i].Name == "" {
					level[i].Name = name(level[i].Code)
				}
			}
		}
	}
}

// Rounded returns the list as the JSON outputs write it: every number
// rounded to 6 decimals (Round), every list empty rather than nil. The
// values Similar and Query return are exact; rounding is for showing.
func (r *Results) Rounded() *Results {
	out := *r
	if r.Blend != nil {
		b := *r.Blend
		b.Lambda, b.RefWeight = Round(b.Lambda), Round(b.RefWeight)
		out.Blend = &b
	}
	out.Results = make([]Result, len(r.Results))
	for i, x := range r.Results {
		x.Score, x.Cosine, x.MSCSim, x.RefSim = Round(x.Score), Round(x.Cosine), Round(x.MSCSim), Round(x.RefSim)
		terms := make([]SharedTerm, len(x.Terms))
		for j, t := range x.Terms {
			t.Contribution = Round(t.Contribution)
			terms[j] = t
		}
		x.Terms = terms
		if x.Codes == nil {
			x.Codes = []SharedCode{}
		}
		out.Results[i] = x
	}
	if s := r.Suggested; s != nil {
		round := func(in []SuggestedCode) []SuggestedCode {
			out := make([]SuggestedCode, len(in))
			for i, c := range in {
				c.Score = Round(c.Score)
				out[i] = c
			}
			return out
		}
		out.Suggested = &Suggestions{Areas: round(s.Areas), Sections: round(s.Sections), Codes: round(s.Codes)}
	}
	return &out
}

// Round keeps 6 decimals: enough to rank and compare, and stable across
// platforms' last-bit differences. NaN and infinities become 0.
func Round(x float64) float64 {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return 0
	}
	return math.Round(x*1e6) / 1e6
}

// nonNil returns s, or an empty list for nil, so that JSON says [] not
// null.
func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
