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
	blend      blendFlags
	feedback   int
	collapse   float64
	diversify  float64
	grid       bool
	set        map[string]bool // flags given on the command line
}

func (f *judgedFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&f.judgments, "judgments", "", "score against relevance judgments in `FILE` (TREC qrels)")
	fs.BoolVar(&f.sameAuthor, "same-author", false, "score against judgments derived from shared authors")
	fs.StringVar(&f.freeText, "free-text", "", "judged queries: type this `FIELD` of the query record as free text\n("+strings.Join(eval.FreeTextFields, ", ")+") instead of running 'similar'")
	fs.BoolVar(&f.pool, "pool", false, "judged queries: rank only each query's judged records")
	fs.IntVar(&f.rel, "rel", 2, "judged queries: smallest `grade` that counts as relevant for P@5 and MRR")
	fs.StringVar(&f.run, "run", "", "judged queries: write each ranked list to `FILE` (query_id TAB doc_id TAB score)")
	f.blend.register(fs)
	fs.BoolVar(&f.grid, "grid", false, "judged queries: compare blends side by side (fixed and falling code weights,\nsuggested codes and references on and off) instead of one setting")
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
var judgedOnly = []string{"grid", "free-text", "pool", "rel", "run", "lambda", "lambda-words", "ref-weight", "no-suggest-codes", "feedback", "collapse", "diversify"}

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
	q := rank.DefaultQuery()
	f.blend.apply(&q)
	q.Feedback, q.FeedbackWeight, q.Collapse, q.Diversify = f.feedback, 0.5, f.collapse, f.diversify
	return q
}

type judgedJSON struct {
	Corpus      string            `json:"corpus"`
	Judgments   string            `json:"judgments"`
	Pairs       int               `json:"judged_pairs"`
	Lambda      float64           `json:"lambda"`
	LambdaWords float64           `json:"lambda_words"`
	RefWeight   float64           `json:"ref_weight"`
	Suggest     bool              `json:"suggest_codes"`
	Feedback    int               `json:"feedback"`
	Report      eval.JudgedReport `json:"report"`
	Seconds     float64           `json:"seconds"`
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
	if f.grid {
		return runJudgedGrid(e, eng, j, opts, src.label(), label, asJSON, start)
	}
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
	out := judgedJSON{Corpus: src.label(), Judgments: label, Pairs: j.Pairs(), Lambda: f.blend.lambda,
		LambdaWords: f.blend.lambdaWords, RefWeight: f.blend.refWeight, Suggest: !f.blend.noSuggest,
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
	fmt.Fprintf(w, "\n%s, %s mode, lambda %g, lambda-words %g, ref-weight %g", r.Input, r.Mode, out.Lambda, out.LambdaWords, out.RefWeight)
	if !out.Suggest {
		fmt.Fprint(w, ", no suggested codes")
	}
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

// gridRow is one blend of the --grid table.
type gridRow struct {
	Name        string            `json:"name"`
	Lambda      float64           `json:"lambda"`
	LambdaWords float64           `json:"lambda_words"`
	RefWeight   float64           `json:"ref_weight"`
	Suggest     bool              `json:"suggest_codes"`
	Report      eval.JudgedReport `json:"report"`
}

// blendGrid lists the blends --grid compares: the default first, then
// one change at a time.
func blendGrid() []gridRow {
	def := rank.DefaultQuery()
	row := func(name string, l, m, r float64, sg bool) gridRow {
		return gridRow{Name: name, Lambda: l, LambdaWords: m, RefWeight: r, Suggest: sg}
	}
	rows := []gridRow{row("default", def.Lambda, def.LambdaWords, def.RefWeight, true)}
	for _, l := range []float64{0, 0.1, 0.2, 0.3, 0.4, 0.5} {
		rows = append(rows, row(fmt.Sprintf("fixed lambda %g", l), l, 0, def.RefWeight, true))
	}
	for _, lm := range [][2]float64{{0.35, 16}, {0.55, 16}, {0.45, 12}, {0.45, 20}} {
		rows = append(rows, row(fmt.Sprintf("lambda %g, words %g", lm[0], lm[1]), lm[0], lm[1], def.RefWeight, true))
	}
	rows = append(rows,
		row("no suggested codes", def.Lambda, def.LambdaWords, def.RefWeight, false),
		row("ref weight 0", def.Lambda, def.LambdaWords, 0, true),
		row("ref weight 0.15", def.Lambda, def.LambdaWords, 0.15, true),
	)
	return rows
}

func runJudgedGrid(e *env, eng *engine, j *eval.Judgments, opts eval.JudgedOptions, corpusLabel, label string, asJSON bool, start time.Time) error {
	rows := blendGrid()
	for i := range rows {
		r := &rows[i]
		o := opts
		o.Base.Lambda, o.Base.LambdaWords, o.Base.RefWeight, o.Base.SuggestCodes = r.Lambda, r.LambdaWords, r.RefWeight, r.Suggest
		rep, err := eval.Judged(eng.index, j, o)
		if err != nil {
			return err
		}
		rep.PerQuery = nil
		r.Report = rep
		if !asJSON {
			fmt.Fprintf(e.stderr, "  %-26s nDCG@10 %.3f\n", r.Name, rep.NDCG10.Mean)
		}
	}
	if asJSON {
		return writeJSON(e.stdout, map[string]any{"corpus": corpusLabel, "judgments": label, "judged_pairs": j.Pairs(),
			"grid": rows, "seconds": time.Since(start).Seconds()})
	}
	w := e.stdout
	r0 := rows[0].Report
	fmt.Fprintf(w, "Corpus %s; judgments %s; %s, %s mode, %d queries; mean [95%% CI]:\n", corpusLabel, label, r0.Input, r0.Mode, r0.Queries)
	fmt.Fprintf(w, "  %-26s %-22s %-22s %s\n", "blend", "nDCG@10", "P@5", "MRR")
	for _, r := range rows {
		fmt.Fprintf(w, "  %-26s %-22s %-22s %.3f\n", r.Name, ci(r.Report.NDCG10), ci(r.Report.P5), r.Report.MRR.Mean)
	}
	fmt.Fprintf(w, "\n(%.1f s)\n", time.Since(start).Seconds())
	return nil
}
