package corpus

import (
	"bytes"
	"encoding/json"
	"strconv"
	"strings"
)

// jsonItemDecoder turns the items of a jsonSource into records, with one
// converter per source (OpenAlex, Crossref and CSL-JSON, Semantic Scholar,
// Indico). Records are numbered in the order they come out: an item may
// give several (an Indico event, one per contribution).
type jsonItemDecoder struct {
	src     *jsonSource
	name    string
	n       int
	convert func(d *jsonItemDecoder, obj jsonObj) []itemOut
	queue   []itemOut
	line    int
	unkept  unkept
}

// itemOut is one record made from an item, or the reason (an error of
// one of the kinds of errors.go) why none could be.
type itemOut struct {
	rec Record
	bad error
}

func (d *jsonItemDecoder) Next() (Record, error) {
	for {
		if len(d.queue) > 0 {
			o := d.queue[0]
			d.queue = d.queue[1:]
			d.n++
			pos := Position{File: d.name, Line: d.line, N: d.n}
			if o.bad != nil {
				return Record{}, &RecordError{Pos: pos, ID: o.rec.ID, Err: o.bad}
			}
			o.rec.Origin = pos
			dedupeLists(&o.rec)
			return o.rec, nil
		}
		obj, line, bad, err := d.src.next()
		if err != nil {
			return Record{}, err
		}
		d.line = line
		if bad != nil {
			d.n++
			return Record{}, &RecordError{Pos: Position{File: d.name, Line: line, N: d.n}, Err: bad}
		}
		problems := repairObject(obj)
		outs := d.convert(d, obj)
		for i := range outs {
			if outs[i].bad == nil {
				outs[i].rec.Problems = append(problems, outs[i].rec.Problems...)
				break
			}
		}
		d.queue = outs
	}
}

// Helpers for reading loosely typed JSON values.

// jstr reads a string or a number as text, white space collapsed; ""
// for anything else.
func jstr(raw json.RawMessage) string {
	return collapseSpace(firstString(bytes.TrimSpace(raw)))
}

// jstrs reads a string, or a list of strings, as texts.
func jstrs(raw json.RawMessage) []string {
	var out []string
	for _, s := range jsonStrings(raw) {
		if s = collapseSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// jint reads a number, or a string holding one, as an int; 0 when it is
// neither.
func jint(raw json.RawMessage) int {
	s := strings.TrimSpace(firstString(raw))
	if f, err := strconv.ParseFloat(s, 64); err == nil && f > -1e9 && f < 1e9 {
		return int(f)
	}
	return 0
}

// jget returns the value of the first key that obj has, matched without
// regard to case (Semantic Scholar's datasets write corpusid where its
// API writes corpusId).
func jget(obj jsonObj, keys ...string) json.RawMessage {
	for _, k := range keys {
		if v, ok := obj[k]; ok {
			return v
		}
	}
	for _, k := range keys {
		for have, v := range obj {
			if strings.EqualFold(have, k) {
				return v
			}
		}
	}
	return nil
}

// jobjs reads a list of objects; items that are not objects are passed
// over.
func jobjs(raw json.RawMessage) []jsonObj {
	var out []jsonObj
	for _, e := range jsonList(raw) {
		if o := jsonObject(e); o != nil {
			out = append(out, o)
		}
	}
	return out
}

// usedSet makes a set of key names.
func usedSet(keys ...string) map[string]bool {
	m := make(map[string]bool, len(keys))
	for _, k := range keys {
		m[k] = true
	}
	return m
}

// codeKeywords moves the keywords that are MSC codes ("35J20", as
// zbMATH's exports and some reference managers list them among keywords)
// to the record's codes, and keeps the others.
func codeKeywords(r *Record, keywords []string) {
	var codes []string
	for _, k := range keywords {
		k = strings.TrimSpace(k)
		if k == "" {
			continue
		}
		if code, ok := NormalizeCode(k); ok && len(k) == 5 {
			codes = append(codes, code)
			continue
		}
		r.Keywords = append(r.Keywords, k)
	}
	r.addCodes(codes)
}

// dedupeLists drops repeated keywords, categories and identifiers, the
// first kept: the readers append what the source lists, and check for
// repeats once, so that a record listing thousands costs no more than
// its length.
func dedupeLists(r *Record) {
	for _, l := range []*[]string{&r.Keywords, &r.Categories, &r.Identifiers} {
		if len(*l) < 2 {
			continue
		}
		seen := make(map[string]bool, len(*l))
		out := (*l)[:0]
		for _, s := range *l {
			if !seen[s] {
				seen[s] = true
				out = append(out, s)
			}
		}
		*l = out
	}
}
