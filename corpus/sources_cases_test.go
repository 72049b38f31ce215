package corpus

import "testing"

// Table tests of the new readers on small inputs: the shapes and the
// variations real files have (missing fields, nulls, other layouts), and
// how each bad input is reported. Each case is also read through a
// Collector (runReaderCases), whose report must add up.

func at(n int) Position           { return Position{File: "in", N: n} }
func atLine(line, n int) Position { return Position{File: "in", Line: line, N: n} }

func TestOpenAlexCases(t *testing.T) { runReaderCases(t, openAlexCases) }

var openAlexCases = []readerCase{
	{
		name:   "snapshot lines: nulls, a bad line, damaged index, old keywords",
		format: FormatOpenAlex,
		in: `{"id":"https://openalex.org/W1","doi":null,"title":null,"display_name":"Shown title","publication_year":"2001","authorships":[{"author":{"display_name":null},"raw_author_name":"J. Raw"},{"author":{"display_name":"Ann Bé"}}],"abstract_inverted_index":{"b":[1,-4],"a":[0],"c":[7,1]},"keywords":[{"keyword":"graphs","score":0.4},"65K10"],"concepts":[{"display_name":"Mathematics"},{"display_name":null}],"language":null}` + "\n" +
			"{not json\n" +
			`["W2"]` + "\n" +
			`{"id":"W3","title":"T3","referenced_works":["https://openalex.org/W1", "", "not an id"],"ids":{"pmid":"https://pubmed.ncbi.nlm.nih.gov/29456894","pmcid":"https://www.ncbi.nlm.nih.gov/pmc/articles/PMC5815332"},"doi":"https://doi.org/10.48550/arXiv.2101.00002"}` + "\n",
		want: []step{
			{rec: Record{ID: "openalex:W1", Title: "Shown title", Authors: []string{"J. Raw", "Ann Bé"}, Abstract: "a b c",
				MSC: []string{"65K10"}, Keywords: []string{"graphs"}, Categories: []string{"Mathematics"}, Year: 2001,
				URL: "https://openalex.org/W1", Origin: atLine(1, 1),
				Problems: errs(`field "abstract_inverted_index": not an index of words to their positions, read in part`)}},
			{err: "in:2 (record 2): malformed JSON: invalid character 'n' looking for beginning of object key string"},
			{err: "in:3 (record 3): not a JSON object but array"},
			{rec: Record{ID: "arXiv:2101.00002", Title: "T3", URL: "https://doi.org/10.48550/arxiv.2101.00002",
				Identifiers: []string{"doi:10.48550/arxiv.2101.00002", "openalex:W3", "pmid:29456894", "pmcid:pmc5815332"},
				References:  []string{"openalex:W1"}, Origin: atLine(4, 4)}},
		},
	},
	{
		name:   "an array of works (a batch), one without anything",
		format: FormatOpenAlex,
		in:     `[{"id": "https://openalex.org/W5", "title": "Five", "primary_location": {"landing_page_url": "https://arxiv.org/abs/1901.00005v1"}}, {}]`,
		want: []step{
			{rec: Record{ID: "arXiv:1901.00005", Title: "Five", URL: "https://arxiv.org/abs/1901.00005v1", Identifiers: []string{"openalex:W5"}, Origin: at(1)}},
			{rec: Record{Origin: at(2)}},
		},
	},
	{
		name:   "indexes damaged, or the newer one only",
		format: FormatOpenAlex,
		in: `{"id": "W10", "title": "Ten", "abstract_inverted_index": {"We": ["x"], "ran": [null, 1], "it": "oops"}}` + "\n" +
			`{"id": "W11", "title": "Eleven", "abstract_inverted_index": ["not", "a", "mapping"]}` + "\n" +
			`{"id": "W12", "title": "Twelve", "abstract_inverted_index": null, "abstract_inverted_index_v3": {"New": [0], "index.": [1]}}` + "\n",
		want: []step{
			{rec: Record{ID: "openalex:W10", Title: "Ten", Abstract: "ran", Origin: atLine(1, 1),
				Problems: errs(`field "abstract_inverted_index": not an index of words to their positions, read in part`)}},
			{rec: Record{ID: "openalex:W11", Title: "Eleven", Origin: atLine(2, 2),
				Problems: errs(`field "abstract_inverted_index": not an index of words to their positions, read in part`)}},
			{rec: Record{ID: "openalex:W12", Title: "Twelve", Abstract: "New index.", Origin: atLine(3, 3)}},
		},
	},
	{
		name:   "a page on one line",
		format: FormatOpenAlex,
		in:     `{"meta": {"count": 1}, "results": [{"id": "https://openalex.org/W6", "title": "<i>Six</i>", "abstract_inverted_index": {"One&amp;only": [0]}}], "group_by": []}`,
		want:   []step{{rec: Record{ID: "openalex:W6", Title: "Six", Abstract: "One&only", URL: "https://openalex.org/W6", Origin: atLine(1, 1)}}},
	},
	{
		name:   "truncated",
		format: FormatOpenAlex,
		in:     "{\n \"results\": [\n  {\"id\": \"W7\", \"title\": \"Seven\"},\n  {\"id\": \"W8\",",
		want: []step{
			{rec: Record{ID: "openalex:W7", Title: "Seven", Origin: at(1)}},
			{err: "in: byte 49: malformed JSON: unexpected EOF", fatal: true},
		},
	},
}

