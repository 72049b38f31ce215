// Package indexfile writes and reads related's index file: one file that
// holds an analysed, indexed collection, so that commands start in a
// fraction of a second instead of analysing every record again.
//
// # Format (version 1)
//
// All integers are little-endian. The file starts with a header:
//
//	offset  size  field
//	0       8     magic "RELIDX\r\n" (the line ending catches text-mode copies)
//	8       4     format version (uint32), 1
//	12      4     number of sections n (uint32)
//	16      24·n  section table, one entry per section:
//	                kind (uint32), CRC-32 (IEEE) of the section's bytes (uint32),
//	                offset from the start of the file (uint64), length (uint64)
//	16+24n  4     CRC-32 (IEEE) of the header's bytes before it
//
// Sections follow, each starting at a multiple of 8 (zero padding between
// them), in the order of their kinds:
//
//	kind  name          content
//	1     meta          JSON: counts (documents N, terms T, entries E), the
//	                    analysis Options and Weighting, the average document
//	                    length, the table of languages, the record schema
//	2     records       the N records, field by field (see records.go)
//	3     vocabulary    T terms in id order: uvarint length + bytes, uvarint
//	                    number of surface forms, each: string + uvarint count
//	4     df            T × int32 document frequencies
//	5     languages     N × uint8, each document's language (index in meta)
//	6     doc starts    (N+1) × int64: document d's terms are entries
//	                    [start[d], start[d+1]) of the three next sections
//	7     doc terms     E × int32 term ids, ascending within a document
//	8     doc weights   E × float64 normalised TF-IDF (or BM25) weights
//	9     doc counts    E × float64 raw weighted term counts (the bags),
//	                    from which weights are recomputed after --add
//	10    term starts   (T+1) × int64: term t's postings are entries
//	                    [start[t], start[t+1]) of the two next sections
//	11    post docs     E × int32 document numbers, ascending within a term
//	12    post weights  E × float32 the documents' weights for the term
//
// A reader checks the magic, the version (another version is an error
// that says to rebuild the index), the header's CRC, that every section
// lies inside the file (a truncated file is reported as such), each
// section's CRC before using it, and then the shapes and ranges of what it
// read (term ids, document numbers, offsets), so that a damaged file is an
// error, never a panic or wrong results. The doc counts section is read
// and checked only when asked for (to add records).
//
// Writers write to a temporary file in the destination's directory, sync
// it, and rename it over the destination: a crash leaves the old index or
// the new one, never half of one.
package indexfile

import (
	"bufio"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"os"
	"slices"
	"sync"
	"unsafe"

	"github.com/related/related/corpus"
	"github.com/related/related/internal/atomicfile"
	"github.com/related/related/rank"
	"github.com/related/related/vectorize"
)

// Version is the format version this package writes and reads.
const Version = 1

const magic = "RELIDX\r\n"

// Section kinds, in file order.
const (
	secMeta = iota + 1
	secRecords
	secVocab
	secDF
	secLanguages
	secDocStart
	secDocTerms
	secDocWeights
	secDocCounts
	secTermStart
	secPostDocs
	secPostWeights
	numSections = secPostWeights
)

var sectionNames = [...]string{"", "meta", "records", "vocabulary", "df", "languages", "doc starts",
	"doc terms", "doc weights", "doc counts", "term starts", "post docs", "post weights"}

const headerSize = 16 + 24*numSections + 4

type meta struct {
	Format    string              `json:"format"`
	Docs      int                 `json:"docs"`
	Terms     int                 `json:"terms"`
	Entries   int64               `json:"entries"`
	AvgLen    float64             `json:"avg_len"`
	Options   vectorize.Options   `json:"options"`
	Weighting vectorize.Weighting `json:"weighting"`
	Languages []string            `json:"languages"`
	Fields    []string            `json:"record_fields"`
}

// ErrFormat is wrapped by every error about the file's content (as
// opposed to errors opening or reading it).
var ErrFormat = errors.New("not a valid index file")

// formatError describes a bad file.
type formatError struct {
	path, msg string
}

