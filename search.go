package related

import (
	"context"
	"strings"

	"github.com/related/related/corpus"
	"github.com/related/related/rank"
)

// Similar lists the records most related to the record with an id, best
// first, never itself: its text, its codes (else the areas of its arXiv
// categories, else codes its nearest records suggest) and the works it
// cites, blended as opts say.
func (e *Engine) Similar(ctx context.Context, id string, opts SearchOptions) (*Results, error) {
	q, err := e.rankQuery(ctx, opts)
	if err != nil {
		return nil, err
	}
	d, ok := e.ix.Lookup(id)
	if !ok {
		return nil, &NotFoundError{ID: id}
	}
	// The same lists either way (rank's tests compare them on five
	// corpora): rank's Similar, which reads fewer postings, once
	// PrepareSimilar has made what it needs.
	var results []rank.Result
	var blend rank.Blend
	if e.ix.SimilarPrepared() {
		results, blend, err = e.ix.SimilarBlend(d, q)
	} else {
		results, blend, err = e.ix.SearchBlend(e.ix.SimilarQuery(d, q))
	}
	if err != nil {
		return nil, err
	}
	return &Results{
		Query: newQuery(e.RecordAt(d), e.ix.Language(d)),
		K:     opts.K, Lambda: opts.Lambda, Blend: newBlend(blend, opts.LambdaWords), MSCPrefix: opts.MSCPrefix,
		Results: e.results(results),
	}, nil
}

// Query lists the records most related to a free text (a draft abstract,
// a title, a few words), best first, with codes suggested for it: the
// text in its language, its codes (opts.MSC; else the codes its nearest
// records suggest, when opts.SuggestCodes), blended as opts say.
func (e *Engine) Query(ctx context.Context, text string, opts QueryOptions) (*Results, error) {
	q, codes, lang, err := e.textQuery(ctx, text, opts)
	if err != nil {
		return nil, err
	}
	aq := e.ix.Analyze(text, lang)
	q.Vector = aq.Vector
	q.Codes = rank.CodeSet{Codes: codes.Codes, Primary: codes.Primary}
	results, blend, err := e.ix.SearchBlend(q)
	if err != nil {
		return nil, err
	}
	sugg, err := e.ix.SuggestFor(q)
	if err != nil {
		return nil, err
	}
	s := newSuggestions(sugg)
	return &Results{
		Query: Query{Text: text, MSC: nonNil(codes.Codes), Language: aq.Language, Unknown: aq.Unknown},
		K:     opts.K, Lambda: opts.Lambda, Blend: newBlend(blend, opts.LambdaWords), MSCPrefix: opts.MSCPrefix,
		Results: e.results(results), Suggested: &s,
	}, nil
}

// Suggest proposes MSC codes for a free text, at each level of the
// classification (65-XX, 65Kxx, 65K10), best first: its nearest records
// by text (never one of opts.Exclude) vote for their codes. Only the
// language and Exclude of opts count.
func (e *Engine) Suggest(ctx context.Context, text string, opts QueryOptions) (Suggestions, error) {
	q, _, lang, err := e.textQuery(ctx, text, opts)
	if err != nil {
		return Suggestions{}, err
	}
	q.Vector = e.ix.Analyze(text, lang).Vector
	s, err := e.ix.SuggestFor(q)
	if err != nil {
		return Suggestions{}, err
	}
	return newSuggestions(s), nil
}

// rankQuery checks the options and makes their rank.Query, with the
// excluded ids resolved.
func (e *Engine) rankQuery(ctx context.Context, opts SearchOptions) (rank.Query, error) {
	if err := ctx.Err(); err != nil {
		return rank.Query{}, err
	}
	q, err := opts.RankQuery()
	if err != nil {
		return q, err
	}
	for _, id := range opts.Exclude {
		d, ok := e.ix.Lookup(id)
		if !ok {
			return q, &NotFoundError{Field: "exclude", ID: id}
		}
		q.Exclude = append(q.Exclude, d)
	}
	return q, nil
}

// textQuery is rankQuery for a free text: the text must not be blank, its
// codes and language are checked and returned.
func (e *Engine) textQuery(ctx context.Context, text string, opts QueryOptions) (rank.Query, corpus.Codes, string, error) {
	codes, lang, err := opts.parse()
	if err != nil {
		return rank.Query{}, codes, lang, err
	}
	if strings.TrimSpace(text) == "" {
		return rank.Query{}, codes, lang, badQuery("text", "must not be blank")
	}
	q, err := e.rankQuery(ctx, opts.SearchOptions)
	return q, codes, lang, err
}

func (e *Engine) results(results []rank.Result) []Result {
	return newResults(results, e.RecordAt)
}