func TestCrossrefCases(t *testing.T) { runReaderCases(t, crossrefCases) }

var crossrefCases = []readerCase{
	{
		name:   "error response",
		format: FormatCrossref,
		in:     `{"status":"failed","message-type":"validation-failure","message":[{"type":"parameter-not-allowed","value":"x","message":"Parameter x specified but not allowed"}]}`,
		want:   []step{{err: `in:1: the Crossref API answered with status "failed", not records`, fatal: true}},
	},
	{
		name:   "error response, pretty",
		format: FormatCrossref,
		in:     "{\n  \"status\": \"error\",\n  \"message-type\": \"exception\",\n  \"message\": {\"name\": \"class java.lang.Exception\", \"description\": \"x\"}\n}",
		want:   []step{{err: `in: the Crossref API answered with status "error", not records`, fatal: true}},
	},
	{
		name:   "data file: items, names, dates, references",
		format: FormatCrossref,
		in: `{"items": [
 {"DOI": "10.1000/ONE", "title": ["One", "Ein"], "subtitle": ["sub"], "author": [{"given": "Jean", "family": "Poussin", "non-dropping-particle": "de la Vallée"}, {"name": "The Consortium"}, {"given": "Ann", "family": "Lee", "suffix": "Jr."}, {"family": "Euler"}],
  "issued": {"date-parts": [["1896", "3", "1"]]}, "abstract": "<p>Text.</p>", "subject": ["Number Theory"], "language": "de",
  "reference": [{"key": "a", "DOI": "10.2307/ABC"}, {"key": "b", "unstructured": "J. Doe, Paper, arXiv:2101.00003v2 (2021)"}, {"key": "c"}, {"key": "d", "author": "Roe", "volume-title": "A <i>book</i>", "year": "1990"}]},
 {"DOI": "10.1000/two", "title": "Two", "published-online": {"date-parts": [[2019, 13]]}},
 {"DOI": "10.1000/three", "title": ["Three"], "issued": {"raw": "Spring 2018"}, "relation": {"has-preprint": [{"id-type": "doi", "id": "10.21203/rs.3.rs-1/v1"}], "is-preprint-of": [{"id-type": "arxiv", "id": "not an id"}]}}
]}`,
		want: []step{
			{rec: Record{ID: "doi:10.1000/one", Title: "One Ein: sub", Authors: []string{"Jean de la Vallée Poussin", "The Consortium", "Ann Lee, Jr.", "Euler"},
				Abstract: "Text.", Categories: []string{"Number Theory"}, Language: "german", Year: 1896, Date: "1896-03-01", URL: "https://doi.org/10.1000/one",
				References: []string{"doi:10.2307/abc", "arXiv:2101.00003", "Roe, “A book” (1990)"}, Origin: at(1)}},
			{rec: Record{ID: "doi:10.1000/two", Title: "Two", Year: 2019, URL: "https://doi.org/10.1000/two", Origin: at(2)}},
			{rec: Record{ID: "doi:10.1000/three", Title: "Three", Year: 2018, URL: "https://doi.org/10.1000/three",
				Identifiers: []string{"doi:10.21203/rs.3.rs-1/v1"}, Origin: at(3)}},
		},
	},
	{
		name:   "works one per line",
		format: FormatCrossref,
		in:     `{"DOI":"10.1000/A","title":["A"],"is-referenced-by-count":1}` + "\n" + `{"DOI":"10.1000/B","title":["B"],"created":{"date-parts":[[2020,1,1]]}}` + "\n",
		want: []step{
			{rec: Record{ID: "doi:10.1000/a", Title: "A", URL: "https://doi.org/10.1000/a", Origin: atLine(1, 1), Problems: errs(notKept("is-referenced-by-count"))}},
			{rec: Record{ID: "doi:10.1000/b", Title: "B", URL: "https://doi.org/10.1000/b", Origin: atLine(2, 2), Problems: errs(notKept("created"))}},
		},
	},
}

