package corpus

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"strings"
)

// iCalendar (RFC 5545), the .ics files in which seminars, colloquia and
// summer schools publish their programmes:
//
//	BEGIN:VCALENDAR
//	BEGIN:VEVENT
//	UID:talk-17@math.example.org
//	DTSTART;TZID=Europe/Paris:20240115T140000
//	SUMMARY:Analysis seminar: Jane Doe
//	DESCRIPTION:Speaker: Jane Doe (Université X)\nTitle: Sharp constants\n\nAbstract: We pro
//	 ve sharp constants in\, among others\, Sobolev inequalities.
//	URL:https://math.example.org/seminar/17
//	CATEGORIES:Analysis,35J20
//	END:VEVENT
//	END:VCALENDAR
//
// Lines are unfolded (a line starting with a space or tab continues the
// one before), values unescaped (\n, \, \; \\). Each VEVENT with a
// description is a talk: SUMMARY is its title, DESCRIPTION its abstract
// (X-ALT-DESC when there is no plain one; HTML in either read as text,
// line by line), DTSTART its date, URL its URL, CATEGORIES its keywords
// (those that are MSC codes, codes), UID its id (with the RECURRENCE-ID of
// a changed occurrence). A description that labels its parts, as seminar
// calendars write them, is read by its labels: "Speaker:" (or
// "Speakers:", "Orateur:", "By:"...) gives the speakers, affiliations in
// parentheses dropped; "Title:" the title (the SUMMARY, then a series'
// name, becomes a category); "Abstract:" (or "Résumé:", or the word alone
// on its line) the abstract, which is then only what follows it; "MSC:"
// the codes; "Keywords:" the keywords. An event without a description (a
// break, a dinner, a session heading) is skipped with that reason.
// Components inside an event (VALARM) and outside (VTIMEZONE, VTODO) are
// passed over. Properties a record has no place for (LOCATION,
// ORGANIZER, DTEND...) are listed once per file as not kept.
type icalDecoder struct {
	lr     *lineReader
	name   string
	n      int
	unkept unkept
}

func newICalDecoder(r *bufio.Reader, name string, _ *Options) (Decoder, error) {
	return &icalDecoder{lr: &lineReader{r: r, name: name, max: 1 << 20}, name: name}, nil
}

// looksLikeICal reports whether text is iCalendar: its first line that is
// not blank begins a calendar or an event.
func looksLikeICal(b []byte) bool {
	b = bytes.TrimLeft(bytes.TrimPrefix(b, []byte("\xef\xbb\xbf")), " \t\r\n")
	return hasPrefixFold(b, "BEGIN:VCALENDAR") || hasPrefixFold(b, "BEGIN:VEVENT")
}

func hasPrefixFold(b []byte, p string) bool {
	return len(b) >= len(p) && strings.EqualFold(string(b[:len(p)]), p)
}

// icalProp is one content line: NAME;PARAM=V:value.
type icalProp struct {
	name   string
	params map[string]string
	value  string
	line   int
}

// maxICalLine bounds an unfolded line.
const maxICalLine = 1 << 20

// readProp reads one unfolded content line; ok is false at the end.
func (d *icalDecoder) readProp() (icalProp, bool, error) {
	for {
		line, ok, err := d.lr.readLine()
		if err != nil || !ok {
			return icalProp{}, false, err
		}
		start := d.lr.line
		for {
			next, ok, err := d.lr.readLine()
			if err != nil {
				return icalProp{}, false, err
			}
			if !ok {
				break
			}
			if len(next) == 0 || (next[0] != ' ' && next[0] != '\t') {
				d.lr.unread(next)
				break
			}
			if len(line) < maxICalLine {
				line += next[1:]
			}
		}
		line = strings.TrimPrefix(line, "\ufeff")
		if strings.TrimSpace(line) == "" {
			continue
		}
		p, ok := parseICalLine(line)
		p.line = start
		if !ok {
			p.name = ""
			p.value = line
		}
		return p, true, nil
	}
}

