package main

import (
	"context"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/related/related"
	"github.com/related/related/corpus"
	"github.com/related/related/rank"
	"github.com/related/related/rank/eval"
	"github.com/related/related/vectorize"
)

// variant is one analysis and weighting choice of the --compare grid.
type variant struct {
	Name      string              `json:"name"`
	Options   vectorize.Options   `json:"options"`
	Weighting vectorize.Weighting `json:"weighting"`
	Feedback  int                 `json:"feedback"`
	Beta      float64             `json:"feedback_weight"`
	Diversify float64             `json:"diversify"`
	Collapse  float64             `json:"collapse"`
}

func compareGrid(k1, b float64) []variant {
	def := vectorize.DefaultOptions()
	w := vectorize.DefaultWeighting()
	with := func(name string, f func(o *vectorize.Options, w *vectorize.Weighting)) variant {
		v := variant{Name: name, Options: def, Weighting: w}
		f(&v.Options, &v.Weighting)
		return v
	}
	noop := func(*vectorize.Options, *vectorize.Weighting) {}
	return []variant{
		with("defaults", noop),
		with("raw tf", func(_ *vectorize.Options, w *vectorize.Weighting) { w.SublinearTF = false }),
		with("idf power 1 (scikit-learn)", func(_ *vectorize.Options, w *vectorize.Weighting) { w.IDFPower = 1 }),
		with("pair weight 1", func(_ *vectorize.Options, w *vectorize.Weighting) { w.BigramWeight = 1 }),
		with("scikit-learn weights", func(_ *vectorize.Options, w *vectorize.Weighting) { *w = vectorize.SklearnWeighting() }),
		with("idf not smoothed", func(_ *vectorize.Options, w *vectorize.Weighting) { w.SmoothIDF = false }),
		with(fmt.Sprintf("bm25 k1=%g b=%g", k1, b), func(_ *vectorize.Options, w *vectorize.Weighting) {
			w.Scheme, w.K1, w.B = vectorize.BM25, k1, b
		}),
		with("bm25 k1=1.2 b=0.3", func(_ *vectorize.Options, w *vectorize.Weighting) {
			w.Scheme, w.K1, w.B = vectorize.BM25, 1.2, 0.3
		}),
		with("no bigrams", func(o *vectorize.Options, _ *vectorize.Weighting) { o.Bigrams = false }),
		with("title weight 1", func(o *vectorize.Options, _ *vectorize.Weighting) { o.TitleWeight = 1 }),
		with("title weight 3", func(o *vectorize.Options, _ *vectorize.Weighting) { o.TitleWeight = 3 }),
		with("keyword weight 0", func(o *vectorize.Options, _ *vectorize.Weighting) { o.KeywordWeight = 0 }),
		with("keyword weight 2", func(o *vectorize.Options, _ *vectorize.Weighting) { o.KeywordWeight = 2 }),
		with("no stemming", func(o *vectorize.Options, _ *vectorize.Weighting) { o.Stem = false }),
		with("no stop words", func(o *vectorize.Options, _ *vectorize.Weighting) { o.StopWords = false }),
		with("no LaTeX handling", func(o *vectorize.Options, _ *vectorize.Weighting) { o.LaTeX = false }),
		with("no accent folding", func(o *vectorize.Options, _ *vectorize.Weighting) { o.FoldAccents = false }),
		with("no protected words", func(o *vectorize.Options, _ *vectorize.Weighting) { o.ProtectWords = false }),
		with("min df 2", func(_ *vectorize.Options, w *vectorize.Weighting) { w.MinDF = 2 }),
		with("feedback 3, β=0.5", noop).fb(3, 0.5),
		with("feedback 5, β=0.5", noop).fb(5, 0.5),
		with("feedback 5, β=1", noop).fb(5, 1),
		with("min df 2, feedback 5, β=0.5", func(_ *vectorize.Options, w *vectorize.Weighting) { w.MinDF = 2 }).fb(5, 0.5),
		with("MMR λ=0.7", noop).mmr(0.7),
		with("MMR λ=0.5", noop).mmr(0.5),
		with("collapse cos ≥ 0.9", noop).collapse(0.9),
	}
}

func (v variant) fb(n int, beta float64) variant {
	v.Feedback, v.Beta = n, beta
	return v
}

func (v variant) mmr(l float64) variant {
	v.Diversify = l
	return v
}

func (v variant) collapse(c float64) variant {
	v.Collapse = c
	return v
}

func (v variant) query() rank.Query {
	return rank.Query{Feedback: v.Feedback, FeedbackWeight: v.Beta, Diversify: v.Diversify, Collapse: v.Collapse}
}

