package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"runtime/debug"
	"strings"

	"github.com/related/related"
	"github.com/related/related/corpus"
	"github.com/related/related/rank"
)

// flagName is the flag that sets an option the engine names field (in
// the HTTP API's snake case): -k, --lambda-words, --lang...
func flagName(field string) string {
	if len(field) == 1 {
		return "-" + field
	}
	return "--" + strings.ReplaceAll(field, "_", "-")
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

// options are the read options of the flags.
func (f *readFlags) options() (related.ReadOptions, error) {
	format, err := corpus.ParseFormat(f.format)
	if err != nil {
		return related.ReadOptions{}, &usageError{err.Error()}
	}
	fields, err := corpus.ParseFieldMap(f.fields)
	if err != nil {
		return related.ReadOptions{}, usagef("--field %v", err)
	}
	dups, err := corpus.ParseDuplicatePolicy(f.dups)
	if err != nil {
		return related.ReadOptions{}, usagef("--duplicates: %v", err)
	}
	return related.ReadOptions{Format: format, Fields: fields, Duplicates: dups}, nil
}

// sourceFlags choose the records: the embedded corpus, files, or an
// index file.
type sourceFlags struct {
	readFlags
	index   string
	corpora stringList
	verbose bool
	rejects string

	opts *related.Options // set by check
	// serving: the engine is opened (again) while a server answers,
	// whose garbage the collector must keep up with.
	serving bool
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

// check refuses, before anything is read, what the flags cannot mean:
// unknown formats or policies, --index with --corpus, standard input
// twice, outputs (with the flags that name them) that are inputs or each
// other. It makes the engine options open uses.
func (f *sourceFlags) check(outputs ...output) error {
	if f.rejects != "" {
		outputs = append(outputs, output{"--rejects", f.rejects})
	}
	if err := checkOutputs(f.inputs(), outputs); err != nil {
		return err
	}
	if f.index != "" && len(f.corpora) > 0 {
		return usagef("--index and --corpus exclude each other")
	}
	stdin := 0
	for _, p := range f.corpora {
		if p == "-" {
			stdin++
		}
	}
	if stdin > 1 {
		return usagef("standard input (-) given twice")
	}
	ro, err := f.readFlags.options()
	if err != nil {
		return err
	}
	ro.Rejects = f.rejects
	f.opts = related.DefaultOptions()
	f.opts.Read = ro
	return nil
}

// readOptions are the checked read options, with the problems and the
// summary of what was read written to stderr once it is read.
func (f *sourceFlags) readOptions(e *env) related.ReadOptions {
	ro := f.opts.Read
	ro.Stdin = e.stdin
	ro.Report = func(r *corpus.Report) {
		printProblems(e.stderr, "skipped", r.Skipped, f.verbose)
		printProblems(e.stderr, "warning", r.Warnings, f.verbose)
		fmt.Fprintln(e.stderr, r.Summary())
	}
	return ro
}

// open opens the engine the flags name, checking them first unless
// check was called.
func (f *sourceFlags) open(ctx context.Context, e *env) (*related.Engine, error) {
	if f.opts == nil {
		if err := f.check(); err != nil {
			return nil, err
		}
	}
	if f.index != "" {
		// What opening allocates (the index's tables, 30 MB at 100k
		// records) stays live until the command ends, so collections
		// during the open find little to free: three of them were 20-30
		// ms of a 0.18 s query process. The collector waits for the end
		// of the open, unless a server is answering meanwhile.
		if !f.serving {
			defer debug.SetGCPercent(debug.SetGCPercent(-1))
		}
		eng, err := related.OpenIndex(ctx, f.index, f.opts)
		if err != nil {
			return nil, err
		}
		fmt.Fprintf(e.stderr, "%s: %d records\n", f.index, eng.Len())
		return eng, nil
	}
	return related.Open(ctx, f.corpora, f.corpusOptions(e))
}

// corpusOptions are the options for reading and indexing --corpus files.
func (f *sourceFlags) corpusOptions(e *env) *related.Options {
	opts := *f.opts
	opts.Read = f.readOptions(e)
	return &opts
}

// label names the records' source in reports.
func (f *sourceFlags) label() string {
	switch {
	case f.index != "":
		return f.index
	case len(f.corpora) > 0:
		return strings.Join(f.corpora, ", ")
	}
	return "embedded"
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

// apply sets the blend of search options.
func (f *blendFlags) apply(o *related.SearchOptions) {
	o.Lambda, o.LambdaWords, o.RefWeight, o.SuggestCodes = f.lambda, f.lambdaWords, f.refWeight, !f.noSuggest
}

// rankFlags are the ranking parameters of similar and query.
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

// options are the search options of the flags, checked.
func (f *rankFlags) options() (related.SearchOptions, error) {
	o := related.DefaultSearchOptions()
	f.blendFlags.apply(&o)
	o.K, o.MSCPrefix, o.Terms, o.Exclude = f.k, f.mscPrefix, f.terms, f.exclude
	o.Diversify, o.Collapse, o.Feedback = f.diversify, f.collapse, f.feedback
	return o, o.Validate()
}
