package vectorize

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
)

// TestSessionWords runs a session over many records of words drawn from
// a large Zipfian vocabulary, so that its word index grows, evicts the
// words of old records and is emptied between records: within a record,
// each lower-cased word has one index, and its entry is its own.
func TestSessionWords(t *testing.T) {
	an := NewAnalyzer(DefaultOptions())
	rng := rand.New(rand.NewPCG(1, 2))
	zipf := rand.NewZipf(rand.New(rand.NewPCG(3, 4)), 1.1, 1, 60000)
	word := func() string {
		w := fmt.Sprintf("w%d", zipf.Uint64())
		if rng.IntN(5) == 0 {
			w = strings.ToUpper(w[:1]) + w[1:]
		}
		return w
	}
	s := an.session()
	defer an.release(s)
	for rec := range 3000 {
		s.reset()
		n := 50
		if rec%500 == 499 {
			n = 40000 // a huge record: the table grows past maxIndex
		}
		want := map[string]int32{}
		// A record's words come in texts of up to 30 words, as its
		// fields do.
		for lo := 0; lo < n; lo += 30 {
			words := make([]string, min(30, n-lo))
			for k := range words {
				words[k] = word()
			}
			text := strings.Join(words, " ")
			s.spans = tokenizer{}.tokenize(s.spans[:0], text)
			idx := s.lookupSpans(nil, text, s.spans)
			if len(idx) != len(words) {
				t.Fatalf("record %d: %d words, %d indexes", rec, len(words), len(idx))
			}
			for k, w := range words {
				i := idx[k]
				lw := strings.ToLower(w)
				if got := s.words[i].entry.word; got != lw {
					t.Fatalf("record %d: %q has index %d, whose word is %q", rec, w, i, got)
				}
				if j, ok := want[lw]; ok && j != i {
					t.Fatalf("record %d: %q has index %d, then %d", rec, w, j, i)
				}
				want[lw] = i
			}
		}
		if len(s.words) != len(want) || s.index.n != len(want) {
			t.Fatalf("record %d: %d distinct words, session has %d (index %d)", rec, len(want), len(s.words), s.index.n)
		}
		if 4*s.index.used > 3*len(s.index.slots) {
			t.Fatalf("record %d: index %d/%d full", rec, s.index.used, len(s.index.slots))
		}
	}
}

func TestSessionLanguageAndForms(t *testing.T) {
	an := NewAnalyzer(DefaultOptions())
	s := an.session()
	defer an.release(s)
	title := "Convex functions"
	abstract := "We study convex functions, and the convex function of a convex set."
	if got := s.language("", title, abstract); got != "english" {
		t.Fatalf("language %q", got)
	}
	var got []string
	for _, text := range []string{title, abstract} {
		var ids []string
		for _, f := range s.tokens(text, "english") {
			ids = append(ids, fmt.Sprint(f))
		}
		got = append(got, strings.Join(ids, " "))
	}
	// Forms are numbered in order of first appearance, across the texts.
	want := []string{"0 1 2", "3 0 4 1 2 0 5 6 0 7 8"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("tokens %q, want %q", got, want)
	}
	var forms []string
	for _, f := range s.forms {
		forms = append(forms, f.Term+"/"+f.Word)
	}
	wantForms := "convex/convex function/functions convex function/convex functions studi/study studi convex/study convex " +
		"function/function convex function/convex function set/set convex set/convex set"
	if strings.Join(forms, " ") != wantForms {
		t.Errorf("forms %q,\nwant %q", strings.Join(forms, " "), wantForms)
	}
}