func (e *formatError) Error() string { return fmt.Sprintf("%s: %s", e.path, e.msg) }
func (e *formatError) Unwrap() error { return ErrFormat }

var littleEndian = func() bool { x := uint16(1); return *(*byte)(unsafe.Pointer(&x)) == 1 }()

// Write writes the index to path atomically. The index must have its bags
// (an index built in memory, or loaded with Bags).
func Write(path string, ix *rank.Index) (err error) {
	sp := ix.Space
	n := len(ix.Records)
	if len(sp.Bags) != n || len(sp.Vectors) != n || len(sp.Languages) != n {
		return fmt.Errorf("indexfile: the index has no bags (load it with Bags to write it)")
	}
	nTerms := sp.Vocab.Len()
	m := meta{Format: "related index", Docs: n, Terms: nTerms, AvgLen: sp.Model.AvgLen,
		Options: sp.Analyzer.Options(), Weighting: sp.Model.Weighting}
	langIdx := map[string]uint8{}
	langs := make([]byte, n)
	for d, l := range sp.Languages {
		i, ok := langIdx[l]
		if !ok {
			if len(m.Languages) == 255 {
				return fmt.Errorf("indexfile: more than 255 languages")
			}
			i = uint8(len(m.Languages))
			langIdx[l] = i
			m.Languages = append(m.Languages, l)
		}
		langs[d] = i
	}
	docStart := make([]int64, n+1)
	for d := range n {
		b, v := sp.Bags[d], sp.Vectors[d]
		if !slices.Equal(b.Terms, v.Terms) {
			return fmt.Errorf("indexfile: document %d: vector and bag have different terms", d)
		}
		docStart[d+1] = docStart[d] + int64(len(b.Terms))
	}
	m.Entries = docStart[n]
	plan := recordSchema()
	m.Fields = schemaNames(plan)
	post := ix.Postings()
	if int64(len(post.Docs)) != m.Entries || len(post.Start) != nTerms+1 {
		return fmt.Errorf("indexfile: postings do not match the vectors")
	}

	f, err := atomicfile.Create(path)
	if err != nil {
		return err
	}
	defer f.Abort() // after Commit, nothing
	w := &sectionWriter{w: bufio.NewWriterSize(f, 1<<20), off: headerSize}
	if _, err := w.w.Write(make([]byte, headerSize)); err != nil {
		return err
	}
	// 1 meta
	w.begin(secMeta)
	mj, err := json.Marshal(m)
	if err != nil {
		return err
	}
	w.write(mj)
	// 2 records
	w.begin(secRecords)
	var buf []byte
	for i := range ix.Records {
		buf, err = appendRecord(buf[:0], plan, &ix.Records[i])
		if err != nil {
			return err
		}
		w.write(buf)
	}
	// 3 vocabulary
	w.begin(secVocab)
	for t := range int32(nTerms) {
		buf = appendString(buf[:0], sp.Vocab.Term(t))
		forms := sp.Vocab.Forms(t)
		buf = binary.AppendUvarint(buf, uint64(len(forms)))
		for _, f := range forms {
			buf = appendString(buf, f.Word)
			buf = binary.AppendUvarint(buf, uint64(f.Count))
		}
		w.write(buf)
	}
	// 4 df
	w.begin(secDF)
	if len(sp.Model.DF) != nTerms {
		return fmt.Errorf("indexfile: model has %d terms, vocabulary %d", len(sp.Model.DF), nTerms)
	}
	writeArray(w, sp.Model.DF)
	w.begin(secLanguages)
	w.write(langs)
	w.begin(secDocStart)
	writeArray(w, docStart)
	w.begin(secDocTerms)
	for _, b := range sp.Bags {
		writeArray(w, b.Terms)
	}
	w.begin(secDocWeights)
	for _, v := range sp.Vectors {
		writeArray(w, v.Weights)
	}
	w.begin(secDocCounts)
	for _, b := range sp.Bags {
		writeArray(w, b.Counts)
	}
	w.begin(secTermStart)
	writeArray(w, post.Start)
	w.begin(secPostDocs)
	writeArray(w, post.Docs)
	w.begin(secPostWeights)
	writeArray(w, post.Weights)
	w.end()
	if w.err != nil {
		return w.err
	}
	if err := w.w.Flush(); err != nil {
		return err
	}
	// The header, now that offsets and checksums are known.
	h := make([]byte, 0, headerSize)
	h = append(h, magic...)
	h = binary.LittleEndian.AppendUint32(h, Version)
	h = binary.LittleEndian.AppendUint32(h, numSections)
	for k := 1; k <= numSections; k++ {
		s := w.secs[k]
		h = binary.LittleEndian.AppendUint32(h, uint32(k))
		h = binary.LittleEndian.AppendUint32(h, s.crc)
		h = binary.LittleEndian.AppendUint64(h, uint64(s.off))
		h = binary.LittleEndian.AppendUint64(h, uint64(s.len))
	}
	h = binary.LittleEndian.AppendUint32(h, crc32.ChecksumIEEE(h))
	if _, err := f.WriteAt(h, 0); err != nil {
		return err
	}
	return f.Commit()
}

