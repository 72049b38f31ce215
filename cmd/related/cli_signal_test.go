//go:build unix

package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestExportCtrlC sends the process a real SIGINT while export works: it
// stops between lists, says so, exits 130 and leaves no output file.
func TestExportCtrlC(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "talks.jsonl")
	var b strings.Builder
	topics := []string{"convex optimization", "sparse regression", "heat kernels", "random walks", "modular forms"}
	for i := range 30000 {
		fmt.Fprintf(&b, `{"id":"t%d","title":"Talk %d on %s","abstract":"Lecture %d on %s and %s, part %d."}`+"\n",
			i, i, topics[i%5], i, topics[(i+1)%5], topics[(i*7)%5], i%101)
	}
	if err := os.WriteFile(in, []byte(b.String()), 0o666); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "related.jsonl")
	var stderr lockedBuffer
	e := &env{stdin: strings.NewReader(""), stdout: &stderr, stderr: &stderr}
	exit := make(chan int, 1)
	go func() { exit <- run(e, []string{"export", "--corpus", in, "-o", out}) }()
	// The summary is written once the corpus is read, long after the
	// signal handler is installed and long before 30,000 lists are done.
	for deadline := time.Now().Add(30 * time.Second); !strings.Contains(stderr.String(), "records read"); time.Sleep(5 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("no summary: %s", stderr.String())
		}
	}
	if err := syscall.Kill(syscall.Getpid(), syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	select {
	case code := <-exit:
		if code != exitInterrupted || !strings.HasSuffix(stderr.String(), "related export: interrupted\n") {
			t.Errorf("exit %d: %s", code, stderr.String())
		}
	case <-time.After(30 * time.Second):
		t.Fatal("SIGINT did not stop export")
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Errorf("output left behind: %v", err)
	}
}
