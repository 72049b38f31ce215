package indexfile

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// FuzzOpen feeds damaged index files to the reader: opening, searching
// every document, a free-text query and encoding the index again must
// give an error wrapping ErrFormat or work, never panic or hang.
//
//	go test ./indexfile -run '^$' -fuzz FuzzOpen -fuzztime 1m
func FuzzOpen(f *testing.F) {
	addSeeds(f)
	f.Fuzz(fuzzOpen)
}

// FuzzDecode is FuzzOpen with the checksums ignored, so that the changes
// reach the decoders (a checksum would catch nearly all of them first).
//
//	go test ./indexfile -run '^$' -fuzz FuzzDecode -fuzztime 1m
func FuzzDecode(f *testing.F) {
	addSeeds(f)
	ignoreChecksums = true
	defer func() { ignoreChecksums = false }()
	f.Fuzz(fuzzOpen)
}

func addSeeds(f *testing.F) {
	recs := compatRecords(f)
	path := filepath.Join(f.TempDir(), "tiny.idx")
	if err := Write(path, build(f, recs[:6])); err != nil {
		f.Fatal(err)
	}
	for _, p := range []string{path, "testdata/format1.idx", "testdata/format2.1.idx"} {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
}

func fuzzOpen(t *testing.T, data []byte) {
	{
		for _, strict := range []bool{false, true} {
			fl, err := openBytes("fuzz.idx", data, strict)
			if err != nil {
				if !errors.Is(err, ErrFormat) {
					t.Fatalf("open: %v, not a format error", err)
				}
				continue
			}
			if strict {
				if err := fl.verifyAll(); err != nil {
					continue
				}
			}
			ix, err := fl.decode()
			if err != nil {
				if !errors.Is(err, ErrFormat) {
					t.Fatalf("decode: %v, not a format error", err)
				}
				continue
			}
			if err := exercise(ix); err != nil && !errors.Is(err, ErrFormat) {
				t.Fatalf("search: %v, not a format error", err)
			}
			var w memWriter
			if _, err := ix.Space.Encode(&w); err == nil {
				ix.Encode(&w)
			}
		}
	}
}
