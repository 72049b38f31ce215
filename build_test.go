package related

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/related/related/corpus"
	"github.com/related/related/internal/synth"
)

// TestBuildIndexWritesWhatWriteIndexWrites: BuildIndex, which spools the
// records and streams the inverted lists, writes the bytes of Open then
// WriteIndex, for records read while analysed (several batches), read
// whole first (duplicates: last), and the embedded corpus; and leaves
// nothing else beside the index.
func TestBuildIndexWritesWhatWriteIndexWrites(t *testing.T) {
	ctx := context.Background()
	src := t.TempDir()
	many, _ := writeManyTalks(t, src)
	dup := filepath.Join(src, "dup.jsonl")
	if err := os.WriteFile(dup, []byte(`{"id":"a","title":"Convex optimization","abstract":"Proximal methods.","msc":"90C25"}
{"id":"b","title":"Heat kernels","abstract":"Heat kernels on manifolds and their asymptotics.","msc":"58J35","references":["doi:10.1/x"]}
{"id":"a","title":"Convex analysis","abstract":"Subgradients and conjugate functions.","msc":"49J52","authors":["A. B"]}
`), 0o666); err != nil {
		t.Fatal(err)
	}
	keepLast := DefaultOptions()
	keepLast.Read.Duplicates = corpus.KeepLast
	for _, tc := range []struct {
		name  string
		paths []string
		opts  *Options
	}{
		{"batches", []string{many}, nil},
		{"keep last", []string{dup}, keepLast},
		{"embedded", nil, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			eng, err := Open(ctx, tc.paths, tc.opts)
			if err != nil {
				t.Fatal(err)
			}
			want := filepath.Join(t.TempDir(), "want.idx")
			if err := eng.WriteIndex(want); err != nil {
				t.Fatal(err)
			}
			dir := t.TempDir()
			got := filepath.Join(dir, "got.idx")
			built, err := BuildIndex(ctx, tc.paths, got, tc.opts)
			if err != nil {
				t.Fatal(err)
			}
			a, _ := os.ReadFile(want)
			b, err := os.ReadFile(got)
			if err != nil || !bytes.Equal(a, b) {
				t.Fatalf("BuildIndex wrote %d bytes (%v), WriteIndex %d: they differ", len(b), err, len(a))
			}
			if built.Records != eng.Len() || built.Terms != eng.Index().VocabularySize() || built.Report.Summary() != eng.Report().Summary() {
				t.Errorf("built %+v, engine %d records, %d terms, %q", built, eng.Len(), eng.Index().VocabularySize(), eng.Report().Summary())
			}
			if ents, _ := os.ReadDir(dir); len(ents) != 1 {
				t.Errorf("left beside the index: %v", ents)
			}
		})
	}
}

// TestBuildIndexFails: an input with nothing to index, an interrupted
// build and a directory that cannot be written are errors that leave no
// file.
func TestBuildIndexFails(t *testing.T) {
	dir := t.TempDir()
	empty := filepath.Join(dir, "empty.jsonl")
	os.WriteFile(empty, []byte(`{"id":"b"}`+"\n"), 0o666)
	out := filepath.Join(dir, "out", "x.idx")
	os.Mkdir(filepath.Dir(out), 0o777)
	var none *NoRecordsError
	if _, err := BuildIndex(context.Background(), []string{empty}, out, nil); !errors.As(err, &none) {
		t.Errorf("nothing to index: %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := BuildIndex(ctx, nil, out, nil); !errors.Is(err, context.Canceled) {
		t.Errorf("interrupted: %v", err)
	}
	if ents, _ := os.ReadDir(filepath.Dir(out)); len(ents) != 0 {
		t.Errorf("left behind: %v", ents)
	}
	if _, err := BuildIndex(context.Background(), nil, filepath.Join(dir, "missing", "x.idx"), nil); err == nil || !strings.Contains(err.Error(), "missing") {
		t.Errorf("no such directory: %v", err)
	}
}

// BenchmarkBuildIndex is `related index` on records resampled from the
// shared data (make_corpus.py's way; 10k records, 100k with
// RELATED_BENCH_LARGE): read a JSON Lines file, analyse, write the index.
//
//	go test . -run '^$' -bench BuildIndex -benchmem
func BenchmarkBuildIndex(b *testing.B) {
	dir := synth.DataDir()
	if dir == "" {
		b.Skip("no shared data directory (../shared/data)")
	}
	sizes := []int{10000}
	if os.Getenv("RELATED_BENCH_LARGE") != "" {
		sizes = append(sizes, 100000)
	}
	for _, n := range sizes {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			recs, err := synth.Records(dir, n, 1)
			if err != nil {
				b.Fatal(err)
			}
			tmp := b.TempDir()
			in := filepath.Join(tmp, "records.jsonl")
			f, err := os.Create(in)
			if err != nil {
				b.Fatal(err)
			}
			if err := synth.WriteJSONL(f, recs); err != nil {
				b.Fatal(err)
			}
			if err := f.Close(); err != nil {
				b.Fatal(err)
			}
			out := filepath.Join(tmp, "records.idx")
			b.ResetTimer()
			for b.Loop() {
				if _, err := BuildIndex(context.Background(), []string{in}, out, nil); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
