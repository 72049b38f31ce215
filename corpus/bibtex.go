package corpus

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/related/related/internal/latex"
)

// BibTeX, as MathSciNet exports it:
//
//	@Article{abraham.le-gall:94:sur,
//	  author   = {Abraham, Romain and Le Gall, Jean-Fran\c{c}ois},
//	  title    = {Sur la mesure de sortie du super mouvement brownien},
//	  year     = {1994},
//	  mrclass  = {60G57 (35J60 60G17 60H30)},
//	  mrnumber = {1278885},
//	  ...
//	}
//
// mrclass gives the primary code first and the secondary ones in
// parentheses (ParseCodes reads that form); "msc", "msc2020" and
// "mscclass" fields are read the same way. Values may be {braced},
// "quoted", numbers or @string macros joined with #; LaTeX accents and
// special letters ({\'e}, \"o, \c{c}, {\ss}, \o, \l ...) are decoded to
// Unicode (NFC), grouping braces dropped, and $...$ math left as written.
// @comment and @preamble are skipped, @string defines macros (the month
// names are predefined). Text outside entries is ignored, as BibTeX does
// (an '@' inside a line of it that starts no entry is text too).
//
// The id is the citation key (unique in a file, and what users cite);
// an entry without a key gets "MR" and its mrnumber. The URL is the url
// field, else https://doi.org/ and the doi, else MathSciNet's page for the
// mrnumber.
//
// A malformed entry comes back as a *RecordError with the line where it
// starts; reading resumes after it, or at the next line that starts an
// entry ("@article{") when its braces do not balance. An entry is read
// whole into memory, up to maxBibEntry bytes.
type bibDecoder struct {
	r      *bufio.Reader
	name   string
	line   int // line of the next byte
	n      int // entries read, @string/@comment/@preamble excepted
	macros map[string]string
	// blank is true when only blanks were read since the last newline;
	// prevBlank is its value before the last byte.
	blank, prevBlank bool
}

// maxBibEntry bounds the size of one entry.
const maxBibEntry = 1 << 20

func newBibDecoder(r *bufio.Reader, name string, _ *Options) (Decoder, error) {
	d := &bibDecoder{r: r, name: name, line: 1, macros: map[string]string{}, blank: true}
	for i, m := range []string{"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"} {
		d.macros[m] = strconv.Itoa(i + 1)
	}
	return d, nil
}

func (d *bibDecoder) readByte() (byte, error) {
	b, err := d.r.ReadByte()
	if err != nil {
		return b, err
	}
	d.prevBlank = d.blank
	switch b {
	case '\n':
		d.line++
		d.blank = true
	case ' ', '\t', '\r':
	default:
		d.blank = false
	}
	return b, nil
}

func (d *bibDecoder) unreadByte(b byte) {
	if d.r.UnreadByte() == nil && b == '\n' {
		d.line--
	}
}

// atEntryStart reports whether the bytes ahead (after the newline just
// read) start a new entry: blanks, '@', a name, blanks, '{' or '('.
func (d *bibDecoder) atEntryStart() bool {
	buf, _ := d.r.Peek(80)
	i := 0
	for i < len(buf) && (buf[i] == ' ' || buf[i] == '\t') {
		i++
	}
	if i >= len(buf) || buf[i] != '@' {
		return false
	}
	i++
	j := i
	for j < len(buf) && isASCIILetter(buf[j]) {
		j++
	}
	if j == i {
		return false
	}
	for j < len(buf) && (buf[j] == ' ' || buf[j] == '\t') {
		j++
	}
	return j < len(buf) && (buf[j] == '{' || buf[j] == '(')
}

