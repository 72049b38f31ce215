package corpus

import (
	"errors"
	"fmt"
)

// Kinds of problems. A *RecordError's Err, and each warning a reader puts
// on a record, wraps one of them, so that callers can tell them apart with
// errors.Is and summaries can count them by kind, whatever the details
// (line numbers, byte offsets) their messages carry.
var (
	// Records that are skipped. (Invalid UTF-8 is repaired, with a
	// warning: ErrRepairedUTF8.)
	ErrMalformed   = errors.New("malformed record")
	ErrFieldCount  = errors.New("wrong number of fields")
	ErrNoText      = errors.New("no title and no abstract")
	ErrEmptyRecord = errors.New("empty record")
	ErrStrayText   = errors.New("text outside any record")
	ErrDeleted     = errors.New("deleted record")
	ErrNoMetadata  = errors.New("no metadata that can be read")
	ErrDuplicateID = errors.New("duplicate id")
	ErrUnreadable  = errors.New("unreadable file")
	// ErrNoDescription is a calendar event without a description: a
	// break, a dinner, a session heading, not a talk that can be ranked.
	ErrNoDescription = errors.New("event without a description")

	// Warnings about records that are kept.
	ErrInvalidCodes = errors.New("not MSC codes")
	ErrRepairedUTF8 = errors.New("invalid UTF-8 read as Windows-1252")
	ErrBadField     = errors.New("field ignored")
	ErrSameText     = errors.New("same text as another record")
	ErrNoAbstract   = errors.New("text withheld by the source")
	ErrUnclosed     = errors.New("record not closed")
	// ErrNotKept lists, once per file, the fields a source has that a
	// Record has no place for (a journal name, a citation count), so
	// that none is dropped without a word.
	ErrNotKept = errors.New("source fields not kept")
)

// kinds lists the kinds in the order KindOf tries them.
var kinds = []error{
	ErrMalformed, ErrFieldCount, ErrNoText, ErrEmptyRecord,
	ErrStrayText, ErrDeleted, ErrNoMetadata, ErrDuplicateID, ErrUnreadable,
	ErrNoDescription,
	ErrInvalidCodes, ErrRepairedUTF8, ErrBadField, ErrSameText, ErrNoAbstract,
	ErrUnclosed, ErrNotKept,
}

// KindOf returns the kind err wraps (one of the Err values of this
// package), or nil.
func KindOf(err error) error {
	for _, k := range kinds {
		if errors.Is(err, k) {
			return k
		}
	}
	return nil
}

// kindError is a message of its own that belongs to a kind: its text is
// the message, errors.Is finds the kind.
type kindError struct {
	kind error
	msg  string
}

func (e *kindError) Error() string { return e.msg }
func (e *kindError) Unwrap() error { return e.kind }

// problemf makes an error of the given kind with its own message.
func problemf(kind error, format string, args ...any) error {
	return &kindError{kind: kind, msg: fmt.Sprintf(format, args...)}
}

// recordErr makes a *RecordError of the given kind.
func recordErr(pos Position, id string, kind error, format string, args ...any) *RecordError {
	return &RecordError{Pos: pos, ID: id, Err: problemf(kind, format, args...)}
}

// unreadable wraps an I/O error on one file of several as ErrUnreadable.
func unreadable(err error) error { return fmt.Errorf("%w: %w", ErrUnreadable, err) }
