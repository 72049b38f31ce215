package corpus

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// Format names an input format.
type Format string

// The formats read by this package. FormatAuto detects the format from the
// file name and its first bytes.
const (
	FormatAuto     Format = ""
	FormatTalkDump Format = "talkdump"
	FormatJSONL    Format = "jsonl"
	FormatJSON     Format = "json"
	FormatCSV      Format = "csv"
	// FormatOAI is OAI-PMH XML: arXiv's oai_dc, arXiv and arXivRaw
	// metadata formats and zbMATH Open's oai_zb_preview (oai.go).
	FormatOAI Format = "oai"
	// FormatAbs is arXiv .abs metadata files (abs.go).
	FormatAbs Format = "abs"
	// FormatZbMATH is zbMATH Open API JSON (zbmath.go).
	FormatZbMATH Format = "zbmath"
	// FormatBibTeX is BibTeX, MathSciNet's mrclass included (bibtex.go).
	FormatBibTeX Format = "bibtex"
	// FormatKaggle is the Kaggle arXiv metadata snapshot (kaggle.go).
	FormatKaggle Format = "kaggle"
	// FormatAtom is the arXiv API's Atom feeds (atom.go).
	FormatAtom Format = "atom"
	// FormatOpenAlex is OpenAlex works: API objects and pages, snapshot
	// JSON Lines (openalex.go).
	FormatOpenAlex Format = "openalex"
	// FormatCrossref is Crossref's REST API works and lists (csl.go).
	FormatCrossref Format = "crossref"
	// FormatCSL is CSL-JSON, as reference managers export it (csl.go).
	FormatCSL Format = "csljson"
	// FormatRIS is RIS, the tagged format of reference managers (ris.go).
	FormatRIS Format = "ris"
	// FormatICal is iCalendar, seminars' and conferences' .ics (ical.go).
	FormatICal Format = "ical"
	// FormatIndico is Indico's HTTP export API JSON (indico.go).
	FormatIndico Format = "indico"
	// FormatS2 is Semantic Scholar's Graph API and dataset JSON (s2.go).
	FormatS2 Format = "semanticscholar"
)

// Decoder reads records one at a time. Next returns io.EOF after the last
// record. A *RecordError means that one record was bad and has been
// consumed: the caller reports it and calls Next again. Any other error
// ends the input.
type Decoder interface {
	Next() (Record, error)
}

// decoderFactory makes a decoder for one format.
type decoderFactory func(r *bufio.Reader, name string, opt *Options) (Decoder, error)

// Options say how to read an input.
type Options struct {
	// Format is the input's format; FormatAuto detects it.
	Format Format
	// Fields maps a source's own field names (matched without regard to
	// case) to record fields: {"text": "abstract"}. It comes before the
	// aliases of fields.go, and a field given here takes nothing from
	// the aliases. The JSON, JSON Lines and CSV readers read it; see
	// ParseFieldMap.
	Fields map[string]string
}

var factories = map[Format]decoderFactory{
	FormatTalkDump: newTalkDumpDecoder,
	FormatJSONL:    newJSONLDecoder,
	FormatJSON:     newJSONArrayDecoder,
	FormatCSV:      newCSVDecoder,
	FormatOAI:      newOAIDecoder,
	FormatAbs:      newAbsDecoder,
	FormatZbMATH:   newZbJSONDecoder,
	FormatBibTeX:   newBibDecoder,
	FormatKaggle:   newKaggleDecoder,
	FormatAtom:     newAtomDecoder,
	FormatOpenAlex: newOpenAlexDecoder,
	FormatCrossref: newCSLDecoder,
	FormatCSL:      newCSLDecoder,
	FormatRIS:      newRISDecoder,
	FormatICal:     newICalDecoder,
	FormatIndico:   newIndicoDecoder,
	FormatS2:       newS2Decoder,
}

