package corpus

import (
	"bufio"
	"fmt"
	"io"
	"strings"
)

// arXiv .abs metadata files, as arXiv keeps them (and arXivRaw serves):
//
//	------------------------------------------------------------------------------
//	\\
//	arXiv:0704.0002
//	From: Louis Theran <...>
//	Date: Sat, 31 Mar 2007 02:26:18 GMT   (377kb,D)
//
//	Title: Sparsity-certifying Graph Decompositions
//	Authors: Ileana Streinu and Louis Theran
//	Categories: math.CO cs.CG
//	MSC-class: 05C85; 05C70; 68R10; 05B35
//	\\
//	  We describe a new algorithm, ...
//	\\
//
// Header fields may continue on lines that start with white space. Older
// files name the paper with "Paper: math/0202001" instead of "arXiv:". One
// input may hold several records one after the other (cat *.abs); a
// directory is read file by file (see Open). The id is "arXiv:" and the
// identifier ("arXiv:0704.0002"); titles and abstracts have their line
// breaks collapsed, as in ../shared/data.
type absDecoder struct {
	lineReader
	n int
}

func newAbsDecoder(r *bufio.Reader, name string, _ *Options) (Decoder, error) {
	return &absDecoder{lineReader: lineReader{r: r, name: name, max: maxAbsLine}}, nil
}

// maxAbsLine bounds the length of one line, so that a binary file given
// as .abs cannot make a line as large as the file.
const maxAbsLine = 1 << 20

func isAbsRule(s string) bool {
	s = strings.TrimSpace(s)
	return len(s) >= 10 && strings.Trim(s, "-") == ""
}

func isAbsSep(s string) bool { return strings.TrimSpace(s) == `\\` }

func (d *absDecoder) Next() (Record, error) {
	// Skip to the start of a record: a rule line or the first "\\".
	var stray int
	for {
		s, ok, err := d.readLine()
		if err != nil {
			return Record{}, err
		}
		if !ok {
			if stray > 0 {
				d.n++
				return Record{}, recordErr(Position{File: d.name, Line: d.line, N: d.n}, "", ErrStrayText, "%d line(s) of text outside any .abs record", stray)
			}
			return Record{}, io.EOF
		}
		if isAbsRule(s) || isAbsSep(s) {
			if stray > 0 {
				// Report the stray text; the record is read next time.
				d.unread(s)
				d.n++
				return Record{}, recordErr(Position{File: d.name, Line: d.line, N: d.n}, "", ErrStrayText, "%d line(s) of text outside any .abs record", stray)
			}
			if isAbsSep(s) {
				d.unread(s)
			}
			break
		}
		if strings.TrimSpace(s) != "" {
			stray++
		}
	}
	d.n++
	pos := Position{File: d.name, Line: d.line, N: d.n}
	if d.hasPending() {
		pos.Line = d.line + 1
	}
	// Sections: 0 before the first "\\", 1 header, 2 abstract, 3 done.
	section := 0
	var header []string
	var abstract []string
	var problems []error
	for section < 3 {
		s, ok, err := d.readLine()
		if err != nil {
			return Record{}, err
		}
		if !ok {
			break
		}
		if isAbsRule(s) {
			d.unread(s)
			break
		}
		if fixed, ok := repairUTF8(s); !ok {
			// One stray byte (a Latin-1 Journal-ref) costs that line's
			// accents at worst, never the record.
			s = fixed
			problems = append(problems, repairedProblem(fmt.Sprintf("line %d", d.line)))
		}
		switch {
		case isAbsSep(s) && section == 2:
			// A LaTeX line break "\\" alone on a line inside the
			// abstract looks like the closing line: it closes only when
			// what follows is the end, or the start of another record.
			more, err := d.abstractGoesOn()
			if err != nil {
				return Record{}, err
			}
			if !more {
				section = 3
				break
			}
			abstract = append(abstract, s)
		case isAbsSep(s):
			section++
		case section == 0:
			if strings.TrimSpace(s) != "" {
				// No leading "\\": the header starts at once.
				section = 1
				header = append(header, s)
			}
		case section == 1:
			header = append(header, s)
		case section == 2:
			abstract = append(abstract, s)
		}
	}
	rec := Record{Origin: pos, Problems: problems}
	fields := absHeader(header)
	if v := fields["arxiv"]; v != "" {
		rec.ID = arXivID(v)
	} else if v := fields["paper"]; v != "" {
		rec.ID = arXivID(v)
	}
	if section < 2 {
		return Record{}, recordErr(pos, rec.ID, ErrMalformed, `malformed .abs record: no "\\" line after the header`)
	}
	rec.Title = fields["title"]
	rec.Authors = splitArXivAuthors(fields["authors"])
	rec.Categories = splitCategories(fields["categories"])
	rec.Abstract = collapseSpace(strings.Join(abstract, "\n"))
	rec.Date, rec.Year = arXivDate(fields["date"])
	if msc := fields["msc-class"]; msc != "" {
		if bad := rec.SetCodes(msc); len(bad) > 0 {
			rec.Problems = append(rec.Problems, invalidCodesProblem(bad))
		}
	}
	if rec.ID != "" {
		rec.URL = "https://arxiv.org/abs/" + strings.TrimPrefix(rec.ID, "arXiv:")
	}
	if section < 3 {
		rec.Problems = append(rec.Problems, problemf(ErrUnclosed, `no closing "\\" line after the abstract`))
	}
	return rec, nil
}

