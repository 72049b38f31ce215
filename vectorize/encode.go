package vectorize

import (
	"encoding/binary"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/related/related/corpus"
	"github.com/related/related/internal/sections"
)

// A space is stored in an index file (package indexfile) as a header,
// which the file keeps in its meta section, and these sections:
//
//	vocab          T entries in id order: the term (uvarint length, bytes),
//	               uvarint number of surface forms, each: word, uvarint count
//	vocab.starts   (T+1) × int64: entry t is vocab[starts[t]:starts[t+1]]
//	vocab.order    T × int32: the term ids in byte order of the terms, for
//	               looking terms up by binary search without building a map
//	df             T × int32 document frequencies
//	doc.languages  N × uint8: each document's language, an index into the
//	               header's Languages
//	doc.starts     (N+1) × int64: document d's terms are entries
//	               [starts[d], starts[d+1]) of the next three sections
//	doc.terms      E × int32 term ids, ascending within a document
//	doc.weights    E × float64 normalised weights (the vectors)
//	doc.counts     E × float64 raw weighted counts (the bags), from which
//	               Update recomputes every weight
//
// vocab.starts and vocab.order may be missing (files of format 1): they
// are then rebuilt from vocab. Everything proportional to the number of
// terms or documents is read and checked when the space is decoded; the
// three sections proportional to the number of entries are used in place
// and checked where they are used (see DecodeSpace).
const (
	secVocab       = "vocab"
	secVocabStarts = "vocab.starts"
	secVocabOrder  = "vocab.order"
	secDF          = "df"
	secLanguages   = "doc.languages"
	secDocStarts   = "doc.starts"
	secDocTerms    = "doc.terms"
	secDocWeights  = "doc.weights"
	secDocCounts   = "doc.counts"
)

// SpaceHeader is what an index file stores of a space beside its
// sections: counts and configuration. The JSON names are the stored names.
type SpaceHeader struct {
	Docs      int       `json:"docs"`
	Terms     int       `json:"terms"`
	Entries   int64     `json:"entries"`
	AvgLen    float64   `json:"avg_len"`
	Options   Options   `json:"options"`
	Weighting Weighting `json:"weighting"`
	// Languages names the languages doc.languages refers to.
	Languages []string `json:"languages"`
}

// Encode writes the space's sections and returns its header. The space
// must have its bags (counts): built in memory, or decoded from a file
// that has them.
func (s *Space) Encode(w sections.Writer) (SpaceHeader, error) {
	s.loadBags()
	n := len(s.Vectors)
	if len(s.bags) != n || len(s.Languages) != n {
		return SpaceHeader{}, errors.New("vectorize: the space has no bags (term counts) to store")
	}
	nTerms := s.Vocab.Len()
	if len(s.Model.DF) != nTerms {
		return SpaceHeader{}, fmt.Errorf("vectorize: model has %d terms, vocabulary %d", len(s.Model.DF), nTerms)
	}
	h := SpaceHeader{Docs: n, Terms: nTerms, AvgLen: s.Model.AvgLen, Options: s.Analyzer.Options(), Weighting: s.Model.Weighting}

	langIdx := map[string]uint8{}
	langs := make([]uint8, n)
	for d, l := range s.Languages {
		i, ok := langIdx[l]
		if !ok {
			if len(h.Languages) == 256 {
				return SpaceHeader{}, errors.New("vectorize: more than 256 languages")
			}
			i = uint8(len(h.Languages))
			langIdx[l] = i
			h.Languages = append(h.Languages, l)
		}
		langs[d] = i
	}
	docStarts := make([]int64, n+1)
	for d := range n {
		b, v := s.bags[d], s.Vectors[d]
		if !sameTerms(b.Terms, v.Terms) || len(b.Counts) != len(b.Terms) || len(v.Weights) != len(v.Terms) {
			return SpaceHeader{}, fmt.Errorf("vectorize: document %d: vector and bag have different terms", d)
		}
		// Checked here because a space decoded without Strict has not
		// checked them: a file rewritten from it must not carry damage on
		// under fresh checksums.
		if !TermsInOrder(b.Terms, nTerms) {
			return SpaceHeader{}, fmt.Errorf("vectorize: document %d: term ids out of range or order", d)
		}
		docStarts[d+1] = docStarts[d] + int64(len(b.Terms))
	}
	h.Entries = docStarts[n]

	var buf []byte
	vw := w.Section(secVocab)
	starts := make([]int64, nTerms+1)
	for t := range int32(nTerms) {
		buf = sections.AppendString(buf[:0], s.Vocab.Term(t))
		forms := s.Vocab.forms(t)
		buf = binary.AppendUvarint(buf, uint64(len(forms)))
		for _, f := range forms {
			buf = sections.AppendString(buf, f.word)
			buf = binary.AppendUvarint(buf, uint64(f.count))
		}
		if _, err := vw.Write(buf); err != nil {
			return SpaceHeader{}, err
		}
		starts[t+1] = starts[t] + int64(len(buf))
	}
	order := make([]int32, nTerms)
	for i := range order {
		order[i] = int32(i)
	}
	slices.SortFunc(order, func(a, b int32) int { return strings.Compare(s.Vocab.Term(a), s.Vocab.Term(b)) })

	err := errors.Join(
		sections.WriteArray(w.Section(secVocabStarts), starts),
		sections.WriteArray(w.Section(secVocabOrder), order),
		sections.WriteArray(w.Section(secDF), s.Model.DF),
		sections.WriteArray(w.Section(secLanguages), langs),
		sections.WriteArray(w.Section(secDocStarts), docStarts),
	)
	if err != nil {
		return SpaceHeader{}, err
	}
	sw := w.Section(secDocTerms)
	for _, b := range s.bags {
		if err := sections.WriteArray(sw, b.Terms); err != nil {
			return SpaceHeader{}, err
		}
	}
	sw = w.Section(secDocWeights)
	for _, v := range s.Vectors {
		if err := sections.WriteArray(sw, v.Weights); err != nil {
			return SpaceHeader{}, err
		}
	}
	sw = w.Section(secDocCounts)
	for _, b := range s.bags {
		if err := sections.WriteArray(sw, b.Counts); err != nil {
			return SpaceHeader{}, err
		}
	}
	return h, nil
}

