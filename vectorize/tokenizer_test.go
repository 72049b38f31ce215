package vectorize

import (
	"strings"
	"testing"
)

// spanString shows the words of text as the tokenizer cuts them, a "|"
// before a word that a gap (punctuation) separates from the one before.
func spanString(text string) string {
	var words []string
	for _, sp := range (tokenizer{}).tokenize(nil, text) {
		w := text[sp.start:sp.end]
		if sp.gap {
			w = "|" + w
		}
		words = append(words, w)
	}
	return strings.Join(words, " ")
}

func TestTokenizer(t *testing.T) {
	tests := []struct{ name, text, want string }{
		{"english abstract: hyphens split, parentheses and dots end phrases",
			"Neural networks trained to minimize the logistic (a.k.a. cross-entropy) loss with gradient-based methods",
			"Neural networks trained to minimize the logistic |a |k |a |cross entropy |loss with gradient based methods"},
		{"french title: elisions split, sentences end phrases",
			"Sur la presque périodicité des solutions de l'équation des ondes. II. Probabilités d’atteintes",
			"Sur la presque périodicité des solutions de l équation des ondes |II |Probabilités d atteintes"},
		{"russian: an en dash is punctuation",
			"единственность решений уравнения Навье–Стокса в пространствах Соболева.",
			"единственность решений уравнения Навье |Стокса в пространствах Соболева"},
		{"zbMATH citation: digits are words, commas and colons gaps",
			"Erdős-Kac type theorem, in: Modular Functions 349, 501-597 (1993)",
			"Erdős Kac type theorem |in |Modular Functions 349 |501 597 |1993"},
		{"Unicode hyphens and no-break spaces join a phrase",
			"semi‐classique non‑linéaire\u00a0elliptique",
			"semi classique non linéaire elliptique"},
		{"combining marks stay in their word", "Poincare\u0301 conjecture", "Poincare\u0301 conjecture"},
		{"invalid UTF-8 is punctuation", "heat\xffequation \xc3", "heat |equation"},
		{"nothing", " -- ", ""},
	}
	for _, tc := range tests {
		if got := spanString(tc.text); got != tc.want {
			t.Errorf("%s:\n got  %q\n want %q", tc.name, got, tc.want)
		}
	}
}

func BenchmarkTokenizer(b *testing.B) {
	text := goldenTexts[0].text
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	var spans []span
	for b.Loop() {
		spans = tokenizer{}.tokenize(spans[:0], text)
	}
}
