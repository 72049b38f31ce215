package corpus

import (
	"bufio"
	"bytes"
	"net/url"
	"strings"
)

// Indico's HTTP export API (indico.example.org/export/event/ID.json,
// /export/categ/ID.json, /export/timetable/ID.json), the software of many
// institutes' seminars and conferences:
//
//	{"count": 1, "_type": "HTTPAPIResult", "url": "...", "results": [
//	  {"_type": "Conference", "id": "137346", "title": "Workshop on ...", "url": "https://indico.example.org/event/137346/",
//	   "startDate": {"date": "2024-01-15", "time": "09:00:00", "tz": "Europe/Zurich"}, "description": "<p>...</p>",
//	   "contributions": [{"_type": "Contribution", "id": "5", "title": "...", "description": "...",
//	      "startDate": {...}, "speakers": [{"first_name": "Jane", "last_name": "Doe", "fullName": "Doe, Jane"}],
//	      "primaryauthors": [...], "keywords": [...], "references": [{"type": "arxiv", "value": "2101.00001"}], ...}],
//	   "sessions": [{"_type": "Session", "contributions": [...]}], ...}]}
//
// Each contribution (in the event, in its sessions, or in a timetable's
// entries of type Contribution) is a talk: its title, its description
// without HTML, its speakers (else presenters, else primary authors and
// co-authors), its start date (else the event's). An event without
// contributions (a seminar) is itself the talk, its chairs the speakers
// when it is a lecture. Ids are "indico:" and the contribution's place on
// its server, "indico:indico.example.org/event/137346/contributions/5"
// (the event's for an event); a contribution's references (arXiv, DOI)
// are identifiers, not its id: a talk is not the paper it presents.
// Other fields are listed once per file as not kept.
func newIndicoDecoder(r *bufio.Reader, name string, _ *Options) (Decoder, error) {
	return &jsonItemDecoder{src: newJSONSource(r, name, "results"), name: name, convert: indicoItem}, nil
}

// looksLikeIndico reports whether JSON text is an Indico export.
func looksLikeIndico(b []byte) bool {
	if !hasJSONKey(b, "_type") {
		return false
	}
	for _, k := range []string{`"HTTPAPIResult"`, `"_type": "Conference"`, `"_type":"Conference"`, `"_type": "Contribution"`, `"_type":"Contribution"`, `"conferenceMetadata`} {
		if bytes.Contains(b, []byte(k)) {
			return true
		}
	}
	return false
}

var indicoUsed = usedSet("_type", "_fossil", "id", "db_id", "friendly_id", "contributionId", "conferenceId",
	"uniqueId", "entryType", "title", "description", "speakers", "primaryauthors", "coauthors", "presenters",
	"startDate", "url", "keywords", "references", "contributions", "sessions", "chairs", "type", "entries", "session")

// indicoEvent is what a contribution takes from its event.
type indicoEvent struct {
	id, host, date string
	labels         []string // the event's and the session's titles
}

func indicoItem(d *jsonItemDecoder, obj jsonObj) []itemOut {
	if len(obj) == 0 {
		return nil // "results": {}: an export of nothing
	}
	var outs []itemOut
	indicoVisit(d, obj, indicoEvent{}, &outs, 0)
	if len(outs) == 0 {
		return []itemOut{{bad: problemf(ErrNoMetadata, "no Indico event or contribution in it (keys: %s)", describeKeys(keysOf(obj)))}}
	}
	return outs
}

// indicoVisit finds the contributions (and events without any) under obj.
func indicoVisit(d *jsonItemDecoder, obj jsonObj, ev indicoEvent, outs *[]itemOut, depth int) {
	if depth > 16 {
		return
	}
	typ, entry := jstr(obj["_type"]), jstr(obj["entryType"])
	switch {
	case typ == "Contribution" || entry == "Contribution" || typ == "ContribSchEntry":
		*outs = append(*outs, indicoContribution(d, obj, ev))
		return
	case entry == "Break" || typ == "BreakTimeSchEntry":
		return
	case typ == "Conference" || (obj["contributions"] != nil && obj["title"] != nil && obj["startDate"] != nil):
		ev = indicoEventOf(obj)
		before := len(*outs)
		for _, c := range jobjs(obj["contributions"]) {
			indicoVisit(d, c, ev, outs, depth+1)
		}
		for _, s := range jobjs(obj["sessions"]) {
			sev := ev
			if t := jstr(s["title"]); t != "" {
				sev.labels = append(append([]string(nil), ev.labels...), t)
			}
			for _, c := range jobjs(s["contributions"]) {
				indicoVisit(d, c, sev, outs, depth+1)
			}
		}
		if len(*outs) == before {
			*outs = append(*outs, indicoEventRecord(d, obj, ev))
		} else if jstr(obj["description"]) != "" && len(*outs) > before {
			// The event's own description belongs to no talk.
			d.unkept.note(&(*outs)[before].rec, "the event's description")
		}
		return
	}
	// A timetable or some wrapper: look inside.
	for _, k := range keysOf(obj) {
		v := bytes.TrimSpace(obj[k])
		if len(v) == 0 {
			continue
		}
		switch v[0] {
		case '{':
			if o := jsonObject(v); o != nil {
				sub := ev
				if id := jstr(o["conferenceId"]); id != "" && sub.id == "" {
					sub.id = id
				}
				indicoVisit(d, o, sub, outs, depth+1)
			}
		case '[':
			for _, o := range jobjs(v) {
				indicoVisit(d, o, ev, outs, depth+1)
			}
		}
	}
}