// sameTerms is slices.Equal, without reading the two when they are the
// same memory (vectors share their bags' terms), which a space used in
// place from a file would otherwise have to page in twice.
func sameTerms(a, b []int32) bool {
	if len(a) == len(b) && (len(a) == 0 || &a[0] == &b[0]) {
		return true
	}
	return slices.Equal(a, b)
}

// DecodeSpace rebuilds a space from its header and sections. The
// sections proportional to terms or documents are read and checked now;
// the three proportional to entries (doc.terms, doc.weights, doc.counts)
// are used in place: unless r is Strict, their term ids are not checked
// here, and the code that reads vectors must not index by them without a
// bound check (Vocabulary's methods, Model.Weigh and the searches in
// package rank have one). The space keeps references to the sections'
// memory.
func DecodeSpace(h SpaceHeader, r sections.Reader) (*Space, error) {
	if err := h.Weighting.Validate(); err != nil {
		return nil, sections.Errorf("meta", "%v", err)
	}
	n, nTerms, nEnt := h.Docs, h.Terms, h.Entries
	if n < 0 || nTerms < 0 || nEnt < 0 || nTerms > 1<<31-1 {
		return nil, sections.Errorf("meta", "impossible counts")
	}
	vocab, err := decodeVocabulary(r, nTerms)
	if err != nil {
		return nil, err
	}

	get := func(read func(string) ([]byte, bool, error), name string) []byte {
		if err != nil {
			return nil
		}
		var b []byte
		b, err = sections.Required(read, name)
		return b
	}
	dfB := get(r.Read, secDF)
	langB := get(r.Read, secLanguages)
	dsB := get(r.Read, secDocStarts)
	dtB := get(r.Map, secDocTerms)
	dwB := get(r.Map, secDocWeights)
	if err != nil {
		return nil, err
	}
	dcB, hasCounts, err := r.Map(secDocCounts)
	if err != nil {
		return nil, err
	}
	df, err := sections.View[int32](secDF, dfB, int64(nTerms))
	if err != nil {
		return nil, err
	}
	if len(langB) != n {
		return nil, sections.Errorf(secLanguages, "has %d bytes, want %d", len(langB), n)
	}
	docStarts, err := sections.View[int64](secDocStarts, dsB, int64(n)+1)
	if err != nil {
		return nil, err
	}
	if err := sections.Starts(secDocStarts, docStarts, n, nEnt); err != nil {
		return nil, err
	}
	docTerms, err := sections.View[int32](secDocTerms, dtB, nEnt)
	if err != nil {
		return nil, err
	}
	docWeights, err := sections.View[float64](secDocWeights, dwB, nEnt)
	if err != nil {
		return nil, err
	}
	var docCounts []float64
	if hasCounts {
		if docCounts, err = sections.View[float64](secDocCounts, dcB, nEnt); err != nil {
			return nil, err
		}
	}

	langs := make([]string, n)
	for d, l := range langB {
		if int(l) >= len(h.Languages) {
			return nil, sections.Errorf(secLanguages, "document %d has language %d of %d", d, l, len(h.Languages))
		}
		langs[d] = h.Languages[l]
	}
	strict := r.Strict()
	vectors := make([]Vector, n)
	for d := range n {
		lo, hi := docStarts[d], docStarts[d+1]
		ts := docTerms[lo:hi:hi]
		if strict && !TermsInOrder(ts, nTerms) {
			return nil, sections.Errorf(secDocTerms, "document %d: term ids out of range or order", d)
		}
		vectors[d] = Vector{Terms: ts, Weights: docWeights[lo:hi:hi]}
	}
	s := &Space{
		Analyzer:  NewAnalyzer(h.Options),
		Vocab:     vocab,
		Languages: langs,
		Model:     newModelFromDF(df, n, h.AvgLen, vocab, h.Weighting),
		Vectors:   vectors,
	}
	if hasCounts {
		s.fileCounts, s.fileStarts = docCounts, docStarts
	}
	return s, nil
}

