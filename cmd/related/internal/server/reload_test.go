package server

import (
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/related/related"
)

func newJSONLogger(w io.Writer) *slog.Logger { return slog.New(slog.NewJSONHandler(w, nil)) }

// TestReloadUnderLoad swaps snapshots of different sizes many times while
// clients hit every route over real connections: no request may fail,
// and the generation counts the reloads.
func TestReloadUnderLoad(t *testing.T) {
	snaps := []*Snapshot{testSnapshot(t, 0), testSnapshot(t, 50)}
	var n atomic.Int64
	s := newTestServer(t, Config{Load: func() (*Snapshot, error) {
		// Fresh copies: each swap installs a new pointer.
		c := *snaps[n.Add(1)%2]
		return &c, nil
	}})
	ts := httptest.NewServer(s)
	defer ts.Close()

	stop := make(chan struct{})
	var wg sync.WaitGroup
	var requests, failures atomic.Int64
	var firstErr atomic.Value
	reqs := []struct{ method, path, body string }{
		{"GET", "/api/talks/" + logistic + "/similar?highlight=true", ""},
		{"POST", "/api/query", `{"text": "stochastic gradient methods for convex optimization", "msc": ["65K10"]}`},
		{"GET", "/api/talks?limit=50", ""},
		{"GET", "/api/talks/" + titledID, ""},
		{"GET", "/healthz", ""},
	}
	for w := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; ; i++ {
				select {
				case <-stop:
					return
				default:
				}
				rq := reqs[i%len(reqs)]
				req, _ := http.NewRequest(rq.method, ts.URL+rq.path, strings.NewReader(rq.body))
				resp, err := ts.Client().Do(req)
				requests.Add(1)
				if err == nil {
					_, err = io.Copy(io.Discard, resp.Body)
					resp.Body.Close()
					if err == nil && resp.StatusCode != 200 {
						err = fmt.Errorf("%s %s: status %d", rq.method, rq.path, resp.StatusCode)
					}
				}
				if err != nil {
					failures.Add(1)
					firstErr.CompareAndSwap(nil, err)
				}
			}
		}()
	}
	const reloads = 20
	for range reloads {
		time.Sleep(5 * time.Millisecond)
		if err := s.Reload(); err != nil {
			t.Error(err)
		}
	}
	close(stop)
	wg.Wait()
	if failures.Load() > 0 {
		t.Errorf("%d of %d requests failed; first: %v", failures.Load(), requests.Load(), firstErr.Load())
	}
	if g := s.Snapshot().Generation(); g != reloads+1 {
		t.Errorf("generation %d, want %d", g, reloads+1)
	}
	t.Logf("%d requests during %d reloads", requests.Load(), reloads)
}

// TestReloadInFlight holds a query in the middle of its work, reloads, and
// checks that the query finishes on the snapshot it started with while a
// new request sees the new one.
func TestReloadInFlight(t *testing.T) {
	old, next := testSnapshot(t, 0), testSnapshot(t, 50)
	var loads atomic.Int64
	entered, release := make(chan struct{}), make(chan struct{})
	var block atomic.Bool
	s := newTestServer(t, Config{
		Load: func() (*Snapshot, error) {
			if loads.Add(1) == 1 {
				return old, nil
			}
			return next, nil
		},
		Suggest: func(eng *related.Engine, _ string, _ related.QueryOptions) Suggestions {
			if block.Load() {
				entered <- struct{}{}
				<-release
			}
			return Suggestions{Codes: []SuggestedCode{{Code: fmt.Sprint(eng.Len()), Score: 1}}}
		},
	})
	block.Store(true)
	done := make(chan response)
	go func() { done <- do(t, s, "POST", "/api/query", `{"text": "gradient", "k": 100}`) }()
	<-entered
	if err := s.Reload(); err != nil {
		t.Fatal(err)
	}
	block.Store(false)
	fresh := decode[resultsJSON](t, do(t, s, "POST", "/api/query", `{"text": "gradient", "k": 100}`))
	close(release)
	inflight := decode[resultsJSON](t, <-done)
	if got := inflight.Suggested.Codes[0].Code; got != fmt.Sprint(old.Engine.Len()) {
		t.Errorf("in-flight request saw %s talks, want the old %d", got, old.Engine.Len())
	}
	if len(inflight.Results) >= 50 {
		t.Errorf("in-flight request has %d results: new snapshot's", len(inflight.Results))
	}
	if got := fresh.Suggested.Codes[0].Code; got != fmt.Sprint(next.Engine.Len()) {
		t.Errorf("new request saw %s talks, want the new %d", got, next.Engine.Len())
	}
}

// TestReloadFailureKeepsOld: a failed load leaves the current snapshot.
func TestReloadFailureKeepsOld(t *testing.T) {
	snap := testSnapshot(t, 0)
	fail := false
	s := newTestServer(t, Config{Load: func() (*Snapshot, error) {
		if fail {
			return nil, errors.New("corpus file vanished")
		}
		return snap, nil
	}})
	fail = true
	if err := s.Reload(); err == nil || !strings.Contains(err.Error(), "vanished") {
		t.Errorf("err %v", err)
	}
	if s.Snapshot() != snap || s.Snapshot().Generation() != 1 {
		t.Error("the snapshot changed after a failed reload")
	}
	if r := do(t, s, "GET", "/healthz", ""); r.status != 200 {
		t.Errorf("%d", r.status)
	}
	if _, err := New(Config{Load: func() (*Snapshot, error) { return nil, errors.New("no corpus") }}); err == nil {
		t.Error("New succeeded without a snapshot")
	}
}
