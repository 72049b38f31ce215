package corpus

import (
	"bufio"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
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

func newCSVDecoder(br *bufio.Reader, name string) (Decoder, error) {
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
	for i, h := range header {
		if i == 0 {
			h = strings.TrimPrefix(h, "\ufeff")
		}
		f := fieldAliases[strings.ToLower(strings.TrimSpace(h))]
		if f != "" {
			if j, dup := seen[f]; dup && f != "authors" && f != "keywords" && f != "msc" {
				return nil, fmt.Errorf("%s: header row: columns %d and %d both give %q", name, j+1, i+1, f)
			}
			seen[f] = i
		}
		if f == "id" {
			d.idCol = i
		}
		d.fields = append(d.fields, f)
	}
	_, hasTitle := seen["title"]
	_, hasAbstract := seen["abstract"]
	if !hasTitle && !hasAbstract {
		return nil, fmt.Errorf("%s: header row has neither a title nor an abstract column (columns: %s)", name, strings.Join(header, ", "))
	}
	return d, nil
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
