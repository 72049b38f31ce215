package main

import (
	"bytes"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/related/related"
	"github.com/related/related/corpus"
	"github.com/related/related/rank"
	"github.com/related/related/vectorize"
)

// defaultLambda is the weight of the MSC similarity in the blend for a
// query without words; see the README for the measurement that chose it.
const defaultLambda = rank.DefaultLambda

// blendFlags set how text, codes and references combine.
type blendFlags struct {
	lambda      float64
	lambdaWords float64
	refWeight   float64
	noSuggest   bool
}

func (f *blendFlags) register(fs *flag.FlagSet) {
	fs.Float64Var(&f.lambda, "lambda", rank.DefaultLambda, "weight of shared MSC codes for a query without words, in [0,1]; it halves\nwith every --lambda-words words the query shares with the library")
	fs.Float64Var(&f.lambdaWords, "lambda-words", rank.DefaultLambdaWords, "the number of `words` of text that halve the code weight: lambda·2^(-W/words)\nfor a query with W words that other talks have (0 keeps it at --lambda)")
	fs.Float64Var(&f.refWeight, "ref-weight", rank.DefaultRefWeight, "weight of shared references (bibliographic coupling) for 'similar' on a\nrecord with references, in [0,1]")
	fs.BoolVar(&f.noSuggest, "no-suggest-codes", false, "do not compare a query without codes by the codes its text neighbours suggest")
}

// apply sets the blend on a query.
func (f *blendFlags) apply(q *rank.Query) {
	q.Lambda, q.LambdaWords, q.RefWeight, q.SuggestCodes = f.lambda, f.lambdaWords, f.refWeight, !f.noSuggest
}

// stringList is a repeatable string flag.
type stringList []string

func (s *stringList) String() string     { return strings.Join(*s, ",") }
func (s *stringList) Set(v string) error { *s = append(*s, v); return nil }

// readFlags say how inputs are read: their format, the names of their
// fields, and which record of an id is kept.
type readFlags struct {
	format string
	fields stringList
	dups   string
}

func (f *readFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&f.format, "format", "auto", "input `format`: auto, "+strings.Join(corpus.Formats(), ", "))
	fs.Var(&f.fields, "field", "read the JSON key or CSV column NAME as a record field, written\n`FIELD=NAME` (abstract=text, id=paper_id); repeatable")
	fs.StringVar(&f.dups, "duplicates", "first", "records with an id already given: keep the `first` (the others are\nreported as skipped), keep the last, or error (exit 1)")
}

// options are the corpus.Options of the flags.
func (f *readFlags) options() (corpus.Options, error) {
	format, err := corpus.ParseFormat(f.format)
	if err != nil {
		return corpus.Options{}, &usageError{err.Error()}
	}
	fields, err := corpus.ParseFieldMap(f.fields)
	if err != nil {
		return corpus.Options{}, usagef("--field %v", err)
	}
	return corpus.Options{Format: format, Fields: fields}, nil
}

// collector returns a collector with the duplicates policy of the flags.
func (f *readFlags) collector() (*corpus.Collector, error) {
	p, err := corpus.ParseDuplicatePolicy(f.dups)
	if err != nil {
		return nil, usagef("--duplicates: %v", err)
	}
	c := corpus.NewCollector()
	c.Duplicates = p
	return c, nil
}

// sourceFlags choose the records: the embedded corpus, or files.
type sourceFlags struct {
	readFlags
	index   string // an index file, instead of corpora (see index.go)
	corpora stringList
	verbose bool
	rejects string
}

func (f *sourceFlags) register(fs *flag.FlagSet) {
	fs.Var(&f.corpora, "corpus", "read records from `FILE` (repeatable; - is standard input; .gz is undone);\nwithout it, the embedded talk corpus")
	fs.StringVar(&f.index, "index", "", "read the records and their analysis from the index `FILE` written by\n'related index', instead of --corpus")
	f.readFlags.register(fs)
	fs.BoolVar(&f.verbose, "v", false, "list every skipped record and warning (default: the first 10 of each)")
	fs.StringVar(&f.rejects, "rejects", "", "write every skipped record and warning to `FILE` as JSON Lines")
}

// inputs are the files the flags read.
func (f *sourceFlags) inputs() []string {
	in := append([]string(nil), f.corpora...)
	if f.index != "" {
		in = append(in, f.index)
	}
	return in
}

// checkOutputs refuses, before anything is read, outputs (with the
// flags that name them) that are inputs or each other.
func (f *sourceFlags) checkOutputs(outputs ...output) error {
	if f.rejects != "" {
		outputs = append(outputs, output{"--rejects", f.rejects})
	}
	return checkOutputs(f.inputs(), outputs)
}

// engine is a loaded corpus, analysed and indexed.
type engine struct {
	records []corpus.Record
	report  *corpus.Report
	index   *rank.Index
}

