package atomicfile

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

func TestCommitAbortAndMode(t *testing.T) {
	dir := t.TempDir()
	old := syscall.Umask(0o027)
	defer syscall.Umask(old)
	path := filepath.Join(dir, "out.jsonl")
	f, err := Create(path)
	if err != nil {
		t.Fatal(err)
	}
	f.Write([]byte("hello\n"))
	if _, err := os.Stat(path); !os.IsNotExist(err) {
		t.Errorf("file in place before Commit: %v", err)
	}
	if err := f.Commit(); err != nil {
		t.Fatal(err)
	}
	f.Abort() // does nothing after Commit
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o640 {
		t.Errorf("mode %v, want 0640 (0666 less the umask 027)", fi.Mode().Perm())
	}
	g, _ := Create(path)
	g.Write([]byte("other"))
	g.Abort()
	if b, _ := os.ReadFile(path); string(b) != "hello\n" {
		t.Errorf("Abort changed the file: %q", b)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("left behind: %v", entries)
	}
	// Errors name the file asked for, not the temporary one.
	_, err = Create(filepath.Join(dir, "no-such-dir", "x.idx"))
	if err == nil || !strings.Contains(err.Error(), "no-such-dir/x.idx") || strings.Contains(err.Error(), ".tmp") {
		t.Errorf("error %v", err)
	}
}
