// Command genoai writes a large arXiv OAI-PMH ListRecords response in the
// oai_dc format, a file shaped like the Kaggle arXiv metadata snapshot
// (-format kaggle), or a part of the OpenAlex works snapshot (-format
// openalex: JSON Lines, abstracts as inverted indexes), streamed, from
// records resampled from the shared data (package synth), for measuring
// `related convert` on inputs larger than memory:
//
//	go run ./internal/cmd/genoai -size 1G -o /tmp/harvest.xml
//	/usr/bin/time -v related convert --to jsonl /tmp/harvest.xml -o /tmp/h.jsonl
//	go run ./internal/cmd/genoai -format kaggle -size 1G -o /tmp/snapshot.json
//	go run ./internal/cmd/genoai -format openalex -size 1G -o /tmp/works.jsonl
package main

import (
	"bufio"
	"encoding/json"
	"encoding/xml"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"github.com/related/related/internal/synth"
)

func main() {
	size := flag.String("size", "1G", "approximate output size: bytes, or with a K, M or G suffix")
	seed := flag.Uint64("seed", 1, "random seed")
	data := flag.String("data", "", "shared data directory (default: found from the working directory)")
	out := flag.String("o", "-", "output file (- is standard output)")
	format := flag.String("format", "oai_dc", "output format: oai_dc, kaggle or openalex")
	flag.Parse()
	if *format != "oai_dc" && *format != "kaggle" && *format != "openalex" {
		fail(fmt.Errorf("-format must be oai_dc, kaggle or openalex, got %q", *format))
	}
	limit, err := parseSize(*size)
	if err != nil {
		fail(err)
	}
	dir := *data
	if dir == "" {
		dir = synth.DataDir()
	}
	if dir == "" {
		fail(fmt.Errorf("no shared data directory (use -data)"))
	}
	g, err := synth.New(dir, *seed)
	if err != nil {
		fail(err)
	}
	var w io.Writer = os.Stdout
	if *out != "-" {
		f, err := os.Create(*out)
		if err != nil {
			fail(err)
		}
		defer f.Close()
		w = f
	}
	cw := &countingWriter{w: bufio.NewWriterSize(w, 1<<20)}
	if *format == "kaggle" || *format == "openalex" {
		write := writeKaggle
		if *format == "openalex" {
			write = writeOpenAlex
		}
		n := write(cw, g, limit)
		if err := cw.w.(*bufio.Writer).Flush(); err != nil {
			fail(err)
		}
		fmt.Fprintf(os.Stderr, "genoai: %d records, %d bytes\n", n, cw.n)
		return
	}
	fmt.Fprint(cw, `<?xml version="1.0" encoding="UTF-8"?>
<OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/">
<responseDate>2026-11-28T00:00:00Z</responseDate>
<request verb="ListRecords" metadataPrefix="oai_dc" set="math">http://export.arxiv.org/oai2</request>
<ListRecords>
`)
	n := 0
	for cw.n < limit {
		r := g.Next()
		n++
		fmt.Fprintf(cw, "<record>\n<header>\n <identifier>oai:arXiv.org:gen.%08d</identifier>\n <datestamp>2026-11-28</datestamp>\n <setSpec>math</setSpec>\n</header>\n<metadata>\n <oai_dc:dc xmlns:oai_dc=\"http://www.openarchives.org/OAI/2.0/oai_dc/\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n", n)
		elem(cw, "dc:title", r.Title)
		for _, a := range r.Authors {
			elem(cw, "dc:creator", a)
		}
		elem(cw, "dc:subject", "Mathematics - Generated")
		if len(r.MSC) > 0 {
			elem(cw, "dc:subject", strings.Join(r.MSC, ", "))
		}
		elem(cw, "dc:description", r.Abstract)
		elem(cw, "dc:date", "2026-11-28")
		elem(cw, "dc:identifier", fmt.Sprintf("http://arxiv.org/abs/gen.%08d", n))
		fmt.Fprint(cw, " </oai_dc:dc>\n</metadata>\n</record>\n")
	}
	fmt.Fprintf(cw, "<resumptionToken cursor=\"0\" completeListSize=\"%d\"></resumptionToken>\n</ListRecords>\n</OAI-PMH>\n", n)
	if err := cw.w.(*bufio.Writer).Flush(); err != nil {
		fail(err)
	}
	fmt.Fprintf(os.Stderr, "genoai: %d records, %d bytes\n", n, cw.n)
}