func TestCSLCases(t *testing.T) { runReaderCases(t, cslCases) }

var cslCases = []readerCase{
	{
		name:   "one item from doi.org, items with keys, not objects",
		format: FormatCSL,
		in:     `{"type": "article-journal", "id": "x", "title": "Single", "DOI": "10.1000/S", "author": [{"family": "Doe", "given": "J."}], "issued": {"date-parts": [[2001]]}, "keyword": ["35J20", "elliptic"]}`,
		want: []step{{rec: Record{ID: "doi:10.1000/s", Title: "Single", Authors: []string{"J. Doe"}, MSC: []string{"35J20"}, Keywords: []string{"elliptic"},
			Year: 2001, URL: "https://doi.org/10.1000/s", Origin: atLine(1, 1), Problems: errs(notKept("type"))}}},
	},
	{
		name:   "array: citation key, literal names, a string, dates as text",
		format: FormatCSL,
		in: "[\n" + `{"id": "item-1", "citation-key": "doe2001", "type": "book", "title": "Book", "author": [{"literal": "Bourbaki, N."}, "Plain Name"], "issued": {"literal": "circa 1950"}},` + "\n" +
			`"not an item",` + "\n" +
			`{"id": 42, "type": "thesis", "title": "Thesis", "issued": "2003-07"}` + "\n]",
		want: []step{
			{rec: Record{ID: "doe2001", Title: "Book", Authors: []string{"Bourbaki, N.", "Plain Name"}, Year: 1950, Origin: at(1), Problems: errs(notKept("type"))}},
			{err: "in (record 2): not a JSON object but string"},
			{rec: Record{ID: "42", Title: "Thesis", Year: 2003, Date: "2003-07", Origin: at(3)}},
		},
	},
}

func TestS2Cases(t *testing.T) { runReaderCases(t, s2Cases) }

var s2Cases = []readerCase{
	{
		name:   "batch with a paper not found",
		format: FormatS2,
		in:     `[{"paperId": "aaa", "title": "A", "externalIds": {"ArXiv": "2101.00004", "DOI": null, "CorpusId": 1}}, null, {"paperId": "bbb", "title": "B", "authors": [{"authorId": null, "name": "X Y"}], "year": null}]`,
		want: []step{
			{rec: Record{ID: "arXiv:2101.00004", Title: "A", Identifiers: []string{"s2:aaa", "s2:CorpusId:1"}, Origin: at(1)}},
			{err: "in (record 2): null where a record was expected (an id the source did not find)"},
			{rec: Record{ID: "s2:bbb", Title: "B", Authors: []string{"X Y"}, Origin: at(3)}},
		},
	},
	{
		name:   "dataset lines, keys in lower case",
		format: FormatS2,
		in: `{"corpusid": 7, "externalids": {"DOI": "10.1000/D7", "PubMed": "123", "CorpusId": "7"}, "title": "Seven", "year": 1999, "publicationdate": "1999-02-03", "s2fieldsofstudy": [{"category": "Mathematics", "source": "external"}], "referencecount": 3}` + "\n" +
			`{"corpusid": 8, "externalids": {"CorpusId": 8}, "title": "Eight"}` + "\n",
		want: []step{
			{rec: Record{ID: "doi:10.1000/d7", Title: "Seven", Categories: []string{"Mathematics"}, Year: 1999, Date: "1999-02-03",
				Identifiers: []string{"s2:CorpusId:7", "pmid:123"}, Origin: atLine(1, 1), Problems: errs(notKept("referencecount"))}},
			{rec: Record{ID: "s2:CorpusId:8", Title: "Eight", Origin: atLine(2, 2)}},
		},
	},
	{
		name:   "references endpoint: wrapped papers",
		format: FormatS2,
		in:     `{"offset": 0, "data": [{"citedPaper": {"paperId": "ccc", "title": "Cited", "externalIds": {"DOI": "10.1000/C"}}}, {"citedPaper": {"paperId": null, "title": null}}]}`,
		want: []step{
			{rec: Record{ID: "doi:10.1000/c", Title: "Cited", Identifiers: []string{"s2:ccc"}, Origin: atLine(1, 1)}},
			{err: "in:1 (record 2): no paper: an object without paperId, title or ids (keys: paperId, title)"},
		},
	},
}

