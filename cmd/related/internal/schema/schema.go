// Package schema holds the JSON shapes of related-talk lists, shared by
// `related similar|query --json` and the HTTP API, so that a tool reading
// one reads the other. The README documents them.
package schema

import (
	"math"

	"github.com/related/related/corpus"
	"github.com/related/related/rank"
)

// LabelRunes bounds the label that stands for a talk without a title.
const LabelRunes = 100

// Query describes what the results are related to.
type Query struct {
	ID       string   `json:"id,omitempty"`    // similar: the talk's id
	Title    string   `json:"title,omitempty"` // similar: its title, when it has one
	Label    string   `json:"label,omitempty"` // similar: its title, or its abstract's first words
	Text     string   `json:"text,omitempty"`  // query: the text
	MSC      []string `json:"msc"`
	Language string   `json:"language"`
	// Unknown are query words no talk has: they cannot match.
	Unknown []string `json:"unknown_words,omitempty"`
}

// Results is a related-talk list.
type Results struct {
	Query     Query    `json:"query"`
	K         int      `json:"k"`
	Lambda    float64  `json:"lambda"`
	Blend     *Blend   `json:"blend,omitempty"`
	MSCPrefix string   `json:"msc_prefix,omitempty"`
	Results   []Result `json:"results"`
	// Suggested are MSC codes for a free text, voted by its nearest talks;
	// set for free-text queries only.
	Suggested *Suggestions `json:"suggested_codes,omitempty"`
}

// Blend is how this list's scores combine text, codes and references:
// score = (1 - lambda - ref_weight)·cosine + lambda·msc_similarity +
// ref_weight·ref_similarity.
type Blend struct {
	// Lambda is the code weight this query got: the requested lambda
	// scaled by lambda_words/(lambda_words + words).
	Lambda      float64 `json:"lambda"`
	LambdaWords float64 `json:"lambda_words"`
	// Words are the query's distinct words that another talk has.
	Words     int     `json:"words"`
	RefWeight float64 `json:"ref_weight"`
	// Codes are the codes compared: the query's own, the areas of its
	// arXiv categories (codes_from "categories"), or suggested by its
	// nearest talks by text (codes_from "suggested", at half weight).
	Codes     []string `json:"codes"`
	CodesFrom string   `json:"codes_from"`
}

// NewBlend describes a query's blend; lambdaWords is the m it used.
func NewBlend(b rank.Blend, lambdaWords float64) *Blend {
	from := "query"
	switch {
	case len(b.Codes.Codes) == 0:
		from = "none"
	case b.Suggested:
		from = "suggested"
	case b.Codes.FromCategories:
		from = "categories"
	}
	return &Blend{Lambda: Round(b.Lambda), LambdaWords: lambdaWords, Words: b.Words, RefWeight: Round(b.Refs),
		Codes: NonNil(b.Codes.Codes), CodesFrom: from}
}

// Result is one related talk and why.
type Result struct {
	Rank   int              `json:"rank"`
	ID     string           `json:"id"`
	Title  string           `json:"title,omitempty"`
	Label  string           `json:"label"`
	MSC    []string         `json:"msc"`
	Score  float64          `json:"score"`
	Cosine float64          `json:"cosine"`
	MSCSim float64          `json:"msc_similarity"`
	RefSim float64          `json:"ref_similarity,omitempty"`
	Terms  []rank.TermMatch `json:"shared_terms"`
	Codes  []SharedCode     `json:"shared_codes"`
	// Refs are cited works shared with the query (bibliographic
	// coupling), by their normalised key, rarest first.
	Refs []string `json:"shared_references,omitempty"`
	// Also are near-duplicates folded into this result.
	Also []string `json:"also,omitempty"`
}

// SharedCode is a code agreement, with the code's name when known.
type SharedCode struct {
	rank.CodeMatch
	Name string `json:"name,omitempty"`
}

// Suggestions are suggested codes at the three levels, best first.
type Suggestions struct {
	Areas    []SuggestedCode `json:"areas"`    // 65-XX
	Sections []SuggestedCode `json:"sections"` // 65Kxx
	Codes    []SuggestedCode `json:"codes"`    // 65K10
}

// SuggestedCode is one suggested code and the share of the neighbours'
// votes that carry it, in [0,1].
type SuggestedCode struct {
	Code  string  `json:"code"`
	Score float64 `json:"score"`
	Name  string  `json:"name,omitempty"`
}

// Namer gives a code's name, or "" (nil: no names).
type Namer func(code string) string

func (n Namer) name(code string) string {
	if n == nil {
		return ""
	}
	return n(code)
}

// NewQuery describes a talk of the collection as the subject of a list.
func NewQuery(rec *corpus.Record, language string) Query {
	return Query{ID: rec.ID, Title: rec.Title, Label: rec.DisplayTitle(LabelRunes), MSC: NonNil(rec.MSC), Language: language}
}

// NewResults converts ranked results; rec gives each result's record.
func NewResults(results []rank.Result, rec func(doc int) *corpus.Record, names Namer) []Result {
	out := make([]Result, len(results))
	for i, r := range results {
		d := rec(r.Doc)
		terms := make([]rank.TermMatch, len(r.Terms))
		for j, t := range r.Terms {
			t.Contribution = Round(t.Contribution)
			terms[j] = t
		}
		codes := make([]SharedCode, len(r.Codes))
		for j, c := range r.Codes {
			codes[j] = SharedCode{CodeMatch: c, Name: names.name(c.Shared)}
		}
		out[i] = Result{
			Rank: i + 1, ID: r.ID, Title: d.Title, Label: d.DisplayTitle(LabelRunes), MSC: NonNil(d.MSC),
			Score: Round(r.Score), Cosine: Round(r.Cosine), MSCSim: Round(r.MSC), RefSim: Round(r.Refs),
			Terms: terms, Codes: codes, Refs: r.SharedRefs, Also: r.Also,
		}
	}
	return out
}

// NewSuggestions converts rank's suggestions, rounding scores and naming
// codes; every level is a list, empty rather than null.
func NewSuggestions(s rank.Suggestions, names Namer) Suggestions {
	conv := func(in []rank.Suggestion) []SuggestedCode {
		out := make([]SuggestedCode, len(in))
		for i, x := range in {
			out[i] = SuggestedCode{Code: x.Code, Score: Round(x.Score), Name: names.name(x.Code)}
		}
		return out
	}
	return Suggestions{Areas: conv(s.Areas), Sections: conv(s.Sections), Codes: conv(s.Codes)}
}

// NonNil returns s, or an empty list for nil, so that JSON says [] not
// null.
func NonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// Round keeps 6 decimals: enough to rank and compare, and stable across
// platforms' last-bit differences. NaN and infinities become 0.
func Round(x float64) float64 {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return 0
	}
	return math.Round(x*1e6) / 1e6
}