// kaggleLine has the keys of the snapshot, in its order.
type kaggleLine struct {
	ID            string          `json:"id"`
	Submitter     string          `json:"submitter"`
	Authors       string          `json:"authors"`
	Title         string          `json:"title"`
	Comments      *string         `json:"comments"`
	JournalRef    *string         `json:"journal-ref"`
	DOI           *string         `json:"doi"`
	ReportNo      *string         `json:"report-no"`
	Categories    string          `json:"categories"`
	License       *string         `json:"license"`
	Abstract      string          `json:"abstract"`
	Versions      []kaggleVersion `json:"versions"`
	UpdateDate    string          `json:"update_date"`
	AuthorsParsed [][3]string     `json:"authors_parsed"`
}

type kaggleVersion struct {
	Version string `json:"version"`
	Created string `json:"created"`
}

// writeKaggle writes snapshot lines until limit bytes, with the
// snapshot's habits: titles and abstracts broken into lines, abstracts
// indented, authors in one string and parsed.
func writeKaggle(w io.Writer, g *synth.Generator, limit int64) int {
	cw := w.(*countingWriter)
	enc := json.NewEncoder(cw)
	enc.SetEscapeHTML(false)
	comment := "12 pages"
	n := 0
	for cw.n < limit {
		r := g.Next()
		n++
		l := kaggleLine{
			ID:         fmt.Sprintf("%04d.%05d", 701+n/100000, n%100000),
			Submitter:  "Generated",
			Title:      wrapLines(r.Title, 70, ""),
			Comments:   &comment,
			Categories: "math.GM",
			Abstract:   "  " + wrapLines(r.Abstract, 78, "") + "\n",
			Versions:   []kaggleVersion{{"v1", "Mon, 2 Apr 2007 19:18:42 GMT"}},
			UpdateDate: "2008-11-13",
		}
		for _, a := range r.Authors {
			f := strings.Fields(a)
			if len(f) == 0 {
				continue
			}
			l.AuthorsParsed = append(l.AuthorsParsed, [3]string{f[len(f)-1], strings.Join(f[:len(f)-1], " "), ""})
		}
		l.Authors = strings.Join(r.Authors, ", ")
		if err := enc.Encode(&l); err != nil {
			fail(err)
		}
	}
	return n
}

// openAlexWork has the keys of a work of the OpenAlex snapshot, in its
// order, with the values the reader keeps and a few it lists as not kept.
type openAlexWork struct {
	ID                    string           `json:"id"`
	DOI                   *string          `json:"doi"`
	Title                 string           `json:"title"`
	DisplayName           string           `json:"display_name"`
	PublicationYear       int              `json:"publication_year"`
	PublicationDate       string           `json:"publication_date"`
	IDs                   map[string]any   `json:"ids"`
	Language              string           `json:"language"`
	PrimaryLocation       map[string]any   `json:"primary_location"`
	Type                  string           `json:"type"`
	Authorships           []map[string]any `json:"authorships"`
	CitedByCount          int              `json:"cited_by_count"`
	Topics                []map[string]any `json:"topics"`
	Keywords              []map[string]any `json:"keywords"`
	Concepts              []map[string]any `json:"concepts"`
	Locations             []map[string]any `json:"locations"`
	ReferencedWorksCount  int              `json:"referenced_works_count"`
	ReferencedWorks       []string         `json:"referenced_works"`
	RelatedWorks          []string         `json:"related_works"`
	AbstractInvertedIndex map[string][]int `json:"abstract_inverted_index"`
	CountsByYear          []map[string]int `json:"counts_by_year"`
	UpdatedDate           string           `json:"updated_date"`
	CreatedDate           string           `json:"created_date"`
}

