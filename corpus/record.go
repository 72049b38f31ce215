package corpus

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"
)

// Record is one talk or paper. The JSON names are the normalised schema
// that the readers accept and that `related convert` writes.
type Record struct {
	ID       string   `json:"id"`
	Title    string   `json:"title,omitempty"`
	Authors  []string `json:"authors,omitempty"`
	Abstract string   `json:"abstract,omitempty"`
	// MSC holds the valid codes, normalised, primary first when known.
	MSC []string `json:"msc,omitempty"`
	// PrimaryMSC is set only when the source marks a primary code.
	PrimaryMSC string `json:"msc_primary,omitempty"`
	// MSCRaw keeps the classification text as given when part of it could
	// not be read as codes, so nothing is lost.
	MSCRaw   string   `json:"msc_raw,omitempty"`
	Keywords []string `json:"keywords,omitempty"`
	// Categories are the source's own subject labels (arXiv's "math.CO
	// cs.CG"), kept as given; they are not MSC codes.
	Categories []string `json:"categories,omitempty"`
	// Language is a Snowball language name ("english", "french") when the
	// source says or detection decided, else "".
	Language string `json:"language,omitempty"`
	Year     int    `json:"year,omitempty"`
	Date     string `json:"date,omitempty"`
	URL      string `json:"url,omitempty"`
	// Identifiers are other identifiers of the same work, prefixed:
	// "doi:10.4007/annals.2015.181.1.7", "arXiv:1311.4600",
	// "zbMATH-doc:6383667". They let a reference to the work be matched.
	Identifiers []string `json:"identifiers,omitempty"`
	// References are the works the record cites, one string each:
	// identifiers as in Identifiers (several for one work separated by
	// spaces) or a free-text citation. See ReferenceKeys.
	References []string `json:"references,omitempty"`

	// Origin is where the record was read; not part of the schema.
	Origin Position `json:"-"`
	// Problems are what a reader noticed but could keep the record with
	// (codes it could not read, a field of the wrong type); the loader
	// reports them as warnings. Each wraps one of the kinds of errors.go.
	Problems []error `json:"-"`
}

// Position locates a record in its input.
type Position struct {
	File string // file name as given, or a label such as "<stdin>"
	Line int    // 1-based line where the record starts, 0 when unknown
	N    int    // 1-based ordinal of the record in the file
}

func (p Position) String() string {
	var b strings.Builder
	b.WriteString(p.File)
	if p.Line > 0 {
		fmt.Fprintf(&b, ":%d", p.Line)
	}
	if p.N > 0 {
		fmt.Fprintf(&b, " (record %d)", p.N)
	}
	return b.String()
}

// RecordError reports a record that cannot be used. Readers return it from
// Next and go on with the following record. Err says what is wrong; it
// wraps one of the kinds of errors.go (ErrInvalidUTF8, ErrMalformed...),
// which errors.Is finds through the RecordError.
type RecordError struct {
	Pos Position
	ID  string // the record's id when it could be read
	Err error
}

func (e *RecordError) Error() string {
	if e.ID != "" {
		return fmt.Sprintf("%s: id %q: %v", e.Pos, e.ID, e.Err)
	}
	return fmt.Sprintf("%s: %v", e.Pos, e.Err)
}

func (e *RecordError) Unwrap() error { return e.Err }

// Label is how messages name a record: its id, else its position.
func (r *Record) Label() string {
	if r.ID != "" {
		return r.ID
	}
	return r.Origin.String()
}

// DisplayTitle is the title, or the first words of the abstract for
// records that have none (the talk library dump has no titles).
func (r *Record) DisplayTitle(maxRunes int) string {
	if t := strings.TrimSpace(r.Title); t != "" {
		return truncateWords(collapseSpace(t), maxRunes)
	}
	return truncateWords(collapseSpace(r.Abstract), maxRunes)
}

// GeneratedID is the id given to a record that has none: "talk-" and the
// first 10 hex digits of the SHA-256 of its title, a newline and its
// abstract, each with runs of white space collapsed. It depends only on the
// text, so it survives reordering and re-exporting the file.
func GeneratedID(r *Record) string {
	h := sha256.New()
	h.Write([]byte(collapseSpace(r.Title)))
	h.Write([]byte{'\n'})
	h.Write([]byte(collapseSpace(r.Abstract)))
	return "talk-" + hex.EncodeToString(h.Sum(nil))[:10]
}

func collapseSpace(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

func truncateWords(s string, maxRunes int) string {
	if maxRunes <= 0 || len([]rune(s)) <= maxRunes {
		return s
	}
	r := []rune(s)[:maxRunes]
	cut := string(r)
	if i := strings.LastIndexByte(cut, ' '); i > maxRunes/2 {
		cut = cut[:i]
	}
	return strings.TrimRight(cut, " ,.;:") + "…"
}

// SetCodes parses a classification string onto the record: valid codes go
// to MSC (merged with any already there), the primary code to PrimaryMSC
// unless one is set, and the whole string to MSCRaw when part of it was
// not a code. It returns the tokens that were not codes.
func (r *Record) SetCodes(raw string) []string {
	c := ParseCodes(raw)
	r.addCodes(c.Codes)
	if r.PrimaryMSC == "" && c.Primary != "" {
		r.PrimaryMSC = c.Primary
		r.MSC = moveToFront(r.MSC, c.Primary)
	}
	if len(c.Invalid) > 0 {
		if r.MSCRaw == "" {
			r.MSCRaw = raw
		} else {
			r.MSCRaw += " ; " + raw
		}
	}
	return c.Invalid
}

func (r *Record) addCodes(codes []string) {
	if len(r.MSC)+len(codes) > 32 {
		// Many codes (a malformed or hostile input): a set, so that
		// the cost stays linear.
		seen := make(map[string]bool, len(r.MSC)+len(codes))
		for _, c := range r.MSC {
			seen[c] = true
		}
		for _, c := range codes {
			if !seen[c] {
				seen[c] = true
				r.MSC = append(r.MSC, c)
			}
		}
		return
	}
	for _, c := range codes {
		dup := false
		for _, have := range r.MSC {
			if have == c {
				dup = true
				break
			}
		}
		if !dup {
			r.MSC = append(r.MSC, c)
		}
	}
}
