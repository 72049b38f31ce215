package vectorize

import (
	"errors"
	"io/fs"
	"os"
	"reflect"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/related/related/corpus"
)

// The analysis is fast because it memoises and shares work between
// stages; these tests hold it to plain reference implementations, written
// as simply as possible, on real records: the language detection and the
// reduction of a record to its terms must not depend on how the work is
// shared.

// sharedData is where the project's real record sets live, relative to
// this package; the tests that read them skip the files that are absent.
const sharedData = "../../shared/data/"

var sharedFiles = []string{
	"eval_msc_gold.jsonl",
	"arxiv_daily_mathnt_rt_abstracts.jsonl",
	"arxiv_testdata_records.jsonl",
	"mathscinet_spdes_bib_titles.jsonl",
	"zbmath_open_kg_200.jsonl",
}

// sharedRecords returns the records of the shared data files present
// (their first 400 with -short).
func sharedRecords(t *testing.T) []corpus.Record {
	t.Helper()
	var recs []corpus.Record
	for _, name := range sharedFiles {
		path := sharedData + name
		if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
			t.Logf("%s not present", path)
			continue
		}
		rs, _, err := corpus.LoadFiles([]string{path}, corpus.FormatAuto)
		if err != nil {
			t.Fatalf("LoadFiles(%s): %v", path, err)
		}
		recs = append(recs, rs...)
	}
	if testing.Short() && len(recs) > 400 {
		recs = recs[:400]
	}
	return recs
}

// goldenRecords makes records of the golden texts, the first sentence as
// title, the language left to detection unless the text declares it.
func goldenRecords() []corpus.Record {
	var recs []corpus.Record
	for _, g := range goldenTexts {
		title, abstract, _ := strings.Cut(g.text, ". ")
		recs = append(recs, corpus.Record{ID: g.name, Title: title, Abstract: abstract, Language: g.lang, Keywords: []string{g.name, "Navier-Stokes"}})
	}
	return recs
}

// referenceDetect is DetectLanguage as first written: the whole text
// lower-cased, cut into words, each word's stop-word status asked of
// every language.
func referenceDetect(text string) string {
	isWord := func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) }
	var words, cyrillic, letters int
	var counts [len(languages)]int
	for _, w := range strings.FieldsFunc(strings.ToLower(text), func(r rune) bool { return !isWord(r) }) {
		words++
		for _, r := range w {
			if unicode.IsLetter(r) {
				letters++
				if unicode.Is(unicode.Cyrillic, r) {
					cyrillic++
				}
			}
		}
		for i, l := range &languages {
			if l.stopWord(w) {
				counts[i]++
			}
		}
	}
	if letters > 0 && cyrillic*2 > letters {
		return "russian"
	}
	best := 0
	for i := range languages {
		if counts[i] > counts[best] {
			best = i
		}
	}
	if counts[best] < 2 || counts[best]*20 < words {
		return ""
	}
	return languages[best].name
}

// detectionCases are texts whose words are awkward to cut or to lower-case.
var detectionCases = []string{
	"",
	"the",
	"The THE tHe of OF",
	"Les équations ÉTUDIÉES DANS CET ARTICLE sont celles de la chaleur",
	"ΑΝΑΛΥΣΗ και ΓΕΩΜΕΤΡΙΑ της",
	"МЫ ДОКАЗЫВАЕМ единственность И устойчивость",
	"İstanbul ve the and of Kelvin K sign",
	"invalid \xff\xfe utf-8 in the middle of the text \xc3",
	"combining marks: cafe\u0301 re\u0301sume\u0301 of the and",
	"ligatures ﬁnite eﬀect of the ﬂow and",
	"full-width ｔｈｅ ａｎｄ of",
	"Ⅻ roman numerals Ⓐ circled of the and in",
	"$x \\in A$ and \\to the \\'etude of",
}

