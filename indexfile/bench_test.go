package indexfile

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/related/related/corpus"
	"github.com/related/related/internal/synth"
	"github.com/related/related/rank"
	"github.com/related/related/vectorize"
)

// The benchmarks run on synthetic corpora resampled from ../../shared/data
// (package synth), at 10k records, and at 100k too when RELATED_BENCH_LARGE is set:
//
//	go test ./indexfile -run '^$' -bench . -benchmem
//	go test ./indexfile -run '^$' -bench . -benchmem -timeout 1h (with RELATED_BENCH_LARGE=1)

var benchCorpora sync.Map // size → *benchCorpus

type benchCorpus struct {
	records []corpus.Record
	ix      *rank.Index
	path    string
}

func benchSizes() []int {
	if os.Getenv("RELATED_BENCH_LARGE") != "" {
		return []int{10000, 100000}
	}
	return []int{10000}
}

func corpusFor(b *testing.B, n int) *benchCorpus {
	if c, ok := benchCorpora.Load(n); ok {
		return c.(*benchCorpus)
	}
	dir := synth.DataDir()
	if dir == "" {
		b.Skip("no shared data directory (../shared/data)")
	}
	recs, err := synth.Records(dir, n, 1)
	if err != nil {
		b.Fatal(err)
	}
	sp := vectorize.Build(recs, vectorize.DefaultOptions(), vectorize.DefaultWeighting())
	ix, err := rank.New(recs, sp)
	if err != nil {
		b.Fatal(err)
	}
	path := filepath.Join(os.TempDir(), fmt.Sprintf("related-bench-%d-%d.idx", n, os.Getpid()))
	if err := Write(path, ix); err != nil {
		b.Fatal(err)
	}
	c := &benchCorpus{records: recs, ix: ix, path: path}
	benchCorpora.Store(n, c)
	return c
}

func TestMain(m *testing.M) {
	code := m.Run()
	benchCorpora.Range(func(_, v any) bool { os.Remove(v.(*benchCorpus).path); return true })
	os.Exit(code)
}

func BenchmarkBuild(b *testing.B) {
	for _, n := range benchSizes() {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			c := corpusFor(b, n)
			b.ResetTimer()
			for b.Loop() {
				sp := vectorize.Build(c.records, vectorize.DefaultOptions(), vectorize.DefaultWeighting())
				if _, err := rank.New(c.records, sp); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkLoad(b *testing.B) {
	for _, n := range benchSizes() {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			c := corpusFor(b, n)
			b.ResetTimer()
			for b.Loop() {
				if _, err := Load(c.path, Options{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

var benchQueries = []string{
	"convex optimization and proximal gradient methods",
	"stochastic partial differential equations driven by space-time white noise",
	"modular forms and Galois representations",
	"finite element approximation of elliptic boundary value problems",
	"random walks on graphs and mixing times",
}

// medianReport runs f on each of n inputs (cycling), and reports the
// median time per call, the figure the targets are stated in.
func medianReport(b *testing.B, n int, f func(i int)) {
	var times []time.Duration
	i := 0
	for b.Loop() {
		t := time.Now()
		f(i % n)
		times = append(times, time.Since(t))
		i++
	}
	sort.Slice(times, func(a, c int) bool { return times[a] < times[c] })
	b.ReportMetric(float64(times[len(times)/2].Microseconds())/1000, "ms-median")
}

func BenchmarkQuery(b *testing.B) {
	for _, n := range benchSizes() {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			ix := corpusFor(b, n).ix
			b.ResetTimer()
			medianReport(b, len(benchQueries), func(i int) {
				q := ix.Space.Query(benchQueries[i], "")
				if _, err := ix.Search(rank.Query{Vector: q.Vector, K: 10, Lambda: 0.3, ExplainTerms: 5}); err != nil {
					b.Fatal(err)
				}
			})
		})
	}
}

func BenchmarkSimilar(b *testing.B) {
	for _, n := range benchSizes() {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			ix := corpusFor(b, n).ix
			b.ResetTimer()
			medianReport(b, ix.Len(), func(i int) {
				if _, err := ix.Similar((i*7919)%ix.Len(), rank.Query{K: 10, Lambda: 0.3, ExplainTerms: 5}); err != nil {
					b.Fatal(err)
				}
			})
		})
	}
}

// BenchmarkExport computes the top-10 list of every record on all cores,
// as `related export` does (without formatting).
func BenchmarkExport(b *testing.B) {
	for _, n := range benchSizes() {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			ix := corpusFor(b, n).ix
			b.ResetTimer()
			for b.Loop() {
				var next atomic.Int64
				var wg sync.WaitGroup
				for range runtime.GOMAXPROCS(0) {
					wg.Add(1)
					go func() {
						defer wg.Done()
						for {
							d := int(next.Add(1)) - 1
							if d >= ix.Len() {
								return
							}
							if _, err := ix.Similar(d, rank.Query{K: 10, Lambda: 0.3}); err != nil {
								b.Error(err)
								return
							}
						}
					}()
				}
				wg.Wait()
			}
		})
	}
}