func TestIndicoCases(t *testing.T) { runReaderCases(t, indicoCases) }

var indicoCases = []readerCase{
	{
		name:   "timetable export",
		format: FormatIndico,
		in: `{"count": 1, "_type": "HTTPAPIResult", "results": {"137346": {"20130429": {
  "c0": {"_type": "ContribSchEntry", "entryType": "Contribution", "title": "Contrib 1", "description": "Text one.", "startDate": {"date": "2013-04-29", "tz": "Europe/Zurich", "time": "16:00:00"},
         "contributionId": "0", "conferenceId": "137346", "presenters": [{"name": "Jane Doe", "affiliation": "CERN"}, {"firstName": "Bo", "familyName": "Li"}], "uniqueId": "a137346t0", "room": "160-1-009"},
  "b1": {"_type": "BreakTimeSchEntry", "entryType": "Break", "title": "Coffee"},
  "s2": {"_type": "LinkedTimeSchEntry", "entryType": "Session", "title": "Session", "entries": {"c3": {"entryType": "Contribution", "title": "In a session", "description": "", "conferenceId": "137346", "contributionId": "3"}}}
}}}}`,
		want: []step{
			{rec: Record{ID: "indico:event/137346/contributions/0", Title: "Contrib 1", Authors: []string{"Jane Doe", "Bo Li"}, Abstract: "Text one.",
				Year: 2013, Date: "2013-04-29", Origin: at(1), Problems: errs(notKept("room"))}},
			{rec: Record{ID: "indico:event/137346/contributions/3", Title: "In a session", Origin: at(2)}},
		},
	},
	{
		name:   "category export: events without contributions, and nothing",
		format: FormatIndico,
		in: `{"_type": "HTTPAPIResult", "results": [{"_type": "Conference", "id": "9", "type": "meeting", "title": "Group meeting", "description": "<p>Weekly.</p>", "startDate": {"date": "2020-02-03"}, "chairs": [{"fullName": "Doe, Jane"}], "url": "http://indico.example.org/event/9/"}]}` + "\n" +
			`{"_type": "HTTPAPIResult", "results": {}}` + "\n" + `{"_type": "HTTPAPIResult", "results": []}` + "\n" + `{"_type": "HTTPAPIResult", "results": [{"unrelated": 1}]}` + "\n",
		want: []step{
			// A meeting's chairs are its organisers, not speakers.
			{rec: Record{ID: "indico:indico.example.org/event/9", Title: "Group meeting", Abstract: "Weekly.", Year: 2020, Date: "2020-02-03",
				URL: "http://indico.example.org/event/9/", Origin: atLine(1, 1)}},
			{err: "in:4 (record 2): no Indico event or contribution in it (keys: unrelated)"},
		},
	},
}

func TestAtomCases(t *testing.T) { runReaderCases(t, atomCases) }