type section struct {
	off, len int64
	crc      uint32
}

type sectionWriter struct {
	w    *bufio.Writer
	off  int64
	cur  int
	secs [numSections + 1]section
	err  error
}

func (w *sectionWriter) begin(kind int) {
	w.end()
	if pad := (8 - w.off%8) % 8; pad > 0 {
		w.raw(make([]byte, pad))
	}
	w.cur = kind
	w.secs[kind].off = w.off
}

func (w *sectionWriter) end() {
	if w.cur != 0 {
		w.secs[w.cur].len = w.off - w.secs[w.cur].off
	}
	w.cur = 0
}

func (w *sectionWriter) raw(b []byte) {
	if w.err != nil {
		return
	}
	_, w.err = w.w.Write(b)
	w.off += int64(len(b))
}

func (w *sectionWriter) write(b []byte) {
	w.secs[w.cur].crc = crc32.Update(w.secs[w.cur].crc, crc32.IEEETable, b)
	w.raw(b)
}

type number interface {
	~int32 | ~int64 | ~float32 | ~float64
}

// writeArray writes a slice of fixed-size numbers, little-endian.
func writeArray[T number](w *sectionWriter, xs []T) {
	if len(xs) == 0 {
		return
	}
	size := int(unsafe.Sizeof(xs[0]))
	if littleEndian {
		w.write(unsafe.Slice((*byte)(unsafe.Pointer(&xs[0])), len(xs)*size))
		return
	}
	b := make([]byte, 0, len(xs)*size)
	for _, x := range xs {
		b, _ = binary.Append(b, binary.LittleEndian, x)
	}
	w.write(b)
}

// Options choose what Load reads.
type Options struct {
	// Bags reads the raw counts too, needed to add records (Add) or to
	// write the index again; queries do not need them.
	Bags bool
}

// Info describes an index file without loading it.
type Info struct {
	Version   int
	Docs      int
	Terms     int
	Entries   int64
	Options   vectorize.Options
	Weighting vectorize.Weighting
	Size      int64
}

// file is an open index file whose header has been checked.
type file struct {
	path string
	f    *os.File
	size int64
	secs [numSections + 1]section
}

func (f *file) errorf(format string, a ...any) error {
	return &formatError{f.path, fmt.Sprintf(format, a...)}
}

func open(path string) (*file, error) {
	osf, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	fi, err := osf.Stat()
	if err != nil {
		osf.Close()
		return nil, err
	}
	f := &file{path: path, f: osf, size: fi.Size()}
	if err := f.readHeader(); err != nil {
		osf.Close()
		return nil, err
	}
	return f, nil
}

