package related

import (
	"errors"
	"fmt"

	"github.com/related/related/rank"
)

// ErrBadQuery is the cause of every *BadQueryError: errors.Is(err,
// ErrBadQuery) tells a caller's mistake from a failure.
var ErrBadQuery = rank.ErrBadQuery

// BadQueryError is a parameter out of range (SearchOptions,
// QueryOptions). Field names it as the HTTP API does ("k", "lambda",
// "lambda_words", "msc_prefix", "msc", "lang"...), Reason says what is
// wrong ("must be in [0,1], got 2"), so that the command line and the
// HTTP server each name the parameter as their users write it.
type BadQueryError = rank.BadQueryError

// ErrNotFound is the cause of every *NotFoundError.
var ErrNotFound = errors.New("not found")

// NotFoundError is an id that no record of the engine has.
type NotFoundError struct {
	// Field is the option that gave the id ("exclude"), or "" for the
	// record a list is asked for.
	Field string
	ID    string
}

// Error says which id: `no talk with id "x"`, after the option that gave it.
func (e *NotFoundError) Error() string {
	if e.Field != "" {
		return fmt.Sprintf("%s: no talk with id %q", e.Field, e.ID)
	}
	return fmt.Sprintf("no talk with id %q", e.ID)
}

// Unwrap returns ErrNotFound.
func (e *NotFoundError) Unwrap() error { return ErrNotFound }

// badQuery makes a *BadQueryError.
func badQuery(field, format string, a ...any) error {
	return &BadQueryError{Field: field, Reason: fmt.Sprintf(format, a...)}
}