func TestDetectionMatchesReference(t *testing.T) {
	an := NewAnalyzer(DefaultOptions())
	check := func(label, text string) {
		t.Helper()
		want := referenceDetect(text)
		if got := DetectLanguage(text); got != want {
			t.Errorf("%s: DetectLanguage = %q, reference %q", label, got, want)
		}
		wantLang := want
		if wantLang == "" {
			wantLang = "english"
		}
		if got := an.Language("", text); got != wantLang {
			t.Errorf("%s: Analyzer.Language = %q, reference %q", label, got, wantLang)
		}
	}
	for _, text := range detectionCases {
		check(text, text)
	}
	for _, g := range goldenTexts {
		check(g.name, g.text)
	}
	for _, r := range sharedRecords(t) {
		check(r.ID, r.Title+"\n"+r.Abstract)
		check(r.ID+" abstract", r.Abstract)
	}
}

// referenceRecordTerms is Space.analyseRecord as first written: the
// record's tokens from Analyze, reduced by maps of strings.
func referenceRecordTerms(an *Analyzer, r *corpus.Record) docTerms {
	lang := an.Language(r.Language, r.Title+"\n"+r.Abstract)
	d := docTerms{lang: lang}
	termIndex := map[string]int{}
	pairIndex := map[[2]string]int{}
	add := func(text string, weight float64) {
		if weight == 0 {
			return
		}
		for _, t := range an.Analyze(text, lang) {
			j, ok := termIndex[t.Term]
			if !ok {
				j = len(d.counts)
				termIndex[t.Term] = j
				d.counts = append(d.counts, 0)
			}
			d.counts[j] += weight
			k, ok := pairIndex[[2]string{t.Term, t.Word}]
			if !ok {
				k = len(d.pairs)
				pairIndex[[2]string{t.Term, t.Word}] = k
				d.pairs = append(d.pairs, termWord{term: t.Term, word: t.Word, termIndex: int32(j)})
			}
			d.pairs[k].n++
		}
	}
	add(r.Title, an.opts.TitleWeight)
	add(strings.Join(r.Keywords, " ; "), an.opts.KeywordWeight)
	add(r.Abstract, 1)
	return d
}

func TestRecordTermsMatchReference(t *testing.T) {
	shared := sharedRecords(t)
	for _, o := range goldenOptions {
		opts := DefaultOptions()
		o.opts(&opts)
		opts.TitleWeight = 0.7 // the order of additions shows in the sums
		recs := goldenRecords()
		if o.name == "default" {
			recs = append(recs, shared...)
		} else if len(shared) > 400 {
			recs = append(recs, shared[:400]...)
		}
		s := &Space{Analyzer: NewAnalyzer(opts), Vocab: NewVocabulary()}
		var g termGrouper
		// A form's key stands for its term and word, in every record:
		// the merge counts the form by it (formCache).
		formOf := map[uint64][2]string{}
		for i := range recs {
			r := &recs[i]
			got := s.analyseRecord(r, &g)
			for j := range got.pairs {
				p := &got.pairs[j]
				if p.key == 0 {
					t.Fatalf("%s, record %s: form %q %q has no key", o.name, r.ID, p.term, p.word)
				}
				form := [2]string{p.term, p.word}
				if f, ok := formOf[p.key]; ok && f != form {
					t.Fatalf("%s, record %s: key %x is form %q and %q", o.name, r.ID, p.key, f, form)
				}
				formOf[p.key] = form
				p.key = 0
			}
			if want := referenceRecordTerms(s.Analyzer, r); !reflect.DeepEqual(got, want) {
				t.Fatalf("%s, record %s: analyseRecord\n %+v\nreference\n %+v", o.name, r.ID, got, want)
			}
		}
	}
}

// The tokenizer lower-cases word by word what detection once lower-cased
// whole: the same only if lower-casing never makes a word rune of a
// separator or the reverse, and keeps letters letters and Cyrillic
// Cyrillic.
func TestLowerCaseKeepsRuneClasses(t *testing.T) {
	isWord := func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) }
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if !utf8.ValidRune(r) {
			continue
		}
		l := unicode.ToLower(r)
		if isWord(r) != isWord(l) || unicode.IsLetter(r) != unicode.IsLetter(l) || unicode.Is(unicode.Cyrillic, r) != unicode.Is(unicode.Cyrillic, l) {
			t.Errorf("%U lower-cases to %U, of another class", r, l)
		}
	}
}

func FuzzDetectLanguage(f *testing.F) {
	for _, s := range detectionCases {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := DetectLanguage(s), referenceDetect(s); got != want {
			t.Fatalf("DetectLanguage(%q) = %q, reference %q", s, got, want)
		}
	})
}