var atomCases = []readerCase{
	{
		name:   "another Atom feed; codes that are not codes; a Latin-1 byte",
		format: FormatAtom,
		in: `<?xml version="1.0" encoding="UTF-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Talks</title>
<entry><id>tag:talks.example.org,2024:17</id><title type="html">On &lt;i&gt;graphs&lt;/i&gt;</title><summary type="html">&lt;p&gt;Abstract.&lt;/p&gt;</summary>
<author><name>Ann  Bell</name></author><published>2024-02-01T10:00:00Z</published><link rel="alternate" href="https://talks.example.org/17"/>
<category term="35.43, 05C10"/><category term="Graph theory"/><rights>CC BY</rights></entry>
<entry><id>http://arxiv.org/abs/2101.00009v1</id><title>Caf` + "\xe9" + `</title></entry>
</feed>`,
		want: []step{
			{rec: Record{ID: "tag:talks.example.org,2024:17", Title: "On graphs", Authors: []string{"Ann Bell"}, Abstract: "Abstract.", MSC: []string{"05C10"},
				MSCRaw: "35.43, 05C10", Categories: []string{"Graph theory"}, Year: 2024, Date: "2024-02-01", URL: "https://talks.example.org/17",
				Origin: atLine(2, 1), Problems: errs(`not MSC codes, kept in msc_raw: ["35.43"]`, notKept("rights"))}},
			{rec: Record{ID: "arXiv:2101.00009", Title: "Café", URL: "https://arxiv.org/abs/2101.00009", Origin: atLine(5, 2),
				Problems: errs("invalid UTF-8 in the entry, read as Windows-1252")}},
		},
	},
	{
		name:   "malformed XML ends the input",
		format: FormatAtom,
		in:     `<feed xmlns="http://www.w3.org/2005/Atom"><entry><id>http://arxiv.org/abs/2101.00001</id><title>A</title></entry><entry><title>B</titel></entry></feed>`,
		want: []step{
			{rec: Record{ID: "arXiv:2101.00001", Title: "A", URL: "https://arxiv.org/abs/2101.00001", Origin: atLine(1, 1)}},
			{err: "in:1: malformed XML near entry 2: element <title> closed by </titel>", fatal: true},
		},
	},
}

func TestRISCases(t *testing.T) { runReaderCases(t, risCases) }

var risCases = []readerCase{
	{
		name:   "stray text, one-space tags, records not closed, Latin-1",
		format: FormatRIS,
		in: "Exported from somewhere\r\n\r\nTY - JOUR\r\nTI - One\r\nAU - Doe, J.\r\nPY - 1999///\r\nER -\r\n" +
			"TY  - JOUR\r\nTI  - Two\r\nKW  - a; b\r\nKW  - 05C10\r\nY1  - 2001/02//\r\n" +
			"TY  - BOOK\r\nBT  - Three\r\nAB  - Caf\xe9 <b>au</b> lait.\r\nDO  - https://doi.org/10.1000/X\r\n",
		want: []step{
			{err: "in:1 (record 1): 1 line of text outside any RIS record"},
			{rec: Record{Title: "One", Authors: []string{"Doe, J."}, Year: 1999, Origin: atLine(3, 2)}},
			{rec: Record{Title: "Two", MSC: []string{"05C10"}, Keywords: []string{"a", "b"}, Year: 2001, Date: "2001-02", Origin: atLine(8, 3),
				Problems: errs("RIS record not closed by ER before the next TY on line 13")}},
			{rec: Record{ID: "doi:10.1000/x", Title: "Three", Abstract: "Café au lait.", URL: "https://doi.org/10.1000/x", Origin: atLine(13, 4),
				Problems: errs(`invalid UTF-8 in tag AB, read as Windows-1252`, "RIS record not closed by ER before the end of the input")}},
		},
	},
	{
		name:   "an empty record",
		format: FormatRIS,
		in:     "TY  - GEN\nER  - \n",
		want:   []step{{rec: Record{Origin: atLine(1, 1)}}},
	},
}

func TestICalCases(t *testing.T) { runReaderCases(t, icalCases) }

