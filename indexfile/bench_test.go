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
//
// RELATED_BENCH_INDEX=file.idx runs Open, Query and Similar on an index
// file written by `related index` instead (sub-benchmark "file").
//
// Query and Similar run on the index opened from its file (mapped), as
// commands and the server use it.

var benchCorpora sync.Map // size → *benchCorpus

type benchCorpus struct {
	records []corpus.Record // nil for RELATED_BENCH_INDEX
	ix      *rank.Index     // built in memory; nil for RELATED_BENCH_INDEX
	opened  *rank.Index     // opened from path
	path    string
}

// benchCases are the corpora the benchmarks run on: sizes, or the file
// RELATED_BENCH_INDEX names.
func benchCases() []string {
	if os.Getenv("RELATED_BENCH_INDEX") != "" {
		return []string{"file"}
	}
	var out []string
	for _, n := range benchSizes() {
		out = append(out, fmt.Sprint(n))
	}
	return out
}

// openedFor returns the index of a case opened from its file.
func openedFor(b *testing.B, name string) *benchCorpus {
	if name == "file" {
		if c, ok := benchCorpora.Load(name); ok {
			return c.(*benchCorpus)
		}
		path := os.Getenv("RELATED_BENCH_INDEX")
		ix, err := Open(path, Options{})
		if err != nil {
			b.Fatal(err)
		}
		c := &benchCorpus{opened: ix, path: path}
		benchCorpora.Store(name, c)
		return c
	}
	var n int
	fmt.Sscan(name, &n)
	c := corpusFor(b, n)
	if c.opened == nil {
		ix, err := Open(c.path, Options{})
		if err != nil {
			b.Fatal(err)
		}
		c.opened = ix
	}
	return c
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
	benchCorpora.Range(func(_, v any) bool {
		if c := v.(*benchCorpus); c.records != nil {
			os.Remove(c.path)
		}
		return true
	})
	os.Exit(code)
}

