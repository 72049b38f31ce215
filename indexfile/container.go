package indexfile

import (
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"io"
	"os"
	"sync"
	"unsafe"

	"github.com/related/related/internal/sections"
)

// The container: a fixed header, the sections, and a table of contents
// at the end naming each section (see the package documentation).

const (
	magic = "RELIDX\r\n"
	// headerSize is the fixed header of format 2.
	headerSize = 48
)

// section is one entry of the table of contents.
type section struct {
	name     string
	off, len int64
	crc      uint32
}

// writer writes sections one after the other, each starting at a
// multiple of 8, computing their checksums, then the table of contents,
// then the header at offset 0. It implements sections.Writer.
type writer struct {
	w   *pipeWriter
	off int64
	toc []section
	cur int // index in toc of the section being written, -1 before the first
	err error
}

func newWriter(w io.Writer) *writer {
	return &writer{w: newPipeWriter(w), cur: -1}
}

// close ends the writer's goroutine; after finish, or to give up.
func (c *writer) close() { c.w.Close() }

func (c *writer) raw(b []byte) {
	if c.err != nil {
		return
	}
	_, c.err = c.w.Write(b)
	c.off += int64(len(b))
}

func (c *writer) pad() {
	if p := (8 - c.off%8) % 8; p > 0 {
		c.raw(make([]byte, p))
	}
}

func (c *writer) end() {
	if c.cur >= 0 {
		c.toc[c.cur].len = c.off - c.toc[c.cur].off
	}
}

// Section starts a named section.
func (c *writer) Section(name string) io.Writer {
	c.end()
	for _, s := range c.toc {
		if s.name == name && c.err == nil {
			c.err = fmt.Errorf("indexfile: section %q written twice", name)
		}
	}
	c.pad()
	c.toc = append(c.toc, section{name: name, off: c.off})
	c.cur = len(c.toc) - 1
	return sectionWriter{c}
}

type sectionWriter struct{ c *writer }

func (s sectionWriter) Write(b []byte) (int, error) {
	c := s.c
	if c.err != nil {
		return 0, c.err
	}
	c.toc[c.cur].crc = crc32.Update(c.toc[c.cur].crc, crc32.IEEETable, b)
	c.raw(b)
	if c.err != nil {
		return 0, c.err
	}
	return len(b), nil
}

// WriteString is Write without copying s to a byte slice first: record
// texts are most of an index file (io.WriteString copied 127 MB of them at
// 100k records, garbage that raised a build's peak memory).
func (s sectionWriter) WriteString(str string) (int, error) {
	c := s.c
	if c.err != nil {
		return 0, c.err
	}
	// The checksum only reads the bytes.
	c.toc[c.cur].crc = crc32.Update(c.toc[c.cur].crc, crc32.IEEETable, unsafe.Slice(unsafe.StringData(str), len(str)))
	_, c.err = c.w.WriteString(str)
	c.off += int64(len(str))
	if c.err != nil {
		return 0, c.err
	}
	return len(str), nil
}

// finish writes the table of contents and flushes; the header comes
// back, to be written at offset 0 once everything else is.
func (c *writer) finish() ([]byte, error) {
	c.end()
	c.pad()
	tocOff := c.off
	toc := binary.AppendUvarint(nil, uint64(len(c.toc)))
	for _, s := range c.toc {
		toc = sections.AppendString(toc, s.name)
		toc = binary.AppendUvarint(toc, uint64(s.off))
		toc = binary.AppendUvarint(toc, uint64(s.len))
		toc = binary.AppendUvarint(toc, uint64(s.crc))
	}
	c.raw(toc)
	if c.err != nil {
		return nil, c.err
	}
	if err := c.w.Flush(); err != nil {
		return nil, err
	}
	h := make([]byte, 0, headerSize)
	h = append(h, magic...)
	h = binary.LittleEndian.AppendUint32(h, FormatVersion)
	h = binary.LittleEndian.AppendUint32(h, FeatureVersion)
	h = binary.LittleEndian.AppendUint32(h, writeMinFeature)
	h = binary.LittleEndian.AppendUint32(h, 0) // reserved
	h = binary.LittleEndian.AppendUint64(h, uint64(tocOff))
	h = binary.LittleEndian.AppendUint64(h, uint64(len(toc)))
	h = binary.LittleEndian.AppendUint32(h, crc32.ChecksumIEEE(toc))
	h = binary.LittleEndian.AppendUint32(h, crc32.ChecksumIEEE(h))
	return h, nil
}

