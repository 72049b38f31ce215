// Package sections is the contract between the index file (package
// indexfile, the container: table of contents, checksums, mapping, atomic
// write) and the packages whose state it stores (vectorize, rank), which
// encode and decode their own parts as named byte sections. Keeping the
// encoders beside the types they encode lets those types keep their
// representation private, as zoekt keeps its builder's structures
// unexported.
//
// Arrays of fixed-size numbers are stored little-endian and used in place
// (without copying) on little-endian machines; every section starts at a
// multiple of 8 bytes so that such views are aligned.
package sections

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"unsafe"
)

// Writer receives named sections. Section starts a new one; bytes written
// to the returned writer, until the next call, are its content. Errors
// stick: the container reports the first one when it is finished, and the
// writers it returns keep failing after it.
type Writer interface {
	Section(name string) io.Writer
}

// Reader gives the sections of a file by name.
type Reader interface {
	// Read returns a section that the caller decodes whole now, checked
	// against its checksum: offsets, counts, small tables.
	Read(name string) (b []byte, ok bool, err error)
	// Map returns a section used in place and touched only where a query
	// needs it (postings, weights, texts): it may be memory-mapped and not
	// yet checked against its checksum, so its contents must be used only
	// in ways that cannot go out of bounds, or be checked where they are
	// used, unless Strict.
	Map(name string) (b []byte, ok bool, err error)
	// Strict reports that every section was checked against its checksum
	// and that decoders must check the contents of mapped sections now
	// (ranges, order) instead of lazily: what a caller that rewrites the
	// index (adds records) needs.
	Strict() bool
}

// ErrFormat is wrapped by every error about a file's content: bad
// checksums, impossible counts, values out of range.
var ErrFormat = errors.New("not a valid index file")

// Error is a decoding error found in one section.
type Error struct {
	Section string
	Msg     string
}

func (e *Error) Error() string { return "section " + e.Section + ": " + e.Msg }
func (e *Error) Unwrap() error { return ErrFormat }

// Errorf returns an *Error for a section.
func Errorf(section, format string, a ...any) error {
	return &Error{Section: section, Msg: fmt.Sprintf(format, a...)}
}

// Required returns a section that must be present: Map or Read, with a
// missing section reported as an error.
func Required(get func(string) ([]byte, bool, error), name string) ([]byte, error) {
	b, ok, err := get(name)
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, Errorf(name, "missing")
	}
	return b, nil
}

// Number is a fixed-size number stored in arrays.
type Number interface {
	~uint8 | ~int32 | ~uint32 | ~int64 | ~float32 | ~float64
}

var littleEndian = func() bool { x := uint16(1); return *(*byte)(unsafe.Pointer(&x)) == 1 }()

// WriteArray writes xs little-endian.
func WriteArray[T Number](w io.Writer, xs []T) error {
	if len(xs) == 0 {
		return nil
	}
	size := int(unsafe.Sizeof(xs[0]))
	if littleEndian {
		_, err := w.Write(unsafe.Slice((*byte)(unsafe.Pointer(&xs[0])), len(xs)*size))
		return err
	}
	b := make([]byte, 0, len(xs)*size)
	for _, x := range xs {
		b, _ = binary.Append(b, binary.LittleEndian, x)
	}
	_, err := w.Write(b)
	return err
}

// View returns a section's bytes as n numbers: in place on little-endian
// machines (b must be aligned for T, as sections are), a copy elsewhere.
// The length must be exactly n numbers.
func View[T Number](name string, b []byte, n int64) ([]T, error) {
	var zero T
	size := int64(unsafe.Sizeof(zero))
	if n < 0 || int64(len(b)) != n*size {
		return nil, Errorf(name, "has %d bytes, want %d numbers of %d bytes", len(b), n, size)
	}
	if n == 0 {
		return []T{}, nil
	}
	if littleEndian {
		if uintptr(unsafe.Pointer(&b[0]))%uintptr(size) != 0 {
			return nil, Errorf(name, "not aligned")
		}
		return unsafe.Slice((*T)(unsafe.Pointer(&b[0])), n), nil
	}
	out := make([]T, n)
	if _, err := binary.Decode(b, binary.LittleEndian, out); err != nil {
		return nil, Errorf(name, "%v", err)
	}
	return out, nil
}

