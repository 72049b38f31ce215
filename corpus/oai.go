package corpus

import (
	"bufio"
	"encoding/xml"
	"fmt"
	"strings"
)

// OAI-PMH XML, as harvested from arXiv (metadataPrefix oai_dc, arXiv,
// arXivRaw) and zbMATH Open (oai_zb_preview):
//
//	<OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/">
//	  <responseDate>...</responseDate><request ...>...</request>
//	  <ListRecords>
//	    <record>
//	      <header status="deleted"?><identifier>oai:arXiv.org:0704.0004</identifier>...</header>
//	      <metadata><oai_dc:dc>...</oai_dc:dc></metadata>
//	    </record>
//	    ...
//	    <resumptionToken ...>...</resumptionToken>
//	  </ListRecords>
//	</OAI-PMH>
//
// The decoder reads tokens until a <record> element (in any wrapper, or
// none: concatenated records and files holding bare <oai_dc:dc>, <arXiv>,
// <arXivRaw> or <zbmath> elements are read too) and decodes that one
// element, so memory is bounded by the largest record. Everything outside
// records (the envelope, resumption tokens, OAI errors) is passed over.
// The metadata format is told per record by the element's local name, so a
// file can mix them. A record whose header says status="deleted" comes
// back as a *RecordError "deleted record", so that it is counted.
//
// Ids: arXiv records get "arXiv:" and the identifier without version
// ("arXiv:0704.0004"), zbMATH records "zbMATH:" and the Zbl number
// ("zbMATH:1306.11073"); other repositories' records keep their OAI
// identifier. Malformed XML cannot be resynchronised: it ends the input
// with an error naming the line.
type oaiDecoder struct {
	xmlStream
	unkept unkept
}

func newOAIDecoder(r *bufio.Reader, name string, _ *Options) (Decoder, error) {
	return &oaiDecoder{xmlStream: newXMLStream(r, name, "record")}, nil
}

// oaiHeader is the OAI-PMH record header.
type oaiHeader struct {
	Status     string `xml:"status,attr"`
	Identifier string `xml:"identifier"`
	Datestamp  string `xml:"datestamp"`
}

// oaiMetadata holds the one metadata element of a record; fields match on
// local names, whatever the namespace prefix. Harvesters that strip the
// namespaces may drop the <oai_dc:dc> wrapper too, leaving the Dublin Core
// elements (<title>, <description>...) right in <metadata>: they are read
// as oai_dc.
type oaiMetadata struct {
	DC       *oaiDC       `xml:"dc"`
	ArXiv    *oaiArXiv    `xml:"arXiv"`
	ArXivRaw *oaiArXivRaw `xml:"arXivRaw"`
	ZB       *zbPreview   `xml:"zbmath"`
	oaiDC
	Other []struct {
		XMLName xml.Name
	} `xml:",any"`
}

// oaiRecord is a <record>; the Dublin Core elements are read there too,
// for harvests that keep neither the wrapper nor <metadata>.
type oaiRecord struct {
	Header   *oaiHeader   `xml:"header"`
	Metadata *oaiMetadata `xml:"metadata"`
	oaiDC
}

// bareDC returns the Dublin Core elements found without their wrapper,
// or nil.
func (dc *oaiDC) bareDC() *oaiDC {
	if len(dc.Title)+len(dc.Description)+len(dc.Creator)+len(dc.Subject) == 0 {
		return nil
	}
	return dc
}

// oaiDC is Dublin Core as arXiv writes it: MSC codes in dc:subject beside
// subject names, the abstract in the first dc:description and the
// comments in a second one starting "Comment:".
type oaiDC struct {
	Title       []langText `xml:"title"`
	Creator     []string   `xml:"creator"`
	Subject     []langText `xml:"subject"`
	Description []langText `xml:"description"`
	Date        []string   `xml:"date"`
	Identifier  []string   `xml:"identifier"`
	Language    []string   `xml:"language"`
}

