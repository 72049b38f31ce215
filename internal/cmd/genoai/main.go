// Command genoai writes a large arXiv OAI-PMH ListRecords response in the
// oai_dc format, streamed, from records resampled from the shared data
// (package synth), for measuring `related convert` on harvests larger than
// memory:
//
//	go run ./internal/cmd/genoai -size 1G -o /tmp/harvest.xml
//	/usr/bin/time -v related convert --to jsonl /tmp/harvest.xml -o /tmp/h.jsonl
package main

import (
	"bufio"
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
	flag.Parse()
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