func (d *bibDecoder) Next() (Record, error) {
	for {
		b, err := d.readByte()
		if errors.Is(err, io.EOF) {
			return Record{}, io.EOF
		}
		if err != nil {
			return Record{}, fmt.Errorf("%s:%d: %w", d.name, d.line, err)
		}
		if b != '@' {
			continue
		}
		start, atLineStart := d.line, d.prevBlank
		var typ []byte
		for {
			b, err = d.readByte()
			if err != nil || !(isASCIILetter(b) || isDigit(b) || b == '_' || b == '-') {
				break
			}
			typ = append(typ, b)
		}
		for err == nil && (b == ' ' || b == '\t' || b == '\r' || b == '\n') {
			b, err = d.readByte()
		}
		kind := strings.ToLower(string(typ))
		if len(typ) == 0 {
			if err == nil {
				d.unreadByte(b)
			}
			continue // a lone '@' in the text between entries
		}
		if err != nil || (b != '{' && b != '(') {
			if err == nil {
				d.unreadByte(b)
			}
			if kind == "comment" || !atLineStart {
				// "@comment text", which BibTeX ignores, or an '@'
				// inside a line of text ("see me@example.org").
				continue
			}
			d.n++
			return Record{}, recordErr(Position{File: d.name, Line: start, N: d.n}, "", ErrMalformed, "malformed BibTeX entry: no '{' after @%s", typ)
		}
		body, problem, err := d.readBody(b)
		if err != nil {
			return Record{}, err
		}
		switch kind {
		case "comment", "preamble":
			continue
		case "string":
			if problem == "" {
				problem = d.defineMacro(body)
			}
			if problem != "" {
				d.n++
				return Record{}, recordErr(Position{File: d.name, Line: start, N: d.n}, "", ErrMalformed, "malformed @string: %s", problem)
			}
			continue
		}
		d.n++
		pos := Position{File: d.name, Line: start, N: d.n}
		if problem != "" {
			return Record{}, recordErr(pos, bibKey(body), ErrMalformed, "malformed BibTeX entry: %s", problem)
		}
		return d.entry(body, pos)
	}
}

// bibKey returns the citation key at the start of an entry body, for
// messages.
func bibKey(body string) string {
	key, _, ok := strings.Cut(body, ",")
	key = strings.TrimSpace(key)
	if !ok || strings.ContainsAny(key, " \t\n={}\"") || len(key) > 200 {
		return ""
	}
	return key
}

// readBody reads an entry body up to the delimiter that closes open.
// problem is set when the entry is not closed before the end of the
// input or before a line that starts the next entry, or is too long.
func (d *bibDecoder) readBody(open byte) (body, problem string, err error) {
	var buf []byte
	depth := 0
	tooLong := false
	for {
		b, err := d.readByte()
		if errors.Is(err, io.EOF) {
			return string(buf), "not closed before the end of the input (unbalanced braces)", nil
		}
		if err != nil {
			return "", "", fmt.Errorf("%s:%d: %w", d.name, d.line, err)
		}
		switch {
		case b == '{':
			depth++
		case b == '}' && depth == 0 && open == '{':
			if tooLong {
				return "", fmt.Sprintf("longer than %d bytes", maxBibEntry), nil
			}
			return string(buf), "", nil
		case b == '}':
			if depth > 0 {
				depth--
			}
		case b == ')' && depth == 0 && open == '(':
			if tooLong {
				return "", fmt.Sprintf("longer than %d bytes", maxBibEntry), nil
			}
			return string(buf), "", nil
		case b == '\n' && d.atEntryStart():
			return string(buf), fmt.Sprintf("not closed before the next entry on line %d (unbalanced braces)", d.line), nil
		}
		if len(buf) < maxBibEntry {
			buf = append(buf, b)
		} else {
			tooLong = true
		}
	}
}

// defineMacro reads "name = value" from an @string body.
func (d *bibDecoder) defineMacro(body string) string {
	p := &bibParser{s: body, macros: d.macros}
	p.skipSpace()
	name := p.ident()
	if name == "" {
		return "no macro name"
	}
	p.skipSpace()
	if !p.eat('=') {
		return fmt.Sprintf("no '=' after %q", name)
	}
	v, problem := p.value()
	if problem != "" {
		return problem
	}
	p.skipSpace()
	if p.i < len(p.s) {
		return fmt.Sprintf("unexpected text after the value of %q", name)
	}
	d.macros[strings.ToLower(name)] = v
	return ""
}