// langText is an element's text with its xml:lang, as HAL and other
// multilingual repositories give a title and an abstract per language.
type langText struct {
	Lang string `xml:"http://www.w3.org/XML/1998/namespace lang,attr"`
	Text string `xml:",chardata"`
}

// oaiArXiv is arXiv's own metadata format (metadataPrefix=arXiv).
type oaiArXiv struct {
	ID      string `xml:"id"`
	Created string `xml:"created"`
	Authors []struct {
		Keyname   string `xml:"keyname"`
		Forenames string `xml:"forenames"`
		Suffix    string `xml:"suffix"`
	} `xml:"authors>author"`
	Title      string `xml:"title"`
	Categories string `xml:"categories"`
	MSCClass   string `xml:"msc-class"`
	DOI        string `xml:"doi"`
	Abstract   string `xml:"abstract"`
}

// oaiArXivRaw is arXivRaw: the fields of the .abs files.
type oaiArXivRaw struct {
	ID       string `xml:"id"`
	Versions []struct {
		Date string `xml:"date"`
	} `xml:"version"`
	Title      string `xml:"title"`
	Authors    string `xml:"authors"`
	Categories string `xml:"categories"`
	MSCClass   string `xml:"msc-class"`
	DOI        string `xml:"doi"`
	Abstract   string `xml:"abstract"`
}

func (d *oaiDecoder) Next() (Record, error) {
	for {
		se, start, err := d.nextStart()
		if err != nil {
			return Record{}, err
		}
		switch se.Name.Local {
		case "record":
			return d.record(se, start)
		case "dc", "arXiv", "arXivRaw", "zbmath":
			// A bare metadata element, outside any <record>.
			return d.bare(se, start)
		}
		// Any other element: the envelope, or a wrapper of the
		// harvester's own. Its children are looked at in turn; text
		// elements (request, resumptionToken, error) are passed over.
	}
}

// warnRepaired adds the warning for bytes repaired in a record.
func (d *oaiDecoder) warnRepaired(r *Record) {
	if r.Origin.File != "" {
		r.Problems = append(r.Problems, repairedProblem("the record"))
	}
}

func (d *oaiDecoder) record(se xml.StartElement, start int64) (r Record, err error) {
	pos := d.position()
	var rec oaiRecord
	if err := d.dec.DecodeElement(&rec, &se); err != nil {
		return Record{}, d.fail(err)
	}
	if d.repairedSince(start) {
		defer d.warnRepaired(&r)
	}
	var id string
	if rec.Header != nil {
		id = strings.TrimSpace(rec.Header.Identifier)
		if strings.EqualFold(strings.TrimSpace(rec.Header.Status), "deleted") {
			return Record{}, recordErr(pos, oaiRecordID(id), ErrDeleted, "deleted record")
		}
	}
	if rec.Metadata == nil {
		if dc := rec.oaiDC.bareDC(); dc != nil {
			return d.fromMetadata(&oaiMetadata{DC: dc}, id, pos)
		}
		return Record{}, recordErr(pos, oaiRecordID(id), ErrNoMetadata, "record without metadata")
	}
	return d.fromMetadata(rec.Metadata, id, pos)
}

// bare decodes a metadata element found outside any record.
func (d *oaiDecoder) bare(se xml.StartElement, start int64) (r Record, err error) {
	pos := d.position()
	var m oaiMetadata
	defer func() {
		if d.repairedSince(start) {
			d.warnRepaired(&r)
		}
	}()
	switch se.Name.Local {
	case "dc":
		m.DC = new(oaiDC)
		err = d.dec.DecodeElement(m.DC, &se)
	case "arXiv":
		m.ArXiv = new(oaiArXiv)
		err = d.dec.DecodeElement(m.ArXiv, &se)
	case "arXivRaw":
		m.ArXivRaw = new(oaiArXivRaw)
		err = d.dec.DecodeElement(m.ArXivRaw, &se)
	default:
		m.ZB = new(zbPreview)
		err = d.dec.DecodeElement(m.ZB, &se)
	}
	if err != nil {
		return Record{}, d.fail(err)
	}
	return d.fromMetadata(&m, "", pos)
}