// Len is the number of documents: analysed (AddRecords), weighed
// (Reweigh) or read from a file.
func (s *Space) Len() int { return max(len(s.bags), len(s.Vectors)) }

// loadBags makes the bags of a space read from an index file, which
// queries never need: only Encode, Update and Reweigh.
func (s *Space) loadBags() {
	s.bagsOnce.Do(func() {
		if s.bags != nil || s.fileStarts == nil {
			return
		}
		s.bags = make([]Bag, len(s.Vectors))
		for d := range s.bags {
			lo, hi := s.fileStarts[d], s.fileStarts[d+1]
			s.bags[d] = Bag{Terms: s.Vectors[d].Terms, Counts: s.fileCounts[lo:hi:hi]}
		}
	})
}

// frozenVocab is a vocabulary as stored: read in place, never grown.
type frozenVocab struct {
	data   []byte
	starts []int64 // T+1, checked
	order  []int32 // a permutation of the ids, in term order, checked
}

// decodeVocabulary reads the vocabulary sections and checks the entries'
// offsets, which is all its lookups need to stay in bounds whatever the
// bytes, and that order is a permutation of the ids. When r is Strict (or
// the offsets must be rebuilt), it also checks that every entry parses
// within its bounds with a surface form, and that order sorts the terms,
// none twice (a few milliseconds at 100k terms).
func decodeVocabulary(r sections.Reader, nTerms int) (*Vocabulary, error) {
	data, err := sections.Required(r.Read, secVocab)
	if err != nil {
		return nil, err
	}
	sb, hasStarts, err := r.Read(secVocabStarts)
	if err != nil {
		return nil, err
	}
	ob, hasOrder, err := r.Read(secVocabOrder)
	if err != nil {
		return nil, err
	}
	f := &frozenVocab{data: data}
	if hasStarts {
		if f.starts, err = sections.View[int64](secVocabStarts, sb, int64(nTerms)+1); err != nil {
			return nil, err
		}
		if err := sections.Starts(secVocabStarts, f.starts, nTerms, int64(len(data))); err != nil {
			return nil, err
		}
	} else {
		if int64(nTerms) > int64(len(data))/3 { // an entry has at least three bytes
			return nil, sections.Errorf(secVocab, "too short for %d terms", nTerms)
		}
		f.starts = make([]int64, nTerms+1)
	}
	strict := r.Strict()
	d := &sections.Decoder{B: data}
	for t := range nTerms {
		if hasStarts && !strict {
			break
		}
		if hasStarts {
			d.Off = int(f.starts[t])
			d.B = data[:f.starts[t+1]]
		}
		d.Str()
		nf := d.Count(2)
		if d.Err == nil && nf == 0 {
			d.Fail("term without a surface form")
		}
		for range nf {
			d.Str()
			d.Uvarint()
		}
		if d.Err == nil && hasStarts && d.Off != len(d.B) {
			d.Fail("entry longer than its bytes")
		}
		if d.Err != nil {
			return nil, sections.Errorf(secVocab, "term %d: %v", t, d.Err)
		}
		if !hasStarts {
			f.starts[t+1] = int64(d.Off)
		}
	}
	if !hasStarts && d.Off != len(data) {
		return nil, sections.Errorf(secVocab, "%d bytes left after %d terms", len(data)-d.Off, nTerms)
	}
	if hasOrder {
		if f.order, err = sections.View[int32](secVocabOrder, ob, int64(nTerms)); err != nil {
			return nil, err
		}
		seen := make([]bool, nTerms)
		for _, id := range f.order {
			if id < 0 || int(id) >= nTerms || seen[id] {
				return nil, sections.Errorf(secVocabOrder, "not a permutation of the term ids")
			}
			seen[id] = true
		}
		if !strict {
			return &Vocabulary{frozen: f}, nil
		}
	} else {
		f.order = make([]int32, nTerms)
		for i := range f.order {
			f.order[i] = int32(i)
		}
		slices.SortFunc(f.order, func(a, b int32) int { return strings.Compare(f.term(a), f.term(b)) })
	}
	for i := 1; i < len(f.order); i++ {
		if f.term(f.order[i-1]) >= f.term(f.order[i]) {
			return nil, sections.Errorf(secVocabOrder, "terms out of order or given twice (%q)", f.term(f.order[i]))
		}
	}
	return &Vocabulary{frozen: f}, nil
}

