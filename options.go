package related

import (
	"io"
	"slices"
	"strings"

	"github.com/related/related/corpus"
	"github.com/related/related/rank"
	"github.com/related/related/vectorize"
)

// Options configure how an engine is made. Start from DefaultOptions: a
// zero field is a choice (no stemming, raw counts), not "the default".
type Options struct {
	// Read says how Open and Add read files.
	Read ReadOptions
	// Analysis is the analysis chain (tokens, stop words, stems, pairs of
	// words) and Weighting the weights of terms, for New and Open; an
	// index file keeps those it was written with.
	Analysis  vectorize.Options
	Weighting vectorize.Weighting
	// Updatable makes OpenIndex keep each record's raw term counts, which
	// Add and WriteIndex need and searches do not.
	Updatable bool
}

// DefaultOptions are the engine's defaults: the analysis and weighting
// chosen on judgments made by people (see the README), files read in the
// format their content shows, the first record of an id kept.
func DefaultOptions() *Options {
	return &Options{Analysis: vectorize.DefaultOptions(), Weighting: vectorize.DefaultWeighting()}
}

// ReadOptions say how files of records are read.
type ReadOptions struct {
	// Format is the files' format; corpus.FormatAuto detects each one's.
	Format corpus.Format
	// Fields maps a source's own field names to record fields
	// ({"text": "abstract"}); see corpus.ParseFieldMap.
	Fields map[string]string
	// Duplicates says which record of an id is kept.
	Duplicates corpus.DuplicatePolicy
	// Rejects, when set, is a file to write every skipped record and
	// every warning to, as JSON Lines (WriteRejects), once the files are
	// read.
	Rejects string
	// Stdin is what the file name "-" reads; nil is nothing.
	Stdin io.Reader
	// Report, when set, is called once the files are read, before the
	// records are analysed, with what was read, skipped and warned about:
	// also when the read then fails for duplicate ids (DuplicatesError)
	// or for want of any record.
	Report func(*corpus.Report)
}

func (o *ReadOptions) corpusOptions() corpus.Options {
	return corpus.Options{Format: o.Format, Fields: o.Fields}
}

// SearchOptions say how a list is ranked and explained. Start from
// DefaultSearchOptions: several fields mean something at zero (Lambda 0
// ranks by text alone).
type SearchOptions struct {
	// K is the number of results wanted, at least 1.
	K int
	// Lambda is the weight of the codes for a query without words, in
	// [0,1]; it halves with every LambdaWords words the query shares
	// with the library (0 keeps it at Lambda).
	Lambda      float64
	LambdaWords float64
	// RefWeight is the weight of shared references (bibliographic
	// coupling) for Similar on a record that cites works, in [0,1].
	RefWeight float64
	// SuggestCodes compares a query without codes by the codes its
	// nearest records by text suggest, at half weight.
	SuggestCodes bool
	// MSCPrefix keeps only results with a code starting with it ("65K",
	// "65K10", "90"); "" keeps all.
	MSCPrefix string
	// Exclude lists ids never to return.
	Exclude []string
	// Terms is how many shared words each result lists, at least 0.
	Terms int
	// Collapse in (0,1] folds a result whose text cosine with a better
	// one reaches it into that one's Also (near-duplicates); 0 is off.
	Collapse float64
	// Diversify in (0,1) reorders by maximal marginal relevance with
	// this weight of relevance; 0 is off.
	Diversify float64
	// Feedback > 0 expands the query with its Feedback best matches by
	// text (pseudo-relevance feedback), weighted by FeedbackWeight.
	Feedback       int
	FeedbackWeight float64
}

// DefaultSearchOptions are the defaults of the command line and the HTTP
// API: 10 results, the blend chosen on judgments made by people (λ 0.45
// halving with every 16 words, references 0.3, suggested codes), five
// shared words per result, near-duplicates folded at a cosine of 0.9.
func DefaultSearchOptions() SearchOptions {
	q := rank.DefaultQuery()
	return SearchOptions{K: q.K, Lambda: q.Lambda, LambdaWords: q.LambdaWords, RefWeight: q.RefWeight,
		SuggestCodes: q.SuggestCodes, Terms: q.ExplainTerms, Collapse: q.Collapse, FeedbackWeight: 0.5}
}

// Validate reports the first parameter out of range, as a
// *BadQueryError; Exclude's ids are checked by the engine.
func (o SearchOptions) Validate() error {
	_, err := o.RankQuery()
	return err
}

// RankQuery is the rank.Query of the options, checked, for callers that
// work on a rank.Index themselves (evaluation); its Exclude is left empty,
// since ids are the engine's to resolve.
func (o SearchOptions) RankQuery() (rank.Query, error) {
	q := rank.Query{K: o.K, Lambda: o.Lambda, LambdaWords: o.LambdaWords, RefWeight: o.RefWeight,
		SuggestCodes: o.SuggestCodes, MSCPrefix: o.MSCPrefix, ExplainTerms: o.Terms, Collapse: o.Collapse,
		Diversify: o.Diversify, Feedback: o.Feedback, FeedbackWeight: o.FeedbackWeight}
	return q, q.Validate()
}

// QueryOptions are SearchOptions for a free text, with what is known of
// the text itself.
type QueryOptions struct {
	SearchOptions
	// MSC are the text's own codes, each in any usual form ("65K10 ;
	// 90C25", "Primary 65K10; Secondary 90C25", MathSciNet's "65K10
	// (90C25)").
	MSC []string
	// Language is the text's language ("english", "fr"...); "" decides
	// from its stop words, else from the words the library knows.
	Language string
}

// DefaultQueryOptions are DefaultSearchOptions for a text with no codes,
// in a language to detect.
func DefaultQueryOptions() QueryOptions {
	return QueryOptions{SearchOptions: DefaultSearchOptions()}
}

// Validate reports the first parameter out of range, as a
// *BadQueryError: those of SearchOptions, codes that are not MSC codes, a
// language the analysis does not know.
func (o QueryOptions) Validate() error {
	_, _, err := o.parse()
	return err
}

// parse checks the options and returns the text's codes and its language
// as the analysis names it.
func (o QueryOptions) parse() (corpus.Codes, string, error) {
	if err := o.SearchOptions.Validate(); err != nil {
		return corpus.Codes{}, "", err
	}
	codes := corpus.ParseCodes(strings.Join(o.MSC, " ; "))
	if len(codes.Invalid) > 0 {
		return codes, "", badQuery("msc", "has parts that are not MSC codes: %q", codes.Invalid)
	}
	lang := corpus.NormalizeLanguage(o.Language)
	if lang != "" && !slices.Contains(vectorize.Languages(), lang) {
		return codes, "", badQuery("lang", "must be a language the analysis knows (%s), got %q", strings.Join(vectorize.Languages(), ", "), o.Language)
	}
	return codes, lang, nil
}