// oaiRecordID turns an OAI identifier into a record id: arXiv's become
// "arXiv:...", others stay as given.
func oaiRecordID(id string) string {
	if strings.HasPrefix(strings.ToLower(id), "oai:arxiv.org:") {
		return arXivID(id)
	}
	return id
}

func (d *oaiDecoder) fromMetadata(m *oaiMetadata, headerID string, pos Position) (Record, error) {
	var rec Record
	if m.DC == nil && m.ArXiv == nil && m.ArXivRaw == nil && m.ZB == nil {
		m.DC = m.oaiDC.bareDC()
	}
	switch {
	case m.DC != nil:
		var other bool
		rec, other = dcRecord(m.DC, headerID)
		if other {
			d.unkept.note(&rec, "dc:title, dc:description and dc:subject in other languages than the record's")
		}
	case m.ArXiv != nil:
		rec = arXivRecord(m.ArXiv)
	case m.ArXivRaw != nil:
		rec = arXivRawRecord(m.ArXivRaw)
	case m.ZB != nil:
		rec = m.ZB.doc().record()
	default:
		reason := "empty metadata"
		if len(m.Other) > 0 {
			reason = fmt.Sprintf("unknown metadata format <%s> (read: oai_dc, arXiv, arXivRaw, oai_zb_preview)", m.Other[0].XMLName.Local)
		}
		return Record{}, recordErr(pos, oaiRecordID(headerID), ErrNoMetadata, "%s", reason)
	}
	if rec.ID == "" {
		rec.ID = oaiRecordID(headerID)
	}
	rec.Origin = pos
	return rec, nil
}

// dcRecord reads Dublin Core; otherLang reports texts in another language
// than the record's, which are not kept.
func dcRecord(dc *oaiDC, headerID string) (rec Record, otherLang bool) {
	isArXiv := strings.HasPrefix(strings.ToLower(headerID), "oai:arxiv.org:")
	if headerID == "" {
		for _, u := range dc.Identifier {
			if i := strings.Index(u, "arxiv.org/abs/"); i >= 0 {
				rec.ID = arXivID(u[i+len("arxiv.org/abs/"):])
				isArXiv = true
				break
			}
		}
	}
	for _, c := range dc.Creator {
		if c = authorName(c); c != "" {
			rec.Authors = append(rec.Authors, c)
		}
	}
	// Title and abstract in one language, labelled with it: the first
	// description (arXiv's "Comment:" aside) decides, its xml:lang
	// first, else dc:language; the title is the one in that language
	// (else the first without a language, else the first).
	lang := ""
	for _, desc := range dc.Description {
		text := collapseSpace(desc.Text)
		if text == "" || (isArXiv && strings.HasPrefix(text, "Comment:")) {
			continue
		}
		rec.Abstract, lang = text, NormalizeLanguage(desc.Lang)
		break
	}
	if lang == "" && len(dc.Language) > 0 {
		lang = NormalizeLanguage(dc.Language[0])
	}
	rec.Language = lang
	rec.Title = pickLang(dc.Title, lang)
	for _, s := range dc.Subject {
		text := collapseSpace(s.Text)
		switch {
		case text == "":
		case looksLikeCodes(text):
			if bad := rec.SetCodes(text); len(bad) > 0 {
				rec.Problems = append(rec.Problems, invalidCodesProblem(bad))
			}
		case strings.HasPrefix(text, "[") && strings.Contains(text, "]"):
			// HAL's domains, "[MATH.MATH-OC]Mathematics [math]/Optimization
			// and Control [math.OC]": a category, arXiv's when it names one.
			if i := strings.LastIndexByte(text, '['); i > 0 && strings.HasSuffix(text, "]") && arXivCategory.MatchString(text[i+1:len(text)-1]) {
				text = text[i+1 : len(text)-1]
			}
			rec.Categories = append(rec.Categories, text)
		case isArXiv:
			// arXiv's names of its categories: the categories, as
			// the other arXiv readers give them where a name is known.
			if c, ok := arXivSubjects[text]; ok {
				text = c
			}
			rec.Categories = append(rec.Categories, text)
		case s.Lang == "" || lang == "" || NormalizeLanguage(s.Lang) == lang:
			// A keyword (HAL's, or a subject heading) of the record's
			// language.
			rec.Keywords = append(rec.Keywords, splitList(text)...)
		default:
			otherLang = true
		}
	}
	for _, t := range append(dc.Title, dc.Description...) {
		if t.Lang != "" && lang != "" && NormalizeLanguage(t.Lang) != lang && collapseSpace(t.Text) != "" {
			otherLang = true
		}
	}
	for _, date := range dc.Date {
		if day, year := textDate(date); year != 0 {
			rec.Date, rec.Year = day, year
			break
		}
	}
	for _, u := range dc.Identifier {
		u = strings.TrimSpace(u)
		if strings.HasPrefix(u, "http://") || strings.HasPrefix(u, "https://") {
			rec.URL = u
			break
		}
	}
	dedupeLists(&rec)
	return rec, otherLang
}