// entry parses "key, name = value, ..." into a record.
func (d *bibDecoder) entry(body string, pos Position) (Record, error) {
	p := &bibParser{s: body, macros: d.macros}
	key, rest, hasFields := strings.Cut(body, ",")
	key = strings.TrimSpace(key)
	if strings.ContainsAny(key, " \t\r\n={}\"#") {
		if strings.Contains(key, "=") {
			// No key: the body starts with a field.
			key, rest, hasFields = "", body, true
		} else {
			return Record{}, recordErr(pos, "", ErrMalformed, "malformed BibTeX entry: bad citation key %q", truncateWords(collapseSpace(key), 40))
		}
	}
	p.s = rest
	fields := map[string]string{}
	var problems []error
	if fixed, ok := repairUTF8(key); !ok {
		key = fixed
		problems = append(problems, repairedProblem("the citation key"))
	}
	for hasFields {
		p.skipSpace()
		for p.eat(',') {
			p.skipSpace()
		}
		if p.i >= len(p.s) {
			break
		}
		name := strings.ToLower(p.ident())
		if name == "" {
			return Record{}, recordErr(pos, key, ErrMalformed, "malformed BibTeX entry: expected a field name at %q", p.context())
		}
		p.skipSpace()
		if !p.eat('=') {
			return Record{}, recordErr(pos, key, ErrMalformed, "malformed BibTeX entry: no '=' after field %q", name)
		}
		v, problem := p.value()
		if problem != "" {
			return Record{}, recordErr(pos, key, ErrMalformed, "malformed BibTeX entry: field %q: %s", name, problem)
		}
		if p.unknown != "" {
			problems = append(problems, problemf(ErrBadField, "field %q: unknown @string macro %q, read as empty", name, p.unknown))
			p.unknown = ""
		}
		if fixed, ok := repairUTF8(v); !ok {
			// A Latin-1 export, or one stray byte: the field is read,
			// and the record kept.
			v = fixed
			problems = append(problems, repairedProblem(fmt.Sprintf("field %q", name)))
		}
		if _, dup := fields[name]; dup {
			problems = append(problems, problemf(ErrBadField, "field %q given twice, the first kept", name))
		} else {
			fields[name] = v
		}
		p.skipSpace()
		if p.i < len(p.s) && !p.eat(',') {
			return Record{}, recordErr(pos, key, ErrMalformed, "malformed BibTeX entry: expected ',' after field %q, found %q", name, p.context())
		}
	}
	rec := Record{ID: key, Origin: pos, Problems: problems}
	mr := strings.TrimSpace(latexToUnicode(fields["mrnumber"]))
	mr = strings.TrimPrefix(mr, "MR")
	if i := strings.IndexFunc(mr, func(r rune) bool { return r < '0' || r > '9' }); i >= 0 {
		mr = mr[:i] // "1450400 (98a:28016)"
	}
	if rec.ID == "" && mr != "" {
		rec.ID = "MR" + mr
	}
	rec.Title = latexToUnicode(fields["title"])
	rec.Abstract = latexToUnicode(fields["abstract"])
	if a, ok := fields["author"]; ok {
		for _, name := range splitBibNames(a) {
			if name = latexToUnicode(name); name != "" {
				rec.Authors = append(rec.Authors, name)
			}
		}
	}
	if k := latexToUnicode(fields["keywords"]); k != "" {
		rec.Keywords = splitList(k)
		if codes := allCodes(rec.Keywords); codes != nil {
			// zbMATH's BibTeX export puts the MSC codes there
			// ("Keywords = {18M70,14A30,16E05}"), primary first.
			rec.Keywords = nil
			rec.SetCodes(strings.Join(codes, " ; "))
			if _, zb := fields["zbl"]; zb || fields["zbmath"] != "" {
				rec.PrimaryMSC = codes[0]
				rec.MSC = moveToFront(rec.MSC, codes[0])
			}
		}
	}
	for _, f := range []string{"mrclass", "msc", "msc2020", "msc2010", "mscclass", "msc-class"} {
		if v := latexToUnicode(fields[f]); v != "" {
			if bad := rec.SetCodes(v); len(bad) > 0 {
				rec.Problems = append(rec.Problems, invalidCodesProblem(bad))
			}
			if f == "mrclass" && rec.PrimaryMSC == "" {
				// MathSciNet's first code is the primary one, with or
				// without secondaries after it: {30-01} too.
				first, _, _ := strings.Cut(strings.TrimSpace(v), " ")
				if code, ok := NormalizeCode(strings.TrimRight(first, ",;(")); ok {
					rec.PrimaryMSC = code
					rec.MSC = moveToFront(rec.MSC, code)
				}
			}
		}
	}
	if y := latexToUnicode(fields["year"]); y != "" {
		if n, ok := bibYear(y); ok {
			rec.Year = n
		} else {
			rec.Problems = append(rec.Problems, problemf(ErrBadField, "year %q is not a number, ignored", y))
		}
	}
	if d := latexToUnicode(fields["date"]); d != "" {
		// biblatex's date: 2019, 2019-03, 2019-03-01, or a range
		// 2019-03-01/2019-03-05 (its start is the date).
		start, _, _ := strings.Cut(strings.TrimSpace(d), "/")
		if day, y := textDate(start); y != 0 {
			rec.Date = day
			if rec.Year == 0 {
				rec.Year = y
			}
		} else {
			rec.Problems = append(rec.Problems, problemf(ErrBadField, "date %q is not a date, ignored", d))
		}
	}
	if l := latexToUnicode(fields["language"]); l != "" {
		rec.Language = NormalizeLanguage(l)
	} else if l := latexToUnicode(fields["langid"]); l != "" {
		// biblatex's language id, a babel name: ngerman, USenglish.
		rec.Language = bibLangID(l)
	}
	var ids workIDs
	ids.addDOI(latexToUnicode(fields["doi"]))
	if e := strings.TrimSpace(latexToUnicode(fields["eprint"])); e != "" {
		kind := strings.ToLower(latexToUnicode(fields["eprinttype"]) + latexToUnicode(fields["archiveprefix"]))
		if kind == "arxiv" || (kind == "" && arxivIDShape.MatchString(e)) {
			ids.addArXiv(e)
		}
	}
	for _, id := range []string{ids.arxiv, ids.doi} {
		if id != "" {
			rec.Identifiers = appendNew(rec.Identifiers, id)
		}
	}
	switch url, doi := strings.TrimSpace(fields["url"]), latexToUnicode(fields["doi"]); {
	case url != "":
		rec.URL = url
	case doi != "":
		rec.URL = "https://doi.org/" + doi
	case mr != "":
		rec.URL = "https://mathscinet.ams.org/mathscinet-getitem?mr=" + mr
	}
	return rec, nil
}

