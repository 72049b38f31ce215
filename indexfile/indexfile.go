// Package indexfile writes and reads related's index file: one file that
// holds an analysed, indexed collection, opened in milliseconds and used
// in place (memory-mapped), so that commands start without analysing
// anything and server replicas on one host share its pages.
//
// # Changelog
//
// Format versions change when the container changes (header, table of
// contents); feature versions when sections are added or change meaning.
// A section that older readers can skip is added under a new name with a
// new feature version: older readers load the file without it, newer
// readers load older files without it (with its default). A section whose
// meaning changes takes a new name too, and raising writeMinFeature makes
// older readers refuse files that lack the old one with a clear message;
// raising readMinFeature drops support for files older than it.
//
//	format 1            fixed table of twelve sections; records row by row
//	                    under their Go field names; analysis Options and
//	                    Weighting as JSON under their Go field names. Read
//	                    (v1.go), no longer written.
//	format 2 feature 1  a table of contents naming each section; records by
//	                    column under stored names (records.go); Options and
//	                    Weighting under explicit JSON names; vocab.starts and
//	                    vocab.order, so that terms are looked up in place;
//	                    the file is memory-mapped and used in place.
//
// # Format (version 2)
//
// All integers are little-endian. The file starts with a 48-byte header:
//
//	offset  size  field
//	0       8     magic "RELIDX\r\n" (the line ending catches text-mode copies)
//	8       4     format version (uint32), 2
//	12      4     feature version of the writer (uint32)
//	16      4     lowest feature version a reader must have to read the
//	              file (uint32); older readers refuse it
//	20      4     reserved, 0
//	24      8     offset of the table of contents (uint64)
//	32      8     length of the table of contents (uint64)
//	40      4     CRC-32 (IEEE) of the table of contents
//	44      4     CRC-32 (IEEE) of the header's 44 bytes before it
//
// Sections follow, each starting at a multiple of 8 (zero padding between
// them) so that arrays can be used in place, in any order. The table of
// contents, after them, lists them: a uvarint count, then for each its
// name (uvarint length, bytes), offset, length and CRC-32 of its bytes
// (uvarints). Readers find sections by name and skip those they do not
// know. The sections of this version:
//
//	meta          JSON: "format": "related index", and "space", the
//	              space's header (vectorize.SpaceHeader: counts, analysis
//	              options, weighting, average length, languages)
//	record.NAME   the records, one column per stored field (records.go)
//	record.NAME.text
//	vocab, vocab.starts, vocab.order, df, doc.languages, doc.starts,
//	doc.terms, doc.weights, doc.counts
//	              the analysed collection (vectorize/encode.go)
//	postings.starts, postings.docs, postings.weights
//	              the inverted lists (rank/encode.go)
//
// Each package encodes and decodes its own sections (package
// internal/sections is the contract), so that its structures stay
// private; this package is the container: header, table of contents,
// checksums, mapping, atomic writes.
//
// # Checks
//
// Opening checks the magic, the versions, the header's and the table of
// contents' checksums, that every section lies inside the file (a
// truncated file is reported as such), and reads whole, checking their
// checksums, the sections proportional to the number of documents or
// terms (meta, record columns' lengths, vocabulary, df, languages,
// offsets): about 15 MB at 100k records. The sections proportional to the
// number of entries or to the texts (doc.terms, doc.weights, doc.counts,
// postings.docs, postings.weights, record texts: 95% of the file) are
// used in place; checking their checksums would read the whole file (420
// MB at 100k records) on every open, and is what Options.Verify (and
// Options.Bags, which Add's callers use) asks for. In
// every case, what a section holds is checked before it is used to index
// anything, so that a damaged file is an error, never a panic: offsets
// when opening, a posting list's document numbers the first time a search
// reads it, term ids where they are used.
//
// Writers write to a temporary file in the destination's directory, sync
// it, and rename it over the destination: a crash leaves the old index or
// the new one, never half of one.
package indexfile

import (
	"encoding/json"
	"errors"
	"fmt"
	"sync"
	"weak"

	"github.com/related/related/corpus"
	"github.com/related/related/internal/atomicfile"
	"github.com/related/related/internal/sections"
	"github.com/related/related/rank"
	"github.com/related/related/vectorize"
)

const (
	// FormatVersion is the container format this package writes; it
	// reads versions 1 and 2.
	FormatVersion = 2
	// FeatureVersion is the sections' version this package writes and
	// knows (see the changelog).
	FeatureVersion = 1
	// writeMinFeature is written in the header: readers with a lower
	// FeatureVersion refuse the file.
	writeMinFeature = 1
	// readMinFeature is the lowest feature version of format 2 read.
	readMinFeature = 1
)

