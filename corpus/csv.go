package corpus

import (
	"bufio"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// csvDecoder reads CSV with a header row naming the fields (the JSON names
// and their aliases). Multi-valued fields (authors, keywords, msc) are
// written as one cell: "A and B" or "A; B"; "65K10 ; 65K05".
type csvDecoder struct {
	r      *csv.Reader
	name   string
	fields []string // field per column, "" for ignored columns
	header []string
	idCol  int
	n      int
}

func newCSVDecoder(br *bufio.Reader, name string, opt *Options) (Decoder, error) {
	r := csv.NewReader(br)
	r.FieldsPerRecord = -1 // checked here, to name the record
	r.LazyQuotes = false
	header, err := r.Read()
	if errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("%s: empty CSV file, expected a header row", name)
	}
	if err != nil {
		return nil, fmt.Errorf("%s: header row: %v", name, err)
	}
	d := &csvDecoder{r: r, name: name, idCol: -1, header: header}
	seen := map[string]int{}
	fm := newFieldMap(opt)
	for i, h := range header {
		if i == 0 {
			h = strings.TrimPrefix(h, "\ufeff")
		}
		f := fm.field(h)
		if base := baseField(f); base != "" {
			if j, dup := seen[base]; dup && base != "authors" && base != "keywords" && base != "msc" {
				return nil, fmt.Errorf("%s: header row: columns %d (%s) and %d (%s) both give %q; choose one with --field %s=NAME",
					name, j+1, shortName(header[j]), i+1, shortName(h), base, base)
			}
			seen[base] = i
			if base == "id" {
				d.idCol = i
			}
		}
		d.fields = append(d.fields, f)
	}
	_, hasTitle := seen["title"]
	_, hasAbstract := seen["abstract"]
	if !hasTitle && !hasAbstract {
		return nil, fmt.Errorf("%s: header row has neither a title nor an abstract column (%s); name one with --field abstract=NAME", name, describeColumns(header))
	}
	return d, nil
}

// shortName is a column name as messages show it: quoted, and cut when
// long (a header row that is really a line of data).
func shortName(h string) string {
	return strconv.Quote(truncateWords(collapseSpace(h), 30))
}

// describeColumns names the first columns of a header row, briefly.
func describeColumns(header []string) string {
	const shown = 8
	var names []string
	for i, h := range header {
		if i == shown {
			break
		}
		names = append(names, shortName(h))
	}
	s := fmt.Sprintf("%d column(s): %s", len(header), strings.Join(names, ", "))
	if len(header) > shown {
		s += ", ..."
	}
	return s
}

func (d *csvDecoder) Next() (Record, error) {
	row, err := d.r.Read()
	if errors.Is(err, io.EOF) {
		return Record{}, io.EOF
	}
	d.n++
	pos := Position{File: d.name, N: d.n}
	if err != nil {
		var perr *csv.ParseError
		if errors.As(err, &perr) {
			pos.Line = perr.StartLine
			return Record{}, recordErr(pos, "", ErrMalformed, "malformed CSV: %s", perr.Err.Error())
		}
		return Record{}, fmt.Errorf("%s: %w", d.name, err)
	}
	// FieldPos only after a successful read: after a parse error in the
	// first field it has no position and panics.
	pos.Line, _ = d.r.FieldPos(0)
	var id string
	if d.idCol >= 0 && d.idCol < len(row) {
		id = strings.TrimSpace(row[d.idCol])
	}
	if len(row) != len(d.fields) {
		return Record{}, recordErr(pos, id, ErrFieldCount, "%d fields where the header has %d", len(row), len(d.fields))
	}
	var b recordBuilder
	for i, cell := range row {
		if fixed, ok := repairUTF8(cell); !ok {
			cell = fixed
			b.problems = append(b.problems, repairedProblem(fmt.Sprintf("column %d (%q)", i+1, d.header[i])))
		}
		if d.fields[i] != "" {
			b.setString(d.fields[i], cell)
		}
	}
	return b.finish(pos), nil
}