// extensions maps file-name endings to formats, longest match first.
var extensions = map[string]Format{
	".jsonl":  FormatJSONL,
	".ndjson": FormatJSONL,
	".json":   FormatJSON,
	".csv":    FormatCSV,
	".bib":    FormatBibTeX,
	".abs":    FormatAbs,
	".ris":    FormatRIS,
	".ics":    FormatICal,
	".ical":   FormatICal,
	// ".xml" is not here: it is told from the content (OAI-PMH or not).
}

// Formats lists the formats by name, for help texts.
func Formats() []string {
	var names []string
	for f := range factories {
		names = append(names, string(f))
	}
	sort.Strings(names)
	return names
}

// ParseFormat checks a user-given format name; "" and "auto" mean detect.
func ParseFormat(s string) (Format, error) {
	s = strings.ToLower(strings.TrimSpace(s))
	if s == "" || s == "auto" {
		return FormatAuto, nil
	}
	switch s {
	case "ndjson":
		s = "jsonl"
	case "bib":
		s = "bibtex"
	case "arxiv-kaggle", "kaggle-arxiv", "arxiv-metadata":
		s = "kaggle"
	case "oai-pmh", "oai_dc", "arxiv", "arxivraw", "oai_zb_preview", "xml":
		s = "oai"
	case "arxiv-atom", "arxiv-api":
		s = "atom"
	case "csl", "csl-json", "csl_json", "zotero":
		s = "csljson"
	case "ics", "icalendar", "ical", "calendar":
		s = "ical"
	case "s2", "semantic-scholar", "semantic_scholar":
		s = "semanticscholar"
	}
	if _, ok := factories[Format(s)]; ok {
		return Format(s), nil
	}
	return "", fmt.Errorf("unknown format %q (known: auto, %s)", s, strings.Join(Formats(), ", "))
}

// talkDumpMarker starts each record of the talk library's text dump.
const talkDumpMarker = "Déposez votre fichier ici pour le déplacer vers cet enregistrement."

// Detect guesses the format of an input from its name and its first bytes
// (already decompressed). The content wins over the name when they
// disagree in a way that cannot both be right, since exports are often
// misnamed; it returns "" when nothing fits.
func Detect(name string, head []byte) Format {
	head = bytes.TrimPrefix(head, []byte("\xef\xbb\xbf"))
	trimmed := bytes.TrimLeft(head, " \t\r\n")
	base := strings.ToLower(strings.TrimSuffix(name, ".gz"))
	var byName Format
	for ext, f := range extensions {
		if strings.HasSuffix(base, ext) {
			byName = f
		}
	}
	isJSON := len(trimmed) > 0 && (trimmed[0] == '[' || trimmed[0] == '{')
	switch {
	case bytes.Contains(head, []byte(talkDumpMarker)):
		return FormatTalkDump
	case len(trimmed) > 0 && trimmed[0] == '<':
		if looksLikeAtom(trimmed) {
			return FormatAtom
		}
		if looksLikeOAI(trimmed) {
			return FormatOAI
		}
		return "" // some other XML (or HTML): say so rather than guess
	case isJSON && looksLikeIndico(trimmed):
		return FormatIndico
	case isJSON && looksLikeZbMATH(trimmed):
		return FormatZbMATH
	case len(trimmed) > 0 && trimmed[0] == '{' && looksLikeKaggle(trimmed):
		return FormatKaggle
	case isJSON && looksLikeOpenAlex(trimmed):
		return FormatOpenAlex
	case isJSON && looksLikeS2(trimmed):
		return FormatS2
	case isJSON && looksLikeCrossref(trimmed):
		return FormatCrossref
	case isJSON && looksLikeCSL(trimmed):
		return FormatCSL
	case looksLikeRIS(trimmed):
		return FormatRIS
	case looksLikeICal(trimmed):
		return FormatICal
	case looksLikeAbs(trimmed):
		return FormatAbs
	case looksLikeBibTeX(trimmed):
		return FormatBibTeX
	case len(trimmed) > 0 && trimmed[0] == '[':
		return FormatJSON
	case len(trimmed) > 0 && trimmed[0] == '{':
		// JSON Lines when the first object has no line break inside it
		// (however long the line); else pretty-printed objects, which
		// the JSON reader reads one after the other.
		if jsonLayoutOf(trimmed).lines {
			return FormatJSONL
		}
		return FormatJSON
	}
	if byName != "" {
		return byName
	}
	if line, _, _ := bytes.Cut(trimmed, []byte("\n")); bytes.Contains(line, []byte(",")) {
		l := bytes.ToLower(line)
		if bytes.Contains(l, []byte("abstract")) || bytes.Contains(l, []byte("title")) {
			return FormatCSV
		}
	}
	return ""
}

