package indexfile

import (
	"encoding/binary"
	"errors"
	"io"
	"strings"

	"github.com/related/related/corpus"
	"github.com/related/related/internal/sections"
)

// Records are stored by column, one column per field, each under a
// stored name that never changes when the Go field does. A column is two
// sections:
//
//	record.NAME        kind byte, then per record: for a string ('s'),
//	                   its length; for a list of strings ('l'), the
//	                   number of items, then each item's length; for an
//	                   integer ('i'), its value (zig-zag); all varints
//	record.NAME.text   the strings' bytes, concatenated (not for 'i')
//
// The first is read whole when the file is opened (a few bytes per
// record); the second is used in place: a record's strings point into it
// and are read from disk only when shown. A reader skips columns it does
// not know (a newer field) and leaves fields whose column the file lacks
// (an older file) empty.

// recordField is one stored field of corpus.Record.
type recordField struct {
	name string // the stored name: never reused for another meaning
	kind byte   // 's' string, 'l' list of strings, 'i' integer
	str  func(*corpus.Record) *string
	list func(*corpus.Record) *[]string
	num  func(*corpus.Record) *int
}

// recordFields are the stored fields. A field added to corpus.Record
// must be added here (TestRecordFieldsStored fails until it is) or to
// recordFieldsNotStored.
var recordFields = []recordField{
	{name: "id", kind: 's', str: func(r *corpus.Record) *string { return &r.ID }},
	{name: "title", kind: 's', str: func(r *corpus.Record) *string { return &r.Title }},
	{name: "authors", kind: 'l', list: func(r *corpus.Record) *[]string { return &r.Authors }},
	{name: "abstract", kind: 's', str: func(r *corpus.Record) *string { return &r.Abstract }},
	{name: "msc", kind: 'l', list: func(r *corpus.Record) *[]string { return &r.MSC }},
	{name: "msc_primary", kind: 's', str: func(r *corpus.Record) *string { return &r.PrimaryMSC }},
	{name: "msc_raw", kind: 's', str: func(r *corpus.Record) *string { return &r.MSCRaw }},
	{name: "keywords", kind: 'l', list: func(r *corpus.Record) *[]string { return &r.Keywords }},
	{name: "categories", kind: 'l', list: func(r *corpus.Record) *[]string { return &r.Categories }},
	{name: "language", kind: 's', str: func(r *corpus.Record) *string { return &r.Language }},
	{name: "year", kind: 'i', num: func(r *corpus.Record) *int { return &r.Year }},
	{name: "date", kind: 's', str: func(r *corpus.Record) *string { return &r.Date }},
	{name: "url", kind: 's', str: func(r *corpus.Record) *string { return &r.URL }},
	{name: "identifiers", kind: 'l', list: func(r *corpus.Record) *[]string { return &r.Identifiers }},
	{name: "references", kind: 'l', list: func(r *corpus.Record) *[]string { return &r.References }},
	{name: "origin.file", kind: 's', str: func(r *corpus.Record) *string { return &r.Origin.File }},
	{name: "origin.line", kind: 'i', num: func(r *corpus.Record) *int { return &r.Origin.Line }},
	{name: "origin.n", kind: 'i', num: func(r *corpus.Record) *int { return &r.Origin.N }},
}

// recordFieldsNotStored are the fields of corpus.Record deliberately
// left out, by Go name, with the reason.
var recordFieldsNotStored = map[string]string{
	// The loader's warnings about a record were reported when it was
	// read; errors have no stored form.
	"Problems": "warnings reported when the record was read",
}

func columnName(f *recordField) string { return "record." + f.name }
func textName(f *recordField) string   { return "record." + f.name + ".text" }

// writeRecords writes every column.
func writeRecords(w sections.Writer, records []corpus.Record) error {
	var lens []byte
	for i := range recordFields {
		f := &recordFields[i]
		lens = append(lens[:0], f.kind)
		var tw io.Writer
		if f.kind != 'i' {
			tw = w.Section(textName(f))
		}
		for r := range records {
			var err error
			if lens, err = appendField(lens, tw, f, &records[r]); err != nil {
				return err
			}
		}
		if _, err := w.Section(columnName(f)).Write(lens); err != nil {
			return err
		}
	}
	return nil
}

// appendField stores a record's field: its lengths (or value) appended to
// lens, the column section; its strings written to tw, the text section
// (nil for an integer).
func appendField(lens []byte, tw io.Writer, f *recordField, rec *corpus.Record) ([]byte, error) {
	switch f.kind {
	case 'i':
		return binary.AppendVarint(lens, int64(*f.num(rec))), nil
	case 's':
		s := *f.str(rec)
		_, err := io.WriteString(tw, s)
		return binary.AppendUvarint(lens, uint64(len(s))), err
	}
	list := *f.list(rec)
	lens = binary.AppendUvarint(lens, uint64(len(list)))
	for _, s := range list {
		lens = binary.AppendUvarint(lens, uint64(len(s)))
		if _, err := io.WriteString(tw, s); err != nil {
			return lens, err
		}
	}
	return lens, nil
}

var errBytesLeft = errors.New("bytes left after the last record")

func doneErr(d *sections.Decoder) error {
	if d.Err != nil {
		return d.Err
	}
	return errBytesLeft
}

// cloneRecord copies a record's strings out of the file it was read
// from.
func cloneRecord(r corpus.Record) corpus.Record {
	for i := range recordFields {
		f := &recordFields[i]
		switch f.kind {
		case 's':
			p := f.str(&r)
			*p = strings.Clone(*p)
		case 'l':
			p := f.list(&r)
			if *p != nil {
				l := make([]string, len(*p))
				for j, s := range *p {
					l[j] = strings.Clone(s)
				}
				*p = l
			}
		}
	}
	return r
}
