//go:build unix

package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"net/url"
	"os"
	"os/signal"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/related/related"
	"github.com/related/related/cmd/related/internal/server"
)

// TestServeLoad is a bounded load test on loopback, run only when asked:
//
//	RELATED_LOADTEST=1 go test -run TestServeLoad -v ./cmd/related/
//
// Clients send similar-by-id (GET /api/talks/{id}/similar) and free-text
// queries (POST /api/query) for a fixed time, while the process receives
// real SIGHUPs that reload the whole corpus; it reports requests per
// second and p50/p99 latency of each kind, and fails if any request
// failed. Settings (environment):
//
//	RELATED_LOADTEST_CORPUS   corpus files, comma-separated (default: the embedded corpus)
//	RELATED_LOADTEST_INDEX    an index file (related index) instead of a corpus
//	RELATED_LOADTEST_SECONDS  least duration of the load (default 10); it goes on until the reloads are done
//	RELATED_LOADTEST_WORKERS  concurrent clients (default 16)
//	RELATED_LOADTEST_RELOADS  SIGHUPs sent during the load (default 2)
//	RELATED_LOADTEST_LAMBDA   lambda of every request (default: the server's, 0.3)
func TestServeLoad(t *testing.T) {
	if os.Getenv("RELATED_LOADTEST") == "" {
		t.Skip("load test: set RELATED_LOADTEST=1 to run it (see the comment for settings)")
	}
	envInt := func(name string, def int) int {
		if v := os.Getenv(name); v != "" {
			n, err := strconv.Atoi(v)
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			return n
		}
		return def
	}
	seconds := envInt("RELATED_LOADTEST_SECONDS", 10)
	workers := envInt("RELATED_LOADTEST_WORKERS", 16)
	reloads := envInt("RELATED_LOADTEST_RELOADS", 2)
	lambdaParam, lambdaField := "", map[string]any{}
	if v := os.Getenv("RELATED_LOADTEST_LAMBDA"); v != "" {
		l, err := strconv.ParseFloat(v, 64)
		if err != nil {
			t.Fatalf("RELATED_LOADTEST_LAMBDA: %v", err)
		}
		lambdaParam, lambdaField = "&lambda="+v, map[string]any{"lambda": l}
	}
	var src sourceFlags
	if c := os.Getenv("RELATED_LOADTEST_CORPUS"); c != "" {
		src.corpora = strings.Split(c, ",")
	}
	src.index = os.Getenv("RELATED_LOADTEST_INDEX")

	e := &env{stdin: strings.NewReader(""), stdout: io.Discard, stderr: io.Discard}
	logger := slog.New(slog.DiscardHandler)
	start := time.Now()
	srv, err := server.New(server.Config{Load: snapshotLoader(context.Background(), e, &src, "", "load test"), Logger: logger, DefaultLambda: related.DefaultSearchOptions().Lambda})
	if err != nil {
		t.Fatal(err)
	}
	loadTime := time.Since(start)
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	eng := srv.Snapshot().Engine
	t.Logf("corpus: %d talks, loaded and indexed in %v, heap %d MiB, GOMAXPROCS %d",
		eng.Len(), loadTime.Round(time.Millisecond), ms.HeapAlloc>>20, runtime.GOMAXPROCS(0))

	// Requests: random talks, and free text made of a talk's title and
	// first words (not its id, so the text side is exercised).
	rng := rand.New(rand.NewPCG(1, 2))
	const nSamples = 2000
	ids := make([]string, nSamples)
	texts := make([][]byte, nSamples)
	for i := range nSamples {
		r := eng.RecordAt(rng.IntN(eng.Len()))
		ids[i] = r.ID
		words := strings.Fields(r.Abstract)
		words = words[:min(len(words), 30)]
		body := map[string]any{"text": r.Title + " " + strings.Join(words, " "), "k": 10}
		for k, v := range lambdaField {
			body[k] = v
		}
		texts[i], _ = json.Marshal(body)
	}

	hup := make(chan os.Signal, 1)
	signal.Notify(hup, syscall.SIGHUP)
	defer signal.Stop(hup)
	ctx, cancel := context.WithCancel(context.Background())
	addrc := make(chan string, 1)
	done := make(chan error, 1)
	go func() { done <- serve(ctx, e, srv, "127.0.0.1:0", logger, hup, func(a string) { addrc <- a }) }()
	base := "http://" + <-addrc
	client := &http.Client{
		Timeout:   30 * time.Second,
		Transport: &http.Transport{MaxIdleConnsPerHost: workers, MaxConnsPerHost: workers, DisableCompression: true},
	}

	type sample struct {
		kind int // 0 similar, 1 query
		d    time.Duration
	}
	var (
		stop     atomic.Bool
		failures atomic.Int64
		firstErr atomic.Value
		wg       sync.WaitGroup
		mu       sync.Mutex
		samples  []sample
	)
	loadStart := time.Now()
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var local []sample
			for i := w; !stop.Load(); i++ {
				kind := i % 2
				var req *http.Request
				if kind == 0 {
					req, _ = http.NewRequest("GET", base+"/api/talks/"+url.PathEscape(ids[i%nSamples])+"/similar?k=10"+lambdaParam, nil)
				} else {
					req, _ = http.NewRequest("POST", base+"/api/query", bytes.NewReader(texts[i%nSamples]))
					req.Header.Set("Content-Type", "application/json")
				}
				t0 := time.Now()
				resp, err := client.Do(req)
				if err == nil {
					_, err = io.Copy(io.Discard, resp.Body)
					resp.Body.Close()
					if err == nil && resp.StatusCode != 200 {
						err = fmt.Errorf("%s %s: status %d", req.Method, req.URL.Path, resp.StatusCode)
					}
				}
				if err != nil {
					failures.Add(1)
					firstErr.CompareAndSwap(nil, err)
					continue
				}
				local = append(local, sample{kind, time.Since(t0)})
			}
			mu.Lock()
			samples = append(samples, local...)
			mu.Unlock()
		}()
	}

	// SIGHUPs spread over the run; each waits for the previous reload.
	duration := time.Duration(seconds) * time.Second
	generation := func() uint64 { return srv.Snapshot().Generation() }
	var reloadTimes []time.Duration
	for i := range reloads {
		time.Sleep(time.Until(loadStart.Add(duration * time.Duration(i+1) / time.Duration(reloads+1))))
		before, t0 := generation(), time.Now()
		if err := syscall.Kill(syscall.Getpid(), syscall.SIGHUP); err != nil {
			t.Fatal(err)
		}
		for generation() == before {
			if time.Since(t0) > 5*time.Minute {
				t.Fatal("the reload did not finish in 5 minutes")
			}
			time.Sleep(5 * time.Millisecond)
		}
		reloadTimes = append(reloadTimes, time.Since(t0).Round(time.Millisecond))
	}
	time.Sleep(time.Until(loadStart.Add(duration)))
	stop.Store(true)
	wg.Wait()
	elapsed := time.Since(loadStart)
	cancel()
	if err := <-done; err != nil {
		t.Errorf("serve: %v", err)
	}

	t.Logf("%d workers for %v; %d SIGHUP reloads under load, each taking %v; generation %d",
		workers, elapsed.Round(time.Millisecond), reloads, reloadTimes, generation())
	var report strings.Builder
	fmt.Fprintf(&report, "%-22s %9s %9s %9s %9s\n", "kind", "requests", "req/s", "p50", "p99")
	for kind, name := range []string{"similar-by-id", "free-text query", "both"} {
		var ds []time.Duration
		for _, s := range samples {
			if s.kind == kind || kind == 2 {
				ds = append(ds, s.d)
			}
		}
		if len(ds) == 0 {
			continue
		}
		slices.Sort(ds)
		pct := func(p float64) time.Duration { return ds[min(len(ds)-1, int(p*float64(len(ds))))] }
		fmt.Fprintf(&report, "%-22s %9d %9.0f %9v %9v\n", name, len(ds), float64(len(ds))/elapsed.Seconds(),
			pct(0.50).Round(10*time.Microsecond), pct(0.99).Round(10*time.Microsecond))
	}
	t.Logf("failed requests: %d\n%s", failures.Load(), report.String())
	if n := failures.Load(); n > 0 {
		t.Errorf("%d requests failed; first: %v", n, firstErr.Load())
	}
	if g := generation(); g != uint64(reloads+1) {
		t.Errorf("generation %d, want %d", g, reloads+1)
	}
}