func (f *file) readHeader() error {
	h := make([]byte, headerSize)
	n, err := f.f.ReadAt(h, 0)
	if n >= 8 && string(h[:8]) != magic {
		return f.errorf("not a related index file (bad magic number)")
	}
	if n >= 12 {
		if v := binary.LittleEndian.Uint32(h[8:]); v != Version {
			return f.errorf("index file format version %d; this program reads version %d: rebuild the index with 'related index'", v, Version)
		}
	}
	if n < headerSize {
		if err != nil && err != io.EOF {
			return err
		}
		return f.errorf("truncated: %d bytes, shorter than the header", f.size)
	}
	if c := binary.LittleEndian.Uint32(h[8+4:]); c != numSections {
		return f.errorf("header lists %d sections, want %d", c, numSections)
	}
	if got, want := crc32.ChecksumIEEE(h[:headerSize-4]), binary.LittleEndian.Uint32(h[headerSize-4:]); got != want {
		return f.errorf("corrupt header (checksum mismatch)")
	}
	for k := 1; k <= numSections; k++ {
		e := h[16+24*(k-1):]
		kind := binary.LittleEndian.Uint32(e)
		s := section{crc: binary.LittleEndian.Uint32(e[4:]), off: int64(binary.LittleEndian.Uint64(e[8:])), len: int64(binary.LittleEndian.Uint64(e[16:]))}
		if kind != uint32(k) {
			return f.errorf("section %d has kind %d", k, kind)
		}
		if s.off < headerSize || s.len < 0 || s.off%8 != 0 {
			return f.errorf("section %s: bad offset %d or length %d", sectionNames[k], s.off, s.len)
		}
		if s.off > f.size || s.len > f.size-s.off {
			return f.errorf("truncated: section %s ends at byte %d but the file has %d bytes", sectionNames[k], s.off+s.len, f.size)
		}
		f.secs[k] = s
	}
	return nil
}

// read reads a section and checks its checksum. The buffer is 8-byte
// aligned, so that arrays can be used in place.
func (f *file) read(kind int) ([]byte, error) {
	s := f.secs[kind]
	words := make([]uint64, (s.len+7)/8)
	var b []byte
	if len(words) > 0 {
		b = unsafe.Slice((*byte)(unsafe.Pointer(&words[0])), s.len)
	}
	if _, err := f.f.ReadAt(b, s.off); err != nil {
		if err == io.EOF {
			return nil, f.errorf("truncated in section %s", sectionNames[kind])
		}
		return nil, err
	}
	if crc32.ChecksumIEEE(b) != s.crc {
		return nil, f.errorf("corrupt section %s (checksum mismatch)", sectionNames[kind])
	}
	return b, nil
}

// array views a section as n numbers (in place on little-endian machines).
func array[T number](f *file, kind int, b []byte, n int64) ([]T, error) {
	var zero T
	size := int64(unsafe.Sizeof(zero))
	if int64(len(b)) != n*size {
		return nil, f.errorf("section %s has %d bytes, want %d", sectionNames[kind], len(b), n*size)
	}
	if n == 0 {
		return []T{}, nil
	}
	if littleEndian {
		return unsafe.Slice((*T)(unsafe.Pointer(&b[0])), n), nil
	}
	out := make([]T, n)
	if _, err := binary.Decode(b, binary.LittleEndian, out); err != nil {
		return nil, f.errorf("section %s: %v", sectionNames[kind], err)
	}
	return out, nil
}

func (f *file) meta() (*meta, error) {
	b, err := f.read(secMeta)
	if err != nil {
		return nil, err
	}
	var m meta
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, f.errorf("section meta: %v", err)
	}
	if m.Docs < 0 || m.Terms < 0 || m.Entries < 0 || m.Entries > f.size/4 || int64(m.Docs) > f.size || int64(m.Terms) > f.size {
		return nil, f.errorf("section meta: impossible counts")
	}
	if err := m.Weighting.Validate(); err != nil {
		return nil, f.errorf("section meta: %v", err)
	}
	return &m, nil
}

// Stat reads an index file's header and meta section.
func Stat(path string) (*Info, error) {
	f, err := open(path)
	if err != nil {
		return nil, err
	}
	defer f.f.Close()
	m, err := f.meta()
	if err != nil {
		return nil, err
	}
	return &Info{Version: Version, Docs: m.Docs, Terms: m.Terms, Entries: m.Entries, Options: m.Options, Weighting: m.Weighting, Size: f.size}, nil
}

