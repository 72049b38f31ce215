package indexfile

import (
	"math"

	"github.com/related/related/corpus"
	"github.com/related/related/internal/sections"
	"github.com/related/related/rank"
)

// columns are an index file's records as a rank.RecordSource: what the
// index uses of each record (rank.RecordKeys) is decoded when the file is
// opened, the rest of a record from its columns when it is asked for (a
// result shown), so that opening makes no record of each document.
//
// Every column is checked whole when the file is opened (its lengths
// decode, its strings lie inside its text section, nothing is left
// over), and a mark is kept every markEvery records of where the record
// starts; decoding a record later starts from the mark before it.
type columns struct {
	n    int
	cols []*column // by recordFields; nil: a column the file lacks

	ids, primary            stringColumn
	msc, cats, idents, refs listColumn
}

// stringColumn is a string column decoded for reading any record's value:
// the offsets of the values in the text section (4 bytes a record where
// a []string took 16, for the collector to scan; fewer pages to fault
// in when a file opens).
type stringColumn struct {
	text  []byte
	off32 []uint32 // n+1 offsets, when the text is under 4 GB
	off64 []uint64 // else
}

func (s *stringColumn) at(d int) string {
	var lo, hi uint64
	switch {
	case s.off32 != nil:
		lo, hi = uint64(s.off32[d]), uint64(s.off32[d+1])
	case s.off64 != nil:
		lo, hi = s.off64[d], s.off64[d+1]
	default: // a column the file lacks
		return ""
	}
	str, _ := sections.String(s.text, lo, hi-lo)
	return str
}

// listColumn is a list column decoded whole: the items of all records in
// one array, and where each record's start (4 bytes a record where a
// [][]string took 24).
type listColumn struct {
	items []string
	start []int32 // n+1; nil when no record has an item
}

func (l *listColumn) at(d int) []string {
	if l.start == nil {
		return nil
	}
	lo, hi := l.start[d], l.start[d+1]
	if lo == hi {
		return nil
	}
	return l.items[lo:hi:hi]
}

// The columns of the fields the index uses (rank.RecordKeys), decoded
// whole when a file is opened.
var (
	idCol, mscCol, primCol   = fieldIndex("id"), fieldIndex("msc"), fieldIndex("msc_primary")
	catCol, identCol, refCol = fieldIndex("categories"), fieldIndex("identifiers"), fieldIndex("references")
)

func fieldIndex(name string) int {
	for i := range recordFields {
		if recordFields[i].name == name {
			return i
		}
	}
	panic("indexfile: no stored field " + name)
}

// isKeyCol reports whether column i is one of the keys'.
func isKeyCol(i int) bool {
	switch i {
	case idCol, mscCol, primCol, catCol, identCol, refCol:
		return true
	}
	return false
}

// markEvery is how many records a mark covers: 32 varints to skip at
// most per column for a record, a 16-byte mark per 32 records.
const markEvery = 32

// column is one stored field's column.
type column struct {
	f     *recordField
	lens  []byte // the column section, kind byte first
	text  []byte // its text section (not for integers)
	marks []colMark
	items int // a list column's items, all records'
}

type colMark struct {
	pos int    // in lens
	off uint64 // in text
}

// readRecords opens the n records' columns (strings point into the text
// sections).
func readRecords(r sections.Reader, n int) (*columns, error) {
	// Every file has ids; their column, a kind byte and at least a byte
	// per record, bounds n before anything is allocated from it.
	ids, err := sections.Required(r.Read, columnName(&recordFields[0]))
	if err != nil {
		return nil, err
	}
	if n < 0 || n > len(ids)-1 {
		return nil, sections.Errorf(columnName(&recordFields[0]), "too short for %d records", n)
	}
	c := &columns{n: n, cols: make([]*column, len(recordFields))}
	for i := range recordFields {
		if c.cols[i], err = openColumn(r, &recordFields[i], n); err != nil {
			return nil, err
		}
	}
	c.ids = c.strings(idCol)
	c.primary = c.strings(primCol)
	c.msc, c.cats = c.lists(mscCol), c.lists(catCol)
	c.idents, c.refs = c.lists(identCol), c.lists(refCol)
	return c, nil
}

// openColumn checks column f and marks it; nil for a column the file
// lacks.
func openColumn(r sections.Reader, f *recordField, n int) (*column, error) {
	name := columnName(f)
	b, ok, err := r.Read(name)
	if err != nil || !ok {
		return nil, err // a column the file lacks leaves the field empty
	}
	if len(b) == 0 || b[0] != f.kind {
		return nil, sections.Errorf(name, "stored as another kind of value: rebuild the index")
	}
	c := &column{f: f, lens: b, marks: make([]colMark, 0, (n+markEvery-1)/markEvery)}
	if f.kind != 'i' {
		if c.text, err = sections.Required(r.Map, textName(f)); err != nil {
			return nil, err
		}
	}
	d := &sections.Decoder{B: b, Off: 1}
	var off uint64
	for i := range n {
		if i%markEvery == 0 {
			c.marks = append(c.marks, colMark{d.Off, off})
		}
		var items int
		off, items = c.skip(d, off)
		c.items += items
		if d.Err != nil {
			break
		}
	}
	if !d.Done() {
		return nil, sections.Errorf(name, "%d records: %v", n, doneErr(d))
	}
	if f.kind != 'i' && off != uint64(len(c.text)) {
		return nil, sections.Errorf(textName(f), "has %d bytes, the strings %d", len(c.text), off)
	}
	if c.items > math.MaxInt32 { // listColumn's starts are 32 bits
		return nil, sections.Errorf(name, "has %d items, more than an index holds", c.items)
	}
	return c, nil
}

