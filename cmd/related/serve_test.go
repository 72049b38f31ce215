package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/related/related"
	"github.com/related/related/cmd/related/internal/server"
)

// lockedBuffer is a bytes.Buffer safe for a server goroutine and a test.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

func TestServeUsage(t *testing.T) {
	code, out, _ := runCmd(t, "", "serve", "--help")
	if code != exitOK || !strings.Contains(out, "-addr ADDR") || !strings.Contains(out, "SIGHUP") || !strings.Contains(out, "-msc-names FILE") {
		t.Errorf("exit %d:\n%s", code, out)
	}
	for _, tc := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"serve", "extra"}, exitUsage, "serve takes no arguments"},
		{[]string{"serve", "--log-format", "xml"}, exitUsage, "--log-format must be text or json"},
		{[]string{"serve", "--msc-names", "/nonexistent/codes.jsonl"}, exitError, "--msc-names"},
		{[]string{"serve", "--addr", "256.0.0.1:bad"}, exitError, "related serve:"},
	} {
		code, _, errs := runCmd(t, "", tc.args...)
		if code != tc.code || !strings.Contains(errs, tc.want) {
			t.Errorf("%v: exit %d, stderr %q", tc.args, code, errs)
		}
	}
}

func getJSON(t *testing.T, url string, v any) int {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if err := json.Unmarshal(b, v); err != nil {
		t.Fatalf("%s: %v: %s", url, err, b)
	}
	return resp.StatusCode
}

// TestServe runs the server as the command sets it up, on a free port,
// with a code table file: it answers, names codes, reloads when told (as
// on SIGHUP, picking up a changed code table) and stops when the context
// ends (as on SIGINT).
func TestServe(t *testing.T) {
	dir := t.TempDir()
	names := filepath.Join(dir, "codes.jsonl")
	os.WriteFile(names, []byte(`{"code": "65K10", "short_title": "Optimization, numerically"}`+"\n"), 0o644)
	var stderr lockedBuffer
	e := &env{stdin: strings.NewReader(""), stdout: io.Discard, stderr: &stderr}
	var src sourceFlags
	logger := slog.New(slog.NewJSONHandler(&stderr, nil))
	srv, err := server.New(server.Config{Load: snapshotLoader(context.Background(), e, &src, names, "test"), Logger: logger, DefaultLambda: related.DefaultSearchOptions().Lambda})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	reload := make(chan os.Signal, 1)
	addrc := make(chan string, 1)
	done := make(chan error, 1)
	go func() { done <- serve(ctx, e, srv, "127.0.0.1:0", logger, reload, func(a string) { addrc <- a }) }()
	var base string
	select {
	case a := <-addrc:
		base = "http://" + a
	case err := <-done:
		t.Fatal(err)
	}

	var talk struct {
		MSCNames map[string]string `json:"msc_names"`
	}
	if code := getJSON(t, base+"/api/talks/talk-46c6396e5a", &talk); code != 200 || talk.MSCNames["65K10"] != "Optimization, numerically" {
		t.Errorf("%d %+v", code, talk)
	}
	var health struct {
		Talks      int
		Generation int
	}
	if getJSON(t, base+"/healthz", &health); health.Talks != 5 || health.Generation != 1 {
		t.Errorf("%+v", health)
	}

	// Reload: the new code table is served.
	os.WriteFile(names, []byte(`{"code": "65K10", "short_title": "Numerical optimization"}`+"\n"), 0o644)
	reload <- os.Interrupt // any value
	deadline := time.Now().Add(10 * time.Second)
	for getJSON(t, base+"/healthz", &health); health.Generation != 2; getJSON(t, base+"/healthz", &health) {
		if time.Now().After(deadline) {
			t.Fatalf("no reload: %+v\n%s", health, stderr.String())
		}
		time.Sleep(10 * time.Millisecond)
	}
	if getJSON(t, base+"/api/talks/talk-46c6396e5a", &talk); talk.MSCNames["65K10"] != "Numerical optimization" {
		t.Errorf("after reload: %+v", talk)
	}
	// A failed reload keeps the data.
	os.WriteFile(names, []byte("not json\n"), 0o644)
	reload <- os.Interrupt
	for deadline := time.Now().Add(10 * time.Second); !strings.Contains(stderr.String(), "reload failed"); time.Sleep(10 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("no failed reload: %s", stderr.String())
		}
	}
	if getJSON(t, base+"/healthz", &health); health.Generation != 2 {
		t.Errorf("after a failed reload: %+v", health)
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("serve: %v", err)
		}
	case <-time.After(15 * time.Second):
		t.Fatal("serve did not stop")
	}
	log := stderr.String()
	for _, want := range []string{"related serve: 5 talks on http://127.0.0.1:", `"msg":"request"`, `"status":200`, `"msg":"reloaded"`, "reload failed", "shutting down"} {
		if !strings.Contains(log, want) {
			t.Errorf("stderr lacks %q:\n%s", want, log)
		}
	}
}