// Version is the format version written (FormatVersion).
const Version = FormatVersion

// ErrFormat is wrapped by every error about the file's content (as
// opposed to errors opening or reading it), including damage found after
// opening, when a search first reads a posting list.
var ErrFormat = sections.ErrFormat

// formatError describes a bad file.
type formatError struct {
	path, msg string
}

func (e *formatError) Error() string { return fmt.Sprintf("%s: %s", e.path, e.msg) }
func (e *formatError) Unwrap() error { return ErrFormat }

// meta is the meta section of format 2.
type meta struct {
	Format string                `json:"format"`
	Space  vectorize.SpaceHeader `json:"space"`
}

const formatName = "related index"

// Write writes the index to path atomically.
func Write(path string, ix *rank.Index) error {
	return write(path, ix.Space, func(w sections.Writer) error { return writeRecords(w, ix.Records()) }, ix.Encode)
}

// write writes an index file: the records' sections by records, the
// space's, the inverted lists' by postings.
func write(path string, space *vectorize.Space, records, postings func(sections.Writer) error) error {
	f, err := atomicfile.Create(path)
	if err != nil {
		return err
	}
	defer f.Abort() // after Commit, nothing
	w := newWriter(f)
	defer w.close()
	w.raw(make([]byte, headerSize)) // the header, written last
	if err := records(w); err != nil {
		return err
	}
	h, err := space.Encode(w)
	if err != nil {
		return fmt.Errorf("indexfile: %w", err)
	}
	if err := postings(w); err != nil {
		return fmt.Errorf("indexfile: %w", err)
	}
	mj, err := json.Marshal(meta{Format: formatName, Space: h})
	if err != nil {
		return err
	}
	if _, err := w.Section("meta").Write(mj); err != nil {
		return err
	}
	header, err := w.finish()
	if err != nil {
		return err
	}
	if _, err := f.WriteAt(header, 0); err != nil {
		return err
	}
	return f.Commit()
}

// Options choose how Open reads a file.
type Options struct {
	// Verify checks, when opening, every section against its checksum
	// and every value against its range (term ids, document numbers),
	// reading the whole file.
	Verify bool
	// Bags is Verify, for callers that add records to the index (Add) or
	// write it again: damage must not go into a new file under fresh
	// checksums. (Format 1 read the term counts only when asked; every
	// file now maps them, and Add and Write work on any opened index.)
	Bags bool
	// InMemory reads the file into memory instead of mapping it: the
	// index then owns its memory, and Close is not needed.
	InMemory bool
}

// Info describes an index file without loading it.
type Info struct {
	Version        int // format version
	FeatureVersion int
	Docs           int
	Terms          int
	Entries        int64
	Options        vectorize.Options
	Weighting      vectorize.Weighting
	Size           int64
}

// Open opens an index file. The index answers exactly as the index it
// was written from.
//
// The file is memory-mapped, read-only and shared: Open reads and checks
// the header, the table of contents and the sections proportional to the
// number of documents or terms; records' texts, document vectors and
// posting lists stay on disk until a query uses them, and are shared by
// every process that opens the same file. Strings and slices taken from
// the index (records' fields, results' ids and words, vectors) point into
// the mapping, which lasts until Close(ix) or the end of the process.
// Replace an index file by renaming a new one over it, as Write does,
// never by writing into it: a mapped file that shrinks makes the
// processes mapping it crash.
func Open(path string, opt Options) (*rank.Index, error) {
	strict := opt.Verify || opt.Bags
	f, err := openFile(path, opt.InMemory, strict)
	if err != nil {
		return nil, err
	}
	ix, err := f.decode()
	if err != nil {
		f.release()
		return nil, f.wrap(err)
	}
	if f.mapping != nil {
		mappings.Lock()
		mappings.m[weak.Make(ix)] = f.mapping
		mappings.Unlock()
	}
	return ix, nil
}

// wrap names the file in an error about its content.
func (f *file) wrap(err error) error {
	var fe *formatError
	if errors.As(err, &fe) || !errors.Is(err, ErrFormat) {
		return err
	}
	return f.errorf("%v", err)
}

// Load is Open (its name before indexes were mapped).
func Load(path string, opt Options) (*rank.Index, error) { return Open(path, opt) }

