package corpus

import (
	"strings"
	"unicode"
)

// Code shapes of the Mathematics Subject Classification (1991 to 2020 share
// them): "65K10" (full), "65Kxx" (a 3-character area), "65-XX" (a 2-digit
// area), "65-02" (a general code within an area).

// NormalizeCode returns the canonical spelling of an MSC code (upper-case
// section letter, "xx" and "XX" spelled as the scheme spells them) and
// whether s has one of the four shapes NNLNN, NNLxx, NN-XX, NN-NN.
func NormalizeCode(s string) (string, bool) {
	if len(s) != 5 || !isDigit(s[0]) || !isDigit(s[1]) {
		return "", false
	}
	c2, c3, c4 := s[2], s[3], s[4]
	switch {
	case c2 == '-':
		switch {
		case (c3 == 'x' || c3 == 'X') && (c4 == 'x' || c4 == 'X'):
			return s[:3] + "XX", true
		case isDigit(c3) && isDigit(c4):
			return s, true
		}
	case isASCIILetter(c2):
		l := string(unicode.ToUpper(rune(c2)))
		switch {
		case (c3 == 'x' || c3 == 'X') && (c4 == 'x' || c4 == 'X'):
			return s[:2] + l + "xx", true
		case isDigit(c3) && isDigit(c4):
			return s[:2] + l + s[3:], true
		}
	}
	return "", false
}

// CodeDepth is how much of the hierarchy a code names: 3 for a full code
// (65K10, 65-02), 2 for a 3-character area (65Kxx), 1 for a 2-digit area
// (65-XX). It assumes a normalised code and returns 0 for anything else.
func CodeDepth(code string) int {
	if len(code) != 5 || !isDigit(code[0]) || !isDigit(code[1]) {
		return 0
	}
	c2, c3, c4 := code[2], code[3], code[4]
	upper := c2 >= 'A' && c2 <= 'Z'
	switch {
	case c2 == '-' && c3 == 'X' && c4 == 'X':
		return 1
	case upper && c3 == 'x' && c4 == 'x':
		return 2
	case (c2 == '-' || upper) && isDigit(c3) && isDigit(c4):
		return 3
	}
	return 0
}

// CodePrefix returns the code truncated to the given level: 1 gives the
// 2-digit area ("65"), 2 the 3-character area ("65K", or "65-" for the
// general codes 65-00..65-99), 3 the code itself. It returns "" when the
// code does not name that level (65Kxx has no level 3).
func CodePrefix(code string, level int) string {
	if level > CodeDepth(code) {
		return ""
	}
	switch level {
	case 1:
		return code[:2]
	case 2:
		return code[:3]
	case 3:
		return code
	}
	return ""
}

// SharedDepth is the deepest level at which two normalised codes agree:
// 3 the same full code, 2 the same 3-character area, 1 the same 2-digit
// area, 0 none. 65K10 and 65K05 share depth 2; 65K10 and 65N30 depth 1;
// 65K10 and 90C25 depth 0.
func SharedDepth(a, b string) int {
	d := min(CodeDepth(a), CodeDepth(b))
	for ; d > 0; d-- {
		if CodePrefix(a, d) == CodePrefix(b, d) {
			return d
		}
	}
	return 0
}

// Codes is the result of parsing one classification string.
type Codes struct {
	// Codes are the valid codes, normalised, in the order given, without
	// repeats. The primary code, when known, comes first.
	Codes []string
	// Primary is the primary code when the source marks one ("Primary
	// 65K10", or MathSciNet's "65K10 (90C25)"), else "".
	Primary string
	// Invalid holds the tokens that are not MSC codes ("35.43", "57M"), as
	// written, so that they can be reported and kept.
	Invalid []string
}

// noiseWords may appear in free-text classification strings around codes.
var noiseWords = map[string]bool{
	"primary": true, "secondary": true, "and": true, "msc": true,
	"msc2020": true, "msc2010": true, "msc2000": true, "msc1991": true,
	"2020": true, "2010": true, "2000": true, "1991": true, "classification": true,
	"subject": true, "mathematics": true, "ams": true, "classifications": true,
	"codes": true, "msc-class": true,
}

