package main

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/related/related"
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
	if _, err := f.query(); err != nil {
		return err
	}
	return nil
}

// query is the base query of the judged protocols: the blend and list
// flags, checked as every query is.
func (f *judgedFlags) query() (rank.Query, error) {
	o := related.DefaultSearchOptions()
	f.blend.apply(&o)
	o.Feedback, o.Collapse, o.Diversify = f.feedback, f.collapse, f.diversify
	return o.RankQuery()
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

func runJudged(ctx context.Context, e *env, src *sourceFlags, f *judgedFlags, asJSON bool) error {
	if err := f.validate(); err != nil {
		return err
	}
	if err := src.check(output{"--run", f.run}); err != nil {
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
	eng, err := src.open(ctx, e)
	if err != nil {
		return err
	}
	if j == nil {
		j = eval.SameAuthor(eng.Records())
		if len(j.Queries) == 0 {
			return fmt.Errorf("--same-author: no two records share an author")
		}
	}
	base, err := f.query()
	if err != nil {
		return err
	}
	opts := eval.JudgedOptions{Base: base, Pool: f.pool, FreeText: f.freeText, Rel: f.rel}
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
		return runJudgedGrid(ctx, e, eng, j, opts, src.label(), label, asJSON, start)
	}
	rep, err := eval.Judged(eng.Index(), j, opts)
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
	tw := newTable(w)
	fmt.Fprintf(tw, "  nDCG@10\t%s\n", ci(r.NDCG10))
	fmt.Fprintf(tw, "  P@5\t%s\t(relevant: grade >= %d)\n", ci(r.P5), r.Rel)
	fmt.Fprintf(tw, "  MRR\t%s\t(first relevant within %d)\n", ci(r.MRR), eval.ListLength)
	tw.Flush()
	fmt.Fprintf(w, "\n(%.1f s)\n", out.Seconds)
}

func firstN(s []string, n int) []string {
	if len(s) > n {
		return append(s[:n:n], "…")
	}
	return s
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

func runJudgedGrid(ctx context.Context, e *env, eng *related.Engine, j *eval.Judgments, opts eval.JudgedOptions, corpusLabel, label string, asJSON bool, start time.Time) error {
	rows := blendGrid()
	for i := range rows {
		if err := ctx.Err(); err != nil {
			return err
		}
		r := &rows[i]
		o := opts
		o.Base.Lambda, o.Base.LambdaWords, o.Base.RefWeight, o.Base.SuggestCodes = r.Lambda, r.LambdaWords, r.RefWeight, r.Suggest
		rep, err := eval.Judged(eng.Index(), j, o)
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
	tw := newTable(w)
	fmt.Fprintf(tw, "  blend\tnDCG@10\tP@5\tMRR\n")
	for _, r := range rows {
		fmt.Fprintf(tw, "  %s\t%s\t%s\t%.3f\n", r.Name, ci(r.Report.NDCG10), ci(r.Report.P5), r.Report.MRR.Mean)
	}
	tw.Flush()
	fmt.Fprintf(w, "\n(%.1f s)\n", time.Since(start).Seconds())
	return nil
}
