package vectorize

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

func TestCharFilters(t *testing.T) {
	tests := []struct {
		name   string
		filter charFilter
		in     string
		want   string
	}{
		{"NFKC: ligatures, full width, composed accents", nfkcFilter{},
			"eﬃcient ﬁnite elements, ｆｕｌｌ width, Poincare\u0301", "efficient finite elements, full width, Poincaré"},
		{"LaTeX: math, commands and accents go", latexFilter{},
			`Let $\omega(n)$ be its number of prime factors: an Erd\H{o}s-Kac type theorem \cite{GG}.`,
			"Let   be its number of prime factors: an Erdős-Kac type theorem  ."},
		{"prefixes joined, whatever the case and hyphen", prefixFilter{},
			"a non-Hilbertian space, semi‐classique, Non-smooth, sub-Riemannian and Quasi-optimal",
			"a nonHilbertian space, semiclassique, Nonsmooth, subRiemannian and Quasioptimal"},
		{"only before a letter, only whole words", prefixFilter{},
			"pre-2000 co- non-co-operative anti-de Sitter inter-", "pre-2000 co- nonco-operative antide Sitter inter-"},
		{"other words keep their hyphens", prefixFilter{},
			"gradient-based two-layer Navier-Stokes", "gradient-based two-layer Navier-Stokes"},
	}
	for _, tc := range tests {
		if got := tc.filter.filter(tc.in); got != tc.want {
			t.Errorf("%s:\n got  %q\n want %q", tc.name, got, tc.want)
		}
	}
}

// referenceJoinBoundPrefixes is joinBoundPrefixes as first written: one
// pass over the runes, tracking the word that a hyphen follows.
func referenceJoinBoundPrefixes(text string) string {
	isWord := func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) }
	var b strings.Builder
	last, begin := 0, -1
	for i, r := range text {
		if isWord(r) {
			if begin < 0 {
				begin = i
			}
			continue
		}
		if begin >= 0 && isHyphen(r) && boundPrefixes[strings.ToLower(text[begin:i])] {
			size := utf8.RuneLen(r)
			if next, _ := utf8.DecodeRuneInString(text[i+size:]); unicode.IsLetter(next) {
				b.WriteString(text[last:i])
				last = i + size
				continue
			}
		}
		begin = -1
	}
	if last == 0 {
		return text
	}
	b.WriteString(text[last:])
	return b.String()
}

func TestPrefixFilterMatchesReference(t *testing.T) {
	texts := []string{
		"non-", "-non-x", "non-semi-smooth", "NON-SMOOTH", "uni-\u0301x", "İnter-x", "re-\xffx", "\xe2non-x",
		"co‑operative multi‐valued", "xnon-smooth", "non--smooth", "semi-2", "self-similar-like",
	}
	for _, g := range goldenTexts {
		texts = append(texts, g.text, StripLaTeX(g.text))
	}
	for _, r := range sharedRecords(t) {
		texts = append(texts, r.Title, r.Abstract, StripLaTeX(r.Abstract))
	}
	for _, text := range texts {
		if got, want := joinBoundPrefixes(text), referenceJoinBoundPrefixes(text); got != want {
			t.Errorf("joinBoundPrefixes(%q)\n = %q\nreference %q", text, got, want)
		}
	}
}

func FuzzPrefixFilter(f *testing.F) {
	for _, s := range []string{"non-smooth", "non-co-operative", "semi‐x", "re-\xff", "Non-İx"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := joinBoundPrefixes(s), referenceJoinBoundPrefixes(s); got != want {
			t.Fatalf("joinBoundPrefixes(%q) = %q, reference %q", s, got, want)
		}
	})
}