// parseICalLine splits a content line into its name, parameters and value.
func parseICalLine(line string) (icalProp, bool) {
	p := icalProp{}
	i := 0
	for i < len(line) && line[i] != ';' && line[i] != ':' {
		i++
	}
	if i == 0 || i == len(line) {
		return p, false
	}
	p.name = strings.ToUpper(strings.TrimSpace(line[:i]))
	for i < len(line) && line[i] == ';' {
		i++
		k := i
		for i < len(line) && line[i] != '=' && line[i] != ';' && line[i] != ':' {
			i++
		}
		key := strings.ToUpper(line[k:i])
		val := ""
		if i < len(line) && line[i] == '=' {
			i++
			if i < len(line) && line[i] == '"' {
				end := strings.IndexByte(line[i+1:], '"')
				if end < 0 {
					return p, false
				}
				val = line[i+1 : i+1+end]
				i += end + 2
			} else {
				k := i
				for i < len(line) && line[i] != ';' && line[i] != ':' {
					i++
				}
				val = line[k:i]
			}
		}
		if p.params == nil {
			p.params = map[string]string{}
		}
		p.params[key] = val
	}
	if i >= len(line) || line[i] != ':' {
		return p, false
	}
	p.value = line[i+1:]
	return p, true
}

// icalText unescapes a TEXT value.
func icalText(s string) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] != '\\' || i+1 == len(s) {
			b.WriteByte(s[i])
			continue
		}
		i++
		switch s[i] {
		case 'n', 'N':
			b.WriteByte('\n')
		default:
			b.WriteByte(s[i]) // \, \; \\ and anything else as itself
		}
	}
	return b.String()
}

func (d *icalDecoder) Next() (Record, error) {
	var stray, strayLine int
	for {
		p, ok, err := d.readProp()
		if err != nil {
			return Record{}, err
		}
		if !ok {
			if stray > 0 {
				d.n++
				return Record{}, recordErr(Position{File: d.name, Line: strayLine, N: d.n}, "", ErrStrayText, "%d line%s of text outside any calendar component", stray, plural(stray))
			}
			return Record{}, io.EOF
		}
		if stray > 0 && (p.name == "BEGIN" || p.name == "END") {
			d.lr.unread(p.name + ":" + p.value)
			d.n++
			return Record{}, recordErr(Position{File: d.name, Line: strayLine, N: d.n}, "", ErrStrayText, "%d line%s of text outside any calendar component", stray, plural(stray))
		}
		switch {
		case p.name == "BEGIN" && strings.EqualFold(p.value, "VEVENT"):
			return d.event(p.line)
		case p.name == "BEGIN" || p.name == "END":
			// VCALENDAR, VTIMEZONE and their ends; components other
			// than events are read through, their lines passed over.
		case p.name == "":
			if stray == 0 {
				strayLine = p.line
			}
			stray++
		}
	}
}

// icalBookkeeping are properties about the calendar entry, not the talk.
var icalBookkeeping = map[string]bool{
	"DTSTAMP": true, "CREATED": true, "LAST-MODIFIED": true, "SEQUENCE": true, "TRANSP": true,
	"CLASS": true, "PRIORITY": true, "STATUS": true,
}