// ignoreChecksums lets the fuzz test reach the decoders behind the
// checksums, which random changes almost never get past.
var ignoreChecksums = false

// file is an open index file whose header and table of contents have
// been checked. It implements sections.Reader.
type file struct {
	path    string
	data    []byte // the whole file: mapped, or read into memory
	mapping *mapping
	size    int64
	format  uint32
	feature uint32
	tocPos  tocPos
	toc     map[string]section
	strict  bool
	mu      sync.Mutex      // for checked: sections are read concurrently
	checked map[string]bool // sections whose checksum was verified
}

func (f *file) errorf(format string, a ...any) error {
	return &formatError{f.path, fmt.Sprintf(format, a...)}
}

// openFile opens path: reads and checks its header and table of
// contents, then maps the file (or reads it whole when inMemory, or
// where mapping is not supported).
func openFile(path string, inMemory, strict bool) (*file, error) {
	osf, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer osf.Close() // a mapping outlives its descriptor
	fi, err := osf.Stat()
	if err != nil {
		return nil, err
	}
	f := &file{path: path, size: fi.Size(), strict: strict, checked: map[string]bool{}}
	if !fi.Mode().IsRegular() {
		return nil, f.errorf("not a regular file")
	}
	h := make([]byte, max(headerSize, v1HeaderSize))
	n, err := osf.ReadAt(h, 0)
	if err != nil && err != io.EOF {
		return nil, err
	}
	if err := f.readHeader(h[:n]); err != nil {
		return nil, err
	}
	if !inMemory {
		f.mapping = mapFile(osf, f.size)
	}
	if f.mapping != nil {
		f.data = f.mapping.data
	} else {
		// Read into 8-byte words, so that arrays can be used in place.
		words := make([]uint64, (f.size+7)/8)
		if len(words) > 0 {
			f.data = unsafe.Slice((*byte)(unsafe.Pointer(&words[0])), f.size)
		}
		if _, err := osf.ReadAt(f.data, 0); err != nil {
			if err == io.EOF {
				return nil, f.errorf("truncated while reading")
			}
			return nil, err
		}
	}
	if f.format != 1 { // format 1's table is in its header
		if err := f.readTOC(); err != nil {
			f.release()
			return nil, err
		}
	}
	return f, nil
}

// openBytes is openFile for a file already in memory (tests, fuzzing).
func openBytes(path string, data []byte, strict bool) (*file, error) {
	f := &file{path: path, size: int64(len(data)), strict: strict, checked: map[string]bool{}}
	words := make([]uint64, (len(data)+7)/8)
	if len(words) > 0 {
		f.data = unsafe.Slice((*byte)(unsafe.Pointer(&words[0])), len(data))
		copy(f.data, data)
	}
	if err := f.readHeader(f.data[:min(len(data), max(headerSize, v1HeaderSize))]); err != nil {
		return nil, err
	}
	if f.format != 1 {
		if err := f.readTOC(); err != nil {
			return nil, err
		}
	}
	return f, nil
}

// release unmaps the file when an error stops its use.
func (f *file) release() {
	if f.mapping != nil {
		f.mapping.close()
	}
}

// tocPos is where the header puts the table of contents.
type tocPos struct {
	off, len int64
	crc      uint32
}