func indicoEventOf(obj jsonObj) indicoEvent {
	ev := indicoEvent{id: jstr(obj["id"])}
	if t := stripMarkup(jstr(obj["title"])); t != "" {
		ev.labels = []string{t}
	}
	ev.host, _ = urlHostPath(jstr(obj["url"]))
	ev.date, _ = indicoDate(obj["startDate"])
	return ev
}

// urlHostPath returns a URL's host and path, or "".
func urlHostPath(s string) (string, string) {
	u, err := url.Parse(strings.TrimSpace(s))
	if err != nil || u.Host == "" {
		return "", ""
	}
	return u.Host, u.Path
}

// indicoDate reads {"date": "2024-01-15", "time": ..., "tz": ...}.
func indicoDate(raw []byte) (string, int) {
	o := jsonObject(raw)
	if o == nil {
		return textDate(jstr(raw))
	}
	return textDate(jstr(o["date"]))
}

func (ev indicoEvent) prefix() string {
	p := "indico:"
	if ev.host != "" {
		p += ev.host + "/"
	}
	return p + "event/" + ev.id
}

func indicoContribution(d *jsonItemDecoder, obj jsonObj, ev indicoEvent) itemOut {
	var rec Record
	if ev.id == "" {
		ev.id = jstr(obj["conferenceId"])
	}
	if ev.host == "" {
		ev.host, _ = urlHostPath(jstr(obj["url"]))
	}
	cid := jstr(obj["friendly_id"])
	for _, k := range []string{"contributionId", "id", "db_id"} {
		if cid == "" {
			cid = jstr(obj[k])
		}
	}
	if ev.id != "" && cid != "" {
		rec.ID = ev.prefix() + "/contributions/" + cid
	} else if u := jstr(obj["url"]); u != "" {
		rec.ID = "indico:" + strings.TrimPrefix(strings.TrimPrefix(u, "https://"), "http://")
	}
	rec.Title = stripMarkup(jstr(obj["title"]))
	rec.Abstract = stripMarkup(jstr(obj["description"]))
	for _, k := range []string{"speakers", "presenters"} {
		rec.Authors = append(rec.Authors, indicoPeople(obj[k])...)
	}
	if len(rec.Authors) == 0 {
		rec.Authors = append(indicoPeople(obj["primaryauthors"]), indicoPeople(obj["coauthors"])...)
	}
	rec.Date, rec.Year = indicoDate(obj["startDate"])
	if rec.Year == 0 && ev.date != "" {
		rec.Date, rec.Year = textDate(ev.date)
	}
	rec.URL = jstr(obj["url"])
	codeKeywords(&rec, jstrs(obj["keywords"]))
	indicoReferences(&rec, obj["references"])
	// The event's and the session's titles label the talk: a school, a
	// workshop, a session on one subject.
	for _, l := range ev.labels {
		rec.Categories = appendNew(rec.Categories, l)
	}
	d.unkept.note(&rec, unusedKeys(obj, indicoUsed)...)
	return itemOut{rec: rec}
}

func indicoEventRecord(d *jsonItemDecoder, obj jsonObj, ev indicoEvent) itemOut {
	var rec Record
	if ev.id != "" {
		rec.ID = ev.prefix()
	}
	rec.Title = stripMarkup(jstr(obj["title"]))
	rec.Abstract = stripMarkup(jstr(obj["description"]))
	if strings.EqualFold(jstr(obj["type"]), "lecture") {
		rec.Authors = indicoPeople(obj["chairs"])
	}
	rec.Date, rec.Year = indicoDate(obj["startDate"])
	rec.URL = jstr(obj["url"])
	codeKeywords(&rec, jstrs(obj["keywords"]))
	indicoReferences(&rec, obj["references"])
	d.unkept.note(&rec, unusedKeys(obj, indicoUsed)...)
	return itemOut{rec: rec}
}

// indicoPeople reads Indico's person objects (first_name and last_name,
// firstName and familyName, fullName "Doe, Jane", name).
func indicoPeople(raw []byte) []string {
	var out []string
	for _, p := range jsonList(raw) {
		o := jsonObject(p)
		if o == nil {
			if s := authorName(jstr(p)); s != "" {
				out = append(out, s)
			}
			continue
		}
		name := joinName(jstr(o["first_name"]), jstr(o["last_name"]), "")
		if name == "" {
			name = joinName(jstr(o["firstName"]), jstr(o["familyName"]), "")
		}
		if name == "" {
			name = authorName(jstr(o["fullName"]))
		}
		if name == "" {
			name = authorName(jstr(o["name"]))
		}
		if name != "" {
			out = append(out, name)
		}
	}
	return out
}

// indicoReferences reads a contribution's external identifiers
// ([{"type": "arxiv", "value": "2101.00001"}]) as its identifiers.
func indicoReferences(rec *Record, raw []byte) {
	var ids workIDs
	for _, r := range jobjs(raw) {
		typ, v := strings.ToLower(jstr(r["type"])), jstr(r["value"])
		if v == "" {
			continue
		}
		switch typ {
		case "arxiv":
			ids.addArXiv(v)
		case "doi":
			ids.addDOI(v)
		default:
			if typ != "" && !strings.ContainsAny(typ, " :") {
				ids.addOther(typ + ":" + v)
			}
		}
	}
	for _, id := range append([]string{ids.arxiv, ids.doi}, ids.other...) {
		if id != "" {
			rec.Identifiers = appendNew(rec.Identifiers, id)
		}
	}
}
