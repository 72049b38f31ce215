package vectorize

import (
	"strings"
	"unicode"
	"unicode/utf8"
	"unsafe"

	"github.com/kljensen/snowball/english"
	"github.com/kljensen/snowball/french"
	"github.com/kljensen/snowball/hungarian"
	"github.com/kljensen/snowball/norwegian"
	"github.com/kljensen/snowball/russian"
	"github.com/kljensen/snowball/spanish"
	"github.com/kljensen/snowball/swedish"
)

// language bundles what the analysis needs to know of one language.
type language struct {
	name     string
	stem     func(word string, stemStopWords bool) string
	stopWord func(word string) bool
	// foldFirst folds accents before stemming (Options.FoldAccents).
	foldFirst bool
	// protected maps words to the term of their family (Options.ProtectWords).
	protected map[string]string
	// letters are letters that mark the language's texts (é in French,
	// ñ in Spanish), a cue for detection on texts too short for stop words.
	letters string
}

// languages are the Snowball languages, English first: it is the default.
// It is an array so that the per-language tables (Analyzer.words, the
// counts of detection) are sized from it at compile time; a language
// added here is all it takes.
var languages = [...]language{
	{"english", english.Stem, isEnglishStopWord, true, protectedEnglish, ""},
	{"french", french.Stem, isFrenchStopWord, false, nil, "éèêàâçùûôîïœë"},
	{"spanish", spanish.Stem, spanish.IsStopWord, false, nil, "ñáíóú¿¡"},
	{"swedish", swedish.Stem, swedish.IsStopWord, false, nil, "åäö"},
	{"norwegian", norwegian.Stem, norwegian.IsStopWord, false, nil, "åøæ"},
	{"hungarian", hungarian.Stem, hungarian.IsStopWord, false, nil, "őűáéíóöüú"},
	{"russian", russian.Stem, russian.IsStopWord, false, nil, ""},
}

// protectedEnglish keeps apart words that Snowball's English stemmer
// joins although mathematics uses them for different things; each family
// (with its plural and British spelling) gets a term of its own.
var protectedEnglish = func() map[string]string {
	families := map[string][]string{
		"multiplicative": {"multiplicative", "multiplicatively"},
		"multiplicity":   {"multiplicity", "multiplicities"},
		"multiplier":     {"multiplier", "multipliers"},
		"multiplication": {"multiplication", "multiplications"},
		"complexity":     {"complexity", "complexities"},
		"projective":     {"projective", "projectively", "projectivity"},
		"projection":     {"projection", "projections"},
		"regularization": {"regularization", "regularizations", "regularisation", "regularisations", "regularized", "regularised", "regularizing", "regularising"},
		"localization":   {"localization", "localizations", "localisation", "localisations", "localized", "localised"},
		"continuation":   {"continuation", "continuations"},
		"modulus":        {"modulus", "moduli"},
		"normalization":  {"normalization", "normalizations", "normalisation", "normalized", "normalised"},
		"generic":        {"generic", "generically", "genericity"},
		"operad":         {"operad", "operads", "operadic"},
	}
	m := map[string]string{}
	for term, words := range families {
		for _, w := range words {
			m[w] = term
		}
	}
	return m
}()

func languageIndex(name string) int {
	for i := range languages {
		if languages[i].name == name {
			return i
		}
	}
	return -1
}

func lookupLanguage(name string) *language {
	for i := range languages {
		if languages[i].name == name {
			return &languages[i]
		}
	}
	return nil
}

// Languages lists the languages the analysis can stem.
func Languages() []string {
	names := make([]string, len(languages))
	for i, l := range &languages {
		names[i] = l.name
	}
	return names
}

// DetectLanguage guesses the language of a text from its stop words: the
// language whose stop words are the most frequent wins, if they make up
// at least 1 in 20 words and at least two of them occur. Cyrillic text is
// Russian. Otherwise it returns "" (unknown), and callers fall back on a
// default. Stop words are a strong signal on abstracts of a few sentences,
// where character n-gram models need more text than there is.
func DetectLanguage(text string) string {
	var s session
	return s.detect(text)
}