// writeOpenAlex writes snapshot lines until limit bytes: every third work
// on arXiv, every other with a DOI, each citing up to 20 works written
// before it.
func writeOpenAlex(w io.Writer, g *synth.Generator, limit int64) int {
	cw := w.(*countingWriter)
	enc := json.NewEncoder(cw)
	enc.SetEscapeHTML(false)
	n := 0
	for cw.n < limit {
		r := g.Next()
		n++
		id := fmt.Sprintf("https://openalex.org/W%d", 4000000000+n)
		l := openAlexWork{
			ID: id, Title: r.Title, DisplayName: r.Title, PublicationYear: r.Year,
			PublicationDate: fmt.Sprintf("%d-01-15", r.Year), Language: "en", Type: "article",
			IDs:          map[string]any{"openalex": id, "mag": strconv.Itoa(3000000000 + n)},
			CitedByCount: n % 50, UpdatedDate: "2024-01-10T12:00:00.000000", CreatedDate: "2021-06-20",
			AbstractInvertedIndex: map[string][]int{},
		}
		landing := fmt.Sprintf("https://example.org/journal/%d", n)
		if n%2 == 0 {
			doi := fmt.Sprintf("https://doi.org/10.5555/gen.%d", n)
			l.DOI, l.IDs["doi"], landing = &doi, doi, doi
		}
		l.PrimaryLocation = map[string]any{"is_oa": false, "landing_page_url": landing, "pdf_url": nil,
			"source": map[string]any{"id": "https://openalex.org/S1", "display_name": "Generated Journal"}, "version": "publishedVersion"}
		l.Locations = []map[string]any{l.PrimaryLocation}
		if n%3 == 0 {
			l.Locations = append(l.Locations, map[string]any{"is_oa": true, "landing_page_url": fmt.Sprintf("https://arxiv.org/abs/%04d.%05d", 1501+n/100000%900, n%100000),
				"source": map[string]any{"display_name": "arXiv (Cornell University)"}, "version": "submittedVersion"})
		}
		for i, a := range r.Authors {
			l.Authorships = append(l.Authorships, map[string]any{"author_position": "middle",
				"author": map[string]any{"id": fmt.Sprintf("https://openalex.org/A%d", 5000000000+n*10+i), "display_name": a}, "raw_author_name": a})
		}
		if len(l.Authorships) == 0 {
			l.Authorships = []map[string]any{{"author": map[string]any{"display_name": "A. Generated"}}}
		}
		for _, c := range r.MSC {
			l.Topics = append(l.Topics, map[string]any{"id": "https://openalex.org/T" + c, "display_name": "Topic " + c, "score": 0.9})
		}
		l.Concepts = []map[string]any{{"id": "https://openalex.org/C33923547", "display_name": "Mathematics", "level": 0, "score": 0.5}}
		for i := 0; i < n%21 && i < n-1; i++ {
			l.ReferencedWorks = append(l.ReferencedWorks, fmt.Sprintf("https://openalex.org/W%d", 4000000000+1+(n*7919+i*104729)%(n-1)))
		}
		l.ReferencedWorksCount = len(l.ReferencedWorks)
		l.RelatedWorks = []string{fmt.Sprintf("https://openalex.org/W%d", 4000000000+n/2+1)}
		for i, word := range strings.Fields(r.Abstract) {
			l.AbstractInvertedIndex[word] = append(l.AbstractInvertedIndex[word], i)
		}
		l.CountsByYear = []map[string]int{{"year": 2023, "cited_by_count": n % 7}}
		if err := enc.Encode(&l); err != nil {
			fail(err)
		}
	}
	return n
}

// wrapLines breaks text into lines of about width bytes.
func wrapLines(s string, width int, indent string) string {
	var b strings.Builder
	col := 0
	for i, w := range strings.Fields(s) {
		if i > 0 {
			if col+1+len(w) > width {
				b.WriteString("\n" + indent)
				col = len(indent)
			} else {
				b.WriteByte(' ')
				col++
			}
		}
		b.WriteString(w)
		col += len(w)
	}
	return b.String()
}

func elem(w io.Writer, name, text string) {
	fmt.Fprintf(w, " <%s>", name)
	xml.EscapeText(w, []byte(text))
	fmt.Fprintf(w, "</%s>\n", name)
}

type countingWriter struct {
	w io.Writer
	n int64
}

func (c *countingWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

func parseSize(s string) (int64, error) {
	mult := int64(1)
	switch {
	case strings.HasSuffix(s, "G"):
		mult, s = 1<<30, strings.TrimSuffix(s, "G")
	case strings.HasSuffix(s, "M"):
		mult, s = 1<<20, strings.TrimSuffix(s, "M")
	case strings.HasSuffix(s, "K"):
		mult, s = 1<<10, strings.TrimSuffix(s, "K")
	}
	v, err := strconv.ParseInt(s, 10, 64)
	if err != nil || v <= 0 {
		return 0, fmt.Errorf("bad -size %q", s)
	}
	return v * mult, nil
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "genoai:", err)
	os.Exit(1)
}
