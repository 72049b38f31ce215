package corpus

import (
	"bufio"
	"bytes"
	"encoding/xml"
	"strings"
)

// arXiv API feeds (export.arxiv.org/api/query), Atom 1.0:
//
//	<feed xmlns="http://www.w3.org/2005/Atom" xmlns:arxiv="http://arxiv.org/schemas/atom">
//	  <opensearch:totalResults>...</opensearch:totalResults> ...
//	  <entry>
//	    <id>http://arxiv.org/abs/2101.00001v2</id>
//	    <updated>...</updated><published>2021-01-01T18:00:01Z</published>
//	    <title>...</title><summary>...</summary>
//	    <author><name>Jane Doe</name><arxiv:affiliation>...</arxiv:affiliation></author>
//	    <arxiv:doi>10.1000/xyz</arxiv:doi> <link href="..." rel="alternate" type="text/html"/>
//	    <arxiv:comment>12 pages</arxiv:comment> <arxiv:journal_ref>...</arxiv:journal_ref>
//	    <arxiv:primary_category term="math.AP" scheme="http://arxiv.org/schemas/atom"/>
//	    <category term="math.AP" scheme="..."/> <category term="35J20, 35B38, 65N12" scheme="..."/>
//	  </entry>
//	</feed>
//
// Each entry is a record. The id is "arXiv:" and the identifier of <id>
// without its version, as the other arXiv readers write it (an entry of
// another Atom feed keeps its <id>); the primary category comes first
// among the categories; a category term that reads as MSC codes ("35J20,
// 35B38", "Primary 11F11; Secondary 11F33") gives the codes, as arXiv
// puts its msc-class there; other terms (ACM classes) are categories too.
// The date is <published>; DOIs are identifiers. The error entry the API
// returns for a bad query (its id under arxiv.org/api/errors) is reported
// with its message. Comments, journal references, affiliations and any
// element not read are listed once per file as not kept. Entries are
// decoded one at a time: memory is bounded by the largest entry.
type atomDecoder struct {
	xmlStream
	unkept unkept
}

func newAtomDecoder(r *bufio.Reader, name string, _ *Options) (Decoder, error) {
	return &atomDecoder{xmlStream: newXMLStream(r, name, "entry")}, nil
}

// looksLikeAtom reports whether XML text is an Atom feed (or a bare
// entry of one).
func looksLikeAtom(b []byte) bool {
	return bytes.Contains(b, []byte("http://www.w3.org/2005/Atom")) && (bytes.Contains(b, []byte("<feed")) || bytes.Contains(b, []byte("<entry")))
}

type atomEntry struct {
	ID        string   `xml:"id"`
	Title     atomText `xml:"title"`
	Summary   atomText `xml:"summary"`
	Published string   `xml:"published"`
	Updated   string   `xml:"updated"`
	Authors   []struct {
		Name        string   `xml:"name"`
		Affiliation []string `xml:"affiliation"`
	} `xml:"author"`
	Links []struct {
		Href  string `xml:"href,attr"`
		Rel   string `xml:"rel,attr"`
		Title string `xml:"title,attr"`
	} `xml:"link"`
	Categories []struct {
		Term string `xml:"term,attr"`
	} `xml:"category"`
	Primary *struct {
		Term string `xml:"term,attr"`
	} `xml:"primary_category"`
	DOI        []string `xml:"doi"`
	Comment    []string `xml:"comment"`
	JournalRef []string `xml:"journal_ref"`
	Other      []struct {
		XMLName xml.Name
		Text    string `xml:",chardata"`
	} `xml:",any"`
}

// atomText is Atom's text construct: plain text, or HTML when type says.
type atomText struct {
	Type string `xml:"type,attr"`
	Text string `xml:",chardata"`
}

func (t atomText) String() string {
	if t.Type == "html" || t.Type == "xhtml" {
		return stripMarkup(t.Text)
	}
	return collapseSpace(t.Text)
}