// detect is DetectLanguage on the texts together (as if joined by line
// breaks), the words looked up in the session's table.
func (s *session) detect(texts ...string) string {
	var words, cyrillic, letters int
	var counts [len(languages)]int
	for _, text := range texts {
		s.spans = tokenizer{}.tokenize(s.spans[:0], text)
		s.idx = s.lookupSpans(s.idx[:0], text, s.spans)
		for _, i := range s.idx {
			e := &s.words[i]
			words++
			letters += int(e.letters)
			cyrillic += int(e.cyrillic)
			if e.stops != 0 {
				for i := range languages {
					if e.stops&(1<<i) != 0 {
						counts[i]++
					}
				}
			}
		}
	}
	if letters > 0 && cyrillic*2 > letters {
		return "russian"
	}
	best := -1
	for i := range languages {
		if best < 0 || counts[i] > counts[best] {
			best = i
		}
	}
	if best < 0 || counts[best] < 2 || counts[best]*20 < words {
		return ""
	}
	return languages[best].name
}

// newWordEntry returns the entry of a lower-cased word, without its terms.
func newWordEntry(b []byte) *wordEntry {
	e := &wordEntry{}
	if len(b) <= len(e.inline) {
		n := copy(e.inline[:], b)
		e.word = unsafe.String(&e.inline[0], n)
	} else {
		e.word = string(b)
	}
	w := e.word
	for _, r := range w {
		if unicode.IsLetter(r) {
			e.letters++
			if r >= utf8.RuneSelf && unicode.Is(unicode.Cyrillic, r) {
				e.cyrillic++
			}
		}
	}
	for i, l := range &languages {
		if l.stopWord(w) {
			e.stops |= 1 << i
		}
	}
	return e
}

// letterCue returns the one language whose marking letters the text has
// ("é" for French), or "" when none or several do.
func letterCue(text string) string {
	found := -1
	for i, l := range &languages {
		if l.letters != "" && strings.ContainsAny(strings.ToLower(text), l.letters) {
			if found >= 0 {
				return ""
			}
			found = i
		}
	}
	if found < 0 {
		return ""
	}
	return languages[found].name
}

// languageSet has bit i set for languages[i].
type languageSet uint64

// The table must fit in a languageSet: this fails to compile otherwise.
var _ [64 - len(languages)]struct{}

// Snowball's English list is short (no "also", "however", "may"), so the
// analysis uses its own, a superset, for English. The extra words are
// function words and the connectives of academic prose; content words,
// even common ones in abstracts ("result", "show"), are left to idf.
var extraEnglishStopWords = map[string]bool{
	"also": true, "although": true, "among": true, "amongst": true, "another": true,
	"anyone": true, "anything": true, "around": true, "become": true, "becomes": true,
	"besides": true, "beyond": true, "could": true, "either": true, "else": true,
	"elsewhere": true, "enough": true, "etc": true, "even": true, "ever": true,
	"every": true, "everything": true, "furthermore": true, "hence": true, "however": true,
	"ie": true, "eg": true, "indeed": true, "instead": true, "less": true,
	"many": true, "may": true, "might": true, "moreover": true, "much": true, "must": true,
	"namely": true, "neither": true, "nevertheless": true, "none": true, "nothing": true,
	"often": true, "onto": true, "otherwise": true, "per": true,
	"perhaps": true, "rather": true, "several": true, "shall": true, "since": true,
	"still": true, "thereby": true, "therefore": true, "thus": true, "together": true,
	"toward": true, "towards": true, "unless": true, "upon": true, "us": true,
	"via": true, "whether": true, "whereas": true, "within": true, "without": true,
	"would": true, "yet": true, "can": true, "cannot": true, "whose": true,
	"wherein": true, "whereby": true, "well": true, "already": true, "always": true,
	"across": true, "along": true, "behind": true, "beside": true, "others": true,
	"like": true, "let": true, "et": true, "al": true,
}

func isEnglishStopWord(w string) bool {
	return english.IsStopWord(w) || extraEnglishStopWords[w]
}

// French elided forms are split off by the tokenizer ("l'équation" gives
// "l" and "équation"); Snowball's French list has most, not all of them.
var extraFrenchStopWords = map[string]bool{
	"qu": true, "jusqu": true, "lorsqu": true, "puisqu": true, "quoiqu": true,
	"cette": true, "cet": true, "ces": true, "ainsi": true, "dont": true, "où": true,
	"entre": true, "plus": true, "sous": true, "sans": true, "comme": true,
	"aussi": true, "très": true, "leurs": true, "nous": true, "ils": true, "elles": true,
}

func isFrenchStopWord(w string) bool {
	return french.IsStopWord(w) || extraFrenchStopWords[w]
}
