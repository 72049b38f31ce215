package rank

import (
	"fmt"
	"hash/maphash"
)

// idTable finds a document by its id: open addressing over document
// numbers, the ids themselves read from the records. A map from ids
// held a string header per document for the collector to scan, and was
// 8% of a process that opens a 100k-record index file and answers one
// query. A slot holds a document number and 32 bits of its id's hash,
// so that a probe reads another document's id (a cache miss, in a
// mapped file) only when the hashes agree.
type idTable struct {
	seed  maphash.Seed
	slots []uint64 // hash<<32 | document number + 1; 0 is an empty slot
}

// newIDTable indexes the n ids that id gives. An id given twice is an
// error, and the table keeps its first document.
func newIDTable(n int, id func(int) string) (idTable, error) {
	size := 1
	for size < 2*n {
		size *= 2
	}
	t := idTable{seed: maphash.MakeSeed(), slots: make([]uint64, size)}
	var err error
	for d := range n {
		s := id(d)
		h := maphash.String(t.seed, s)
		j, found := t.probe(s, h, id)
		if found {
			if err == nil {
				err = fmt.Errorf("rank: duplicate id %q", s)
			}
			continue
		}
		t.slots[j] = h>>32<<32 | uint64(d+1)
	}
	return t, err
}

// probe returns the slot of s, whose hash is h: the one that holds it
// (found), else the empty slot where it would go.
func (t *idTable) probe(s string, h uint64, id func(int) string) (j uint64, found bool) {
	mask := uint64(len(t.slots) - 1)
	for j = h & mask; ; j = (j + 1) & mask {
		x := t.slots[j]
		if x == 0 {
			return j, false
		}
		if x>>32 == h>>32 && id(int(uint32(x)-1)) == s {
			return j, true
		}
	}
}

// find returns the document of an id.
func (t *idTable) find(s string, id func(int) string) (int32, bool) {
	if len(t.slots) == 0 {
		return 0, false
	}
	j, found := t.probe(s, maphash.String(t.seed, s), id)
	return int32(uint32(t.slots[j])) - 1, found
}
