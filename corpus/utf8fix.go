package corpus

import (
	"encoding/json"
	"fmt"
	"slices"
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

// repairJSONObject reads the bytes of a JSON object that are not UTF-8 as
// Windows-1252, and returns a warning for each field that had some (only
// for the keys that keep says are used, when keep is not nil).
func repairJSONObject(raw []byte, keep func(key string) bool) ([]byte, []error) {
	if utf8.Valid(raw) {
		return raw, nil
	}
	fixed, _ := repairUTF8(string(raw))
	var obj map[string]json.RawMessage
	if json.Unmarshal(raw, &obj) != nil {
		return []byte(fixed), []error{repairedProblem("the record")}
	}
	keys := make([]string, 0, len(obj))
	for k, v := range obj {
		if !utf8.Valid(v) && (keep == nil || keep(k)) {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	var problems []error
	for _, k := range keys {
		problems = append(problems, repairedProblem(fmt.Sprintf("field %q", k)))
	}
	return []byte(fixed), problems
}