// oaiMarkers are strings found near the start of OAI-PMH XML and of the
// metadata formats read from it.
var oaiMarkers = [][]byte{
	[]byte("http://www.openarchives.org/OAI/2.0/"), []byte("<OAI-PMH"),
	[]byte("oai_dc"), []byte("http://arxiv.org/OAI/arXiv"), []byte("<arXiv"),
	[]byte("oai_zb_preview"), []byte("zbmath.org/OAI"), []byte("zbmath.org/zbmath/elements"),
	[]byte("metadataPrefix="), []byte("<ListRecords"), []byte("<GetRecord"),
}

// looksLikeOAI reports whether XML text is OAI-PMH or one of its metadata
// formats: a marker, or <record> with <header> and <metadata> (records
// cut from a harvest).
func looksLikeOAI(b []byte) bool {
	for _, m := range oaiMarkers {
		if bytes.Contains(b, m) {
			return true
		}
	}
	return bytes.Contains(b, []byte("<record")) && bytes.Contains(b, []byte("<header")) && bytes.Contains(b, []byte("<metadata"))
}

// zbMATHKeys are field names of zbMATH Open API documents, flattened or
// not, that no other format read here uses.
var zbMATHKeys = [][]byte{
	[]byte(`"document_title"`), []byte(`"zbl_id"`), []byte(`"review_text"`),
	[]byte(`"editorial_contributions"`), []byte(`"zbmath_url"`),
}

// looksLikeZbMATH reports whether JSON text holds zbMATH API documents:
// their field names, or an object that starts {"result": [ (an API page).
func looksLikeZbMATH(b []byte) bool {
	for _, k := range zbMATHKeys {
		if bytes.Contains(b, k) {
			return true
		}
	}
	if b[0] == '{' {
		rest := bytes.TrimLeft(b[1:], " \t\r\n")
		if key, ok := bytes.CutPrefix(rest, []byte(`"result"`)); ok {
			key = bytes.TrimLeft(key, " \t\r\n")
			if v, ok := bytes.CutPrefix(key, []byte(":")); ok {
				v = bytes.TrimLeft(v, " \t\r\n")
				return len(v) > 0 && (v[0] == '[' || v[0] == '{')
			}
		}
	}
	return false
}

// looksLikeAbs reports whether text is an arXiv .abs file: a "Title:"
// line and an "arXiv:" or "Paper:" line among the first lines.
func looksLikeAbs(b []byte) bool {
	var title, id bool
	for i, line := range bytes.SplitN(b, []byte("\n"), 40) {
		if i == 39 {
			break
		}
		switch {
		case bytes.HasPrefix(line, []byte("Title:")):
			title = true
		case bytes.HasPrefix(line, []byte("arXiv:")), bytes.HasPrefix(line, []byte("Paper:")):
			id = true
		}
	}
	return title && id
}