type evalJSON struct {
	Corpus  string          `json:"corpus"`
	Records int             `json:"records_with_codes"`
	Seconds float64         `json:"seconds"`
	Text    *eval.Report    `json:"text_only,omitempty"`
	Blend   []eval.BlendRow `json:"blend,omitempty"`
	Compare []compareRow    `json:"compare,omitempty"`
}

type compareRow struct {
	variant
	Report eval.Report `json:"report"`
}

// evalCommand measures ranking quality.
type evalCommand struct {
	base
	src     sourceFlags
	asJSON  bool
	compare bool
	lambdas string
	k1, b   float64
	judged  judgedFlags
}

func newEvalCommand(e *env) command {
	c := &evalCommand{}
	c.init(e, "eval", `Measures ranking quality.

With --judgments FILE (relevance judgments made by people, TREC qrels:
"query_id doc_id grade" per line, or "query_id 0 doc_id grade"; a header
line is allowed) or --same-author (a record is relevant to another when
they share an author), every judged query runs through 'similar' (or, with
--free-text FIELD, through 'query' on that field of the query record, as a
user would type it) and the lists are scored: nDCG@10 (the grades as
gains), P@5 and MRR (relevant = grade >= --rel), with 95% bootstrap
intervals over queries. A query id names a record; an id that is not a
record's names the record before its last '_' (CSFCube's <paper>_<facet>).
Full mode ranks the whole corpus (unjudged records count as grade 0);
--pool ranks only each query's judged records. The ranking flags
(--lambda, --feedback, ...) set what is measured.

Without judgments, quality is measured against MSC agreement, on records
with codes: for every record, all others are ranked by text alone (its
codes hidden, lambda = 0) and the top 10 are judged by the codes: relevance
3 for a shared full code, 2 for a shared 3-character area, 1 for a shared
2-digit area. Reports P@10 (share of the top 10 agreeing at least at 2
digits), graded nDCG@10 and MRR@10, and the accuracy of MSC code
suggestions (leave one out). The blend protocol measures lambda: the query
shows only its primary code (else its first), and the list is judged on its
other codes. MSC agreement is a proxy: the code term of the blend is
rewarded by construction, so judgments by people decide the defaults.

--compare runs the grid of analysis and weighting choices side by side.`)
	c.src.register(c.fs)
	c.fs.BoolVar(&c.asJSON, "json", false, "write the figures as JSON")
	c.fs.BoolVar(&c.compare, "compare", false, "compare analysis and weighting choices (MSC agreement)")
	c.fs.StringVar(&c.lambdas, "lambdas", "0,0.1,0.2,0.3,0.4,0.5,0.7", "comma-separated `values` of lambda for the blend protocol (empty: skip)")
	c.fs.Float64Var(&c.k1, "bm25-k1", 1.2, "BM25 k1 for the --compare grid")
	c.fs.Float64Var(&c.b, "bm25-b", 0.75, "BM25 b for the --compare grid")
	c.judged.register(c.fs)
	return c
}