// Len is the number of T a section of b bytes holds, or -1 when it is not
// a whole number of them: for checking a section's size before allocating
// anything from a count read elsewhere.
func Len[T Number](b []byte) int64 {
	var zero T
	size := int64(unsafe.Sizeof(zero))
	if int64(len(b))%size != 0 {
		return -1
	}
	return int64(len(b)) / size
}

// Starts checks an array of n+1 offsets into a section of total entries:
// starting at 0, non-decreasing, ending at total. Decoders call it on
// every offsets array before slicing with it, so that a damaged file
// cannot make a slice expression panic.
func Starts(name string, s []int64, n int, total int64) error {
	if len(s) != n+1 {
		return Errorf(name, "has %d offsets, want %d", len(s), n+1)
	}
	if s[0] != 0 || s[n] != total {
		return Errorf(name, "does not span the %d entries", total)
	}
	for i := range n {
		if s[i] > s[i+1] {
			return Errorf(name, "offsets decrease at %d", i)
		}
	}
	return nil
}

// Decoder walks a byte slice of varints and strings; errors stick, so
// that callers check once.
type Decoder struct {
	B   []byte
	Off int
	Err error
}

// Fail records an error (the first one only).
func (r *Decoder) Fail(what string) {
	if r.Err == nil {
		r.Err = fmt.Errorf("%s at byte %d", what, r.Off)
	}
}

// Uvarint reads an unsigned varint.
func (r *Decoder) Uvarint() uint64 {
	if r.Err != nil {
		return 0
	}
	v, n := binary.Uvarint(r.B[r.Off:])
	if n <= 0 {
		r.Fail("bad varint")
		return 0
	}
	r.Off += n
	return v
}

// Varint reads a zig-zag varint.
func (r *Decoder) Varint() int64 {
	if r.Err != nil {
		return 0
	}
	v, n := binary.Varint(r.B[r.Off:])
	if n <= 0 {
		r.Fail("bad varint")
		return 0
	}
	r.Off += n
	return v
}

// Byte reads one byte.
func (r *Decoder) Byte() byte {
	if r.Err != nil {
		return 0
	}
	if r.Off >= len(r.B) {
		r.Fail("unexpected end")
		return 0
	}
	r.Off++
	return r.B[r.Off-1]
}

// Str reads a length-prefixed string sharing B's memory: the string lives
// in the file's mapping, or in the buffer it was read into.
func (r *Decoder) Str() string {
	n := r.Uvarint()
	if r.Err != nil {
		return ""
	}
	if n > uint64(len(r.B)-r.Off) {
		r.Fail("string longer than its section")
		return ""
	}
	if n == 0 {
		return ""
	}
	s := unsafe.String(&r.B[r.Off], int(n))
	r.Off += int(n)
	return s
}

// Count reads a count of items of at least min bytes each, checked
// against what is left, so that a corrupt count cannot ask for gigabytes.
func (r *Decoder) Count(min int) int {
	n := r.Uvarint()
	if r.Err == nil && n > uint64((len(r.B)-r.Off)/min) {
		r.Fail("count larger than its section")
		return 0
	}
	return int(n)
}

// Done reports whether everything was read without error.
func (r *Decoder) Done() bool { return r.Err == nil && r.Off == len(r.B) }

// AppendString appends a length-prefixed string.
func AppendString(b []byte, s string) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}

// String views b[off:off+n] as a string without copying, after checking
// the bounds.
func String(b []byte, off, n uint64) (string, bool) {
	if off > uint64(len(b)) || n > uint64(len(b))-off {
		return "", false
	}
	if n == 0 {
		return "", true
	}
	return unsafe.String(&b[off], int(n)), true
}
