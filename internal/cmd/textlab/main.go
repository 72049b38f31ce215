// Command textlab measures choices of the analysis and the term weights
// on judged protocols (`related eval --judgments` and `--same-author`, the
// default blend otherwise), one variant per row: the table the README
// shows under "Measured quality". It reads ../shared/data.
//
//	go run ./internal/cmd/textlab -sets csf,csfpool,csftitle,axd,axt,msn,msntitle
package main

import (
	"flag"
	"fmt"
	"os"
	"strings"

	"github.com/related/related"
	"github.com/related/related/corpus"
	"github.com/related/related/rank"
	"github.com/related/related/rank/eval"
	"github.com/related/related/vectorize"
)

// protocol is one judged protocol.
type protocol struct {
	name, corpus, qrels string // qrels "" = same author
	pool                bool
	freeText            string
}

var protocols = map[string]protocol{
	"csf":      {name: "CSFCube", corpus: "csfcube/corpus.jsonl", qrels: "csfcube/qrels.tsv"},
	"csfpool":  {name: "CSFCube pool", corpus: "csfcube/corpus.jsonl", qrels: "csfcube/qrels.tsv", pool: true},
	"csftitle": {name: "CSFCube title", corpus: "csfcube/corpus.jsonl", qrels: "csfcube/qrels.tsv", freeText: "title"},
	"axd":      {name: "arXiv NT SA", corpus: "arxiv_daily_mathnt_rt_abstracts.jsonl"},
	"axt":      {name: "arXiv test SA", corpus: "arxiv_testdata_records.jsonl"},
	"gold":     {name: "dev set SA", corpus: "eval_msc_gold.jsonl"},
	"msn":      {name: "MSN titles SA", corpus: "mathscinet_spdes_bib_titles.jsonl"},
	"msntitle": {name: "MSN title free", corpus: "mathscinet_spdes_bib_titles.jsonl", freeText: "title"},
}

// variant changes the analysis or the weighting from the defaults.
type variant struct {
	name string
	opts func(o *vectorize.Options, w *vectorize.Weighting)
}

var variants = []variant{
	{"defaults", func(*vectorize.Options, *vectorize.Weighting) {}},
	{"idf power 1", func(_ *vectorize.Options, w *vectorize.Weighting) { w.IDFPower = 1 }},
	{"idf power 0.5", func(_ *vectorize.Options, w *vectorize.Weighting) { w.IDFPower = 0.5 }},
	{"free-text idf power 1", func(_ *vectorize.Options, w *vectorize.Weighting) { w.QueryIDFPower = 1 }},
	{"free-text idf power 1.25", func(_ *vectorize.Options, w *vectorize.Weighting) { w.QueryIDFPower = 1.25 }},
	{"pair weight 1", func(_ *vectorize.Options, w *vectorize.Weighting) { w.BigramWeight = 1 }},
	{"pair weight 0.5", func(_ *vectorize.Options, w *vectorize.Weighting) { w.BigramWeight = 0.5 }},
	{"scikit-learn weights", func(_ *vectorize.Options, w *vectorize.Weighting) { *w = vectorize.SklearnWeighting() }},
	{"no pairs", func(o *vectorize.Options, _ *vectorize.Weighting) { o.Bigrams = false }},
	{"no accent folding", func(o *vectorize.Options, _ *vectorize.Weighting) { o.FoldAccents = false }},
	{"no protected words", func(o *vectorize.Options, _ *vectorize.Weighting) { o.ProtectWords = false }},
	{"bm25 k1=1.2 b=0.75", func(_ *vectorize.Options, w *vectorize.Weighting) { w.Scheme = vectorize.BM25 }},
	{"title weight 1", func(o *vectorize.Options, _ *vectorize.Weighting) { o.TitleWeight = 1 }},
}

func main() {
	sets := flag.String("sets", "csf,csfpool,csftitle,axd,axt,msn,msntitle", "comma-separated protocols: "+strings.Join(names(), ", "))
	data := flag.String("data", "../shared/data", "the shared data directory")
	flag.Parse()
	var cols []protocol
	for _, s := range strings.Split(*sets, ",") {
		p, ok := protocols[s]
		if !ok {
			fmt.Fprintf(os.Stderr, "textlab: unknown protocol %q (%s)\n", s, strings.Join(names(), ", "))
			os.Exit(2)
		}
		cols = append(cols, p)
	}
	table := make([][]float64, len(variants))
	for _, p := range cols {
		recs, j, err := load(*data, p)
		if err != nil {
			fmt.Fprintln(os.Stderr, "textlab:", err)
			os.Exit(1)
		}
		for vi, v := range variants {
			o, w := vectorize.DefaultOptions(), vectorize.DefaultWeighting()
			v.opts(&o, &w)
			eng, err := related.New(recs, &related.Options{Analysis: o, Weighting: w})
			if err != nil {
				fmt.Fprintln(os.Stderr, "textlab:", err)
				os.Exit(1)
			}
			rep, err := eval.Judged(eng.Index(), j, eval.JudgedOptions{Base: rank.DefaultQuery(), Pool: p.pool, FreeText: p.freeText, Rel: 2})
			if err != nil {
				fmt.Fprintln(os.Stderr, "textlab:", err)
				os.Exit(1)
			}
			table[vi] = append(table[vi], rep.NDCG10.Mean)
			fmt.Fprintf(os.Stderr, "%s, %s: nDCG@10 %.3f (%d queries)\n", p.name, v.name, rep.NDCG10.Mean, rep.Queries)
		}
	}
	fmt.Printf("nDCG@10, %-24s", "variant")
	for _, p := range cols {
		fmt.Printf(" %14s", p.name)
	}
	fmt.Println()
	for vi, v := range variants {
		fmt.Printf("         %-24s", v.name)
		for _, x := range table[vi] {
			fmt.Printf(" %14.3f", x)
		}
		fmt.Println()
	}
}

func names() []string {
	var out []string
	for k := range protocols {
		out = append(out, k)
	}
	return out
}

func load(dir string, p protocol) ([]corpus.Record, *eval.Judgments, error) {
	c := corpus.NewCollector()
	f, err := corpus.Open(dir+"/"+p.corpus, corpus.FormatAuto)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	if err := c.ReadAll(f); err != nil {
		return nil, nil, err
	}
	if p.qrels == "" {
		return c.Records, eval.SameAuthor(c.Records), nil
	}
	qf, err := os.Open(dir + "/" + p.qrels)
	if err != nil {
		return nil, nil, err
	}
	defer qf.Close()
	j, err := eval.ReadQrels(qf, p.qrels)
	return c.Records, j, err
}
