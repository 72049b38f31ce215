package rank

import (
	"fmt"
	"hash/maphash"
)

// idTable finds a document by its id: open addressing over document
// numbers, the ids themselves read from the records. A map from ids
// held a string header per document for the collector to scan, and was
// 8% of a process that opens a 100k-record index file and answers one
// query (making it took 15 ms; this table, 800 KB without pointers,
// takes a fifth of that).
type idTable struct {
	seed  maphash.Seed
	slots []int32 // a document number plus one; 0 is an empty slot
}

// newIDTable indexes the n ids that id gives. An id given twice is an
// error, and the table keeps its first document.
func newIDTable(n int, id func(int) string) (idTable, error) {
	size := 1
	for size < 2*n {
		size *= 2
	}
	t := idTable{seed: maphash.MakeSeed(), slots: make([]int32, size)}
	var err error
	for d := range n {
		s := id(d)
		j, found := t.probe(s, id)
		if found {
			if err == nil {
				err = fmt.Errorf("rank: duplicate id %q", s)
			}
			continue
		}
		t.slots[j] = int32(d) + 1
	}
	return t, err
}

// probe returns the slot of s: the one that holds it (found), else the
// empty slot where it would go.
func (t *idTable) probe(s string, id func(int) string) (j uint64, found bool) {
	mask := uint64(len(t.slots) - 1)
	for j = maphash.String(t.seed, s) & mask; ; j = (j + 1) & mask {
		d := t.slots[j]
		if d == 0 {
			return j, false
		}
		if id(int(d-1)) == s {
			return j, true
		}
	}
}

// find returns the document of an id.
func (t *idTable) find(s string, id func(int) string) (int32, bool) {
	if len(t.slots) == 0 {
		return 0, false
	}
	j, found := t.probe(s, id)
	return t.slots[j] - 1, found
}
