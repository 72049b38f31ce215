package indexfile

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/related/related/corpus"
)

// TestWriteSpooled: records spooled in batches and lists streamed make
// the file Write makes; a spool that does not match the space is refused;
// the spool's files are gone once it is closed.
func TestWriteSpooled(t *testing.T) {
	recs := testRecords(t, 7)
	ix := build(t, recs)
	want, err := os.ReadFile(writeTemp(t, ix))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "spooled.idx")
	s, err := NewSpool(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := WriteSpooled(path, ix.Space, s); err == nil || !strings.Contains(err.Error(), "0 records spooled") {
		t.Errorf("empty spool: %v", err)
	}
	for lo := 0; lo < len(recs); lo += 3 {
		if err := s.Add(recs[lo:min(lo+3, len(recs))]); err != nil {
			t.Fatal(err)
		}
	}
	if err := WriteSpooled(path, ix.Space, s); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(path); !bytes.Equal(got, want) {
		t.Errorf("spooled file differs from Write's (%d and %d bytes)", len(got), len(want))
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if ents, _ := os.ReadDir(dir); len(ents) != 1 {
		t.Errorf("in the directory: %v", ents)
	}
	if err := s.Add(recs); err == nil {
		t.Error("Add after Close")
	}
}

// TestSpoolErrorNamesIndex: an error writing a spool file names the index
// file being written, not the spool's temporary file (removed already).
func TestSpoolErrorNamesIndex(t *testing.T) {
	path := filepath.Join(t.TempDir(), "lib.idx")
	s, err := NewSpool(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for i := range s.cols {
		if f := s.cols[i].file; f != nil {
			f.Close() // as a full disk would, every write fails
		}
	}
	big := corpus.Record{ID: "a", Abstract: strings.Repeat("spectral ", 20000)}
	err = s.Add([]corpus.Record{big})
	if err == nil {
		t.Fatal("Add wrote to closed files")
	}
	if msg := err.Error(); !strings.Contains(msg, path) || strings.Contains(msg, ".spool") || !errors.Is(err, os.ErrClosed) {
		t.Errorf("error %q: want the index file named, not the spool's, and the cause kept", msg)
	}
	if s.Err() != err {
		t.Errorf("Err() = %v, want Add's error", s.Err())
	}
}