func (f *frozenVocab) len() int { return len(f.order) }

// entry returns a decoder on term id's entry, or false for an id out of
// range (from a damaged document vector: an empty term, not a panic).
func (f *frozenVocab) entry(id int32) (sections.Decoder, bool) {
	if id < 0 || int(id) >= len(f.order) {
		return sections.Decoder{}, false
	}
	return sections.Decoder{B: f.data[:f.starts[id+1]], Off: int(f.starts[id])}, true
}

func (f *frozenVocab) term(id int32) string {
	d, ok := f.entry(id)
	if !ok {
		return ""
	}
	return d.Str()
}

func (f *frozenVocab) forms(id int32) []wordCount {
	d, ok := f.entry(id)
	if !ok {
		return nil
	}
	d.Str()
	out := make([]wordCount, d.Count(2))
	for i := range out {
		out[i] = wordCount{word: d.Str(), count: int32(d.Uvarint())}
	}
	return out
}

func (f *frozenVocab) id(term string) (int32, bool) {
	i, found := slices.BinarySearchFunc(f.order, term, func(id int32, t string) int { return strings.Compare(f.term(id), t) })
	if !found {
		return 0, false
	}
	return f.order[i], true
}

// clone returns a growable copy of the vocabulary that shares no memory
// with it (a frozen vocabulary lives in a file's mapping).
func (v *Vocabulary) clone() *Vocabulary {
	n := v.Len()
	out := &Vocabulary{terms: make([]string, n), ids: make(map[string]int32, n), words: make([][]wordCount, n)}
	for t := range int32(n) {
		term := strings.Clone(v.Term(t))
		out.terms[t] = term
		out.ids[term] = t
		forms := v.forms(t)
		ws := make([]wordCount, len(forms))
		for i, f := range forms {
			w := term
			if f.word != term {
				w = strings.Clone(f.word)
			}
			ws[i] = wordCount{w, f.count}
		}
		out.words[t] = ws
	}
	return out
}

// Update returns a new space holding s's documents and the records,
// analysed: records[i] takes the place of document at[i] when at[i] ≥ 0,
// and is appended otherwise, in order. Only the records are analysed;
// document frequencies, idf and every weight are recomputed with s's
// weighting. The vocabulary keeps the terms of replaced documents (with
// df 0 when nothing else has them).
//
// s is not modified, and the new space shares no memory with it: s may
// live in an index file's mapping, released when s is no longer used.
// s must have its bags.
func (s *Space) Update(records []corpus.Record, at []int) (*Space, error) {
	s.loadBags()
	n := len(s.Vectors)
	if len(s.bags) != n {
		return nil, errors.New("vectorize: the space has no bags (term counts), needed to add records")
	}
	if len(at) != len(records) {
		return nil, errors.New("vectorize: Update needs one place per record")
	}
	taken := map[int]bool{}
	for _, d := range at {
		if d >= n || (d >= 0 && taken[d]) {
			return nil, fmt.Errorf("vectorize: Update: bad or repeated place %d", d)
		}
		taken[d] = true
	}
	ns := &Space{Analyzer: s.Analyzer, Vocab: s.Vocab.clone(),
		bags: make([]Bag, n, n+len(records)), Languages: make([]string, n, n+len(records))}
	for d, b := range s.bags {
		ns.bags[d] = Bag{Terms: slices.Clone(b.Terms), Counts: slices.Clone(b.Counts)}
		ns.Languages[d] = strings.Clone(s.Languages[d])
	}
	ns.AddRecords(records)
	keep := n
	for i, d := range at {
		if d < 0 {
			d = keep
			keep++
		}
		ns.bags[d] = ns.bags[n+i]
		ns.Languages[d] = ns.Languages[n+i]
	}
	ns.bags = ns.bags[:keep:keep]
	ns.Languages = ns.Languages[:keep:keep]
	ns.Reweigh(s.Model.Weighting)
	return ns, nil
}
