package indexfile

import (
	"encoding/binary"
	"encoding/json"
	"hash/crc32"
	"strings"

	"github.com/related/related/corpus"
	"github.com/related/related/internal/sections"
	"github.com/related/related/vectorize"
)

// Format 1, read and never written since format 2: a header with a fixed
// table of twelve sections instead of a table of contents, the records
// row by row under their Go field names, and the analysis options and
// weighting as JSON under their Go field names. Ten of its sections have
// the layout format 2 gives them, and are read under format 2's names.

// v1HeaderSize is the header of format 1: magic, version, section count,
// 12 entries of (kind, CRC, offset, length), CRC.
const v1HeaderSize = 16 + 24*12 + 4

var v1Sections = [...]string{"", "v1.meta", "v1.records", "vocab", "df", "doc.languages", "doc.starts",
	"doc.terms", "doc.weights", "doc.counts", "postings.starts", "postings.docs", "postings.weights"}

func (f *file) readHeaderV1(h []byte) error {
	if len(h) < v1HeaderSize {
		return f.errorf("truncated: %d bytes, shorter than the header", f.size)
	}
	h = h[:v1HeaderSize]
	if c := binary.LittleEndian.Uint32(h[12:]); c != 12 {
		return f.errorf("header lists %d sections, want 12", c)
	}
	if got, want := crc32.ChecksumIEEE(h[:v1HeaderSize-4]), binary.LittleEndian.Uint32(h[v1HeaderSize-4:]); got != want && !ignoreChecksums {
		return f.errorf("corrupt header (checksum mismatch)")
	}
	f.toc = map[string]section{}
	for k := 1; k <= 12; k++ {
		e := h[16+24*(k-1):]
		kind := binary.LittleEndian.Uint32(e)
		s := section{name: v1Sections[k], crc: binary.LittleEndian.Uint32(e[4:]),
			off: int64(binary.LittleEndian.Uint64(e[8:])), len: int64(binary.LittleEndian.Uint64(e[16:]))}
		if kind != uint32(k) {
			return f.errorf("section %d has kind %d", k, kind)
		}
		if s.off < v1HeaderSize || s.len < 0 || s.off%8 != 0 {
			return f.errorf("section %s: bad offset %d or length %d", s.name, s.off, s.len)
		}
		if s.off > f.size || s.len > f.size-s.off {
			return f.errorf("truncated: section %s ends at byte %d but the file has %d bytes", s.name, s.off+s.len, f.size)
		}
		f.toc[s.name] = s
	}
	return nil
}

// metaV1 is format 1's meta section.
type metaV1 struct {
	Format    string      `json:"format"`
	Docs      int         `json:"docs"`
	Terms     int         `json:"terms"`
	Entries   int64       `json:"entries"`
	AvgLen    float64     `json:"avg_len"`
	Options   optionsV1   `json:"options"`
	Weighting weightingV1 `json:"weighting"`
	Languages []string    `json:"languages"`
	Fields    []string    `json:"record_fields"`
}

// optionsV1 and weightingV1 are vectorize.Options and Weighting as
// format 1 stored them, under the Go names of the time.
type optionsV1 struct {
	LaTeX           bool    `json:"LaTeX"`
	StopWords       bool    `json:"StopWords"`
	Stem            bool    `json:"Stem"`
	Bigrams         bool    `json:"Bigrams"`
	Language        string  `json:"Language"`
	DefaultLanguage string  `json:"DefaultLanguage"`
	TitleWeight     float64 `json:"TitleWeight"`
	KeywordWeight   float64 `json:"KeywordWeight"`
	FoldAccents     bool    `json:"FoldAccents"`
	ProtectWords    bool    `json:"ProtectWords"`
}

type weightingV1 struct {
	Scheme        vectorize.Scheme `json:"Scheme"`
	SublinearTF   bool             `json:"SublinearTF"`
	SmoothIDF     bool             `json:"SmoothIDF"`
	K1            float64          `json:"K1"`
	B             float64          `json:"B"`
	MinDF         int              `json:"MinDF"`
	IDFPower      float64          `json:"IDFPower"`
	BigramWeight  float64          `json:"BigramWeight"`
	QueryIDFPower float64          `json:"QueryIDFPower"`
}

