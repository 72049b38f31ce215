package latex

import (
	"strings"
	"testing"
)

func TestDecodeLetter(t *testing.T) {
	tests := []struct {
		in   string
		want string // what is written
		end  int    // index after the command
		ok   bool
	}{
		// Accents named by a symbol: the next character is the argument.
		{`\'e`, "é", 3, true},
		{`\'{e}tude`, "é", 5, true},
		{`\"{o}dinger`, "ö", 5, true},
		{`\^{\i}le`, "î", 6, true},
		{`\'\i as`, "í", 5, true}, // blanks after \i belong to it
		{`\~{}x`, "\u0303", 4, true},
		// Accents named by letters take blanks before their argument.
		{`\c{c}a`, "ç", 5, true},
		{`\c c`, "ç", 4, true},
		{`\H{o}s`, "ő", 5, true},
		{`\v{S}`, "Š", 5, true},
		{`\d{e}`, "ẹ", 5, true},
		{`\'{ab}`, "áb", 6, true},
		{`\c{\c{c}}`, "ç̧", 9, true},
		// MathSciNet's macros.
		{`\polhk aczy`, "ą", 8, true},
		{`\cfac en`, "ế", 7, true},
		{`\cprime fand`, "", 8, true},
		{`\Dbar okovi`, "Đ", 6, true},
		// Letters; blanks after them belong to the command.
		{`\ss e`, "ß", 4, true},
		{`\o}`, "ø", 2, true},
		{`\l\l`, "ł", 2, true},
		{`\i`, "ı", 2, true},
		{`\AA\ was`, "Å", 3, true},
		{`\ldots`, "…", 6, true},
		// Not accents or letters: left to the caller, nothing written.
		{`\emph{x}`, "", 0, false},
		{`\cite{x}`, "", 0, false},
		{`\ccois`, "", 0, false}, // MathSciNet's "Fran\ccois" is no \c
		{`\dots3`, "…", 5, true},
		{`\delta`, "", 0, false},
		{`\(x\)`, "", 0, false},
		{`\&`, "", 0, false},
		{`\`, "", 0, false},
	}
	for _, tc := range tests {
		var b strings.Builder
		end, ok := DecodeLetter(&b, tc.in, 0)
		if b.String() != tc.want || end != tc.end || ok != tc.ok {
			t.Errorf("DecodeLetter(%q) wrote %q, end %d, ok %v; want %q, %d, %v", tc.in, b.String(), end, ok, tc.want, tc.end, tc.ok)
		}
	}
}

// A command in the middle of a text is decoded where it starts.
func TestDecodeLetterAt(t *testing.T) {
	s := `Erd\H{o}s`
	var b strings.Builder
	end, ok := DecodeLetter(&b, s, 3)
	if !ok || b.String() != "ő" || s[end:] != "s" {
		t.Errorf("got %q, rest %q, ok %v", b.String(), s[end:], ok)
	}
}
