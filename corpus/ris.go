package corpus

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
)

// RIS, the tagged format of reference managers (Zotero, EndNote,
// Mendeley) and publishers' "export citation" links:
//
//	TY  - JOUR
//	TI  - On the equations of ...
//	AU  - Doe, Jane
//	AU  - Roe, Richard
//	AB  - We prove ...
//	PY  - 2019/03/01/
//	KW  - elliptic equations
//	DO  - 10.1000/xyz
//	UR  - https://arxiv.org/abs/2101.00001
//	ER  -
//
// A tag is two characters (a capital letter, then a capital or a digit),
// spaces, a hyphen and the value; a line without a tag continues the value
// before it. TI (else T1, CT, BT) is the title, AU and A1 the authors, AB
// (else N2) the abstract, PY the year and DA the date (else Y1), KW the
// keywords (those that are MSC codes become codes), DO the DOI, UR the
// URL, LA the language. The id follows workIDs (an arXiv id in a UR, a
// DO or an M1 or AN note, else the DOI); a record with neither gets the
// id of its text, as talks do, since RIS's own ID numbers repeat from one
// export to the next. Other tags (journal, volume, pages, editors, notes)
// are listed once per file as not kept. Text outside records is reported;
// a record not closed by ER is kept with a warning.
type risDecoder struct {
	lr     *lineReader
	name   string
	n      int
	unkept unkept
}

func newRISDecoder(r *bufio.Reader, name string, _ *Options) (Decoder, error) {
	return &risDecoder{lr: &lineReader{r: r, name: name, max: 1 << 20}, name: name}, nil
}

// risTag matches a tagged line: "TY  - JOUR", "ER  -", and the one-space
// variants some exporters write.
var risTag = regexp.MustCompile(`^([A-Z][A-Z0-9]) {1,3}-(?: (.*)|\s*)$`)

// looksLikeRIS reports whether text has, among its first lines, a RIS
// record's "TY  - " line before any other tag (a few lines of an
// exporter's header may come first).
func looksLikeRIS(b []byte) bool {
	b = bytes.TrimPrefix(b, []byte("\xef\xbb\xbf"))
	for i, line := range bytes.SplitN(b, []byte("\n"), 12) {
		if i == 11 {
			break
		}
		if m := risTag.FindSubmatch(bytes.TrimRight(line, "\r")); m != nil {
			return string(m[1]) == "TY"
		}
	}
	return false
}

type risField struct {
	tag, value string
}

func (d *risDecoder) Next() (Record, error) {
	var stray, strayStart int
	for {
		line, ok, err := d.lr.readLine()
		if err != nil {
			return Record{}, err
		}
		if !ok {
			if stray > 0 {
				d.n++
				return Record{}, recordErr(Position{File: d.name, Line: strayStart, N: d.n}, "", ErrStrayText, "%d line%s of text outside any RIS record", stray, plural(stray))
			}
			return Record{}, io.EOF
		}
		line = strings.TrimPrefix(line, "\ufeff")
		m := risTag.FindStringSubmatch(line)
		if m != nil && m[1] == "TY" {
			if stray > 0 {
				d.lr.unread(line)
				d.n++
				return Record{}, recordErr(Position{File: d.name, Line: strayStart, N: d.n}, "", ErrStrayText, "%d line%s of text outside any RIS record", stray, plural(stray))
			}
			return d.record(m[2])
		}
		if strings.TrimSpace(line) == "" {
			continue
		}
		if stray == 0 {
			strayStart = d.lr.line
		}
		stray++
	}
}

// record reads one record after its TY line, to ER.
func (d *risDecoder) record(typ string) (Record, error) {
	start := d.lr.line
	d.n++
	pos := Position{File: d.name, Line: start, N: d.n}
	fields := []risField{{"TY", strings.TrimSpace(typ)}}
	closed := false
	for !closed {
		line, ok, err := d.lr.readLine()
		if err != nil {
			return Record{}, err
		}
		if !ok {
			break
		}
		m := risTag.FindStringSubmatch(line)
		switch {
		case m == nil:
			if t := strings.TrimSpace(line); t != "" {
				// A wrapped value.
				last := &fields[len(fields)-1]
				last.value = strings.TrimSpace(last.value + " " + t)
			}
		case m[1] == "ER":
			closed = true
		case m[1] == "TY":
			d.lr.unread(line)
			rec := d.build(fields, pos)
			rec.Problems = append(rec.Problems, problemf(ErrUnclosed, "RIS record not closed by ER before the next TY on line %d", d.lr.line+1))
			return rec, nil
		default:
			fields = append(fields, risField{m[1], strings.TrimSpace(m[2])})
		}
	}
	rec := d.build(fields, pos)
	if !closed {
		rec.Problems = append(rec.Problems, problemf(ErrUnclosed, "RIS record not closed by ER before the end of the input"))
	}
	return rec, nil
}

