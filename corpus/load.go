package corpus

import (
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"sort"
	"strings"
)

// Problem is one thing reported about the input: a skipped record or a
// warning about a kept one.
type Problem struct {
	Pos    Position
	ID     string
	Reason string
}

func (p Problem) String() string {
	if p.ID != "" {
		return fmt.Sprintf("%s: id %q: %s", p.Pos, p.ID, p.Reason)
	}
	return fmt.Sprintf("%s: %s", p.Pos, p.Reason)
}

// Report accounts for every record read: Read = Accepted + len(Skipped).
type Report struct {
	Read     int
	Accepted int
	Skipped  []Problem
	Warnings []Problem
}

// Summary is one line that adds up, with the skips counted by reason.
func (r *Report) Summary() string { return r.SummaryAs("indexed") }

// SummaryAs is Summary with another word for the accepted records
// ("converted").
func (r *Report) SummaryAs(accepted string) string {
	s := fmt.Sprintf("%d records read: %d %s, %d skipped", r.Read, r.Accepted, accepted, len(r.Skipped))
	if len(r.Skipped) > 0 {
		s += " (" + countReasons(r.Skipped) + ")"
	}
	if len(r.Warnings) > 0 {
		s += fmt.Sprintf("; %d warning(s)", len(r.Warnings))
	}
	return s
}

// countReasons groups problems by the first words of their reason.
func countReasons(ps []Problem) string {
	counts := map[string]int{}
	for _, p := range ps {
		reason, _, _ := strings.Cut(p.Reason, ":")
		reason, _, _ = strings.Cut(reason, " (")
		counts[reason]++
	}
	keys := make([]string, 0, len(counts))
	for k := range counts {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if counts[keys[i]] != counts[keys[j]] {
			return counts[keys[i]] > counts[keys[j]]
		}
		return keys[i] < keys[j]
	})
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = fmt.Sprintf("%d %s", counts[k], k)
	}
	return strings.Join(parts, ", ")
}

// DuplicateIDError lists the ids given to more than one record.
type DuplicateIDError struct {
	Dups []Problem // each: the later record, with the earlier one's position in Reason
}

func (e *DuplicateIDError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d duplicate id(s); ids must be unique:", len(e.Dups))
	for i, d := range e.Dups {
		if i == 20 {
			fmt.Fprintf(&b, "\n  ... and %d more", len(e.Dups)-20)
			break
		}
		b.WriteString("\n  " + d.String())
	}
	return b.String()
}

// Collector validates records from any number of decoders, gives ids to
// records that lack one, and accounts for every record in its Report.
//
// By default it keeps the accepted records in Records. With Emit set it
// streams instead: each accepted record goes to Emit and none is kept, so
// memory grows only with the number of ids (a 64-bit hash and a packed
// position, about 24 bytes each), not with the records: that is how a harvest of gigabytes is
// converted. Two different ids share a hash with probability about n²/2⁶⁵
// (3·10⁻⁸ for a million records); they would be reported as duplicates.
type Collector struct {
	Records []Record
	Report  Report
	// Emit, when set, receives each accepted record instead of Records.
	// An error from it stops ReadAll and is returned.
	Emit func(*Record) error

	seen  map[uint64]seenAt // id hash → where the id was first given
	files []string          // file names, indexed by seenAt.file
	dups  []Problem
}

// seenAt is a Position packed into 12 bytes, since a Collector keeps one
// per record.
type seenAt struct {
	file    uint32
	line, n int32
}

func (c *Collector) pack(p Position) seenAt {
	if len(c.files) == 0 || c.files[len(c.files)-1] != p.File {
		c.files = append(c.files, p.File)
	}
	return seenAt{file: uint32(len(c.files) - 1), line: int32(p.Line), n: int32(p.N)}
}

func (c *Collector) unpack(s seenAt) Position {
	return Position{File: c.files[s.file], Line: int(s.line), N: int(s.n)}
}

// NewCollector returns an empty collector.
func NewCollector() *Collector {
	return &Collector{seen: map[uint64]seenAt{}}
}

func idHash(id string) uint64 {
	h := fnv.New64a()
	h.Write([]byte(id))
	return h.Sum64()
}

// Add validates one record and keeps (or emits) it, or records why not.
func (c *Collector) Add(r Record) error {
	if c.seen == nil { // a zero Collector is ready to use
		c.seen = map[uint64]seenAt{}
	}
	c.Report.Read++
	for _, p := range r.Problems {
		c.Report.Warnings = append(c.Report.Warnings, Problem{Pos: r.Origin, ID: r.ID, Reason: p})
	}
	r.Problems = nil
	if strings.TrimSpace(r.Title) == "" && strings.TrimSpace(r.Abstract) == "" {
		c.Report.Skipped = append(c.Report.Skipped, Problem{Pos: r.Origin, ID: r.ID, Reason: "no title and no abstract"})
		return nil
	}
	if r.ID == "" {
		id := GeneratedID(&r)
		if prev, taken := c.seen[idHash(id)]; taken {
			// The same text twice: keep both, distinguishable and reported.
			base := id
			for n := 2; taken; n++ {
				id = fmt.Sprintf("%s-%d", base, n)
				_, taken = c.seen[idHash(id)]
			}
			c.Report.Warnings = append(c.Report.Warnings, Problem{Pos: r.Origin, ID: id,
				Reason: fmt.Sprintf("same text as %s (%s)", base, c.unpack(prev))})
		}
		r.ID = id
	} else if prev, taken := c.seen[idHash(r.ID)]; taken {
		c.dups = append(c.dups, Problem{Pos: r.Origin, ID: r.ID, Reason: "duplicate id, first given at " + c.unpack(prev).String()})
		c.Report.Skipped = append(c.Report.Skipped, Problem{Pos: r.Origin, ID: r.ID, Reason: "duplicate id"})
		return nil
	}
	c.seen[idHash(r.ID)] = c.pack(r.Origin)
	c.Report.Accepted++
	if c.Emit != nil {
		return c.Emit(&r)
	}
	c.Records = append(c.Records, r)
	return nil
}

// ReadAll drains a decoder into the collector. Bad records are counted as
// skipped; other errors stop the read and are returned.
func (c *Collector) ReadAll(dec Decoder) error {
	for {
		r, err := dec.Next()
		if errors.Is(err, io.EOF) {
			return nil
		}
		var re *RecordError
		if errors.As(err, &re) {
			c.Report.Read++
			c.Report.Skipped = append(c.Report.Skipped, Problem{Pos: re.Pos, ID: re.ID, Reason: re.Reason})
			continue
		}
		if err != nil {
			return err
		}
		if err := c.Add(r); err != nil {
			return err
		}
	}
}

// Err returns a *DuplicateIDError when ids were given twice.
func (c *Collector) Err() error {
	if len(c.dups) > 0 {
		return &DuplicateIDError{Dups: c.dups}
	}
	return nil
}

// LoadFiles reads every file with the given format (FormatAuto detects
// each) and returns the accepted records and the report. The error is
// non-nil when a file cannot be read or ids are duplicated; the report is
// still returned for the summary.
func LoadFiles(paths []string, format Format) ([]Record, *Report, error) {
	c := NewCollector()
	for _, p := range paths {
		f, err := Open(p, format)
		if err != nil {
			return nil, &c.Report, err
		}
		err = c.ReadAll(f)
		f.Close()
		if err != nil {
			return nil, &c.Report, err
		}
	}
	if err := c.Err(); err != nil {
		return nil, &c.Report, err
	}
	return c.Records, &c.Report, nil
}
