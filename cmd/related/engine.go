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

// defaultLambda is the weight of the MSC similarity in the blend; see the
// README for the measurement that chose it.
const defaultLambda = 0.3

// stringList is a repeatable string flag.
type stringList []string

func (s *stringList) String() string     { return strings.Join(*s, ",") }
func (s *stringList) Set(v string) error { *s = append(*s, v); return nil }

// sourceFlags choose the records: the embedded corpus, or files.
type sourceFlags struct {
	index   string // an index file, instead of corpora (see index.go)
	corpora stringList
	format  string
	verbose bool
	rejects string
}

func (f *sourceFlags) register(fs *flag.FlagSet) {
	fs.Var(&f.corpora, "corpus", "read records from `FILE` (repeatable; - is standard input; .gz is undone);\nwithout it, the embedded talk corpus")
	fs.StringVar(&f.index, "index", "", "read the records and their analysis from the index `FILE` written by\n'related index', instead of --corpus")
	fs.StringVar(&f.format, "format", "auto", "input `format`: auto, "+strings.Join(corpus.Formats(), ", "))
	fs.BoolVar(&f.verbose, "v", false, "list every skipped record and warning (default: the first 10 of each)")
	fs.StringVar(&f.rejects, "rejects", "", "write every skipped record and warning to `FILE` as JSON Lines")
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
	if f.index != "" {
		return f.loadIndex(e)
	}
	format, err := corpus.ParseFormat(f.format)
	if err != nil {
		return nil, &usageError{err.Error()}
	}
	c := corpus.NewCollector()
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
		if err := readPath(e, c, path, format, nil); err != nil {
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
		return nil, fmt.Errorf("no records to index")
	}
	space := vectorize.Build(c.Records, vectorize.DefaultOptions(), vectorize.DefaultWeighting())
	ix, err := rank.New(c.Records, space)
	if err != nil {
		return nil, err
	}
	return &engine{records: c.Records, report: &c.Report, index: ix}, nil
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

// rankFlags are the ranking parameters.
type rankFlags struct {
	k         int
	lambda    float64
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
	fs.Float64Var(&f.lambda, "lambda", defaultLambda, "weight of shared MSC codes in the score, in [0,1]:\nscore = (1-lambda)·cosine + lambda·msc")
	fs.StringVar(&f.mscPrefix, "msc-prefix", "", "only results with a code starting with `PREFIX` (65K, 65K10, 90)")
	fs.Var(&f.exclude, "exclude", "never return the talk with this `ID` (repeatable)")
	fs.IntVar(&f.terms, "terms", 5, "number of contributing words shown per result")
	fs.BoolVar(&f.json, "json", false, "write JSON (schema in the README) instead of text")
	fs.Float64Var(&f.diversify, "diversify", 0, "reorder by maximal marginal relevance with this `lambda` in (0,1)\n(lower is more diverse; 0 is off)")
	fs.Float64Var(&f.collapse, "collapse", rank.DefaultCollapse, "show results whose text cosine with a better one reaches this as\n\"also\" of that one (near-duplicates); 0 is off")
	fs.IntVar(&f.feedback, "feedback", 0, "expand the query with its `N` best text matches (pseudo-relevance feedback); 0 is off")
}

func (f *rankFlags) query(ix *rank.Index) (rank.Query, error) {
	q := rank.Query{K: f.k, Lambda: f.lambda, MSCPrefix: f.mscPrefix, ExplainTerms: f.terms,
		Diversify: f.diversify, Collapse: f.collapse, Feedback: f.feedback, FeedbackWeight: 0.5}
	if err := q.Validate(); err != nil {
		return q, &usageError{strings.TrimPrefix(err.Error(), "bad query: ")}
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