// load reads the records, reporting problems and the summary on stderr,
// and builds the index.
func (f *sourceFlags) load(e *env) (*engine, error) {
	if err := f.checkOutputs(); err != nil {
		return nil, err
	}
	if f.index != "" {
		return f.loadIndex(e)
	}
	opt, err := f.options()
	if err != nil {
		return nil, err
	}
	c, err := f.collector()
	if err != nil {
		return nil, err
	}
	if len(f.corpora) == 0 {
		dec, err := corpus.NewDecoder(bytes.NewReader(related.EmbeddedCorpus), related.EmbeddedCorpusName, corpus.FormatTalkDump)
		if err != nil {
			return nil, err
		}
		if err := c.ReadAll(dec); err != nil {
			return nil, err
		}
	}
	stdinUsed := false
	for _, path := range f.corpora {
		if path == "-" {
			if stdinUsed {
				return nil, usagef("standard input (-) given twice")
			}
			stdinUsed = true
		}
		if err := readPath(e, c, path, opt, nil); err != nil {
			return nil, err
		}
	}
	if f.rejects != "" {
		if err := writeRejects(f.rejects, &c.Report); err != nil {
			return nil, err
		}
	}
	printProblems(e.stderr, "skipped", c.Report.Skipped, f.verbose)
	printProblems(e.stderr, "warning", c.Report.Warnings, f.verbose)
	fmt.Fprintln(e.stderr, c.Report.Summary())
	if err := c.Err(); err != nil {
		return nil, err
	}
	if len(c.Records) == 0 {
		return nil, noRecords(&c.Report)
	}
	space := vectorize.Build(c.Records, vectorize.DefaultOptions(), vectorize.DefaultWeighting())
	ix, err := rank.New(c.Records, space)
	if err != nil {
		return nil, err
	}
	return &engine{records: c.Records, report: &c.Report, index: ix}, nil
}

// noRecords is the error of a corpus with no record to work on.
func noRecords(r *corpus.Report) error {
	if r.Read == 0 {
		return fmt.Errorf("no records in the input")
	}
	return fmt.Errorf("no records to use: all %d read were skipped", r.Read)
}

func printProblems(w io.Writer, kind string, ps []corpus.Problem, all bool) {
	for i, p := range ps {
		if i == 10 && !all {
			fmt.Fprintf(w, "%s: ... and %d more (-v lists them all)\n", kind, len(ps)-10)
			return
		}
		fmt.Fprintf(w, "%s: %s\n", kind, p)
	}
}

// validateQuery checks the parameters a command line gives a query: those
// rank.Query.Validate checks, and the ones the HTTP API also refuses (a
// code prefix that is no MSC code, a negative number of words).
func validateQuery(q rank.Query) error {
	if err := q.Validate(); err != nil {
		return &usageError{strings.TrimPrefix(err.Error(), "bad query: ")}
	}
	if q.MSCPrefix != "" && !corpus.ValidCodePrefix(q.MSCPrefix) {
		return usagef("--msc-prefix must be an MSC code or its start (65, 65K, 65K10, 65-XX, 65Kxx), got %q", q.MSCPrefix)
	}
	if q.ExplainTerms < 0 {
		return usagef("--terms must be at least 0, got %d", q.ExplainTerms)
	}
	return nil
}

// rankFlags are the ranking parameters.
type rankFlags struct {
	blendFlags
	k         int
	mscPrefix string
	exclude   stringList
	terms     int
	json      bool
	diversify float64
	collapse  float64
	feedback  int
}

func (f *rankFlags) register(fs *flag.FlagSet) {
	fs.IntVar(&f.k, "k", 10, "number of results")
	f.blendFlags.register(fs)
	fs.StringVar(&f.mscPrefix, "msc-prefix", "", "only results with a code starting with `PREFIX` (65K, 65K10, 90)")
	fs.Var(&f.exclude, "exclude", "never return the talk with this `ID` (repeatable)")
	fs.IntVar(&f.terms, "terms", 5, "number of contributing words shown per result")
	fs.BoolVar(&f.json, "json", false, "write JSON (schema in the README) instead of text")
	fs.Float64Var(&f.diversify, "diversify", 0, "reorder by maximal marginal relevance with this `lambda` in (0,1)\n(lower is more diverse; 0 is off)")
	fs.Float64Var(&f.collapse, "collapse", rank.DefaultCollapse, "show results whose text cosine with a better one reaches this as\n\"also\" of that one (near-duplicates); 0 is off")
	fs.IntVar(&f.feedback, "feedback", 0, "expand the query with its `N` best text matches (pseudo-relevance feedback); 0 is off")
}

func (f *rankFlags) query(ix *rank.Index) (rank.Query, error) {
	q := rank.DefaultQuery()
	f.blendFlags.apply(&q)
	q.K, q.MSCPrefix, q.ExplainTerms = f.k, f.mscPrefix, f.terms
	q.Diversify, q.Collapse, q.Feedback, q.FeedbackWeight = f.diversify, f.collapse, f.feedback, 0.5
	if err := validateQuery(q); err != nil {
		return q, err
	}
	if f.diversify < 0 || f.diversify >= 1 {
		return q, usagef("--diversify must be in [0,1), got %g", f.diversify)
	}
	if f.collapse < 0 || f.collapse > 1 {
		return q, usagef("--collapse must be in [0,1], got %g", f.collapse)
	}
	if f.feedback < 0 {
		return q, usagef("--feedback must be at least 0, got %d", f.feedback)
	}
	for _, id := range f.exclude {
		d, ok := ix.Lookup(id)
		if !ok {
			return q, fmt.Errorf("--exclude: no talk with id %q", id)
		}
		q.Exclude = append(q.Exclude, d)
	}
	return q, nil
}