func BenchmarkBuild(b *testing.B) {
	if os.Getenv("RELATED_BENCH_INDEX") != "" {
		b.Skip("RELATED_BENCH_INDEX: no records to build from")
	}
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

// BenchmarkOpen opens the index file (mapped) and closes it.
func BenchmarkOpen(b *testing.B) {
	for _, name := range benchCases() {
		b.Run(name, func(b *testing.B) {
			c := openedFor(b, name)
			b.ResetTimer()
			for b.Loop() {
				ix, err := Open(c.path, Options{})
				if err != nil {
					b.Fatal(err)
				}
				Close(ix)
			}
		})
	}
}

// BenchmarkOpenQuery is what a command does: open the file, answer one
// free-text query, close.
func BenchmarkOpenQuery(b *testing.B) {
	for _, name := range benchCases() {
		b.Run(name, func(b *testing.B) {
			c := openedFor(b, name)
			b.ResetTimer()
			i := 0
			for b.Loop() {
				ix, err := Open(c.path, Options{})
				if err != nil {
					b.Fatal(err)
				}
				q := rank.DefaultQuery()
				q.Vector = ix.Space.Query(benchQueries[i%len(benchQueries)], "").Vector
				if _, err := ix.Search(q); err != nil {
					b.Fatal(err)
				}
				Close(ix)
				i++
			}
		})
	}
}

// BenchmarkVerify opens the index file checking every section.
func BenchmarkVerify(b *testing.B) {
	for _, name := range benchCases() {
		b.Run(name, func(b *testing.B) {
			c := openedFor(b, name)
			b.ResetTimer()
			for b.Loop() {
				if err := Verify(c.path); err != nil {
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

// BenchmarkQuery answers free-text queries with the default blend.
func BenchmarkQuery(b *testing.B) {
	benchMedians(b, func(*rank.Index) int { return len(benchQueries) }, func(ix *rank.Index, i int) error {
		q := rank.DefaultQuery()
		q.Vector = ix.Space.Query(benchQueries[i], "").Vector
		_, err := ix.Search(q)
		return err
	})
}

// BenchmarkSimilar ranks the documents related to one, with the default
// blend.
func BenchmarkSimilar(b *testing.B) {
	benchMedians(b, (*rank.Index).Len, func(ix *rank.Index, i int) error {
		_, err := ix.Similar((i*7919)%ix.Len(), rank.DefaultQuery())
		return err
	})
}

// BenchmarkSimilarSearch ranks the same lists as BenchmarkSimilar by an
// exhaustive search: what Engine.Similar does until PrepareSimilar (a
// command answering one list).
func BenchmarkSimilarSearch(b *testing.B) {
	benchMedians(b, (*rank.Index).Len, func(ix *rank.Index, i int) error {
		_, err := ix.Search(ix.SimilarQuery((i*7919)%ix.Len(), rank.DefaultQuery()))
		return err
	})
}

// benchMedians runs op on the index of each case opened from its file,
// for i among n of them in turn, and reports the median time (see
// medianReport).
func benchMedians(b *testing.B, n func(*rank.Index) int, op func(ix *rank.Index, i int) error) {
	for _, name := range benchCases() {
		b.Run(name, func(b *testing.B) {
			ix := openedFor(b, name).opened
			b.ResetTimer()
			medianReport(b, n(ix), func(i int) {
				if err := op(ix, i); err != nil {
					b.Fatal(err)
				}
			})
		})
	}
}

// BenchmarkPrepareSimilar makes what Similar bounds documents with, on
// an index opened anew for each run (not timed); B/op is its size.
func BenchmarkPrepareSimilar(b *testing.B) {
	for _, name := range benchCases() {
		b.Run(name, func(b *testing.B) {
			path := openedFor(b, name).path
			b.ReportAllocs()
			for b.Loop() {
				b.StopTimer()
				ix, err := Open(path, Options{})
				if err != nil {
					b.Fatal(err)
				}
				b.StartTimer()
				ix.PrepareSimilar()
				b.StopTimer()
				Close(ix)
				b.StartTimer()
			}
		})
	}
}

// BenchmarkExport computes the top-10 list of every record on all cores,
// with the query `related export` makes (the default blend, no folding of
// near-duplicates, no explanations), without formatting.
func BenchmarkExport(b *testing.B) {
	for _, name := range benchCases() {
		b.Run(name, func(b *testing.B) {
			ix := openedFor(b, name).opened
			q := rank.DefaultQuery()
			q.Collapse, q.ExplainTerms = 0, 0
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
							if _, err := ix.Similar(d, q); err != nil {
								b.Error(err)
								return
							}
						}
					}()
				}
				wg.Wait()
			}
			b.ReportMetric(float64(b.Elapsed().Microseconds())/1000/float64(b.N*ix.Len()), "ms/record")
		})
	}
}

// BenchmarkExportOrder computes the export's lists of 200 records, each
// 20 times: in a row (its postings and vectors stay in the processor's
// caches) and round-robin (as an export in corpus order meets them). The
// gap is what an export could win by computing neighbours one after the
// other.
//
//	RELATED_BENCH_INDEX=x.idx go test ./indexfile -run '^$' -bench ExportOrder -benchtime 1x
func BenchmarkExportOrder(b *testing.B) {
	for _, name := range benchCases() {
		ix := openedFor(b, name).opened
		q := rank.DefaultQuery()
		q.Collapse, q.ExplainTerms = 0, 0
		docs := make([]int, 200)
		for i := range docs {
			docs[i] = (i * 7919) % ix.Len()
		}
		if _, err := ix.Similar(docs[0], q); err != nil { // what the first list makes
			b.Fatal(err)
		}
		for _, order := range []string{"repeated", "round-robin"} {
			b.Run(name+"/"+order, func(b *testing.B) {
				lists := 0
				for b.Loop() {
					for i := range 20 * len(docs) {
						d := docs[i/20]
						if order == "round-robin" {
							d = docs[i%len(docs)]
						}
						if _, err := ix.Similar(d, q); err != nil {
							b.Fatal(err)
						}
						lists++
					}
				}
				b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(lists), "ms/list")
			})
		}
	}
}