// Load reads an index file. The index answers exactly as the index it was
// written from.
func Load(path string, opt Options) (*rank.Index, error) {
	f, err := open(path)
	if err != nil {
		return nil, err
	}
	defer f.f.Close()
	m, err := f.meta()
	if err != nil {
		return nil, err
	}
	n, nTerms, nEnt := m.Docs, m.Terms, m.Entries

	// The arrays are read and checked in parallel, with the records and
	// the vocabulary.
	kinds := []int{secDF, secLanguages, secDocStart, secDocTerms, secDocWeights, secTermStart, secPostDocs, secPostWeights}
	if opt.Bags {
		kinds = append(kinds, secDocCounts)
	}
	var bufs [numSections + 1][]byte
	var errs [numSections + 1]error
	var wg sync.WaitGroup
	for _, k := range kinds {
		wg.Add(1)
		go func() {
			defer wg.Done()
			bufs[k], errs[k] = f.read(k)
		}()
	}
	defer wg.Wait() // before closing the file, on early returns

	// Records.
	rb, err := f.read(secRecords)
	if err != nil {
		return nil, err
	}
	dec, err := newRecordDecoder(m.Fields)
	if err != nil {
		return nil, f.errorf("section meta: %v", err)
	}
	records := make([]corpus.Record, n)
	r := &reader{b: rb}
	for i := range records {
		dec.decode(r, &records[i])
		if r.err != nil {
			return nil, f.errorf("section records: record %d: %v", i, r.err)
		}
	}
	if r.off != len(rb) {
		return nil, f.errorf("section records: %d bytes left after %d records", len(rb)-r.off, n)
	}

	// Vocabulary.
	vb, err := f.read(secVocab)
	if err != nil {
		return nil, err
	}
	vocab := vectorize.NewVocabulary()
	r = &reader{b: vb}
	for t := range nTerms {
		term := r.str()
		nf := r.count(2)
		if r.err == nil && nf == 0 {
			r.fail("term without a surface form")
		}
		for range nf {
			word := r.str()
			c := r.uvarint()
			if r.err != nil {
				break
			}
			if id := vocab.AddForm(term, word, int32(c)); int(id) != t {
				r.fail(fmt.Sprintf("term %q given twice", term))
			}
		}
		if r.err != nil {
			return nil, f.errorf("section vocabulary: term %d: %v", t, r.err)
		}
	}
	if r.off != len(vb) {
		return nil, f.errorf("section vocabulary: %d bytes left after %d terms", len(vb)-r.off, nTerms)
	}

	wg.Wait()
	for _, k := range kinds {
		if errs[k] != nil {
			return nil, errs[k]
		}
	}
	dfB, langB, dsB, dtB, dwB := bufs[secDF], bufs[secLanguages], bufs[secDocStart], bufs[secDocTerms], bufs[secDocWeights]
	tsB, pdB, pwB, dcB := bufs[secTermStart], bufs[secPostDocs], bufs[secPostWeights], bufs[secDocCounts]
	df, err := array[int32](f, secDF, dfB, int64(nTerms))
	if err != nil {
		return nil, err
	}
	if len(langB) != n {
		return nil, f.errorf("section languages has %d bytes, want %d", len(langB), n)
	}
	docStart, err := array[int64](f, secDocStart, dsB, int64(n)+1)
	if err != nil {
		return nil, err
	}
	docTerms, err := array[int32](f, secDocTerms, dtB, nEnt)
	if err != nil {
		return nil, err
	}
	docWeights, err := array[float64](f, secDocWeights, dwB, nEnt)
	if err != nil {
		return nil, err
	}
	var docCounts []float64
	if opt.Bags {
		if docCounts, err = array[float64](f, secDocCounts, dcB, nEnt); err != nil {
			return nil, err
		}
	}
	var post rank.Postings
	if post.Start, err = array[int64](f, secTermStart, tsB, int64(nTerms)+1); err != nil {
		return nil, err
	}
	if post.Docs, err = array[int32](f, secPostDocs, pdB, nEnt); err != nil {
		return nil, err
	}
	if post.Weights, err = array[float32](f, secPostWeights, pwB, nEnt); err != nil {
		return nil, err
	}

	// Shapes and ranges: what a checksum cannot vouch for (a file written
	// by a buggy writer) must still not make a query panic.
	langs := make([]string, n)
	for d, l := range langB {
		if int(l) >= len(m.Languages) {
			return nil, f.errorf("section languages: document %d has language %d of %d", d, l, len(m.Languages))
		}
		langs[d] = m.Languages[l]
	}
	if docStart[0] != 0 || docStart[n] != nEnt {
		return nil, f.errorf("section doc starts: does not span the %d entries", nEnt)
	}
	vectors := make([]vectorize.Vector, n)
	var bags []vectorize.Bag
	if opt.Bags {
		bags = make([]vectorize.Bag, n)
	}
	for d := range n {
		lo, hi := docStart[d], docStart[d+1]
		if lo > hi || hi > nEnt {
			return nil, f.errorf("section doc starts: document %d: bad range [%d,%d)", d, lo, hi)
		}
		ts := docTerms[lo:hi:hi]
		for i, t := range ts {
			if t < 0 || int(t) >= nTerms || (i > 0 && t <= ts[i-1]) {
				return nil, f.errorf("section doc terms: document %d: term ids out of range or order", d)
			}
		}
		vectors[d] = vectorize.Vector{Terms: ts, Weights: docWeights[lo:hi:hi]}
		if opt.Bags {
			bags[d] = vectorize.Bag{Terms: ts, Counts: docCounts[lo:hi:hi]}
		}
	}
	space := &vectorize.Space{
		Analyzer:  vectorize.NewAnalyzer(m.Options),
		Vocab:     vocab,
		Bags:      bags,
		Languages: langs,
		Model:     vectorize.NewModelFromDF(df, n, m.AvgLen, vocab, m.Weighting),
		Vectors:   vectors,
	}
	ix, err := rank.NewWithPostings(records, space, post)
	if err != nil {
		return nil, f.errorf("%v", err)
	}
	return ix, nil
}

