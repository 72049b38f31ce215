package related

import (
	"bufio"
	"encoding/json"
	"io"

	"github.com/related/related/corpus"
	"github.com/related/related/internal/atomicfile"
)

// Reject is one line of a rejects file: a skipped record or a warning
// about a kept one.
type Reject struct {
	Kind   string `json:"kind"` // "skipped" or "warning"
	File   string `json:"file"`
	Line   int    `json:"line,omitempty"`
	Record int    `json:"record,omitempty"`
	ID     string `json:"id,omitempty"`
	// Cause is the kind of problem ("duplicate id", "malformed record"),
	// the same for every record that has it; Reason says it of this
	// record.
	Cause  string `json:"cause"`
	Reason string `json:"reason"`
}

// WriteRejects writes every skipped record and every warning of a report
// as JSON Lines of Reject, the skipped first.
func WriteRejects(w io.Writer, r *corpus.Report) error {
	bw := bufio.NewWriter(w)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	for _, group := range []struct {
		kind string
		ps   []corpus.Problem
	}{{"skipped", r.Skipped}, {"warning", r.Warnings}} {
		for _, p := range group.ps {
			rj := Reject{Kind: group.kind, File: p.Pos.File, Line: p.Pos.Line, Record: p.Pos.N, ID: p.ID, Cause: p.Kind(), Reason: p.Err.Error()}
			if err := enc.Encode(rj); err != nil {
				return err
			}
		}
	}
	return bw.Flush()
}

// WriteRejectsFile is WriteRejects to a file written whole or not at all,
// with the usual mode (0666 less the umask).
func WriteRejectsFile(path string, r *corpus.Report) error {
	f, err := atomicfile.Create(path)
	if err != nil {
		return err
	}
	defer f.Abort()
	if err := WriteRejects(f, r); err != nil {
		return err
	}
	return f.Commit()
}