// bibYear reads a year field: "1994", and the forms of MathSciNet's
// records of recent books, "[2020] \\copyright 2020": the first run of
// four digits.
func bibYear(y string) (int, bool) {
	for i := 0; i+4 <= len(y); i++ {
		if (i > 0 && isDigit(y[i-1])) || !isDigit(y[i]) || !isDigit(y[i+1]) || !isDigit(y[i+2]) || !isDigit(y[i+3]) {
			continue
		}
		if i+4 < len(y) && isDigit(y[i+4]) {
			continue
		}
		n, err := strconv.Atoi(y[i : i+4])
		return n, err == nil
	}
	return 0, false
}

// allCodes returns the MSC codes of a list whose items are all codes
// (normalised), else nil.
func allCodes(items []string) []string {
	var codes []string
	for _, it := range items {
		c, ok := NormalizeCode(strings.TrimSpace(it))
		if !ok {
			return nil
		}
		codes = append(codes, c)
	}
	return codes
}

// splitBibNames splits an author field on " and " outside braces.
func splitBibNames(s string) []string {
	var out []string
	depth, start := 0, 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '{':
			depth++
		case '}':
			if depth > 0 {
				depth--
			}
		case ' ', '\t', '\n', '\r':
			if depth == 0 && i+4 < len(s) && strings.EqualFold(s[i+1:i+4], "and") && isBibSpace(s[i+4]) {
				out = append(out, s[start:i])
				start = i + 5
				i += 4
			}
		}
	}
	out = append(out, s[start:])
	return out
}