func (f *file) metaV1() (*metaV1, error) {
	b, err := sections.Required(f.Read, "v1.meta")
	if err != nil {
		return nil, err
	}
	var m metaV1
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, f.errorf("section meta: %v", err)
	}
	return &m, nil
}

func (m *metaV1) header() vectorize.SpaceHeader {
	o, w := m.Options, m.Weighting
	return vectorize.SpaceHeader{Docs: m.Docs, Terms: m.Terms, Entries: m.Entries, AvgLen: m.AvgLen, Languages: m.Languages,
		Options: vectorize.Options{LaTeX: o.LaTeX, StopWords: o.StopWords, Stem: o.Stem, Bigrams: o.Bigrams,
			Language: o.Language, DefaultLanguage: o.DefaultLanguage, TitleWeight: o.TitleWeight,
			KeywordWeight: o.KeywordWeight, FoldAccents: o.FoldAccents, ProtectWords: o.ProtectWords},
		Weighting: vectorize.Weighting{Scheme: w.Scheme, SublinearTF: w.SublinearTF, SmoothIDF: w.SmoothIDF,
			K1: w.K1, B: w.B, MinDF: w.MinDF, IDFPower: w.IDFPower, BigramWeight: w.BigramWeight, QueryIDFPower: w.QueryIDFPower},
	}
}

// v1Fields maps format 1's record field names (Go paths, with their
// kinds) to stored names.
var v1Fields = map[string]string{
	"ID:s": "id", "Title:s": "title", "Authors:S": "authors", "Abstract:s": "abstract", "MSC:S": "msc",
	"PrimaryMSC:s": "msc_primary", "MSCRaw:s": "msc_raw", "Keywords:S": "keywords", "Categories:S": "categories",
	"Language:s": "language", "Year:i": "year", "Date:s": "date", "URL:s": "url", "Identifiers:S": "identifiers",
	"References:S": "references", "Origin.File:s": "origin.file", "Origin.Line:i": "origin.line", "Origin.N:i": "origin.n",
}

// readRecordsV1 decodes format 1's records: each field in the order the
// file's schema lists, skipping those without a stored name today.
func readRecordsV1(f *file, m *metaV1) ([]corpus.Record, error) {
	type plan struct {
		kind  byte
		field *recordField // nil: skipped
	}
	byName := map[string]*recordField{}
	for i := range recordFields {
		byName[recordFields[i].name] = &recordFields[i]
	}
	var plans []plan
	for _, n := range m.Fields {
		_, kind, ok := strings.Cut(n, ":")
		if !ok || len(kind) != 1 || !strings.Contains("sSibj", kind) {
			return nil, f.errorf("section meta: bad record field %q", n)
		}
		p := plan{kind: kind[0]}
		if stored, ok := v1Fields[n]; ok {
			p.field = byName[stored]
		}
		plans = append(plans, p)
	}
	b, err := sections.Required(f.Read, "v1.records")
	if err != nil {
		return nil, err
	}
	if int64(m.Docs) > int64(len(b)) {
		return nil, f.errorf("section records: too short for %d records", m.Docs)
	}
	records := make([]corpus.Record, m.Docs)
	d := &sections.Decoder{B: b}
	for i := range records {
		r := &records[i]
		for _, p := range plans {
			switch p.kind {
			case 's', 'j':
				s := d.Str()
				if p.field != nil {
					*p.field.str(r) = s
				}
			case 'S':
				n := d.Count(1)
				var ss []string
				if n > 0 {
					ss = make([]string, n)
				}
				for j := range n {
					ss[j] = d.Str()
				}
				if p.field != nil {
					*p.field.list(r) = ss
				}
			case 'i':
				x := d.Varint()
				if p.field != nil {
					*p.field.num(r) = int(x)
				}
			case 'b':
				d.Byte()
			}
		}
		if d.Err != nil {
			return nil, f.errorf("section records: record %d: %v", i, d.Err)
		}
	}
	if d.Off != len(b) {
		return nil, f.errorf("section records: %d bytes left after %d records", len(b)-d.Off, m.Docs)
	}
	return records, nil
}
