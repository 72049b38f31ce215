package rank

import (
	"math"
	"slices"
	"sort"

	"github.com/related/related/corpus"
)

// refIndex holds the reference lists of the documents as sparse vectors
// over cited works, for bibliographic coupling: two documents that cite
// the same works are related, the more so the rarer the works.
//
// A cited work is known by one or more keys (corpus.ReferenceKeys: a DOI,
// a zbMATH id, a citation's surname-year-title key); keys named together
// in one reference string, or as one record's own identifiers, are the
// same work, merged with a union-find. Each document's vector holds the
// works it cites and its own identity, so that a document citing another
// shares a work with it (direct citation counts as coupling). Weights are
// idf, ln((1+n)/(1+df)) + 1, over the documents having the work; vectors
// are L2-normalised, so the similarity of two documents is the cosine of
// their vectors, in [0,1].
type refIndex struct {
	vecs  [][]refWeight // per document, sorted by work
	works [][]int32     // per work: the documents having it, ascending
	names [][]string    // per work: its keys, for explanations
	any   []bool        // per document: shares a work with another document
}

type refWeight struct {
	work int32
	w    float64
}

// buildRefIndex reads the records' references and identifiers.
func buildRefIndex(records RecordSource) *refIndex {
	n := records.Len()
	uf := newUnionFind()
	self := make([]int32, n) // the document's own work, or -1
	cites := make([][]int32, n)
	for d := range n {
		r := records.Keys(d)
		var own []string
		own = append(own, corpus.ReferenceKeys(r.ID)...)
		for _, id := range r.Identifiers {
			own = append(own, corpus.ReferenceKeys(id)...)
		}
		self[d] = uf.group(own)
		for _, ref := range r.References {
			if w := uf.group(corpus.ReferenceKeys(ref)); w >= 0 {
				cites[d] = append(cites[d], w)
			}
		}
	}
	// Canonical work numbers, dense, after all merges.
	canon := map[int32]int32{}
	work := func(k int32) int32 {
		root := uf.find(k)
		c, ok := canon[root]
		if !ok {
			c = int32(len(canon))
			canon[root] = c
		}
		return c
	}
	ix := &refIndex{vecs: make([][]refWeight, n), any: make([]bool, n)}
	docWorks := make([][]int32, n)
	for d := range n {
		var ws []int32
		for _, k := range cites[d] {
			ws = append(ws, work(k))
		}
		if self[d] >= 0 {
			ws = append(ws, work(self[d]))
		}
		slices.Sort(ws)
		docWorks[d] = slices.Compact(ws)
	}
	ix.works = make([][]int32, len(canon))
	for d, ws := range docWorks {
		for _, w := range ws {
			ix.works[w] = append(ix.works[w], int32(d))
		}
	}
	ix.names = make([][]string, len(canon))
	for key, k := range uf.ids {
		w := work(k)
		ix.names[w] = append(ix.names[w], key)
	}
	for _, n := range ix.names {
		sort.Strings(n)
	}
	docs := float64(n)
	for d, ws := range docWorks {
		v := make([]refWeight, len(ws))
		var norm float64
		for i, w := range ws {
			df := float64(len(ix.works[w]))
			x := math.Log((1+docs)/(1+df)) + 1
			v[i] = refWeight{w, x}
			norm += x * x
			if df > 1 {
				ix.any[d] = true
			}
		}
		norm = math.Sqrt(norm)
		for i := range v {
			v[i].w /= norm
		}
		ix.vecs[d] = v
	}
	return ix
}

// similarity is the cosine of two documents' reference vectors.
func (ix *refIndex) similarity(a, b int) float64 {
	var s float64
	eachShared(ix.vecs[a], ix.vecs[b], func(x, y refWeight) { s += x.w * y.w })
	return s
}

// eachShared calls f with the two entries of each work that both vectors
// (sorted by work) have, in work order.
func eachShared(va, vb []refWeight, f func(x, y refWeight)) {
	i, j := 0, 0
	for i < len(va) && j < len(vb) {
		switch {
		case va[i].work < vb[j].work:
			i++
		case va[i].work > vb[j].work:
			j++
		default:
			f(va[i], vb[j])
			i++
			j++
		}
	}
}

// shared lists the works two documents have in common, by their first
// key, the rarest first.
func (ix *refIndex) shared(a, b int) []string {
	type sw struct {
		name string
		df   int
	}
	var out []sw
	eachShared(ix.vecs[a], ix.vecs[b], func(x, _ refWeight) {
		out = append(out, sw{ix.names[x.work][0], len(ix.works[x.work])})
	})
	sort.Slice(out, func(x, y int) bool {
		if out[x].df != out[y].df {
			return out[x].df < out[y].df
		}
		return out[x].name < out[y].name
	})
	names := make([]string, len(out))
	for k, s := range out {
		names[k] = s.name
	}
	return names
}

// unionFind merges keys naming the same work.
type unionFind struct {
	ids    map[string]int32
	parent []int32
}

func newUnionFind() *unionFind { return &unionFind{ids: map[string]int32{}} }

func (u *unionFind) id(key string) int32 {
	if i, ok := u.ids[key]; ok {
		return i
	}
	i := int32(len(u.parent))
	u.ids[key] = i
	u.parent = append(u.parent, i)
	return i
}

func (u *unionFind) find(i int32) int32 {
	for u.parent[i] != i {
		u.parent[i] = u.parent[u.parent[i]]
		i = u.parent[i]
	}
	return i
}

// group merges keys into one work and returns it; -1 for no keys.
func (u *unionFind) group(keys []string) int32 {
	if len(keys) == 0 {
		return -1
	}
	first := u.find(u.id(keys[0]))
	for _, k := range keys[1:] {
		if r := u.find(u.id(k)); r != first {
			u.parent[r] = first
		}
	}
	return first
}