// looksLikeBibTeX reports whether text starts, after comment lines
// ("%...") and blank ones, with a BibTeX entry: '@', a name, '{' or '('.
// Text of other kinds before the first entry (JabRef's header) is
// allowed when the first entry comes within the first 20 lines.
func looksLikeBibTeX(b []byte) bool {
	for i, line := range bytes.SplitN(b, []byte("\n"), 21) {
		if i == 20 {
			break
		}
		line = bytes.TrimSpace(line)
		if len(line) == 0 || line[0] != '@' {
			continue
		}
		j := 1
		for j < len(line) && isASCIILetter(line[j]) {
			j++
		}
		if j == 1 {
			return false
		}
		rest := bytes.TrimLeft(line[j:], " \t")
		return len(rest) > 0 && (rest[0] == '{' || rest[0] == '(')
	}
	return false
}

// sniffSize is how much of an input detection looks at.
const sniffSize = 64 << 10

// NewDecoder returns a decoder for r, which may be gzip-compressed
// (detected from its bytes). name labels positions in messages and helps
// detection; format FormatAuto detects.
func NewDecoder(r io.Reader, name string, format Format) (Decoder, error) {
	return NewDecoderOptions(r, name, Options{Format: format})
}

// NewDecoderOptions is NewDecoder with options.
func NewDecoderOptions(r io.Reader, name string, opt Options) (Decoder, error) {
	format := opt.Format
	br := bufio.NewReaderSize(r, sniffSize)
	if magic, _ := br.Peek(2); len(magic) == 2 && magic[0] == 0x1f && magic[1] == 0x8b {
		zr, err := gzip.NewReader(br)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		br = bufio.NewReaderSize(zr, sniffSize)
	}
	if bom, _ := br.Peek(3); string(bom) == "\xef\xbb\xbf" {
		// A byte-order mark starts no format's content; JSON and XML
		// decoders would stop at it.
		br.Discard(3)
	}
	if format == FormatAuto {
		head, err := br.Peek(sniffSize)
		if err != nil && !errors.Is(err, io.EOF) && !errors.Is(err, bufio.ErrBufferFull) {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		format = Detect(name, head)
		if format == "" {
			return nil, fmt.Errorf("%s: cannot tell the format from the name or the content; give --format (one of %s)", name, strings.Join(Formats(), ", "))
		}
		if format == FormatJSON || format == FormatJSONL {
			if err := checkJSONShape(head, newFieldMap(&opt)); err != nil {
				return nil, fmt.Errorf("%s: %w", name, err)
			}
		}
	}
	f, ok := factories[format]
	if !ok {
		return nil, fmt.Errorf("%s: unknown format %q", name, format)
	}
	return f(br, name, &opt)
}

// File is an open input file and its decoder.
type File struct {
	Decoder
	Name   string
	closer io.Closer
}

// Close closes the underlying file.
func (f *File) Close() error { return f.closer.Close() }

// Open opens a file for reading records; "-" is standard input. A
// directory is read as a tree of files (see openDir).
func Open(path string, format Format) (*File, error) {
	return OpenOptions(path, Options{Format: format})
}

// OpenOptions is Open with options.
func OpenOptions(path string, opt Options) (*File, error) {
	var rc io.ReadCloser
	name := path
	if path == "-" {
		rc, name = io.NopCloser(os.Stdin), "<stdin>"
	} else {
		f, err := os.Open(path)
		if err != nil {
			return nil, err
		}
		if info, err := f.Stat(); err == nil && info.IsDir() {
			f.Close()
			return openDir(path, opt)
		}
		rc = f
	}
	dec, err := NewDecoderOptions(rc, name, opt)
	if err != nil {
		rc.Close()
		return nil, err
	}
	return &File{Decoder: dec, Name: filepath.Clean(name), closer: rc}, nil
}

// openDir reads a directory tree, in lexical order of the paths, one file
// at a time; positions name each file. Each file's format is detected
// from its own name and content, so that a directory may mix them (an
// arXiv .abs tree, a calendar, exports of a reference manager). Names
// starting with a dot (hidden files, editors' and our own temporary
// files) are passed over; a file whose format cannot be told, or that
// cannot be read, is reported as skipped and the next one read. With
// format abs, only .abs (and .abs.gz) files are read, as in an arXiv
// mirror; other formats are not accepted for a directory, whose files
// may be of several kinds.
func openDir(dir string, opt Options) (*File, error) {
	format := opt.Format
	if format != FormatAuto && format != FormatAbs {
		return nil, fmt.Errorf("%s: is a directory: the format of each of its files is detected (--format %s applies to files)", dir, format)
	}
	var paths []string
	err := filepath.WalkDir(dir, func(p string, e fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		name := strings.ToLower(e.Name())
		if p != dir && strings.HasPrefix(name, ".") {
			if e.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if !e.Type().IsRegular() {
			return nil
		}
		if format == FormatAbs && !strings.HasSuffix(name, ".abs") && !strings.HasSuffix(name, ".abs.gz") {
			return nil
		}
		paths = append(paths, p)
		return nil
	})
	if err != nil {
		return nil, err
	}
	if len(paths) == 0 {
		return nil, fmt.Errorf("%s: is a directory with no files to read in it (no .abs files, no file in any format)", dir)
	}
	d := &dirDecoder{paths: paths, opt: opt}
	return &File{Decoder: d, Name: filepath.Clean(dir), closer: d}, nil
}

// dirDecoder reads a list of files one after the other.
type dirDecoder struct {
	paths []string
	opt   Options
	next  int
	cur   Decoder
	f     *os.File
}

func (d *dirDecoder) Next() (Record, error) {
	for {
		if d.cur == nil {
			if d.next >= len(d.paths) {
				return Record{}, io.EOF
			}
			p := d.paths[d.next]
			d.next++
			f, err := os.Open(p)
			if err != nil {
				return Record{}, &RecordError{Pos: Position{File: p}, Err: unreadable(err)}
			}
			dec, err := NewDecoderOptions(f, p, d.opt)
			if err != nil {
				f.Close()
				// The message names the file already; the position does.
				msg := strings.TrimPrefix(err.Error(), p+": ")
				return Record{}, &RecordError{Pos: Position{File: p}, Err: unreadable(errors.New(msg))}
			}
			d.cur, d.f = dec, f
		}
		r, err := d.cur.Next()
		if errors.Is(err, io.EOF) {
			d.Close()
			continue
		}
		var re *RecordError
		if err != nil && !errors.As(err, &re) {
			// A file that cannot be read to its end: report it as a
			// skip and go on with the next file.
			d.Close()
			return Record{}, &RecordError{Pos: Position{File: d.paths[d.next-1]}, Err: unreadable(err)}
		}
		return r, err
	}
}

// Close closes the file being read.
func (d *dirDecoder) Close() error {
	d.cur = nil
	if d.f == nil {
		return nil
	}
	err := d.f.Close()
	d.f = nil
	return err
}

// checkJSONShape refuses JSON whose first object has keys, none of them a
// record field: a response of an API not read here, or an envelope of
// unknown shape, is said to be one, instead of every record in it being
// skipped as empty.
func checkJSONShape(head []byte, fm fieldMap) error {
	l := jsonLayoutOf(head)
	what := "a JSON object"
	if l.top == '[' {
		what = "a JSON array of objects"
	}
	if l.elem != "" {
		return fmt.Errorf("a JSON array of %ss: not a known record shape (read: arrays of record objects)", l.elem)
	}
	if len(l.keys) == 0 {
		return nil
	}
	for _, k := range l.keys {
		if fm.field(k) != "" {
			return nil
		}
	}
	return fmt.Errorf("%s with keys %s: not a known record shape (records have fields such as id, title, abstract, authors, msc; "+
		"read too: OpenAlex, Crossref, CSL-JSON, Semantic Scholar, Indico, zbMATH and Kaggle JSON; --field FIELD=NAME maps other names)", what, describeKeys(l.keys))
}
