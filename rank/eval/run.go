package eval

import (
	"runtime"
	"sync"

	"github.com/related/related/corpus"
	"github.com/related/related/rank"
)

// K is the cut-off of every list metric.
const K = 10

// Seed is the bootstrap seed, fixed so that runs repeat.
const Seed = 20261128

// judge holds the codes used to judge relevance and, per level, which
// documents have each code prefix, so that the ideal list of a query is
// counted without comparing it with every document.
type judge struct {
	codes  [][]string            // per document
	byPref [4]map[string][]int32 // level (3 = 5 chars, 2 = 3 chars, 1 = 2 chars) → docs
	marks  sync.Pool
}

var prefixLen = [4]int{0, 2, 3, 5}

func newJudge(codes [][]string) *judge {
	j := &judge{codes: codes}
	for lv := 1; lv <= 3; lv++ {
		j.byPref[lv] = map[string][]int32{}
		for d, cs := range codes {
			seen := map[string]bool{}
			for _, c := range cs {
				if len(c) < prefixLen[lv] {
					continue
				}
				p := c[:prefixLen[lv]]
				if !seen[p] {
					seen[p] = true
					j.byPref[lv][p] = append(j.byPref[lv][p], int32(d))
				}
			}
		}
	}
	n := len(codes)
	j.marks.New = func() any { return make([]bool, n) }
	return j
}

// ideal returns the best K gains any list could have for query codes qc,
// excluding document self.
func (j *judge) ideal(qc []string, self int) []int {
	mark := j.marks.Get().([]bool)
	defer j.marks.Put(mark)
	var touched []int32
	var gains []int
	for lv := 3; lv >= 1 && len(gains) < K; lv-- {
		for _, c := range qc {
			if len(c) < prefixLen[lv] {
				continue
			}
			for _, d := range j.byPref[lv][c[:prefixLen[lv]]] {
				if int(d) == self || mark[d] {
					continue
				}
				mark[d] = true
				touched = append(touched, d)
				gains = append(gains, lv)
			}
		}
	}
	for _, d := range touched {
		mark[d] = false
	}
	if len(gains) > K {
		gains = gains[:K]
	}
	return gains
}

// QueryScores are one query's figures.
type QueryScores struct {
	P10, NDCG10, MRR10 float64
}

// score judges a ranked list for query codes qc.
func (j *judge) score(qc []string, self int, results []rank.Result) QueryScores {
	gains := make([]int, 0, K)
	for _, r := range results {
		if len(gains) == K {
			break
		}
		gains = append(gains, Relevance(qc, j.codes[r.Doc]))
	}
	return QueryScores{
		P10:    PrecisionAt(gains, K),
		NDCG10: NDCG(gains, j.ideal(qc, self), K),
		MRR10:  ReciprocalRank(gains, K),
	}
}

// Report is the outcome of the text-only protocol.
type Report struct {
	Queries int  `json:"queries"`
	P10     Stat `json:"p_at_10"`
	NDCG10  Stat `json:"ndcg_at_10"`
	MRR10   Stat `json:"mrr_at_10"`
	// SuggestArea is the share of records whose top suggested 2-digit
	// area is that of their primary (else first) code.
	SuggestArea Stat `json:"suggest_area_accuracy"`
	// SuggestRecall5 is the share of a record's full codes found among
	// the top 5 suggested full codes.
	SuggestRecall5 Stat `json:"suggest_code_recall_at_5"`
	// ILS10 is the mean cosine between the pairs of each top 10 (lower
	// is more diverse).
	ILS10 Stat `json:"intra_list_similarity_at_10"`
	// NearestCosine counts the records whose nearest neighbour by text
	// reaches each threshold: how many near-duplicates collapsing at that
	// cosine would fold.
	NearestCosine []ThresholdCount `json:"nearest_cosine"`
}

// ThresholdCount is how many records reach a threshold.
type ThresholdCount struct {
	Cosine  float64 `json:"cosine"`
	Records int     `json:"records"`
}

// nearThresholds are the cosines NearestCosine counts at.
var nearThresholds = []float64{0.5, 0.7, 0.8, 0.9, 0.95}

// parallel runs f(d) for every document on all cores.
func parallel(n int, f func(d int)) {
	var wg sync.WaitGroup
	next := make(chan int, 64)
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for d := range next {
				f(d)
			}
		}()
	}
	for d := range n {
		next <- d
	}
	close(next)
	wg.Wait()
}

