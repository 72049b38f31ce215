//go:build unix

package main

import (
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestServeSignals runs `related serve` as users do and sends the process
// real signals: SIGHUP reloads (the index file), SIGTERM stops it
// gracefully with exit 0.
func TestServeSignals(t *testing.T) {
	// Served from an index file, as `related index` writes it.
	idx := filepath.Join(t.TempDir(), "talks.idx")
	if code, _, errs := runCmd(t, "", "index", "-o", idx); code != exitOK {
		t.Fatalf("related index: exit %d: %s", code, errs)
	}
	var stderr lockedBuffer
	e := &env{stdin: strings.NewReader(""), stdout: &stderr, stderr: &stderr}
	exit := make(chan int, 1)
	go func() {
		exit <- run(e, []string{"serve", "--index", idx, "--addr", "127.0.0.1:0", "--log-format", "json"})
	}()
	addrRE := regexp.MustCompile(`on http://(127\.0\.0\.1:\d+)/`)
	var base string
	for deadline := time.Now().Add(20 * time.Second); base == ""; time.Sleep(10 * time.Millisecond) {
		if m := addrRE.FindStringSubmatch(stderr.String()); m != nil {
			base = "http://" + m[1]
		}
		select {
		case code := <-exit:
			t.Fatalf("exit %d: %s", code, stderr.String())
		default:
		}
		if time.Now().After(deadline) {
			t.Fatalf("no address: %s", stderr.String())
		}
	}
	// The signal handlers are installed before the address is printed.
	if err := syscall.Kill(syscall.Getpid(), syscall.SIGHUP); err != nil {
		t.Fatal(err)
	}
	var health struct {
		Generation int
		Talks      int
		Source     string
	}
	for deadline := time.Now().Add(20 * time.Second); health.Generation != 2; time.Sleep(10 * time.Millisecond) {
		getJSON(t, base+"/healthz", &health)
		if time.Now().After(deadline) {
			t.Fatalf("SIGHUP did not reload: %s", stderr.String())
		}
	}
	if health.Talks != 5 || health.Source != "index "+idx {
		t.Errorf("%+v", health)
	}
	if err := syscall.Kill(syscall.Getpid(), syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	select {
	case code := <-exit:
		if code != exitOK {
			t.Errorf("exit %d after SIGTERM: %s", code, stderr.String())
		}
	case <-time.After(20 * time.Second):
		t.Fatal("SIGTERM did not stop the server")
	}
	if !strings.Contains(stderr.String(), `"msg":"reloaded"`) || !strings.Contains(stderr.String(), `"msg":"shutting down"`) {
		t.Errorf("log: %s", stderr.String())
	}
}
