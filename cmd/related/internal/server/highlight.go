package server

import (
	"sort"
	"strings"

	"github.com/related/related/corpus"
	"github.com/related/related/rank"
	"github.com/related/related/vectorize"
)

// highlightJSON lists, for one result, the words to mark in the query's
// text and in the result's text: the lower-cased forms, as they occur in
// each text, of the shared terms the result lists. A client marks every
// word of the text whose lower-case form is in the list.
type highlightJSON struct {
	Query  []string `json:"query"`
	Result []string `json:"result"`
}

// highlighter knows the query text's words by term, so that each result
// costs one analysis of its own text only.
type highlighter struct {
	space *vectorize.Space
	query map[string][]string // term → words as written in the query
}

func newHighlighter(space *vectorize.Space, text, lang string) *highlighter {
	return &highlighter{space: space, query: wordsByTerm(space, text, lang)}
}

func (h *highlighter) result(rec *corpus.Record, lang string, terms []rank.TermMatch) *highlightJSON {
	words := wordsByTerm(h.space, recordText(rec), lang)
	out := &highlightJSON{Query: []string{}, Result: []string{}}
	for _, t := range terms {
		out.Query = append(out.Query, h.query[t.Term]...)
		out.Result = append(out.Result, words[t.Term]...)
	}
	out.Query = sortedUnique(out.Query)
	out.Result = sortedUnique(out.Result)
	return out
}

// wordsByTerm analyses text and groups its words by term. A bigram's
// words are listed one by one.
func wordsByTerm(space *vectorize.Space, text, lang string) map[string][]string {
	m := map[string][]string{}
	for _, t := range space.Analyzer.Analyze(text, lang) {
		m[t.Term] = append(m[t.Term], strings.Fields(t.Word)...)
	}
	return m
}

// recordText is the text a record is indexed from.
func recordText(r *corpus.Record) string {
	return r.Title + "\n" + strings.Join(r.Keywords, " ; ") + "\n" + r.Abstract
}

func sortedUnique(s []string) []string {
	sort.Strings(s)
	out := s[:0]
	for i, w := range s {
		if i == 0 || w != s[i-1] {
			out = append(out, w)
		}
	}
	return out
}
