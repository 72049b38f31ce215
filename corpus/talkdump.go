package corpus

import (
	"bufio"
	"fmt"
	"io"
	"strings"
)

// The talk library dump is text scraped from the library's record pages.
// Each record is:
//
//	Déposez votre fichier ici pour le déplacer vers cet enregistrement.
//	y
//	<full abstract, one or more lines>
//	[-]
//	<truncated copy of the abstract, ending in "...">
//	[+]
//	<MSC codes separated by " ; ">
//
// A record can be empty: the marker line directly followed by the next.
// Records have neither ids nor titles; ids are generated (GeneratedID).
type talkDumpDecoder struct {
	lineReader
	n int // records started
}

func newTalkDumpDecoder(r *bufio.Reader, name string, _ *Options) (Decoder, error) {
	return &talkDumpDecoder{lineReader: lineReader{r: r, name: name}}, nil
}

func isMarker(s string) bool { return strings.TrimSpace(s) == talkDumpMarker }

func (d *talkDumpDecoder) Next() (Record, error) {
	// Find the next marker; text before the first one is an error.
	var stray, strayAt int
	for {
		s, ok, err := d.readLine()
		if err != nil {
			return Record{}, err
		}
		if !ok {
			if stray > 0 {
				return Record{}, recordErr(Position{File: d.name, Line: d.line}, "", ErrStrayText, "%d line(s) of text outside any record at the end of the file", stray)
			}
			return Record{}, io.EOF
		}
		if isMarker(s) {
			if stray > 0 {
				marker := d.line
				d.unread(s)
				return Record{}, recordErr(Position{File: d.name, Line: strayAt}, "", ErrStrayText, "%d line(s) of text outside any record before line %d", stray, marker)
			}
			break
		}
		if strings.TrimSpace(s) != "" {
			if stray == 0 {
				strayAt = d.line
			}
			stray++
		}
	}
	d.n++
	start := d.line
	pos := Position{File: d.name, Line: start, N: d.n}
	// Sections: 0 after the marker, 1 abstract, 2 truncated copy, 3 codes.
	section := 0
	var abstract, codes []string
	var problems []error
	for {
		s, ok, err := d.readLine()
		if err != nil {
			return Record{}, err
		}
		if !ok {
			break
		}
		if isMarker(s) {
			d.unread(s)
			break
		}
		if fixed, ok := repairUTF8(s); !ok {
			s = fixed
			problems = append(problems, repairedProblem(fmt.Sprintf("line %d", d.line)))
		}
		switch {
		case section == 0 && strings.TrimSpace(s) == "y":
			section = 1
		case section == 0 && strings.TrimSpace(s) == "":
			// Blank lines before the content: still an empty record if
			// nothing follows.
		case section == 0:
			// Some exports lack the "y" line: the abstract starts at once.
			section = 1
			abstract = append(abstract, s)
		case section == 1 && strings.TrimSpace(s) == "[-]":
			section = 2
		case section == 1:
			abstract = append(abstract, s)
		case section == 2 && strings.TrimSpace(s) == "[+]":
			section = 3
		case section == 2:
			// The truncated copy carries nothing the abstract lacks.
		case section == 3:
			if strings.TrimSpace(s) != "" {
				codes = append(codes, s)
			}
		}
	}
	if section == 0 {
		return Record{}, recordErr(pos, "", ErrEmptyRecord, "empty record (marker line with no content)")
	}
	if section < 3 {
		missing := "[-]"
		if section == 2 {
			missing = "[+]"
		}
		return Record{}, recordErr(pos, "", ErrMalformed, "malformed record: no %q line before the next record or the end of the file", missing)
	}
	rec := Record{
		Abstract: strings.TrimSpace(strings.Join(abstract, "\n")),
		Origin:   pos,
		Problems: problems,
	}
	if len(codes) > 0 {
		if bad := rec.SetCodes(strings.Join(codes, " ; ")); len(bad) > 0 {
			rec.Problems = append(rec.Problems, invalidCodesProblem(bad))
		}
	}
	return rec, nil
}

func invalidCodesProblem(bad []string) error {
	return problemf(ErrInvalidCodes, "not MSC codes, kept in msc_raw: %q", bad)
}
