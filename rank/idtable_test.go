package rank

import (
	"fmt"
	"strings"
	"testing"
)

func TestIDTable(t *testing.T) {
	for _, n := range []int{0, 1, 2, 3, 1000} {
		ids := make([]string, n)
		for d := range ids {
			ids[d] = fmt.Sprintf("talk-%04x", d*7919)
		}
		id := func(d int) string { return ids[d] }
		tab, err := newIDTable(n, id)
		if err != nil {
			t.Fatal(err)
		}
		for d, s := range ids {
			if got, ok := tab.find(s, id); !ok || int(got) != d {
				t.Fatalf("n=%d: find(%q) = %d, %v; want %d", n, s, got, ok, d)
			}
		}
		for _, s := range []string{"", "talk-", "talk-0001", "talk-0000 "} {
			if got, ok := tab.find(s, id); ok {
				t.Errorf("n=%d: find(%q) = %d, an id no document has", n, s, got)
			}
		}
	}
	var zero idTable
	if _, ok := zero.find("a", nil); ok {
		t.Error("an empty table found an id")
	}
}

func TestIDTableDuplicates(t *testing.T) {
	ids := []string{"a", "b", "a", "c", "b"}
	id := func(d int) string { return ids[d] }
	tab, err := newIDTable(len(ids), id)
	if err == nil || !strings.Contains(err.Error(), `duplicate id "a"`) {
		t.Errorf("error %v, want the first id given twice named", err)
	}
	for s, want := range map[string]int32{"a": 0, "b": 1, "c": 3} {
		if got, ok := tab.find(s, id); !ok || got != want {
			t.Errorf("find(%q) = %d, %v; want the first document, %d", s, got, ok, want)
		}
	}
}
