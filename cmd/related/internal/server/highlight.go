package server

import (
	"sort"
	"strings"

	"github.com/related/related"
	"github.com/related/related/corpus"
)

// highlightJSON lists, for one result, the words to mark in the query's
// text and in the result's text: the lower-cased forms, as they occur in
// each text, of the shared terms the result lists. Query and Result mark
// every shared term wherever it occurs; Terms keeps them apart, term by
// term, so that a client can mark only the few that carried the most (the
// page marks each of the first five once, as `related similar` lists
// five).
type highlightJSON struct {
	Query  []string        `json:"query"`
	Result []string        `json:"result"`
	Terms  []termHighlight `json:"terms"`
}

// termHighlight is one shared term (as in shared_terms, in its order) and
// how each text writes it, lower-cased: "networks", or for a pair of words
// "neural networks". A form's words are adjacent in the text, separated by
// spaces, hyphens or apostrophes.
type termHighlight struct {
	Term   string   `json:"term"`
	Query  []string `json:"query"`
	Result []string `json:"result"`
}

// highlighter knows the query text's forms by term, so that each result
// costs one analysis of its own text only.
type highlighter struct {
	eng   *related.Engine
	query map[string][]string // term → forms as written in the query
}

func newHighlighter(eng *related.Engine, text, lang string) *highlighter {
	return &highlighter{eng: eng, query: formsByTerm(eng, text, lang)}
}

func (h *highlighter) result(rec *corpus.Record, lang string, terms []related.SharedTerm) *highlightJSON {
	forms := formsByTerm(h.eng, recordText(rec), lang)
	out := &highlightJSON{Query: []string{}, Result: []string{}, Terms: make([]termHighlight, 0, len(terms))}
	for _, t := range terms {
		q, r := h.query[t.Term], forms[t.Term]
		out.Terms = append(out.Terms, termHighlight{Term: t.Term, Query: nonNil(q), Result: nonNil(r)})
		out.Query = appendWords(out.Query, q)
		out.Result = appendWords(out.Result, r)
	}
	out.Query = sortedUnique(out.Query)
	out.Result = sortedUnique(out.Result)
	return out
}

// formsByTerm analyses text and groups the forms that write each term
// there, each form once.
func formsByTerm(eng *related.Engine, text, lang string) map[string][]string {
	m := map[string][]string{}
	for _, t := range eng.Index().Tokens(text, lang) {
		m[t.Term] = append(m[t.Term], t.Word)
	}
	for term, forms := range m {
		m[term] = sortedUnique(forms)
	}
	return m
}

// appendWords appends the words of forms: a pair's words one by one.
func appendWords(dst, forms []string) []string {
	for _, f := range forms {
		dst = append(dst, strings.Fields(f)...)
	}
	return dst
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
