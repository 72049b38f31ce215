package corpus

import (
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
)

// repairUTF8 returns s with every byte that is not part of valid UTF-8
// read as Windows-1252 (a superset of Latin-1 in the printable range), the
// encoding that a stray byte in an arXiv or library export nearly always
// comes from ("Universit\xe9"). Valid UTF-8 around it is kept as it is, so
// a field that mixes both is read right. ok is false when s needed it.
func repairUTF8(s string) (string, bool) {
	if utf8.ValidString(s) {
		return s, true
	}
	b := make([]byte, 0, len(s)+8)
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = utf8.AppendRune(b, charmap.Windows1252.DecodeByte(s[i]))
			i++
			continue
		}
		b = append(b, s[i:i+size]...)
		i += size
	}
	return string(b), false
}

// repairedProblem is the warning for a field read by repairUTF8.
func repairedProblem(field string) error {
	return problemf(ErrRepairedUTF8, "invalid UTF-8 in %s, read as Windows-1252", field)
}