// pickLang returns the text in the language lang, else the first without
// a language, else the first.
func pickLang(texts []langText, lang string) string {
	for _, t := range texts {
		if lang != "" && NormalizeLanguage(t.Lang) == lang && collapseSpace(t.Text) != "" {
			return collapseSpace(t.Text)
		}
	}
	for _, t := range texts {
		if t.Lang == "" && collapseSpace(t.Text) != "" {
			return collapseSpace(t.Text)
		}
	}
	for _, t := range texts {
		if text := collapseSpace(t.Text); text != "" {
			return text
		}
	}
	return ""
}

func arXivRecord(a *oaiArXiv) Record {
	rec := Record{
		ID:         arXivID(a.ID),
		Title:      collapseSpace(a.Title),
		Abstract:   collapseSpace(a.Abstract),
		Categories: splitCategories(a.Categories),
	}
	for _, au := range a.Authors {
		if name := authorName(au.Forenames + " " + au.Keyname + " " + au.Suffix); name != "" {
			rec.Authors = append(rec.Authors, name)
		}
	}
	rec.Date, rec.Year = arXivDate(a.Created)
	if msc := collapseSpace(a.MSCClass); msc != "" {
		if bad := rec.SetCodes(msc); len(bad) > 0 {
			rec.Problems = append(rec.Problems, invalidCodesProblem(bad))
		}
	}
	if rec.ID != "" {
		rec.URL = "https://arxiv.org/abs/" + strings.TrimPrefix(rec.ID, "arXiv:")
	}
	return rec
}

func arXivRawRecord(a *oaiArXivRaw) Record {
	rec := Record{
		ID:         arXivID(a.ID),
		Title:      collapseSpace(a.Title),
		Abstract:   collapseSpace(a.Abstract),
		Authors:    splitArXivAuthors(a.Authors),
		Categories: splitCategories(a.Categories),
	}
	if len(a.Versions) > 0 {
		rec.Date, rec.Year = arXivDate(a.Versions[0].Date)
	}
	if msc := collapseSpace(a.MSCClass); msc != "" {
		if bad := rec.SetCodes(msc); len(bad) > 0 {
			rec.Problems = append(rec.Problems, invalidCodesProblem(bad))
		}
	}
	if rec.ID != "" {
		rec.URL = "https://arxiv.org/abs/" + strings.TrimPrefix(rec.ID, "arXiv:")
	}
	return rec
}