// skip passes one record's value, returning the text offset after it
// and, for a list, its number of items.
// A string past the end of the text section fails d (each length is
// checked before it is added, so that no sum wraps round).
func (c *column) skip(d *sections.Decoder, off uint64) (_ uint64, items int) {
	str := func() {
		n := d.Uvarint()
		if n > uint64(len(c.text))-off {
			d.Fail("string beyond the text section")
			return
		}
		off += n
	}
	switch c.f.kind {
	case 'i':
		d.Varint()
	case 's':
		str()
	default:
		items = d.Count(1)
		for range items {
			str()
		}
	}
	return off, items
}

// next reads a string of a column checked when opened: its length from
// d, its bytes from the text at off.
func (c *column) next(d *sections.Decoder, off *uint64) string {
	n := d.Uvarint()
	s, _ := sections.String(c.text, *off, n)
	*off += n
	return s
}

// at decodes record i's value into rec.
func (c *column) at(i int, rec *corpus.Record) {
	m := c.marks[i/markEvery]
	d := &sections.Decoder{B: c.lens, Off: m.pos}
	off := m.off
	for range i % markEvery {
		off, _ = c.skip(d, off)
	}
	c.value(d, &off, rec)
}

// value decodes the value at d (and off, in the text) into rec.
func (c *column) value(d *sections.Decoder, off *uint64, rec *corpus.Record) {
	switch c.f.kind {
	case 'i':
		*c.f.num(rec) = int(d.Varint())
	case 's':
		*c.f.str(rec) = c.next(d, off)
	default:
		if k := d.Count(1); k > 0 {
			list := make([]string, k)
			for j := range list {
				list[j] = c.next(d, off)
			}
			*c.f.list(rec) = list
		}
	}
}

// maxOffset32 is the largest text section whose offsets are kept in 32
// bits (a variable for the test of the other case).
var maxOffset32 uint64 = math.MaxUint32

// strings decodes a string column's offsets.
func (c *columns) strings(col int) stringColumn {
	cl := c.cols[col]
	if cl == nil {
		return stringColumn{}
	}
	s := stringColumn{text: cl.text}
	d := &sections.Decoder{B: cl.lens, Off: 1}
	if uint64(len(cl.text)) <= maxOffset32 {
		s.off32 = offsets[uint32](d, c.n)
	} else {
		s.off64 = offsets[uint64](d, c.n)
	}
	return s
}

// offsets decodes n lengths into the n+1 offsets they make, from 0.
func offsets[T uint32 | uint64](d *sections.Decoder, n int) []T {
	out := make([]T, n+1)
	var off uint64
	for i := range n {
		off += d.Uvarint()
		out[i+1] = T(off)
	}
	return out
}

// lists decodes a list column whole, the items of all in one array.
func (c *columns) lists(col int) listColumn {
	cl := c.cols[col]
	if cl == nil || cl.items == 0 {
		return listColumn{}
	}
	l := listColumn{items: make([]string, 0, cl.items), start: make([]int32, c.n+1)}
	d := &sections.Decoder{B: cl.lens, Off: 1}
	var off uint64
	for i := range c.n {
		for range d.Count(1) {
			l.items = append(l.items, cl.next(d, &off))
		}
		l.start[i+1] = int32(len(l.items))
	}
	return l
}

// Len is the number of records.
func (c *columns) Len() int { return c.n }

// Keys returns what the index uses of record d.
func (c *columns) Keys(d int) rank.RecordKeys {
	return rank.RecordKeys{ID: c.ids.at(d), PrimaryMSC: c.primary.at(d), MSC: c.msc.at(d),
		Categories: c.cats.at(d), Identifiers: c.idents.at(d), References: c.refs.at(d)}
}

// Record decodes record d: its keys as decoded at opening, the other
// fields from their columns.
func (c *columns) Record(d int) corpus.Record {
	r := c.keyRecord(d)
	for i, cl := range c.cols {
		if cl != nil && !isKeyCol(i) {
			cl.at(d, &r)
		}
	}
	return r
}

// Records decodes every record, a column at a time from its start: no
// record skips from a mark (Record for each took 6 times as long at 100k
// records).
func (c *columns) Records() []corpus.Record {
	out := make([]corpus.Record, c.n)
	for d := range out {
		out[d] = c.keyRecord(d)
	}
	for i, cl := range c.cols {
		if cl == nil || isKeyCol(i) {
			continue
		}
		d := &sections.Decoder{B: cl.lens, Off: 1}
		var off uint64
		for r := range out {
			cl.value(d, &off, &out[r])
		}
	}
	return out
}

// keyRecord is a record of record d's keys alone.
func (c *columns) keyRecord(d int) corpus.Record {
	k := c.Keys(d)
	return corpus.Record{ID: k.ID, MSC: k.MSC, PrimaryMSC: k.PrimaryMSC, Categories: k.Categories, Identifiers: k.Identifiers, References: k.References}
}

// ID returns record d's id.
func (c *columns) ID(d int) string { return c.ids.at(d) }