// ParseCodes parses a classification string in any of the forms the
// sources write: "65K10 ; 65K05", "65K10, 65K05", "Primary 65K10;
// Secondary 90C25", MathSciNet's "65K10 (90C25 49M37)". Tokens that are
// not codes are returned in Invalid, never dropped silently.
func ParseCodes(s string) Codes {
	var out Codes
	seen := map[string]bool{}
	depth := 0        // parenthesis depth
	mode := ""        // "primary" or "secondary" after those words
	sawParen := false // MathSciNet form: codes before "(" are primary
	var outside []string
	// group holds the codes read outside parentheses since the start or
	// the last "(Primary)"/"(Secondary)": arXiv's "60K35, 82C22 (Primary)
	// 60F17 (Secondary)" labels every code of the group before the word.
	var group []string
	labelled := false // "(Primary)" or "(Secondary)" seen after a code
	flush := func(tok string) {
		if tok == "" {
			return
		}
		lower := strings.ToLower(strings.TrimRight(tok, ":."))
		if noiseWords[lower] {
			if depth > 0 && (lower == "primary" || lower == "secondary") && len(group) > 0 {
				// arXiv's "17D99 (Primary), 68Q80 (Secondary)": the
				// word labels the codes before it, the first of them
				// first.
				if lower == "primary" && out.Primary == "" {
					out.Primary = group[0]
				}
				group = group[:0]
				labelled = true
				return
			}
			if lower == "primary" || lower == "secondary" {
				mode = lower
			}
			return
		}
		code, ok := NormalizeCode(strings.TrimRight(tok, ".:"))
		if !ok {
			out.Invalid = append(out.Invalid, tok)
			return
		}
		if seen[code] {
			return
		}
		seen[code] = true
		out.Codes = append(out.Codes, code)
		if mode == "primary" && out.Primary == "" {
			out.Primary = code
		}
		if depth == 0 && mode == "" {
			outside = append(outside, code)
			group = append(group, code)
		}
	}
	var tok strings.Builder
	for _, r := range s {
		switch {
		case r == '(' || r == ')' || r == '[' || r == ']' || r == ';' || r == ',' || r == '/' || unicode.IsSpace(r):
			flush(tok.String())
			tok.Reset()
			switch r {
			case '(', '[':
				depth++
				sawParen = true
			case ')', ']':
				if depth > 0 {
					depth--
				}
			}
		default:
			tok.WriteRune(r)
		}
	}
	flush(tok.String())
	if out.Primary == "" && sawParen && !labelled && len(outside) > 0 {
		out.Primary = outside[0]
	}
	if out.Primary != "" && out.Codes[0] != out.Primary {
		out.Codes = moveToFront(out.Codes, out.Primary)
	}
	return out
}

func moveToFront(codes []string, first string) []string {
	out := make([]string, 0, len(codes))
	out = append(out, first)
	for _, c := range codes {
		if c != first {
			out = append(out, c)
		}
	}
	return out
}

func isDigit(b byte) bool       { return b >= '0' && b <= '9' }
func isASCIILetter(b byte) bool { return (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') }

// ValidCodePrefix reports whether s can start an MSC code as a filter
// does: a 2-digit area ("65"), a 3-character area ("65K"), or a whole code
// in any of its shapes ("65K10", "65Kxx", "65-XX", "65-02"). The command
// line and the HTTP API accept the same prefixes.
func ValidCodePrefix(s string) bool {
	switch len(s) {
	case 2:
		return isDigit(s[0]) && isDigit(s[1])
	case 3:
		return isDigit(s[0]) && isDigit(s[1]) && isASCIILetter(s[2])
	case 5:
		_, ok := NormalizeCode(s)
		return ok
	}
	return false
}
