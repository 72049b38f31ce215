package eval

import (
	"fmt"
	"sort"
	"strings"
	"sync"

	"github.com/related/related/corpus"
	"github.com/related/related/rank"
)

// ListLength is how many results each judged query asks for: nDCG@10 and
// P@5 need ten, and MRR counts the first relevant result within these.
const ListLength = 100

// JudgedOptions choose how judged queries are run.
type JudgedOptions struct {
	// Base carries the ranking settings (λ, collapse, feedback...); its
	// K, vector, codes, exclusions and candidates are set per query.
	Base rank.Query
	// Pool ranks only each query's judged documents (the official
	// CSFCube protocol); otherwise the whole corpus is ranked and
	// unjudged documents count as grade 0.
	Pool bool
	// FreeText, when set, is a record field (title, abstract, keywords,
	// text = title and abstract): the query is that field typed as free
	// text, without the record's codes, instead of `similar` on the
	// record.
	FreeText string
	// Rel is the smallest grade that counts as relevant for P@5 and MRR.
	Rel int
	// Run, when set, receives each query's ranked list, best first (for
	// run files that other scorers can read).
	Run func(query string, ranked []Ranked)
}

// Ranked is one entry of a query's ranked list.
type Ranked struct {
	ID    string
	Score float64
}

// FreeTextFields are the record fields --free-text accepts.
var FreeTextFields = []string{"title", "abstract", "keywords", "text"}

// QueryText is a record's field as free text, "" when it has none.
func QueryText(r *corpus.Record, field string) string {
	switch field {
	case "title":
		return r.Title
	case "abstract":
		return r.Abstract
	case "keywords":
		return strings.Join(r.Keywords, " ; ")
	case "text":
		return strings.TrimSpace(r.Title + "\n" + r.Abstract)
	}
	return ""
}

// queryText is QueryText of document d's record.
func queryText(ix *rank.Index, d int, field string) string {
	r := ix.Record(d)
	return QueryText(&r, field)
}

// JudgedReport is the outcome of running judged queries.
type JudgedReport struct {
	Mode  string `json:"mode"`  // "full" or "pool"
	Input string `json:"input"` // "similar" or "free text (title)"
	// Queries is the number of queries scored.
	Queries int `json:"queries"`
	// Unresolved are query ids that name no record, even by their part
	// before the last '_'.
	Unresolved []string `json:"unresolved,omitempty"`
	// NoText counts free-text queries whose field is empty (not scored).
	NoText int `json:"no_text,omitempty"`
	// MissingDocs counts judged documents that are not in the corpus:
	// they count in the ideal list but can never be found.
	MissingDocs int  `json:"missing_documents,omitempty"`
	Rel         int  `json:"relevant_grade"`
	NDCG10      Stat `json:"ndcg_at_10"`
	P5          Stat `json:"p_at_5"`
	MRR         Stat `json:"mrr"`
	// PerQuery are each scored query's figures, in judgment order.
	PerQuery []JudgedQuery `json:"per_query,omitempty"`
}

// JudgedQuery is one query's figures.
type JudgedQuery struct {
	ID     string  `json:"id"`
	NDCG10 float64 `json:"ndcg_at_10"`
	P5     float64 `json:"p_at_5"`
	RR     float64 `json:"rr"`
}

// ResolveQuery finds the record a query id names: the record with that
// id, else the record named by the part before the last '_' (CSFCube's
// query ids are `<paper_id>_<facet>`).
func ResolveQuery(ix *rank.Index, id string) (int, bool) {
	if d, ok := ix.Lookup(id); ok {
		return d, true
	}
	if i := strings.LastIndexByte(id, '_'); i > 0 {
		return ix.Lookup(id[:i])
	}
	return 0, false
}

