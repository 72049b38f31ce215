package corpus

import (
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"strings"
)

// Ids of works read from the APIs and reference managers (arXiv Atom,
// OpenAlex, Crossref, CSL-JSON, RIS, Semantic Scholar): one paper read from
// two sources gets one id where an identifier allows it.
//
//   - An arXiv identifier, wherever the source gives it (the arXiv id
//     itself, an arxiv.org/abs/ URL, arXiv's DOI 10.48550/arXiv.*), makes
//     the id "arXiv:" and the identifier without its version
//     ("arXiv:2101.00001"), as the OAI, .abs and Kaggle readers write it.
//   - Else a DOI makes it "doi:" and the DOI in lower case (DOIs are
//     case-insensitive), without resolver prefix ("doi:10.1007/bf01390325").
//   - Else the source's own id, prefixed: "openalex:W2741809807",
//     "s2:649def34f8be52c8b66281af98ae884c09aef38b", or, for a reference
//     manager, the item's citation key as the BibTeX reader keeps it.
//
// The identifiers that did not become the id go to Record.Identifiers,
// prefixed the same way, so that references can be matched whatever
// source wrote them (see ReferenceKeys).
type workIDs struct {
	arxiv string   // "arXiv:2101.00001"
	doi   string   // "doi:10.1007/bf01390325", the first DOI given
	own   string   // the source's own id, prefixed
	other []string // further identifiers, prefixed
}

// arxivIDShape is an arXiv identifier: 2101.00001 (from 2007) or
// math/0202001 (before), with an optional version.
var arxivIDShape = regexp.MustCompile(`^(?:\d{4}\.\d{4,5}|[a-z][a-z-]*(?:\.[A-Za-z]{2})?/\d{7})(?:v\d+)?$`)

// arxivInText finds an arXiv identifier in a URL, a DOI or a note:
// "https://arxiv.org/abs/2101.00001v2", "arxiv.org/pdf/2101.00001v1",
// "10.48550/arXiv.2101.00001", "arXiv:2101.00001 [math.AP]".
var arxivInText = regexp.MustCompile(`(?i)(?:arxiv\.org/(?:abs|pdf)/|10\.48550/arxiv\.|\barxiv:\s*)(\d{4}\.\d{4,5}|[a-z][a-z-]*(?:\.[a-z]{2})?/\d{7})(?:v\d+)?`)

// arXivFromText returns the "arXiv:" id named in s, or "".
func arXivFromText(s string) string {
	if m := arxivInText.FindStringSubmatch(s); m != nil {
		return arXivID(m[1])
	}
	return ""
}

// normDOI returns a DOI without resolver prefix, in lower case, or "" when
// s is not a DOI ("10." and a "/").
func normDOI(s string) string {
	s = strings.TrimSpace(s)
	l := strings.ToLower(s)
	for _, p := range []string{"https://doi.org/", "http://doi.org/", "https://dx.doi.org/", "http://dx.doi.org/", "doi.org/", "doi:", "info:doi/"} {
		if strings.HasPrefix(l, p) {
			l = strings.TrimSpace(l[len(p):])
			break
		}
	}
	if !strings.HasPrefix(l, "10.") || !strings.Contains(l, "/") || strings.ContainsAny(l, " \t\n") {
		return ""
	}
	return l
}

// addArXiv records an arXiv identifier given bare or in any of the forms
// arXivFromText reads; it reports whether s was one.
func (w *workIDs) addArXiv(s string) bool {
	s = strings.TrimSpace(s)
	id := ""
	if bare := strings.TrimPrefix(strings.TrimPrefix(s, "arXiv:"), "arxiv:"); arxivIDShape.MatchString(bare) {
		id = arXivID(bare)
	} else {
		id = arXivFromText(s)
	}
	if id == "" {
		return false
	}
	if w.arxiv == "" {
		w.arxiv = id
	} else if id != w.arxiv {
		w.addOther(id)
	}
	return true
}

// addDOI records a DOI; arXiv's own DOIs give the arXiv id too.
func (w *workIDs) addDOI(s string) {
	d := normDOI(s)
	if d == "" {
		return
	}
	if strings.HasPrefix(d, "10.48550/arxiv.") {
		w.addArXiv(d)
	}
	if w.doi == "" {
		w.doi = "doi:" + d
	} else if "doi:"+d != w.doi {
		w.addOther("doi:" + d)
	}
}

// addOther records an identifier that is not an arXiv id or a DOI.
func (w *workIDs) addOther(id string) {
	if id = strings.TrimSpace(id); id != "" && !slices.Contains(w.other, id) {
		w.other = append(w.other, id)
	}
}

// apply gives the record its id (the arXiv id, else the DOI, else the
// source's own) and the other identifiers.
func (w *workIDs) apply(r *Record) {
	var all []string
	for _, id := range append([]string{w.arxiv, w.doi, w.own}, w.other...) {
		if id != "" && !slices.Contains(all, id) {
			all = append(all, id)
		}
	}
	if len(all) == 0 {
		return
	}
	r.ID = all[0]
	for _, id := range all[1:] {
		r.Identifiers = appendNew(r.Identifiers, id)
	}
}

// unkept reports, once per file, the fields of a source that a Record has
// no place for.
type unkept struct {
	seen map[string]bool
}

// note puts on r one warning listing the names not listed before in this
// file.
func (u *unkept) note(r *Record, names ...string) {
	var fresh []string
	for _, n := range names {
		if n == "" || u.seen[n] {
			continue
		}
		if u.seen == nil {
			u.seen = map[string]bool{}
		}
		u.seen[n] = true
		fresh = append(fresh, n)
	}
	if len(fresh) == 0 {
		return
	}
	slices.Sort(fresh)
	r.Problems = append(r.Problems, problemf(ErrNotKept, "fields not kept (no place in the record; listed once per file): %s", strings.Join(fresh, ", ")))
}

// unusedKeys returns the keys of a JSON object that used does not name
// and whose value is not empty (null, "", 0, false, [] or {}).
func unusedKeys(obj map[string]json.RawMessage, used map[string]bool) []string {
	var out []string
	for k, v := range obj {
		if used[k] || emptyJSON(v) {
			continue
		}
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// emptyJSON reports whether a JSON value carries nothing.
func emptyJSON(v json.RawMessage) bool {
	s := strings.TrimSpace(string(v))
	switch s {
	case "", "null", `""`, "0", "false", "[]", "{}":
		return true
	}
	if len(s) > 1 && (s[0] == '[' || s[0] == '{') {
		inner := strings.TrimSpace(s[1 : len(s)-1])
		return inner == ""
	}
	return false
}

// joinName writes a person given as parts ("Jane", "Doe", suffix "Jr.")
// as "Jane Doe, Jr.", the way the arXiv readers write names, with TeX
// accents decoded.
func joinName(given, family, suffix string) string {
	name := authorName(strings.TrimSpace(given + " " + family))
	if s := strings.TrimSpace(suffix); s != "" && name != "" {
		name += ", " + s
	}
	return name
}

// plural is "s" when n is not 1, for messages.
func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// describeKeys lists a few of an object's keys for messages.
func describeKeys(keys []string) string {
	slices.Sort(keys)
	if len(keys) > 8 {
		return fmt.Sprintf("%s ... (%d keys)", strings.Join(keys[:8], ", "), len(keys))
	}
	return strings.Join(keys, ", ")
}