// abstractGoesOn is called after a "\\" line in an abstract, and tells
// whether the abstract goes on after it: when another "\\" comes before
// the end of the input or the start of another record (a rule line, or a
// "\\" followed by an "arXiv:ID" or "Paper: ID" line). Text after the
// closing line that no "\\" closes is stray text, reported as such. The
// lines looked at are pushed back.
func (d *absDecoder) abstractGoesOn() (bool, error) {
	var ahead []string
	defer func() {
		for i := len(ahead) - 1; i >= 0; i-- {
			d.unread(ahead[i])
		}
	}()
	sawText := false
	for len(ahead) < maxAbsLookahead {
		s, ok, err := d.readLine()
		if err != nil || !ok {
			return false, err
		}
		ahead = append(ahead, s)
		switch {
		case isAbsRule(s):
			return false, nil
		case isAbsIDLine(s):
			return false, nil
		case isAbsSep(s):
			if !sawText {
				return false, nil // "\\" "\\": the next record opens
			}
			// It closes the abstract, unless a header follows it.
			next, ok, err := d.readLine()
			if err != nil {
				return false, err
			}
			if ok {
				ahead = append(ahead, next)
			}
			return !ok || !isAbsIDLine(next), nil
		case strings.TrimSpace(s) != "":
			sawText = true
		}
	}
	return false, nil
}

// maxAbsLookahead bounds the lines read ahead after a "\\" inside an
// abstract.
const maxAbsLookahead = 200

// isAbsIDLine reports the line that names the paper at the start of a
// header: "arXiv:0704.0002" or "Paper: math/0202001".
func isAbsIDLine(s string) bool {
	for _, p := range []string{"arXiv:", "Paper:"} {
		if rest, ok := strings.CutPrefix(s, p); ok {
			return len(strings.Fields(rest)) == 1
		}
	}
	return false
}

// absHeader reads "Name: value" lines, with continuation lines (leading
// white space) joined, into a map keyed by the lower-case name. The id
// line "arXiv:0704.0002" has no space after the colon and is keyed
// "arxiv". The first "Date:" is kept (the original submission).
func absHeader(lines []string) map[string]string {
	fields := map[string]string{}
	last := ""
	for _, l := range lines {
		if l == "" {
			last = ""
			continue
		}
		if (l[0] == ' ' || l[0] == '\t') && last != "" {
			fields[last] = collapseSpace(fields[last] + " " + l)
			continue
		}
		name, value, ok := strings.Cut(l, ":")
		if !ok || strings.ContainsAny(name, " \t") && !strings.HasPrefix(strings.ToLower(name), "date (") {
			last = ""
			continue
		}
		key := strings.ToLower(strings.TrimSpace(name))
		if _, seen := fields[key]; seen {
			last = ""
			continue
		}
		fields[key] = collapseSpace(value)
		last = key
	}
	return fields
}
