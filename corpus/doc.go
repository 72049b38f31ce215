// Package corpus reads talk and paper records from the formats they come
// in, and parses their Mathematics Subject Classification codes.
//
// A Decoder reads one input record by record, so that memory is bounded by
// the largest record, not the file. Bad records come back as *RecordError
// values that name the file, the line or record number, and what is wrong
// (their Err wraps a kind, such as ErrMalformed or ErrDuplicateID, for
// errors.Is and for counting); the caller reports them and reads on. A
// Collector accounts for every record (read = accepted + skipped), gives
// ids to records that lack one (GeneratedID), and keeps one record of each
// id (DuplicatePolicy).
//
// Formats, detected from the name and the first bytes (gzip is detected
// from the bytes and undone first):
//
//	talkdump  the talk library's scraped text dump (see talkdump.go)
//	jsonl     JSON Lines, one record object per line
//	json      a JSON array of record objects
//	csv       CSV with a header row naming the fields
//	oai       OAI-PMH XML: arXiv oai_dc, arXiv and arXivRaw, zbMATH Open
//	          oai_zb_preview (oai.go); told from the content, not ".xml"
//	abs       arXiv .abs metadata files; a directory is read as a tree
//	          of them (abs.go)
//	zbmath    zbMATH Open API JSON: REST documents, {"result": [...]}
//	          pages, flattened JSON Lines (zbmath.go)
//	bibtex    BibTeX, MathSciNet's mrclass = {60H15 (35R60 93E20)}
//	          included (bibtex.go)
//	kaggle    the Kaggle arXiv metadata snapshot, JSON Lines told from
//	          its keys (kaggle.go)
//	atom      the arXiv API's Atom feeds (atom.go)
//	openalex  OpenAlex works: one, {"results": [...]} pages, the snapshot's
//	          JSON Lines (openalex.go)
//	crossref  Crossref's REST API: {"message": work}, {"message": {"items":
//	          [...]}}, {"items": [...]} data files (csl.go)
//	csljson   CSL-JSON, as Zotero and other reference managers export it
//	          (csl.go)
//	ris       RIS, the tagged format of reference managers (ris.go)
//	ical      iCalendar: seminars' and schools' programmes, a talk per
//	          event with a description (ical.go)
//	indico    Indico's HTTP export API: events, their contributions,
//	          timetables (indico.go)
//	semanticscholar  Semantic Scholar's Graph API papers, pages, batches
//	          and datasets (s2.go)
//
// JSON sources are told from their keys, XML from its root elements, RIS
// from its "TY  - " line, iCalendar from BEGIN:VCALENDAR. JSON that is
// none of the shapes read is refused with its keys named. A directory is
// read file by file, each file's format detected on its own.
//
// Ids of works follow one rule whatever the source, so that one paper
// read from two sources has one id: the arXiv id, else the DOI, else the
// source's own id (ids.go).
//
// Each reader's file comments give its ids and what it makes of the
// source's fields.
//
// The record fields and their accepted aliases are listed in fields.go. In
// JSON, "msc" may be a list of codes or one string in any form that
// ParseCodes reads; "authors" and "keywords" a list or one string.
package corpus
