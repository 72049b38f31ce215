package rank

import (
	"errors"
	"math"
	"testing"
)

// TestValidate: every parameter out of range is refused with its field
// name and reason, as a *BadQueryError that errors.Is finds ErrBadQuery
// in; the defaults pass.
func TestValidate(t *testing.T) {
	for _, tc := range []struct {
		change func(q *Query)
		field  string
		reason string
	}{
		{func(q *Query) {}, "", ""},
		{func(q *Query) { q.K = 0 }, "k", "must be at least 1, got 0"},
		{func(q *Query) { q.Lambda = 2 }, "lambda", "must be in [0,1], got 2"},
		{func(q *Query) { q.Lambda = math.NaN() }, "lambda", "must be in [0,1], got NaN"},
		{func(q *Query) { q.LambdaWords = -1 }, "lambda_words", "must be at least 0, got -1"},
		{func(q *Query) { q.LambdaWords = math.Inf(1) }, "lambda_words", "must be at least 0, got +Inf"},
		{func(q *Query) { q.RefWeight = 1.5 }, "ref_weight", "must be in [0,1], got 1.5"},
		{func(q *Query) { q.MSCPrefix = "65K1" }, "msc_prefix", `must be an MSC code or its start (65, 65K, 65K10, 65-XX, 65Kxx), got "65K1"`},
		{func(q *Query) { q.MSCPrefix = "65Kxx" }, "", ""},
		{func(q *Query) { q.ExplainTerms = -1 }, "terms", "must be at least 0, got -1"},
		{func(q *Query) { q.Diversify = 1 }, "diversify", "must be in [0,1), got 1"},
		{func(q *Query) { q.Collapse = -0.5 }, "collapse", "must be in [0,1], got -0.5"},
		{func(q *Query) { q.Feedback = -2 }, "feedback", "must be at least 0, got -2"},
	} {
		q := DefaultQuery()
		tc.change(&q)
		err := q.Validate()
		if tc.field == "" {
			if err != nil {
				t.Errorf("%+v: %v", q, err)
			}
			continue
		}
		var bq *BadQueryError
		if !errors.As(err, &bq) || !errors.Is(err, ErrBadQuery) || bq.Field != tc.field || bq.Reason != tc.reason {
			t.Errorf("%s: got %#v, want %s %s", tc.field, err, tc.field, tc.reason)
			continue
		}
		if want := "bad query: " + tc.field + " " + tc.reason; err.Error() != want {
			t.Errorf("Error() = %q, want %q", err.Error(), want)
		}
	}
}
