package main

import (
	"bufio"
	"flag"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/related/related/rank"
	"github.com/related/related/rank/eval"
)

// judgedFlags choose the judged protocols of eval.
type judgedFlags struct {
	judgments  string
	sameAuthor bool
	freeText   string
	pool       bool
	rel        int
	run        string
	lambda     float64
	feedback   int
	collapse   float64
	diversify  float64
	set        map[string]bool // flags given on the command line
}

func (f *judgedFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&f.judgments, "judgments", "", "score against relevance judgments in `FILE` (TREC qrels)")
	fs.BoolVar(&f.sameAuthor, "same-author", false, "score against judgments derived from shared authors")
	fs.StringVar(&f.freeText, "free-text", "", "judged queries: type this `FIELD` of the query record as free text\n("+strings.Join(eval.FreeTextFields, ", ")+") instead of running 'similar'")
	fs.BoolVar(&f.pool, "pool", false, "judged queries: rank only each query's judged records")
	fs.IntVar(&f.rel, "rel", 2, "judged queries: smallest `grade` that counts as relevant for P@5 and MRR")
	fs.StringVar(&f.run, "run", "", "judged queries: write each ranked list to `FILE` (query_id TAB doc_id TAB score)")
	fs.Float64Var(&f.lambda, "lambda", defaultLambda, "judged queries: weight of shared MSC codes, in [0,1]")
	fs.IntVar(&f.feedback, "feedback", 0, "judged queries: pseudo-relevance feedback from the `N` best matches")
	fs.Float64Var(&f.collapse, "collapse", rank.DefaultCollapse, "judged queries: fold near-duplicates at this text cosine (0 is off)")
	fs.Float64Var(&f.diversify, "diversify", 0, "judged queries: MMR reordering with this `lambda` in (0,1); 0 is off")
}

// noteSet records which flags the command line gave (after parsing).
func (f *judgedFlags) noteSet(fs *flag.FlagSet) {
	f.set = map[string]bool{}
	fs.Visit(func(fl *flag.Flag) { f.set[fl.Name] = true })
}

// active reports whether a judged protocol was asked for.
func (f *judgedFlags) active() bool { return f.judgments != "" || f.sameAuthor }

// judgedOnly are the flags that mean nothing without judgments.
var judgedOnly = []string{"free-text", "pool", "rel", "run", "lambda", "feedback", "collapse", "diversify"}

// checkUnused refuses judged-protocol flags given without judgments,
// rather than ignoring them.
func (f *judgedFlags) checkUnused() error {
	for _, name := range judgedOnly {
		if f.set[name] {
			return usagef("--%s applies to judged queries: give --judgments FILE or --same-author", name)
		}
	}
	return nil
}

func (f *judgedFlags) validate() error {
	if f.freeText != "" && !slices.Contains(eval.FreeTextFields, f.freeText) {
		return usagef("--free-text: unknown field %q (%s)", f.freeText, strings.Join(eval.FreeTextFields, ", "))
	}
	if f.rel < 1 {
		return usagef("--rel must be at least 1, got %d", f.rel)
	}
	if f.judgments != "" && f.sameAuthor {
		return usagef("--judgments and --same-author are two sources of judgments: give one")
	}
	q := f.query()
	q.K = 1
	if err := q.Validate(); err != nil {
		return &usageError{strings.TrimPrefix(err.Error(), "bad query: ")}
	}
	if f.feedback < 0 {
		return usagef("--feedback must be at least 0, got %d", f.feedback)
	}
	if f.collapse < 0 || f.collapse > 1 {
		return usagef("--collapse must be in [0,1], got %g", f.collapse)
	}
	if f.diversify < 0 || f.diversify >= 1 {
		return usagef("--diversify must be in [0,1), got %g", f.diversify)
	}
	return nil
}

func (f *judgedFlags) query() rank.Query {
	return rank.Query{Lambda: f.lambda, Feedback: f.feedback, FeedbackWeight: 0.5, Collapse: f.collapse, Diversify: f.diversify}
}