// Add returns a new index with the records added, or replacing the
// records of the same id (in place, keeping the order). Only the new
// records are analysed; document frequencies, idf and every weight are
// recomputed from the bags. ix must have its bags.
func Add(ix *rank.Index, recs []corpus.Record) (out *rank.Index, added, replaced int, err error) {
	sp := ix.Space
	if len(sp.Bags) != len(ix.Records) {
		return nil, 0, 0, fmt.Errorf("indexfile: the index has no bags (load it with Bags)")
	}
	records := slices.Clone(ix.Records)
	space := &vectorize.Space{
		Analyzer:  sp.Analyzer,
		Vocab:     sp.Vocab,
		Bags:      slices.Clone(sp.Bags),
		Languages: slices.Clone(sp.Languages),
	}
	seen := map[string]bool{}
	for _, r := range recs {
		if seen[r.ID] {
			return nil, 0, 0, fmt.Errorf("indexfile: id %q given twice among the added records", r.ID)
		}
		seen[r.ID] = true
	}
	base := len(space.Bags)
	space.AddRecords(recs)
	// Move the bags of replacing records into their predecessors' places.
	keep := base
	for i, r := range recs {
		if d, ok := ix.Lookup(r.ID); ok {
			records[d] = r
			space.Bags[d] = space.Bags[base+i]
			space.Languages[d] = space.Languages[base+i]
			replaced++
			continue
		}
		records = append(records, r)
		space.Bags[keep] = space.Bags[base+i]
		space.Languages[keep] = space.Languages[base+i]
		keep++
		added++
	}
	space.Bags = space.Bags[:keep]
	space.Languages = space.Languages[:keep]
	space.Reweigh(sp.Model.Weighting)
	out, err = rank.New(records, space)
	return out, added, replaced, err
}