func (c *evalCommand) Run(ctx context.Context, args []string) error {
	if err := c.parseFlags(args); err != nil {
		return err
	}
	e := c.env
	c.judged.noteSet(c.fs)
	if c.judged.active() {
		return runJudged(ctx, e, &c.src, &c.judged, c.asJSON)
	}
	if err := c.judged.checkUnused(); err != nil {
		return err
	}
	var lams []float64
	for _, s := range strings.Split(c.lambdas, ",") {
		if s = strings.TrimSpace(s); s == "" {
			continue
		}
		l, err := strconv.ParseFloat(s, 64)
		if err != nil || l < 0 || l > 1 {
			return usagef("--lambdas: %q is not a number in [0,1]", s)
		}
		lams = append(lams, l)
	}
	if err := c.src.check(); err != nil {
		return err
	}
	eng, err := c.src.open(ctx, e)
	if err != nil {
		return err
	}
	var recs []corpus.Record
	for _, r := range eng.Records() {
		if len(r.MSC) > 0 {
			recs = append(recs, r)
		}
	}
	if len(recs) < 2 {
		return fmt.Errorf("eval needs at least 2 records with MSC codes, the corpus has %d", len(recs))
	}
	start := time.Now()
	out := evalJSON{Corpus: strings.Join(c.src.corpora, ", "), Records: len(recs)}
	if out.Corpus == "" {
		out.Corpus = "embedded"
	}
	// Each variant is an engine of its own, made as every engine is.
	build := func(v variant) (*rank.Index, error) {
		eng, err := related.New(recs, &related.Options{Analysis: v.Options, Weighting: v.Weighting})
		if err != nil {
			return nil, err
		}
		return eng.Index(), nil
	}
	variants := []variant{{Options: vectorize.DefaultOptions(), Weighting: vectorize.DefaultWeighting()}}
	if c.compare {
		variants = compareGrid(c.k1, c.b)
	}
	for _, v := range variants {
		if err := ctx.Err(); err != nil {
			return err
		}
		ix, err := build(v)
		if err != nil {
			return err
		}
		rep, err := eval.TextOnly(ix, v.query())
		if err != nil {
			return err
		}
		if c.compare {
			out.Compare = append(out.Compare, compareRow{variant: v, Report: rep})
			if !c.asJSON {
				fmt.Fprintf(e.stderr, "  %-36s nDCG@10 %.3f\n", v.Name, rep.NDCG10.Mean)
			}
			continue
		}
		out.Text = &rep
		if len(lams) > 0 {
			settings := []eval.BlendSetting{{Lambda: rank.DefaultLambda, LambdaWords: rank.DefaultLambdaWords}}
			for _, l := range lams {
				settings = append(settings, eval.BlendSetting{Lambda: l})
			}
			if out.Blend, err = eval.Blend(ix, v.query(), settings); err != nil {
				return err
			}
		}
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	out.Seconds = time.Since(start).Seconds()
	if c.asJSON {
		return writeJSON(e.stdout, out)
	}
	printEval(e.stdout, out)
	return nil
}

func ci(s eval.Stat) string {
	return fmt.Sprintf("%.3f [%.3f, %.3f]", s.Mean, s.Lo, s.Hi)
}

func printEval(w io.Writer, out evalJSON) {
	fmt.Fprintf(w, "Corpus %s: %d records with codes.\n", out.Corpus, out.Records)
	tw := newTable(w)
	if r := out.Text; r != nil {
		fmt.Fprintf(tw, "\nMSC agreement (a proxy: judged by the codes), text only (each record's codes hidden,\nlambda = 0), top %d, %d queries; mean [95%% CI]:\n", eval.K, r.Queries)
		fmt.Fprintf(tw, "  P@10 (2-digit agreement)\t%s\n", ci(r.P10))
		fmt.Fprintf(tw, "  nDCG@10 (graded 3/2/1)\t%s\n", ci(r.NDCG10))
		fmt.Fprintf(tw, "  MRR@10\t%s\n", ci(r.MRR10))
		fmt.Fprintf(tw, "  intra-list similarity@10\t%s\t(mean cosine between results; lower is more diverse)\n", ci(r.ILS10))
		var near []string
		for _, c := range r.NearestCosine {
			near = append(near, fmt.Sprintf("≥ %g: %d", c.Cosine, c.Records))
		}
		fmt.Fprintf(tw, "  records whose nearest neighbour's cosine is %s\n", strings.Join(near, ", "))
		fmt.Fprintf(tw, "\nMSC suggestions from the %d nearest records (leave one out):\n", rank.SuggestNeighbours)
		fmt.Fprintf(tw, "  top 2-digit area = the record's primary (else first) code's\t%s\n", ci(r.SuggestArea))
		fmt.Fprintf(tw, "  recall of the record's full codes in the top 5 suggestions\t%s\t(%d records)\n", ci(r.SuggestRecall5), r.SuggestRecall5.N)
	}
	if len(out.Blend) > 0 {
		fmt.Fprintf(tw, "\nMSC agreement, blend protocol (query shows its primary code only; judged on its other\ncodes, which rewards the code term by construction; %d queries):\n", out.Blend[0].NDCG10.N)
		fmt.Fprintf(tw, "  code weight\tnDCG@10\tP@10\n")
		for _, row := range out.Blend {
			name := fmt.Sprintf("fixed lambda %g", row.Lambda)
			if row.LambdaWords > 0 {
				name = fmt.Sprintf("default (%g, halving per %g words)", row.Lambda, row.LambdaWords)
			}
			fmt.Fprintf(tw, "  %s\t%s\t%s\n", name, ci(row.NDCG10), ci(row.P10))
		}
	}
	if len(out.Compare) > 0 {
		fmt.Fprintf(tw, "\nText only, top %d, %d queries; mean [95%% CI]:\n", eval.K, out.Compare[0].Report.Queries)
		fmt.Fprintf(tw, "  variant\tnDCG@10\tP@10\tMRR@10\tILS@10\tsuggested area\n")
		for _, row := range out.Compare {
			r := row.Report
			fmt.Fprintf(tw, "  %s\t%s\t%s\t%.3f\t%.3f\t%.3f\n", row.Name, ci(r.NDCG10), ci(r.P10), r.MRR10.Mean, r.ILS10.Mean, r.SuggestArea.Mean)
		}
	}
	tw.Flush()
	fmt.Fprintf(w, "\n(%.1f s)\n", out.Seconds)
}