type judgedJSON struct {
	Corpus    string            `json:"corpus"`
	Judgments string            `json:"judgments"`
	Pairs     int               `json:"judged_pairs"`
	Lambda    float64           `json:"lambda"`
	Feedback  int               `json:"feedback"`
	Report    eval.JudgedReport `json:"report"`
	Seconds   float64           `json:"seconds"`
}

func runJudged(e *env, src *sourceFlags, f *judgedFlags, asJSON bool) error {
	if err := f.validate(); err != nil {
		return err
	}
	var j *eval.Judgments
	label := "shared authors"
	if f.judgments != "" {
		label = f.judgments
		file, err := os.Open(f.judgments)
		if err != nil {
			return err
		}
		j, err = eval.ReadQrels(file, f.judgments)
		file.Close()
		if err != nil {
			return err
		}
	}
	eng, err := src.load(e)
	if err != nil {
		return err
	}
	if j == nil {
		j = eval.SameAuthor(eng.records)
		if len(j.Queries) == 0 {
			return fmt.Errorf("--same-author: no two records share an author")
		}
	}
	opts := eval.JudgedOptions{Base: f.query(), Pool: f.pool, FreeText: f.freeText, Rel: f.rel}
	var runOut *bufio.Writer
	var commit func() error
	var abort func()
	if f.run != "" {
		var w io.Writer
		w, commit, abort, err = createOutput(e, f.run)
		if err != nil {
			return err
		}
		defer abort()
		runOut = bufio.NewWriter(w)
		opts.Run = func(q string, ranked []eval.Ranked) {
			for _, r := range ranked {
				fmt.Fprintf(runOut, "%s\t%s\t%.6f\n", q, r.ID, r.Score)
			}
		}
	}
	start := time.Now()
	rep, err := eval.Judged(eng.index, j, opts)
	if err != nil {
		return err
	}
	if runOut != nil {
		if err := runOut.Flush(); err != nil {
			return err
		}
		if err := commit(); err != nil {
			return err
		}
	}
	out := judgedJSON{Corpus: src.label(), Judgments: label, Pairs: j.Pairs(), Lambda: f.lambda,
		Feedback: f.feedback, Report: rep, Seconds: time.Since(start).Seconds()}
	if asJSON {
		return writeJSON(e.stdout, out)
	}
	printJudged(e.stdout, out)
	return nil
}

func printJudged(w io.Writer, out judgedJSON) {
	r := out.Report
	fmt.Fprintf(w, "Corpus %s; judgments %s (%d queries, %d judged pairs).\n", out.Corpus, out.Judgments, len(r.PerQuery)+len(r.Unresolved)+r.NoText, out.Pairs)
	if len(r.Unresolved) > 0 {
		fmt.Fprintf(w, "  %d query ids name no record, not scored: %s\n", len(r.Unresolved), strings.Join(firstN(r.Unresolved, 5), ", "))
	}
	if r.NoText > 0 {
		fmt.Fprintf(w, "  %d query records have no text in the free-text field, not scored\n", r.NoText)
	}
	if r.MissingDocs > 0 {
		fmt.Fprintf(w, "  %d judged records are not in the corpus (they count in the ideal lists)\n", r.MissingDocs)
	}
	fmt.Fprintf(w, "\n%s, %s mode, lambda %g", r.Input, r.Mode, out.Lambda)
	if out.Feedback > 0 {
		fmt.Fprintf(w, ", feedback %d", out.Feedback)
	}
	fmt.Fprintf(w, "; %d queries; mean [95%% CI]:\n", r.Queries)
	fmt.Fprintf(w, "  nDCG@10  %s\n", ci(r.NDCG10))
	fmt.Fprintf(w, "  P@5      %s  (relevant: grade >= %d)\n", ci(r.P5), r.Rel)
	fmt.Fprintf(w, "  MRR      %s  (first relevant within %d)\n", ci(r.MRR), eval.ListLength)
	fmt.Fprintf(w, "\n(%.1f s)\n", out.Seconds)
}

func firstN(s []string, n int) []string {
	if len(s) > n {
		return append(s[:n:n], "…")
	}
	return s
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