// TextOnly ranks, for every document with codes, all the others by text
// alone (its codes hidden: λ = 0), and judges the top 10 by MSC agreement.
// It also suggests codes for each as rank.Index.SuggestFor does for any
// text (its 20 nearest neighbours by text vote) and checks them against
// its own codes (leave one out).
func TextOnly(ix *rank.Index, base rank.Query) (Report, error) {
	n := ix.Len()
	codes := make([][]string, n)
	for d := range n {
		codes[d] = ix.Codes(d).Codes
	}
	j := newJudge(codes)
	per := make([]QueryScores, n)
	area := make([]float64, n)
	recall := make([]float64, n)
	ils := make([]float64, n)
	nearest := make([]float64, n)
	has := make([]bool, n)
	var firstErr error
	var mu sync.Mutex
	parallel(n, func(d int) {
		if len(codes[d]) == 0 {
			return
		}
		q := base
		q.K, q.Lambda = K, 0
		top, err := ix.Similar(d, q)
		var s rank.Suggestions
		if err == nil {
			// The record's suggestions as `related query` would make them
			// for its text, itself left out.
			s, err = ix.SuggestFor(ix.SimilarQuery(d, rank.Query{}))
		}
		if err != nil {
			mu.Lock()
			firstErr = err
			mu.Unlock()
			return
		}
		has[d] = true
		if len(top) > 0 {
			nearest[d] = top[0].Cosine
		}
		per[d] = j.score(codes[d], d, top)
		ils[d] = ix.IntraListSimilarity(top)
		primary := ix.Codes(d).Primary
		if primary == "" {
			primary = codes[d][0]
		}
		if len(s.Areas) > 0 && s.Areas[0].Code == rank.SharedLabel(primary, 1) {
			area[d] = 1
		}
		var full, found int
		for _, c := range codes[d] {
			if corpus.CodeDepth(c) != 3 {
				continue
			}
			full++
			for _, sg := range s.Codes {
				if sg.Code == c {
					found++
					break
				}
			}
		}
		if full > 0 {
			recall[d] = float64(found) / float64(full)
		} else {
			recall[d] = -1
		}
	})
	if firstErr != nil {
		return Report{}, firstErr
	}
	near := make([]ThresholdCount, len(nearThresholds))
	for i, th := range nearThresholds {
		near[i].Cosine = th
		for d := range n {
			if has[d] && nearest[d] >= th {
				near[i].Records++
			}
		}
	}
	var p, nd, mrr, ar, rc, il []float64
	for d := range n {
		if !has[d] {
			continue
		}
		p = append(p, per[d].P10)
		nd = append(nd, per[d].NDCG10)
		mrr = append(mrr, per[d].MRR10)
		ar = append(ar, area[d])
		il = append(il, ils[d])
		if recall[d] >= 0 {
			rc = append(rc, recall[d])
		}
	}
	return Report{
		Queries:        len(p),
		P10:            Bootstrap(p, BootstrapIters, Seed),
		NDCG10:         Bootstrap(nd, BootstrapIters, Seed),
		MRR10:          Bootstrap(mrr, BootstrapIters, Seed),
		SuggestArea:    Bootstrap(ar, BootstrapIters, Seed),
		SuggestRecall5: Bootstrap(rc, BootstrapIters, Seed),
		ILS10:          Bootstrap(il, BootstrapIters, Seed),
		NearestCosine:  near,
	}, nil
}

// BlendRow is the blend protocol's figure for one setting: a fixed λ
// (LambdaWords 0) or a code weight falling with the query's words.
type BlendRow struct {
	Lambda      float64 `json:"lambda"`
	LambdaWords float64 `json:"lambda_words"`
	NDCG10      Stat    `json:"ndcg_at_10"`
	P10         Stat    `json:"p_at_10"`
}

// BlendSetting is one setting of the blend protocol.
type BlendSetting struct {
	Lambda, LambdaWords float64
}

// Blend measures λ without rewarding the ranker for reading the answer:
// for every document with at least two codes, the query shows only its
// primary code (else its first), the candidates show all theirs, and the
// list is judged against the query's other codes, which the ranker never
// saw.
func Blend(ix *rank.Index, base rank.Query, settings []BlendSetting) ([]BlendRow, error) {
	n := ix.Len()
	visible := make([][]string, n)
	judged := make([][]string, n)
	all := make([][]string, n)
	for d := range n {
		cs := ix.Codes(d)
		all[d] = cs.Codes
		if len(cs.Codes) < 2 {
			continue
		}
		p := cs.Primary
		if p == "" {
			p = cs.Codes[0]
		}
		visible[d] = []string{p}
		for _, c := range cs.Codes {
			if c != p {
				judged[d] = append(judged[d], c)
			}
		}
	}
	j := newJudge(all)
	rows := make([]BlendRow, len(settings))
	for i, set := range settings {
		per := make([]QueryScores, n)
		has := make([]bool, n)
		var firstErr error
		var mu sync.Mutex
		parallel(n, func(d int) {
			if visible[d] == nil {
				return
			}
			q := base
			q.Vector = ix.Vector(d)
			q.Codes = rank.CodeSet{Codes: visible[d], Primary: visible[d][0]}
			q.K, q.Lambda, q.LambdaWords, q.Exclude = K, set.Lambda, set.LambdaWords, []int{d}
			// The codes are the protocol's: no suggestions, no references.
			q.SuggestCodes, q.RefWeight = false, 0
			res, err := ix.Search(q)
			if err != nil {
				mu.Lock()
				firstErr = err
				mu.Unlock()
				return
			}
			has[d] = true
			per[d] = j.score(judged[d], d, res)
		})
		if firstErr != nil {
			return nil, firstErr
		}
		var nd, p []float64
		for d := range n {
			if has[d] {
				nd = append(nd, per[d].NDCG10)
				p = append(p, per[d].P10)
			}
		}
		rows[i] = BlendRow{Lambda: set.Lambda, LambdaWords: set.LambdaWords, NDCG10: Bootstrap(nd, BootstrapIters, Seed), P10: Bootstrap(p, BootstrapIters, Seed)}
	}
	return rows, nil
}
