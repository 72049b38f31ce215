package server

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"
)

// CodeNames maps MSC codes ("65K10", and "65Kxx" or "65-XX" when the
// table has them) to their names.
type CodeNames map[string]string

// Name returns a code's name, or "" when the table does not have it.
func (n CodeNames) Name(code string) string {
	if n == nil {
		return ""
	}
	return n[code]
}

// codeLine is one line of a code table. The zbMATH table has code,
// short_title and long_title; other tables may say title or name.
type codeLine struct {
	Code       string `json:"code"`
	ShortTitle string `json:"short_title"`
	LongTitle  string `json:"long_title"`
	Title      string `json:"title"`
	Name       string `json:"name"`
}

// ReadCodeNames reads a code table in JSON Lines: one object per line with
// "code" and a name in "short_title", "title", "name" or "long_title"
// (the first one present). Blank lines are skipped; a line that is not
// such an object is an error naming the line.
func ReadCodeNames(r io.Reader, name string) (CodeNames, error) {
	names := CodeNames{}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 4<<20)
	for line := 1; sc.Scan(); line++ {
		b := strings.TrimSpace(sc.Text())
		if b == "" {
			continue
		}
		var c codeLine
		if err := json.Unmarshal([]byte(b), &c); err != nil {
			return nil, fmt.Errorf("%s:%d: %v", name, line, err)
		}
		if c.Code == "" {
			return nil, fmt.Errorf("%s:%d: no \"code\" field", name, line)
		}
		n := firstNonEmpty(c.ShortTitle, c.Title, c.Name, c.LongTitle)
		if n == "" {
			continue
		}
		names[strings.TrimSpace(c.Code)] = n
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %v", name, err)
	}
	if len(names) == 0 {
		return nil, fmt.Errorf("%s: no code names in the file", name)
	}
	return names, nil
}

// LoadCodeNames reads a code table file (see ReadCodeNames).
func LoadCodeNames(path string) (CodeNames, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return ReadCodeNames(f, path)
}

func firstNonEmpty(s ...string) string {
	for _, x := range s {
		if x = strings.TrimSpace(x); x != "" {
			return x
		}
	}
	return ""
}
