package corpus

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
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
)

// Decoder reads records one at a time. Next returns io.EOF after the last
// record. A *RecordError means that one record was bad and has been
// consumed: the caller reports it and calls Next again. Any other error
// ends the input.
type Decoder interface {
	Next() (Record, error)
}

// decoderFactory makes a decoder for one format.
type decoderFactory func(r *bufio.Reader, name string) (Decoder, error)

var factories = map[Format]decoderFactory{
	FormatTalkDump: newTalkDumpDecoder,
	FormatJSONL:    newJSONLDecoder,
	FormatJSON:     newJSONArrayDecoder,
	FormatCSV:      newCSVDecoder,
}

// extensions maps file-name endings to formats, longest match first.
var extensions = map[string]Format{
	".jsonl":  FormatJSONL,
	".ndjson": FormatJSONL,
	".json":   FormatJSON,
	".csv":    FormatCSV,
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
	if s == "ndjson" {
		s = "jsonl"
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
	switch {
	case bytes.Contains(head, []byte(talkDumpMarker)):
		return FormatTalkDump
	case len(trimmed) > 0 && trimmed[0] == '[':
		return FormatJSON
	case len(trimmed) > 0 && trimmed[0] == '{':
		if byName == FormatJSON && !looksLikeJSONLines(trimmed) {
			return FormatJSON // a single object; the JSON reader says what is wrong
		}
		return FormatJSONL
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

// looksLikeJSONLines reports whether the first line of b holds a whole
// object, as in JSON Lines.
func looksLikeJSONLines(b []byte) bool {
	line, _, _ := bytes.Cut(b, []byte("\n"))
	line = bytes.TrimSpace(line)
	return len(line) > 1 && line[len(line)-1] == '}'
}

// sniffSize is how much of an input detection looks at.
const sniffSize = 64 << 10

// NewDecoder returns a decoder for r, which may be gzip-compressed
// (detected from its bytes). name labels positions in messages and helps
// detection; format FormatAuto detects.
func NewDecoder(r io.Reader, name string, format Format) (Decoder, error) {
	br := bufio.NewReaderSize(r, sniffSize)
	if magic, _ := br.Peek(2); len(magic) == 2 && magic[0] == 0x1f && magic[1] == 0x8b {
		zr, err := gzip.NewReader(br)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		br = bufio.NewReaderSize(zr, sniffSize)
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
	}
	f, ok := factories[format]
	if !ok {
		return nil, fmt.Errorf("%s: unknown format %q", name, format)
	}
	return f(br, name)
}

// File is an open input file and its decoder.
type File struct {
	Decoder
	Name   string
	closer io.Closer
}

// Close closes the underlying file.
func (f *File) Close() error { return f.closer.Close() }

// Open opens a file for reading records; "-" is standard input.
func Open(path string, format Format) (*File, error) {
	var rc io.ReadCloser
	name := path
	if path == "-" {
		rc, name = io.NopCloser(os.Stdin), "<stdin>"
	} else {
		f, err := os.Open(path)
		if err != nil {
			return nil, err
		}
		rc = f
	}
	dec, err := NewDecoder(rc, name, format)
	if err != nil {
		rc.Close()
		return nil, err
	}
	return &File{Decoder: dec, Name: filepath.Clean(name), closer: rc}, nil
}