func isBibSpace(b byte) bool { return b == ' ' || b == '\t' || b == '\n' || b == '\r' }

// bibParser reads field values from an entry body.
type bibParser struct {
	s       string
	i       int
	macros  map[string]string
	unknown string // an undefined macro met by the last value
}

func (p *bibParser) skipSpace() {
	for p.i < len(p.s) && isBibSpace(p.s[p.i]) {
		p.i++
	}
}

func (p *bibParser) eat(c byte) bool {
	if p.i < len(p.s) && p.s[p.i] == c {
		p.i++
		return true
	}
	return false
}

func (p *bibParser) context() string {
	return truncateWords(collapseSpace(p.s[p.i:]), 30)
}

// ident reads a field or macro name.
func (p *bibParser) ident() string {
	start := p.i
	for p.i < len(p.s) {
		c := p.s[p.i]
		if isBibSpace(c) || strings.IndexByte("=,{}\"#()%'", c) >= 0 {
			break
		}
		p.i++
	}
	return p.s[start:p.i]
}

// value reads parts joined by '#' and returns their raw text, joined.
func (p *bibParser) value() (string, string) {
	var b strings.Builder
	for {
		p.skipSpace()
		if p.i >= len(p.s) {
			return "", "no value"
		}
		switch c := p.s[p.i]; {
		case c == '{':
			end := latex.MatchBrace(p.s, p.i)
			if end < 0 {
				p.i = len(p.s)
				return "", "unbalanced braces"
			}
			b.WriteString(p.s[p.i+1 : end])
			p.i = end + 1
		case c == '"':
			depth := 0
			p.i++
			start := p.i
			for ; p.i < len(p.s); p.i++ {
				ch := p.s[p.i]
				if ch == '{' {
					depth++
				} else if ch == '}' && depth > 0 {
					depth--
				} else if ch == '"' && depth == 0 {
					break
				}
			}
			if p.i >= len(p.s) {
				return "", "unterminated quoted value"
			}
			b.WriteString(p.s[start:p.i])
			p.i++
		case isDigit(c):
			start := p.i
			for p.i < len(p.s) && isDigit(p.s[p.i]) {
				p.i++
			}
			b.WriteString(p.s[start:p.i])
		default:
			name := p.ident()
			if name == "" {
				return "", fmt.Sprintf("unexpected %q", p.context())
			}
			v, ok := p.macros[strings.ToLower(name)]
			if !ok && p.unknown == "" {
				p.unknown = name
			}
			b.WriteString(v)
		}
		p.skipSpace()
		if !p.eat('#') {
			return b.String(), ""
		}
	}
}

// bibLangID maps biblatex's langid (babel's language names) to the
// language names of NormalizeLanguage.
func bibLangID(l string) string {
	switch k := strings.ToLower(strings.TrimSpace(l)); k {
	case "american", "british", "usenglish", "ukenglish", "canadian", "australian", "newzealand":
		return "english"
	case "ngerman", "austrian", "naustrian", "swissgerman", "nswissgerman":
		return "german"
	case "acadian", "canadien", "francais":
		return "french"
	case "norsk", "nynorsk":
		return "norwegian"
	case "magyar":
		return "hungarian"
	}
	return NormalizeLanguage(l)
}