func (d *atomDecoder) Next() (Record, error) {
	for {
		se, start, err := d.nextStart()
		if err != nil {
			return Record{}, err
		}
		if se.Name.Local != "entry" {
			continue // the feed, its title, opensearch counts
		}
		pos := d.position()
		var e atomEntry
		if err := d.dec.DecodeElement(&e, &se); err != nil {
			return Record{}, d.fail(err)
		}
		rec, bad := d.entry(&e, pos)
		if d.repairedSince(start) {
			rec.Problems = append(rec.Problems, repairedProblem("the entry"))
		}
		if bad != nil {
			return Record{}, &RecordError{Pos: pos, ID: rec.ID, Err: bad}
		}
		return rec, nil
	}
}

func (d *atomDecoder) entry(e *atomEntry, pos Position) (Record, error) {
	rec := Record{Origin: pos}
	rawID := strings.TrimSpace(e.ID)
	if strings.Contains(rawID, "arxiv.org/api/errors") {
		msg := e.Summary.String()
		if msg == "" {
			msg = rawID
		}
		return rec, problemf(ErrNoMetadata, "arXiv API error: %s", msg)
	}
	var ids workIDs
	if !ids.addArXiv(rawID) {
		ids.own = rawID
	}
	for _, doi := range e.DOI {
		for _, f := range strings.Fields(doi) {
			ids.addDOI(f)
		}
	}
	for _, l := range e.Links {
		if l.Title == "doi" {
			ids.addDOI(l.Href)
		}
	}
	ids.apply(&rec)
	rec.Title = e.Title.String()
	rec.Abstract = e.Summary.String()
	var unused []string
	for _, a := range e.Authors {
		if name := authorName(a.Name); name != "" {
			rec.Authors = append(rec.Authors, name)
		}
		if len(a.Affiliation) > 0 {
			unused = append(unused, "arxiv:affiliation")
		}
	}
	rec.Date, rec.Year = arXivDate(e.Published)
	if e.Primary != nil {
		d.term(&rec, e.Primary.Term)
	}
	for _, c := range e.Categories {
		d.term(&rec, c.Term)
	}
	switch {
	case strings.HasPrefix(rec.ID, "arXiv:"):
		rec.URL = "https://arxiv.org/abs/" + strings.TrimPrefix(rec.ID, "arXiv:")
	default:
		for _, l := range e.Links {
			if l.Rel == "" || l.Rel == "alternate" {
				rec.URL = strings.TrimSpace(l.Href)
				break
			}
		}
	}
	if strings.TrimSpace(strings.Join(e.Comment, "")) != "" {
		unused = append(unused, "arxiv:comment")
	}
	if strings.TrimSpace(strings.Join(e.JournalRef, "")) != "" {
		unused = append(unused, "arxiv:journal_ref")
	}
	if strings.TrimSpace(e.Updated) != "" {
		unused = append(unused, "updated")
	}
	for _, o := range e.Other {
		if strings.TrimSpace(o.Text) != "" {
			unused = append(unused, o.XMLName.Local)
		}
	}
	d.unkept.note(&rec, unused...)
	dedupeLists(&rec)
	return rec, nil
}

// term reads one category term: an arXiv category, MSC codes, or another
// class (ACM's "F.2.2; G.2.1"), kept as a category.
func (d *atomDecoder) term(rec *Record, term string) {
	term = collapseSpace(term)
	switch {
	case term == "":
	case arXivCategory.MatchString(term):
		rec.Categories = append(rec.Categories, term)
	case looksLikeCodes(term):
		if bad := rec.SetCodes(term); len(bad) > 0 {
			rec.Problems = append(rec.Problems, invalidCodesProblem(bad))
		}
	default:
		for _, c := range strings.FieldsFunc(term, func(r rune) bool { return r == ';' || r == ',' }) {
			if c = strings.TrimSpace(c); c != "" {
				rec.Categories = append(rec.Categories, c)
			}
		}
	}
}