// event reads one VEVENT, after its BEGIN line.
func (d *icalDecoder) event(start int) (Record, error) {
	d.n++
	pos := Position{File: d.name, Line: start, N: d.n}
	props := map[string][]icalProp{}
	var problems []error
	depth := 0 // nested components (VALARM)
	closed := false
	for !closed {
		p, ok, err := d.readProp()
		if err != nil {
			return Record{}, err
		}
		if !ok {
			break
		}
		switch {
		case p.name == "BEGIN":
			if strings.EqualFold(p.value, "VEVENT") {
				d.lr.unread(fmt.Sprintf("BEGIN:%s", p.value))
				problems = append(problems, problemf(ErrUnclosed, "event not closed by END:VEVENT before the next event on line %d", p.line))
				closed = true
				continue
			}
			depth++
		case p.name == "END":
			if depth > 0 {
				depth--
			} else {
				closed = true
			}
		case depth > 0:
		case p.name == "":
			problems = append(problems, problemf(ErrBadField, "line %d is not a property (NAME:value), ignored", p.line))
		default:
			props[p.name] = append(props[p.name], p)
		}
	}
	if !closed && len(props) > 0 {
		problems = append(problems, problemf(ErrUnclosed, "event not closed by END:VEVENT before the end of the input"))
	}
	rec := Record{Origin: pos}
	text := func(name string) string {
		if ps := props[name]; len(ps) > 0 {
			v, ok := repairUTF8(ps[0].value)
			if !ok {
				problems = append(problems, repairedProblem(name))
			}
			return icalText(v)
		}
		return ""
	}
	rec.ID = strings.TrimSpace(text("UID"))
	if r := strings.TrimSpace(text("RECURRENCE-ID")); r != "" && rec.ID != "" {
		rec.ID += "#" + r
	}
	summary := collapseSpace(text("SUMMARY"))
	desc := strings.TrimSpace(text("DESCRIPTION"))
	html := false
	if strings.TrimSpace(stripMarkup(desc)) == "" {
		desc = strings.TrimSpace(text("X-ALT-DESC"))
		html = true
	}
	if strings.TrimSpace(stripMarkup(desc)) == "" {
		what := "event"
		if summary != "" {
			what = fmt.Sprintf("event %q", truncateWords(summary, 60))
		}
		return Record{}, &RecordError{Pos: pos, ID: rec.ID, Err: problemf(ErrNoDescription, "%s has no description: not a talk", what)}
	}
	if html || strings.ContainsAny(desc, "<&") {
		// HTML (X-ALT-DESC, or a DESCRIPTION that calendars filled with
		// it): its text, line by line, so that labels stay at line starts.
		desc = htmlLines(desc)
	}
	rec.Title = summary
	readLabelled(&rec, desc)
	if day, year := icalDate(text("DTSTART")); year != 0 {
		rec.Date, rec.Year = day, year
	}
	rec.URL = strings.TrimSpace(text("URL"))
	for _, c := range props["CATEGORIES"] {
		v, _ := repairUTF8(c.value)
		codeKeywords(&rec, splitICalList(v))
	}
	var unused []string
	for name, ps := range props {
		switch name {
		case "UID", "RECURRENCE-ID", "SUMMARY", "DESCRIPTION", "X-ALT-DESC", "DTSTART", "URL", "CATEGORIES":
			continue
		}
		if icalBookkeeping[name] {
			continue
		}
		for _, p := range ps {
			if strings.TrimSpace(p.value) != "" {
				unused = append(unused, name)
				break
			}
		}
	}
	d.unkept.note(&rec, unused...)
	rec.Problems = append(problems, rec.Problems...)
	dedupeLists(&rec)
	return rec, nil
}

// htmlLines turns HTML into text keeping its line structure, so that the
// labels of a description (Speaker:, Abstract:) stay at line starts.
func htmlLines(s string) string {
	for _, t := range []string{"<br>", "<br/>", "<br />", "</p>", "</div>", "</li>", "<BR>", "</P>"} {
		s = strings.ReplaceAll(s, t, t+"\n")
	}
	var lines []string
	for _, l := range strings.Split(s, "\n") {
		lines = append(lines, stripMarkup(l))
	}
	return strings.Join(lines, "\n")
}

// splitICalList splits a CATEGORIES value on its unescaped commas.
func splitICalList(v string) []string {
	var out []string
	var b strings.Builder
	for i := 0; i < len(v); i++ {
		switch {
		case v[i] == '\\' && i+1 < len(v):
			i++
			if v[i] == 'n' || v[i] == 'N' {
				b.WriteByte(' ')
			} else {
				b.WriteByte(v[i])
			}
		case v[i] == ',':
			out = append(out, b.String())
			b.Reset()
		default:
			b.WriteByte(v[i])
		}
	}
	return append(out, b.String())
}