// Judged runs every judged query and scores its list: nDCG@10 with the
// grades as gains (the ideal list drawn from the query's judged grades),
// P@5 and MRR with relevant = grade ≥ Rel, each a mean over queries with
// a 95% bootstrap interval. The query's own record is never counted.
// Documents the ranker does not score follow the scored ones in id order,
// as CSFCube's evaluate.py orders unscored documents.
func Judged(ix *rank.Index, j *Judgments, o JudgedOptions) (JudgedReport, error) {
	rep := JudgedReport{Mode: "full", Input: "similar", Rel: o.Rel}
	if o.Pool {
		rep.Mode = "pool"
	}
	if o.FreeText != "" {
		if QueryText(&corpus.Record{Title: "x", Abstract: "x", Keywords: []string{"x"}}, o.FreeText) == "" {
			return rep, fmt.Errorf("free text: unknown field %q (%s)", o.FreeText, strings.Join(FreeTextFields, ", "))
		}
		rep.Input = "free text (" + o.FreeText + ")"
	}
	n := ix.Len()
	byID := make([]int32, n) // documents in id order, for unscored padding
	for d := range byID {
		byID[d] = int32(d)
	}
	sort.Slice(byID, func(a, b int) bool { return ix.ID(int(byID[a])) < ix.ID(int(byID[b])) })

	type job struct {
		qid  string
		doc  int
		text string // the free text of the query, when FreeText
	}
	var jobs []job
	missing := map[string]bool{}
	for _, qid := range j.Queries {
		d, ok := ResolveQuery(ix, qid)
		if !ok {
			rep.Unresolved = append(rep.Unresolved, qid)
			continue
		}
		for doc := range j.Grades[qid] {
			if _, ok := ix.Lookup(doc); !ok {
				missing[doc] = true
			}
		}
		var text string
		if o.FreeText != "" {
			// Read once: from an index file, a record is decoded when asked.
			if text = queryText(ix, d, o.FreeText); strings.TrimSpace(text) == "" {
				rep.NoText++
				continue
			}
		}
		jobs = append(jobs, job{qid, d, text})
	}
	rep.MissingDocs = len(missing)
	if len(jobs) == 0 {
		return rep, fmt.Errorf("no judged query could be run (%d name no record, %d have no %s)", len(rep.Unresolved), rep.NoText, o.FreeText)
	}
	per := make([]JudgedQuery, len(jobs))
	lists := make([][]Ranked, len(jobs))
	var firstErr error
	var mu sync.Mutex
	parallel(len(jobs), func(i int) {
		jb := jobs[i]
		grades := j.Grades[jb.qid]
		ranked, err := judgedList(ix, jb.doc, jb.text, grades, byID, o)
		if err != nil {
			mu.Lock()
			firstErr = err
			mu.Unlock()
			return
		}
		self := ix.ID(jb.doc)
		gains := make([]int, len(ranked))
		bin := make([]int, len(ranked))
		for k, r := range ranked {
			gains[k] = grades[r.ID]
			if gains[k] >= o.Rel && gains[k] > 0 {
				bin[k] = 1
			}
		}
		var ideal []int
		for doc, g := range grades {
			if doc != self {
				ideal = append(ideal, g)
			}
		}
		per[i] = JudgedQuery{
			ID:     jb.qid,
			NDCG10: NDCG(gains, ideal, 10),
			P5:     PrecisionAt(bin, 5),
			RR:     ReciprocalRank(bin, len(bin)),
		}
		lists[i] = ranked
	})
	if firstErr != nil {
		return rep, firstErr
	}
	if o.Run != nil {
		for i, jb := range jobs {
			o.Run(jb.qid, lists[i])
		}
	}
	nd := make([]float64, len(per))
	p5 := make([]float64, len(per))
	rr := make([]float64, len(per))
	for i, q := range per {
		nd[i], p5[i], rr[i] = q.NDCG10, q.P5, q.RR
	}
	rep.Queries = len(per)
	rep.NDCG10 = Bootstrap(nd, BootstrapIters, Seed)
	rep.P5 = Bootstrap(p5, BootstrapIters, Seed)
	rep.MRR = Bootstrap(rr, BootstrapIters, Seed)
	rep.PerQuery = per
	return rep, nil
}

// judgedList ranks for one query: the ranker's list, then unscored
// candidates in id order, up to ListLength (pool mode: the whole pool).
// text is the query's free text when o.FreeText names a field.
func judgedList(ix *rank.Index, doc int, text string, grades map[string]int, byID []int32, o JudgedOptions) ([]Ranked, error) {
	q := o.Base
	q.K = ListLength
	q.Exclude = append(append([]int(nil), q.Exclude...), doc)
	var pool []int
	if o.Pool {
		for id := range grades {
			if d, ok := ix.Lookup(id); ok && d != doc {
				pool = append(pool, d)
			}
		}
		sort.Ints(pool)
		q.Candidates = pool
		q.K = max(1, len(pool))
	}
	var results []rank.Result
	var err error
	if o.FreeText == "" {
		results, err = ix.Similar(doc, q)
	} else {
		aq := ix.Analyze(text, "")
		q.Vector = aq.Vector
		q.Codes = rank.CodeSet{}
		results, err = ix.Search(q)
	}
	if err != nil {
		return nil, err
	}
	want := q.K
	ranked := make([]Ranked, 0, want)
	listed := map[int]bool{doc: true}
	for _, r := range results {
		ranked = append(ranked, Ranked{r.ID, r.Score})
		listed[r.Doc] = true
		for _, a := range r.Also { // folded near-duplicates stay in the list
			if d, ok := ix.Lookup(a); ok {
				listed[d] = true
			}
		}
	}
	if o.Pool {
		for _, d := range pool {
			if !listed[d] && len(ranked) < want {
				ranked = append(ranked, Ranked{ix.ID(d), 0})
			}
		}
		sortUnscored(ranked, len(results))
		return ranked, nil
	}
	for _, d := range byID {
		if len(ranked) >= want {
			break
		}
		if !listed[int(d)] {
			ranked = append(ranked, Ranked{ix.ID(int(d)), 0})
		}
	}
	return ranked, nil
}

// sortUnscored orders the padding after the first scored entries by id.
func sortUnscored(r []Ranked, scored int) {
	tail := r[scored:]
	sort.Slice(tail, func(a, b int) bool { return tail[a].ID < tail[b].ID })
}