var icalCases = []readerCase{
	{
		name:   "events without a calendar; HTML only; changed occurrence; unclosed",
		format: FormatICal,
		in: "BEGIN:VEVENT\nUID:a@x\nSUMMARY:Talk A\nDESCRIPTION;LANGUAGE=en:Plain text\\; with a semicolon \n\tand a tab fold.\nCATEGORIES:x\\,y,35J20\nEND:VEVENT\n" +
			"BEGIN:VTODO\nSUMMARY:Not an event\nDESCRIPTION:ignored\nEND:VTODO\n" +
			"BEGIN:VEVENT\nUID:b@x\nRECURRENCE-ID:20240301T100000Z\nDTSTART:20240301T100000Z\nSUMMARY:Series\nX-ALT-DESC;FMTTYPE=text/html:<p>Speakers: A. One (X)\\, B. Two</p><p>Titre: Le titre</p><p>Résumé: Du texte.</p>\nEND:VEVENT\n" +
			"BEGIN:VEVENT\nUID:c@x\nSUMMARY:Broken\nnot a property\nDESCRIPTION:Text\n" +
			"BEGIN:VEVENT\nUID:d@x\nDESCRIPTION:\\n \nEND:VEVENT\n",
		want: []step{
			{rec: Record{ID: "a@x", Title: "Talk A", Abstract: "Plain text; with a semicolon and a tab fold.", MSC: []string{"35J20"}, Keywords: []string{"x,y"}, Origin: atLine(1, 1)}},
			{rec: Record{ID: "b@x#20240301T100000Z", Title: "Le titre", Authors: []string{"A. One", "B. Two"}, Abstract: "Du texte.", Categories: []string{"Series"},
				Year: 2024, Date: "2024-03-01", Origin: atLine(12, 2)}},
			{rec: Record{ID: "c@x", Title: "Broken", Abstract: "Text", Origin: atLine(19, 3),
				Problems: errs("line 22 is not a property (NAME:value), ignored", "event not closed by END:VEVENT before the next event on line 24")}},
			{err: `in:24 (record 4): id "d@x": event has no description: not a talk`},
		},
	},
	{
		name:   "HTML in DESCRIPTION, a label alone on its line",
		format: FormatICal,
		in: "BEGIN:VEVENT\r\nUID:h@x\r\nSUMMARY:Colloquium\r\nDESCRIPTION:<b>Speaker</b>: Ann Bell<br>Title: On p&lt\\;q<br><br>Abstract<br>We show <i>that</i> p<q.\r\nEND:VEVENT\r\n" +
			"BEGIN:VEVENT\r\nUID:k@x\r\nSUMMARY:Talk\r\nDESCRIPTION:Room 5\\nAbstract\\nText of the talk.\r\nEND:VEVENT\r\n",
		want: []step{
			{rec: Record{ID: "h@x", Title: "On p<q", Authors: []string{"Ann Bell"}, Abstract: "We show that p<q.", Categories: []string{"Colloquium"}, Origin: atLine(1, 1)}},
			{rec: Record{ID: "k@x", Title: "Talk", Abstract: "Text of the talk.", Origin: atLine(6, 2)}},
		},
	},
	{
		name:   "stray text and an event cut short",
		format: FormatICal,
		in:     "hello\r\nBEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nSUMMARY:Cut\r\nDESCRIPTION:Short.\r\n",
		want: []step{
			{err: "in:1 (record 1): 1 line of text outside any calendar component"},
			{rec: Record{Title: "Cut", Abstract: "Short.", Origin: atLine(3, 2), Problems: errs("event not closed by END:VEVENT before the end of the input")}},
		},
	},
}

// Items of a list of keywords or categories are kept whole, as convert
// writes them (an OpenAlex topic, a calendar's "x, y"); a single string
// is still split.
func TestListItemsWhole(t *testing.T) {
	runReaderCases(t, []readerCase{{
		name:   "lists and strings",
		format: FormatJSONL,
		in: `{"id": "a", "title": "T", "keywords": ["x, y", "z"], "categories": ["Sobolev spaces and inequalities", "math.CO"]}` + "\n" +
			`{"id": "b", "title": "T", "keywords": "x, y", "categories": "math.CO math.NT"}` + "\n",
		want: []step{
			{rec: Record{ID: "a", Title: "T", Keywords: []string{"x, y", "z"}, Categories: []string{"Sobolev spaces and inequalities", "math.CO"}, Origin: atLine(1, 1)}},
			{rec: Record{ID: "b", Title: "T", Keywords: []string{"x", "y"}, Categories: []string{"math.CO", "math.NT"}, Origin: atLine(2, 2)}},
		},
	}})
}