// mappings remembers the mapping of each index Open returned, for Close.
// Weak keys: an index dropped without Close is collected as usual (its
// mapping stays, as strings from it may still be in use).
var mappings = struct {
	sync.Mutex
	m map[weak.Pointer[rank.Index]]*mapping
}{m: map[weak.Pointer[rank.Index]]*mapping{}}

// Close releases the mapping of an index returned by Open. Neither the
// index nor anything taken from it (records' strings, results, vectors)
// may be used afterwards: a server closes an index once the requests
// using it have finished. Close of an index that was not mapped does
// nothing.
func Close(ix *rank.Index) error {
	k := weak.Make(ix)
	mappings.Lock()
	m := mappings.m[k]
	delete(mappings.m, k)
	mappings.Unlock()
	if m == nil {
		return nil
	}
	return m.close()
}

// Verify checks a whole index file: every section against its checksum,
// every value against its range, as Options.Verify does.
func Verify(path string) error {
	ix, err := Open(path, Options{Verify: true})
	if err != nil {
		return err
	}
	return Close(ix)
}

func (f *file) decode() (*rank.Index, error) {
	if f.strict {
		if err := f.verifyAll(); err != nil {
			return nil, err
		}
	}
	if f.format == 1 {
		m, err := f.metaV1()
		if err != nil {
			return nil, err
		}
		records, err := readRecordsV1(f, m)
		if err != nil {
			return nil, err
		}
		space, err := vectorize.DecodeSpace(m.header(), f)
		if err != nil {
			return nil, err
		}
		return rank.Decode(rank.RecordSlice(records), space, f)
	}
	m, err := f.meta()
	if err != nil {
		return nil, err
	}
	// The records and the space are decoded at once: opening is most of
	// a one-query process's time.
	var space *vectorize.Space
	var spaceErr error
	done := make(chan struct{})
	go func() {
		defer close(done)
		space, spaceErr = vectorize.DecodeSpace(m.Space, f)
	}()
	records, err := readRecords(f, m.Space.Docs)
	<-done
	if err != nil {
		return nil, err
	}
	if spaceErr != nil {
		return nil, spaceErr
	}
	return rank.Decode(records, space, f)
}

func (f *file) meta() (*meta, error) {
	b, err := sections.Required(f.Read, "meta")
	if err != nil {
		return nil, err
	}
	var m meta
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, sections.Errorf("meta", "%v", err)
	}
	if m.Format != formatName {
		return nil, sections.Errorf("meta", "format %q, not %q", m.Format, formatName)
	}
	return &m, nil
}

// Stat reads an index file's header and meta section.
func Stat(path string) (*Info, error) {
	f, err := openFile(path, false, false)
	if err != nil {
		return nil, err
	}
	defer f.release() // nothing read from the mapping is kept
	var h vectorize.SpaceHeader
	if f.format == 1 {
		m, err := f.metaV1()
		if err != nil {
			return nil, f.wrap(err)
		}
		h = m.header()
	} else {
		m, err := f.meta()
		if err != nil {
			return nil, f.wrap(err)
		}
		h = m.Space
	}
	return &Info{Version: int(f.format), FeatureVersion: int(f.feature), Docs: h.Docs, Terms: h.Terms, Entries: h.Entries,
		Options: h.Options, Weighting: h.Weighting, Size: f.size}, nil
}

// Add returns a new index with the records added, or replacing the
// records of the same id (in place, keeping the order). Only the new
// records are analysed; document frequencies, idf and every weight are
// recomputed from the bags. ix is not modified, and the new index shares
// no memory with it: ix may be closed, and its file replaced, while the
// new one is in use.
func Add(ix *rank.Index, recs []corpus.Record) (out *rank.Index, added, replaced int, err error) {
	seen := map[string]bool{}
	at := make([]int, len(recs))
	for i, r := range recs {
		if seen[r.ID] {
			return nil, 0, 0, fmt.Errorf("indexfile: id %q given twice among the added records", r.ID)
		}
		seen[r.ID] = true
		if d, ok := ix.Lookup(r.ID); ok {
			at[i] = d
			replaced++
		} else {
			at[i] = -1
			added++
		}
	}
	space, err := ix.Space.Update(recs, at)
	if err != nil {
		return nil, 0, 0, fmt.Errorf("indexfile: %w", err)
	}
	records := make([]corpus.Record, ix.Len(), ix.Len()+added)
	for d := range ix.Len() {
		records[d] = cloneRecord(ix.Record(d))
	}
	for i, r := range recs {
		if at[i] >= 0 {
			records[at[i]] = r
		} else {
			records = append(records, r)
		}
	}
	out, err = rank.New(records, space)
	return out, added, replaced, err
}
