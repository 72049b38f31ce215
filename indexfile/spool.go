package indexfile

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"

	"github.com/related/related/corpus"
	"github.com/related/related/internal/sections"
	"github.com/related/related/rank"
	"github.com/related/related/vectorize"
)

// A Spool holds records in their stored form, column by column, while an
// index is built (related.BuildIndex), so that the builder need not keep
// them: once a batch is analysed it is spooled and dropped, and
// WriteSpooled copies the columns into the index file. The texts go to
// temporary files, one per text column, beside the index file (where
// there is room for them: the index holds them too); the lengths, a few
// bytes per record, stay in memory.
//
// At 100k records the records are 163 MB of the 480 MB that Open holds
// once it has built an engine, and most of the objects the garbage
// collector visits.
type Spool struct {
	path string // the index file's
	cols []spoolColumn
	n    int
	err  error // the first write error: Add and WriteSpooled return it
}

type spoolColumn struct {
	lens    []byte
	file    *os.File // nil for an integer column
	w       *bufio.Writer
	removed bool // file's name removed already
}

// NewSpool returns an empty spool for the index file path: its files are
// made beside it now, so that a directory that cannot be written is an
// error before any work, named as writing path would name it. Close
// removes them.
func NewSpool(path string) (*Spool, error) {
	s := &Spool{path: path, cols: make([]spoolColumn, len(recordFields))}
	for i := range s.cols {
		c := &s.cols[i]
		c.lens = []byte{recordFields[i].kind}
		if recordFields[i].kind == 'i' {
			continue
		}
		f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".spool*")
		if err != nil {
			s.Close()
			var pe *fs.PathError
			if errors.As(err, &pe) {
				err = pe.Err
			}
			return nil, fmt.Errorf("create %s: %w", path, err)
		}
		c.file, c.w = f, bufio.NewWriterSize(f, 64<<10)
		// Where an open file can be removed, it is at once, so that
		// nothing is left behind, however the process ends.
		c.removed = runtime.GOOS != "windows" && os.Remove(f.Name()) == nil
	}
	return s, nil
}

// Add appends records, after those added before.
func (s *Spool) Add(recs []corpus.Record) error {
	if s.err != nil {
		return s.err
	}
	for i := range recordFields {
		f, c := &recordFields[i], &s.cols[i]
		var tw io.Writer
		if c.w != nil {
			tw = c.w
		}
		for r := range recs {
			if c.lens, s.err = appendField(c.lens, tw, f, &recs[r]); s.err != nil {
				s.err = s.fileErr(c, s.err)
				return s.err
			}
		}
	}
	s.n += len(recs)
	return nil
}

// fileErr names the index file in an error of column c's spool file,
// whose own name is of a temporary file, removed already where it can
// be; other errors (the index file's own) pass as they are.
func (s *Spool) fileErr(c *spoolColumn, err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) && pe.Path == c.file.Name() {
		return fmt.Errorf("write %s: the records spooled beside it: %w", s.path, pe.Err)
	}
	return err
}

// Len is the number of records added.
func (s *Spool) Len() int { return s.n }

// Err is the error that stopped the spooling, if any (Add's, until Close).
func (s *Spool) Err() error { return s.err }

// writeTo writes the columns as writeRecords writes them, section for
// section.
func (s *Spool) writeTo(w sections.Writer) error {
	if s.err != nil {
		return s.err
	}
	for i := range recordFields {
		f, c := &recordFields[i], &s.cols[i]
		if f.kind != 'i' {
			tw := w.Section(textName(f))
			if c.file != nil {
				if err := c.w.Flush(); err != nil {
					return s.fileErr(c, err)
				}
				if _, err := c.file.Seek(0, io.SeekStart); err != nil {
					return s.fileErr(c, err)
				}
				if _, err := io.Copy(tw, c.file); err != nil {
					return s.fileErr(c, err)
				}
			}
		}
		if _, err := w.Section(columnName(f)).Write(c.lens); err != nil {
			return err
		}
	}
	return nil
}

// Close removes the spool's files.
func (s *Spool) Close() error {
	var errs []error
	for i := range s.cols {
		if f := s.cols[i].file; f != nil {
			errs = append(errs, f.Close())
			if !s.cols[i].removed {
				errs = append(errs, os.Remove(f.Name()))
			}
			s.cols[i].file = nil
		}
	}
	if s.err == nil {
		s.err = errors.New("indexfile: spool closed")
	}
	return errors.Join(errs...)
}

// WriteSpooled writes an index file from an analysed and weighed space
// (Space.Reweigh) and its records, spooled in the order of its vectors:
// the file Write writes for rank.New(records, space), byte for byte,
// holding neither the records' texts (see Spool) nor the inverted lists
// (rank.EncodePostings).
func WriteSpooled(path string, space *vectorize.Space, s *Spool) error {
	if s.Len() != len(space.Vectors) {
		return fmt.Errorf("indexfile: %d records spooled for %d vectors", s.Len(), len(space.Vectors))
	}
	return write(path, space, s.writeTo, func(w sections.Writer) error { return rank.EncodePostings(w, space) })
}