// risUsed are the tags a record is made of; TY and ID are the RIS
// record's own bookkeeping.
var risUsed = map[string]bool{
	"TY": true, "TI": true, "T1": true, "CT": true, "BT": true, "AU": true, "A1": true, "AB": true,
	"N2": true, "PY": true, "Y1": true, "DA": true, "KW": true, "DO": true, "UR": true, "LA": true,
}

func (d *risDecoder) build(fields []risField, pos Position) Record {
	rec := Record{Origin: pos}
	get := map[string][]string{}
	var unused []string
	for i, f := range fields {
		if fixed, ok := repairUTF8(f.value); !ok {
			fields[i].value = fixed
			rec.Problems = append(rec.Problems, repairedProblem(fmt.Sprintf("tag %s", f.tag)))
		}
		if fields[i].value == "" {
			continue
		}
		get[f.tag] = append(get[f.tag], fields[i].value)
		if !risUsed[f.tag] && !strings.HasPrefix(f.tag, "M") && f.tag != "AN" && f.tag != "ID" {
			unused = append(unused, f.tag)
		}
	}
	first := func(tags ...string) string {
		for _, t := range tags {
			if v := get[t]; len(v) > 0 {
				return v[0]
			}
		}
		return ""
	}
	var ids workIDs
	for _, u := range get["UR"] {
		ids.addArXiv(u)
	}
	for _, t := range []string{"M1", "M2", "M3", "AN", "N1"} {
		for _, v := range get[t] {
			if a := arXivFromText(v); a != "" {
				ids.addArXiv(a)
			}
		}
	}
	for _, doi := range get["DO"] {
		ids.addDOI(doi)
	}
	ids.apply(&rec)
	for _, t := range []string{"M1", "M2", "M3", "AN"} {
		for _, v := range get[t] {
			if arXivFromText(v) == "" {
				unused = append(unused, t)
			}
		}
	}
	if len(get["ID"]) > 0 {
		unused = append(unused, "ID")
	}
	for _, t := range []string{"TI", "T1", "CT", "BT"} {
		if v := first(t); v != "" && rec.Title == "" {
			rec.Title = collapseSpace(v)
		} else if v != "" {
			unused = append(unused, t) // a book's or a series' title
		}
	}
	rec.Abstract = stripMarkup(first("AB", "N2"))
	for _, t := range []string{"AU", "A1"} {
		for _, a := range get[t] {
			if name := authorName(strings.TrimRight(a, ", ")); name != "" {
				rec.Authors = append(rec.Authors, name)
			}
		}
	}
	// PY is the year, DA the full date; older exports put either in Y1.
	for _, t := range []string{"PY", "Y1", "DA"} {
		if _, year := risDate(first(t)); year != 0 {
			rec.Year = year
			break
		}
	}
	for _, t := range []string{"DA", "Y1", "PY"} {
		if date, year := risDate(first(t)); date != "" && (rec.Year == 0 || year == rec.Year) {
			rec.Date = date
			if rec.Year == 0 {
				rec.Year = year
			}
			break
		}
	}
	var kws []string
	for _, k := range get["KW"] {
		kws = append(kws, splitList(k)...)
	}
	codeKeywords(&rec, kws)
	if u := first("UR"); u != "" {
		rec.URL = u
	} else if ids.doi != "" {
		rec.URL = "https://doi.org/" + strings.TrimPrefix(ids.doi, "doi:")
	}
	rec.Language = NormalizeLanguage(first("LA"))
	d.unkept.note(&rec, unused...)
	dedupeLists(&rec)
	return rec
}

// risDate reads RIS dates: "2019", "2019///", "2019/03/01/", "2019/03//",
// "2019-03-01"; the date as precise as given, and the year.
func risDate(s string) (string, int) {
	s = strings.TrimSpace(s)
	parts := strings.FieldsFunc(s, func(r rune) bool { return r == '/' || r == '-' })
	if len(parts) == 0 || len(parts[0]) != 4 {
		if y, ok := bibYear(s); ok {
			return "", y
		}
		return "", 0
	}
	y, err := strconv.Atoi(parts[0])
	if err != nil || y < 1000 {
		return "", 0
	}
	if len(parts) >= 2 {
		m, err := strconv.Atoi(parts[1])
		if err == nil && m >= 1 && m <= 12 {
			if len(parts) >= 3 {
				if day, err := strconv.Atoi(parts[2]); err == nil && day >= 1 && day <= 31 {
					return fmt.Sprintf("%04d-%02d-%02d", y, m, day), y
				}
			}
			return fmt.Sprintf("%04d-%02d", y, m), y
		}
	}
	return "", y
}