func (f *file) readHeader(h []byte) error {
	if len(h) >= 8 && string(h[:8]) != magic {
		return f.errorf("not a related index file (bad magic number)")
	}
	if len(h) >= 12 {
		f.format = binary.LittleEndian.Uint32(h[8:])
		switch {
		case f.format == 1:
			return f.readHeaderV1(h)
		case f.format > FormatVersion:
			return f.errorf("index file format version %d, newer than this program reads (%d): upgrade related, or rebuild the index with this one's 'related index'", f.format, FormatVersion)
		case f.format != FormatVersion:
			return f.errorf("index file format version %d; this program reads versions 1 to %d: rebuild the index with 'related index'", f.format, FormatVersion)
		}
	}
	if len(h) < headerSize {
		return f.errorf("truncated: %d bytes, shorter than the header", f.size)
	}
	h = h[:headerSize]
	if got, want := crc32.ChecksumIEEE(h[:headerSize-4]), binary.LittleEndian.Uint32(h[headerSize-4:]); got != want && !ignoreChecksums {
		return f.errorf("corrupt header (checksum mismatch)")
	}
	f.feature = binary.LittleEndian.Uint32(h[12:])
	if min := binary.LittleEndian.Uint32(h[16:]); min > FeatureVersion {
		return f.errorf("index file needs feature version %d, this program has %d: upgrade related, or rebuild the index with this one's 'related index'", min, FeatureVersion)
	}
	if f.feature < readMinFeature {
		return f.errorf("index file feature version %d is older than this program reads (%d): rebuild the index with 'related index'", f.feature, readMinFeature)
	}
	off, n := binary.LittleEndian.Uint64(h[24:]), binary.LittleEndian.Uint64(h[32:])
	if off < headerSize || off > 1<<62 || n > 1<<62 {
		return f.errorf("bad table of contents position")
	}
	// Compared without adding: off+n of 2^62 each is negative as an
	// int64 (a fuzzed header had the table slice panic).
	if off > uint64(f.size) || n > uint64(f.size)-off {
		return f.errorf("truncated: the table of contents ends at byte %d but the file has %d bytes", off+n, f.size)
	}
	f.tocPos = tocPos{int64(off), int64(n), binary.LittleEndian.Uint32(h[40:])}
	return nil
}

// readTOC reads and checks the table of contents: every section inside
// the file, before the table, aligned, named once.
func (f *file) readTOC() error {
	p := f.tocPos
	b := f.data[p.off : p.off+p.len]
	if crc32.ChecksumIEEE(b) != p.crc && !ignoreChecksums {
		return f.errorf("corrupt table of contents (checksum mismatch)")
	}
	d := &sections.Decoder{B: b}
	n := d.Count(4)
	f.toc = make(map[string]section, n)
	for range n {
		s := section{name: d.Str()}
		off, ln, crc := d.Uvarint(), d.Uvarint(), d.Uvarint()
		if d.Err != nil {
			break
		}
		if s.name == "" || off%8 != 0 || off < headerSize || off > uint64(p.off) || ln > uint64(p.off)-off || crc > 1<<32-1 {
			return f.errorf("table of contents: bad entry for section %q", s.name)
		}
		if _, dup := f.toc[s.name]; dup {
			return f.errorf("table of contents: section %q listed twice", s.name)
		}
		s.off, s.len, s.crc = int64(off), int64(ln), uint32(crc)
		f.toc[s.name] = s
	}
	if !d.Done() {
		return f.errorf("table of contents: %v", d.Err)
	}
	return nil
}

// Read returns a section checked against its checksum.
func (f *file) Read(name string) ([]byte, bool, error) {
	s, ok := f.toc[name]
	if !ok {
		return nil, false, nil
	}
	b := f.data[s.off : s.off+s.len : s.off+s.len]
	f.mu.Lock()
	checked := f.checked[name]
	f.mu.Unlock()
	if !checked {
		if crc32.ChecksumIEEE(b) != s.crc && !ignoreChecksums {
			return nil, false, f.errorf("corrupt section %s (checksum mismatch)", name)
		}
		f.mu.Lock()
		f.checked[name] = true
		f.mu.Unlock()
	}
	return b, true, nil
}

// Map returns a section for use in place: checked against its checksum
// only when the file is opened strictly.
func (f *file) Map(name string) ([]byte, bool, error) {
	if f.strict {
		return f.Read(name)
	}
	s, ok := f.toc[name]
	if !ok {
		return nil, false, nil
	}
	return f.data[s.off : s.off+s.len : s.off+s.len], true, nil
}

// Strict reports whether every section is checked now.
func (f *file) Strict() bool { return f.strict }

// verifyAll checks every section's checksum, known to this program or
// not.
func (f *file) verifyAll() error {
	for name := range f.toc {
		if _, _, err := f.Read(name); err != nil {
			return err
		}
	}
	return nil
}