// icalDate reads DTSTART: 20240115T140000Z, 20240115 (VALUE=DATE), or an
// ISO date.
func icalDate(s string) (string, int) {
	s = strings.TrimSpace(s)
	if len(s) >= 8 && isDigits(s[:8]) {
		return textDate(s[:4] + "-" + s[4:6] + "-" + s[6:8])
	}
	if len(s) >= 10 {
		return textDate(s[:10])
	}
	return "", 0
}

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) {
			return false
		}
	}
	return s != ""
}

// Labels of the parts of a talk's description, in the languages of the
// calendars seen (lower case, without the colon).
var (
	speakerLabels = map[string]bool{
		"speaker": true, "speakers": true, "by": true, "presenter": true, "presenters": true,
		"orateur": true, "oratrice": true, "orateurs": true, "intervenant": true, "intervenante": true,
		"intervenants": true, "conférencier": true, "conférencière": true, "conférenciers": true,
		"vortragende": true, "vortragender": true, "referent": true, "referentin": true, "ponente": true,
		"relatore": true, "relatrice": true,
	}
	titleLabels    = map[string]bool{"title": true, "titre": true, "titel": true, "título": true, "titolo": true, "talk": true, "talk title": true}
	abstractLabels = map[string]bool{"abstract": true, "résumé": true, "resume": true, "summary": true, "zusammenfassung": true, "resumen": true, "sunto": true}
	mscLabels      = map[string]bool{"msc": true, "msc2020": true, "msc 2020": true, "msc codes": true, "msc classification": true, "classification": true, "ams subject classification": true, "mathematics subject classification": true}
	keywordLabels  = map[string]bool{"keywords": true, "key words": true, "mots-clés": true, "mots clés": true, "mots-clefs": true, "schlüsselwörter": true, "palabras clave": true}
)

// readLabelled reads a talk's description into the record: labelled
// lines as the labels say, wherever they are; the abstract is what
// follows an "Abstract:" label, else the lines no label claimed (see
// icalDecoder).
func readLabelled(rec *Record, desc string) {
	var pre, abstract []string
	inAbstract := false
	for _, line := range strings.Split(desc, "\n") {
		if l := strings.ToLower(strings.TrimSuffix(collapseSpace(line), ":")); abstractLabels[l] && !inAbstract {
			// "Abstract" alone on its line: the abstract follows.
			inAbstract = true
			continue
		}
		label, value, ok := strings.Cut(line, ":")
		l := strings.ToLower(collapseSpace(label))
		if ok && len(l) <= 40 {
			value = strings.TrimSpace(value)
			switch {
			case speakerLabels[l]:
				rec.Authors = append(rec.Authors, splitArXivAuthors(value)...)
				continue
			case titleLabels[l] && value != "":
				if rec.Title != "" && rec.Title != value {
					// The SUMMARY was the series' heading.
					rec.Categories = appendNew(rec.Categories, rec.Title)
				}
				rec.Title = collapseSpace(value)
				continue
			case abstractLabels[l] && !inAbstract:
				inAbstract = true
				abstract = append(abstract, value)
				continue
			case mscLabels[l]:
				if bad := rec.SetCodes(value); len(bad) > 0 {
					rec.Problems = append(rec.Problems, invalidCodesProblem(bad))
				}
				continue
			case keywordLabels[l]:
				codeKeywords(rec, splitList(value))
				continue
			}
		}
		if inAbstract {
			abstract = append(abstract, line)
		} else {
			pre = append(pre, line)
		}
	}
	if inAbstract {
		// The lines before the abstract (Host:, Room:) are the
		// calendar's, not the talk's.
		rec.Abstract = collapseSpace(strings.Join(abstract, "\n"))
		return
	}
	rec.Abstract = collapseSpace(strings.Join(pre, "\n"))
}
