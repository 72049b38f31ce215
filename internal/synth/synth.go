// Package synth generates large, deterministic corpora for benchmarks by
// resampling the real records of the shared data directory: each
// generated record takes the title and MSC codes of a real record, and an
// abstract made of real sentences drawn from abstracts of the same 2-digit
// MSC area, so that vocabulary and term distribution are those of real
// mathematics abstracts.
package synth

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/related/related/corpus"
)

// DataDir finds the shared data directory from the working directory:
// tests run in their package's directory, tools from the module root. It
// returns "" when there is none.
func DataDir() string {
	if d := os.Getenv("RELATED_DATA"); d != "" {
		return d
	}
	for _, p := range []string{"../shared/data", "../../shared/data", "../../../shared/data", "../../../../shared/data"} {
		if fi, err := os.Stat(p); err == nil && fi.IsDir() {
			if m, _ := filepath.Glob(filepath.Join(p, "*.jsonl")); len(m) > 0 {
				return p
			}
		}
	}
	return ""
}

type source struct {
	ID              string   `json:"id"`
	Title           string   `json:"title"`
	Abstract        string   `json:"abstract"`
	MSC             []string `json:"msc"`
	Primary         string   `json:"msc_primary"`
	PrimaryCategory string   `json:"primary_category"`
}

// categoryArea maps arXiv primary categories to the MSC area they mostly
// are, for abstracts that come without codes.
var categoryArea = map[string]string{
	"math.NT": "11", "math.RT": "20", "math.AG": "14", "math.CO": "05", "math.QA": "17",
	"math.DS": "37", "math.GR": "20", "math.RA": "16", "math.AC": "13", "math.GT": "57",
	"math.AT": "55", "math.PR": "60", "math.CT": "18", "math.CA": "26", "math.FA": "46",
	"math.CV": "32", "math.KT": "19", "math.SG": "53", "math.OA": "46", "math.DG": "53",
	"math.AP": "35", "math.LO": "03", "math.OC": "49", "math.NA": "65", "math.SP": "47",
	"math.MG": "51", "math.ST": "62", "math.HO": "01", "math-ph": "81", "math.MP": "81",
}

// Generator draws records. Its output depends only on the data and the
// seed.
type Generator struct {
	heads     []source            // real titles and codes
	sentences map[string][]string // area → sentences of its abstracts
	lengths   map[string][]int    // area → sentence counts of its abstracts
	all       []string            // every sentence, for thin areas
	allLen    []int
	rng       *rand.Rand
	n         int
}

// minPool is the fewest sentences an area needs to be sampled alone;
// thinner areas draw from all abstracts.
const minPool = 40

// New reads the JSON Lines files of dir (except the MSC names table).
func New(dir string, seed uint64) (*Generator, error) {
	files, err := filepath.Glob(filepath.Join(dir, "*.jsonl"))
	if err != nil {
		return nil, err
	}
	sort.Strings(files)
	g := &Generator{sentences: map[string][]string{}, lengths: map[string][]int{}, rng: rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))}
	seen := map[string]bool{}
	for _, f := range files {
		if strings.Contains(filepath.Base(f), "msc2020") {
			continue
		}
		if err := g.read(f, seen); err != nil {
			return nil, err
		}
	}
	if len(g.heads) == 0 || len(g.all) == 0 {
		return nil, fmt.Errorf("synth: no records with codes and abstracts in %s", dir)
	}
	return g, nil
}

func (g *Generator) read(path string, seen map[string]bool) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for sc.Scan() {
		var s source
		if json.Unmarshal(sc.Bytes(), &s) != nil || s.ID == "" || seen[s.ID] {
			continue
		}
		seen[s.ID] = true
		var codes []string
		for _, c := range s.MSC {
			if n, ok := corpus.NormalizeCode(c); ok {
				codes = append(codes, n)
			}
		}
		s.MSC = codes
		if strings.TrimSpace(s.Title) != "" && len(codes) > 0 {
			g.heads = append(g.heads, source{ID: s.ID, Title: s.Title, MSC: codes, Primary: s.Primary})
		}
		if strings.TrimSpace(s.Abstract) == "" {
			continue
		}
		area := categoryArea[s.PrimaryCategory]
		if len(codes) > 0 {
			area = codes[0][:2]
		}
		sents := Sentences(s.Abstract)
		if len(sents) == 0 {
			continue
		}
		g.all = append(g.all, sents...)
		g.allLen = append(g.allLen, len(sents))
		if area != "" {
			g.sentences[area] = append(g.sentences[area], sents...)
			g.lengths[area] = append(g.lengths[area], len(sents))
		}
	}
	return sc.Err()
}

// Sentences splits an abstract after ". ", "? " and "! " followed by a
// capital letter or a formula.
func Sentences(text string) []string {
	text = strings.Join(strings.Fields(text), " ")
	var out []string
	start := 0
	for i := 0; i+2 < len(text); i++ {
		c := text[i]
		if (c == '.' || c == '?' || c == '!') && text[i+1] == ' ' {
			n := text[i+2]
			if (n >= 'A' && n <= 'Z') || n == '$' || n == '\\' {
				out = append(out, text[start:i+1])
				start = i + 2
			}
		}
	}
	if rest := strings.TrimSpace(text[start:]); rest != "" {
		out = append(out, rest)
	}
	return out
}

// Next returns the next record.
func (g *Generator) Next() corpus.Record {
	g.n++
	h := g.heads[g.rng.IntN(len(g.heads))]
	area := h.MSC[0][:2]
	pool, lens := g.sentences[area], g.lengths[area]
	if len(pool) < minPool {
		pool, lens = g.all, g.allLen
	}
	// Half as long again as the source abstracts: the 100k
	// corpus is about 127 MB of JSON Lines, 1.3 KB a record.
	k := lens[g.rng.IntN(len(lens))]*3/2 + 1
	sents := make([]string, k)
	for i := range sents {
		sents[i] = pool[g.rng.IntN(len(pool))]
	}
	r := corpus.Record{
		ID:       fmt.Sprintf("syn:%07d", g.n),
		Title:    h.Title,
		Abstract: strings.Join(sents, " "),
		MSC:      append([]string(nil), h.MSC...),
		Year:     1990 + g.rng.IntN(36),
	}
	if h.Primary != "" && h.Primary == h.MSC[0] {
		r.PrimaryMSC = h.Primary
	}
	return r
}

// Records generates n records from the data in dir with the given seed.
func Records(dir string, n int, seed uint64) ([]corpus.Record, error) {
	g, err := New(dir, seed)
	if err != nil {
		return nil, err
	}
	out := make([]corpus.Record, n)
	for i := range out {
		out[i] = g.Next()
	}
	return out, nil
}

// WriteJSONL writes records as JSON Lines in the corpus schema.
func WriteJSONL(w io.Writer, records []corpus.Record) error {
	bw := bufio.NewWriterSize(w, 1<<20)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	for i := range records {
		if err := enc.Encode(&records[i]); err != nil {
			return err
		}
	}
	return bw.Flush()
}
