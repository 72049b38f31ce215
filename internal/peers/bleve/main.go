// Command bleve is the peer a Go user would reach for: bleve v2 with its
// English analyzer, on the same JSON Lines records as `related`. It times
// building an index of title and abstract, one free-text query (a match
// query), and more-like-this queries for records (the 25 best terms of the
// record by tf·idf, OR-ed, as Lucene's MoreLikeThis does), and prints peak
// memory. A separate module, so that the engine does not depend on bleve.
//
//	cd internal/peers/bleve && go run . /tmp/syn100000.jsonl
package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"sort"
	"syscall"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search/query"
)

type record struct {
	ID       string `json:"id"`
	Title    string `json:"title"`
	Abstract string `json:"abstract"`
}

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: bleve CORPUS.jsonl")
		os.Exit(2)
	}
	start := time.Now()
	f, err := os.Open(os.Args[1])
	check(err)
	var recs []record
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	for sc.Scan() {
		var r record
		check(json.Unmarshal(sc.Bytes(), &r))
		recs = append(recs, r)
	}
	check(sc.Err())
	dir, err := os.MkdirTemp("", "bleve")
	check(err)
	defer os.RemoveAll(dir)
	m := bleve.NewIndexMapping()
	m.DefaultAnalyzer = en.AnalyzerName
	doc := mapping.NewDocumentMapping()
	text := bleve.NewTextFieldMapping()
	text.Analyzer = en.AnalyzerName
	text.Store = false
	doc.AddFieldMappingsAt("text", text)
	m.DefaultMapping = doc
	ix, err := bleve.New(filepath.Join(dir, "ix"), m)
	check(err)
	b := ix.NewBatch()
	for _, r := range recs {
		check(b.Index(r.ID, map[string]string{"text": r.Title + " " + r.Abstract}))
		if b.Size() == 1000 {
			check(ix.Batch(b))
			b = ix.NewBatch()
		}
	}
	check(ix.Batch(b))
	built := time.Since(start)

	q := "Burer-Monteiro factorization of semidefinite programs: first-order methods reach global optimality when the rank is large enough"
	var lat []float64
	for range 20 {
		s := time.Now()
		mq := bleve.NewMatchQuery(q)
		mq.SetField("text")
		_, err := ix.Search(bleve.NewSearchRequestOptions(mq, 10, 0, false))
		check(err)
		lat = append(lat, float64(time.Since(s).Microseconds())/1000)
	}
	sort.Float64s(lat)

	// More like this: the 25 best terms of each of 200 records, by tf·idf.
	an := ix.Mapping().AnalyzerNamed(en.AnalyzerName)
	n, _ := ix.DocCount()
	var mlt []float64
	for i := 0; i < 200; i++ {
		r := recs[(i*7919)%len(recs)]
		tf := map[string]int{}
		for _, tok := range an.Analyze([]byte(r.Title + " " + r.Abstract)) {
			tf[string(tok.Term)]++
		}
		type tw struct {
			t string
			w float64
		}
		var tws []tw
		for t, c := range tf {
			df := docFreq(ix, t)
			if df == 0 {
				continue
			}
			tws = append(tws, tw{t, float64(c) * math.Log(float64(n)/float64(df))})
		}
		sort.Slice(tws, func(a, b int) bool { return tws[a].w > tws[b].w })
		if len(tws) > 25 {
			tws = tws[:25]
		}
		var qs []query.Query
		for _, x := range tws {
			tq := bleve.NewTermQuery(x.t)
			tq.SetField("text")
			qs = append(qs, tq)
		}
		s := time.Now()
		_, err := ix.Search(bleve.NewSearchRequestOptions(bleve.NewDisjunctionQuery(qs...), 11, 0, false))
		check(err)
		mlt = append(mlt, float64(time.Since(s).Microseconds())/1000)
	}
	sort.Float64s(mlt)
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	fmt.Printf("records=%d build_s=%.2f query_ms_median=%.2f mlt_ms_median=%.2f peak_rss_mb=%d\n",
		len(recs), built.Seconds(), lat[len(lat)/2], mlt[len(mlt)/2], ru.Maxrss/1024)
}

func docFreq(ix bleve.Index, term string) int {
	fd, err := ix.FieldDictRange("text", []byte(term), []byte(term))
	check(err)
	defer fd.Close()
	e, err := fd.Next()
	check(err)
	if e == nil || e.Term != term {
		return 0
	}
	return int(e.Count)
}

func check(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, "bleve:", err)
		os.Exit(1)
	}
}
