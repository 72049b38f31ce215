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
// warning about a kept one. Err wraps one of the kinds of errors.go.
type Problem struct {
	Pos Position
	ID  string
	Err error
}

func (p Problem) String() string {
	if p.ID != "" {
		return fmt.Sprintf("%s: id %q: %v", p.Pos, p.ID, p.Err)
	}
	return fmt.Sprintf("%s: %v", p.Pos, p.Err)
}

// Kind is the problem's kind, for counting: the text of the kind it
// wraps, or of the error itself when it has none.
func (p Problem) Kind() string {
	if k := KindOf(p.Err); k != nil {
		return k.Error()
	}
	if p.Err == nil {
		return "unknown"
	}
	return p.Err.Error()
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
// ("converted"). Skips and warnings are counted by kind, so that a
// thousand bad lines make one short line, not a list of their positions.
func (r *Report) SummaryAs(accepted string) string {
	s := fmt.Sprintf("%d records read: %d %s, %d skipped", r.Read, r.Accepted, accepted, len(r.Skipped))
	if len(r.Skipped) > 0 {
		s += " (" + countKinds(r.Skipped) + ")"
	}
	switch len(r.Warnings) {
	case 0:
	case 1:
		s += "; 1 warning (" + countKinds(r.Warnings) + ")"
	default:
		s += fmt.Sprintf("; %d warnings (%s)", len(r.Warnings), countKinds(r.Warnings))
	}
	return s
}

// countKinds counts problems by kind, the most frequent first.
func countKinds(ps []Problem) string {
	counts := map[string]int{}
	for _, p := range ps {
		counts[p.Kind()]++
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
		parts[i] = fmt.Sprintf("%d %s", counts[k], truncateWords(k, 60))
	}
	return strings.Join(parts, ", ")
}

// DuplicatePolicy says what a Collector does with a record whose id was
// already given.
type DuplicatePolicy int

const (
	// KeepFirst keeps the first record of an id; later ones are skipped
	// and reported. It is the default: one stray copy does not stop a run.
	KeepFirst DuplicatePolicy = iota
	// KeepLast keeps the last record of an id, in the place of the first;
	// earlier ones are reported as skipped. It needs the records kept in
	// memory (no Emit).
	KeepLast
	// DuplicatesError skips later records as KeepFirst does, and makes
	// Err return a *DuplicateIDError.
	DuplicatesError
)

// ParseDuplicatePolicy reads "first", "last" or "error".
func ParseDuplicatePolicy(s string) (DuplicatePolicy, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "first", "":
		return KeepFirst, nil
	case "last":
		return KeepLast, nil
	case "error":
		return DuplicatesError, nil
	}
	return 0, fmt.Errorf("unknown duplicates policy %q (first, last or error)", s)
}

func (p DuplicatePolicy) String() string {
	switch p {
	case KeepLast:
		return "last"
	case DuplicatesError:
		return "error"
	}
	return "first"
}

// DuplicateIDError lists the ids given to more than one record.
type DuplicateIDError struct {
	Dups []Problem // each: the later record, with the earlier one's position in Reason
}

// Unwrap returns ErrDuplicateID, the kind of each of its problems, so that
// errors.Is(err, ErrDuplicateID) finds it as it finds a skipped record's.
func (e *DuplicateIDError) Unwrap() error { return ErrDuplicateID }

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
	// Duplicates says which record of an id is kept (KeepFirst by
	// default).
	Duplicates DuplicatePolicy

	seen  map[uint64]seenAt // id hash → where the id was first given
	files []string          // file names, indexed by seenAt.file
	dups  []Problem
	at    map[string]int // with KeepLast: id → index in Records
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
		c.Report.Warnings = append(c.Report.Warnings, Problem{Pos: r.Origin, ID: r.ID, Err: p})
	}
	r.Problems = nil
	if strings.TrimSpace(r.Title) == "" && strings.TrimSpace(r.Abstract) == "" {
		c.Report.Skipped = append(c.Report.Skipped, Problem{Pos: r.Origin, ID: r.ID, Err: ErrNoText})
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
				Err: problemf(ErrSameText, "same text as %s (%s)", base, c.unpack(prev))})
		}
		r.ID = id
	} else if prev, taken := c.seen[idHash(r.ID)]; taken {
		return c.duplicate(r, c.unpack(prev))
	}
	c.seen[idHash(r.ID)] = c.pack(r.Origin)
	c.Report.Accepted++
	if c.Emit != nil {
		return c.Emit(&r)
	}
	if c.Duplicates == KeepLast {
		if c.at == nil {
			c.at = map[string]int{}
		}
		c.at[r.ID] = len(c.Records)
	}
	c.Records = append(c.Records, r)
	return nil
}

// duplicate applies the policy to r, whose id was first given at first.
func (c *Collector) duplicate(r Record, first Position) error {
	if c.Duplicates != KeepLast {
		p := Problem{Pos: r.Origin, ID: r.ID, Err: problemf(ErrDuplicateID, "duplicate id, the record at %s kept", first)}
		if c.Duplicates == DuplicatesError {
			p.Err = problemf(ErrDuplicateID, "duplicate id, first given at %s", first)
			c.dups = append(c.dups, p)
		}
		c.Report.Skipped = append(c.Report.Skipped, p)
		return nil
	}
	i, ok := c.at[r.ID]
	if c.Emit != nil || !ok {
		return fmt.Errorf("%s: id %q: duplicate id, and the record first given at %s was already written: keeping the last needs the records in memory", r.Origin, r.ID, first)
	}
	old := c.Records[i].Origin
	c.Report.Skipped = append(c.Report.Skipped, Problem{Pos: old, ID: r.ID, Err: problemf(ErrDuplicateID, "duplicate id, replaced by the record at %s", r.Origin)})
	c.Records[i] = r
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
			c.Report.Skipped = append(c.Report.Skipped, Problem{Pos: re.Pos, ID: re.ID, Err: re.Err})
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

// Err returns a *DuplicateIDError when ids were given twice and the
// policy is DuplicatesError.
func (c *Collector) Err() error {
	if len(c.dups) > 0 {
		return &DuplicateIDError{Dups: c.dups}
	}
	return nil
}

// LoadFiles reads every file with the given format (FormatAuto detects
// each) and returns the accepted records and the report. The error is
// non-nil when a file cannot be read; the report is still returned for
// the summary. Of records with the same id, the first is kept (KeepFirst).
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
