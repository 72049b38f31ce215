package eval

import (
	"bufio"
	"fmt"
	"io"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/related/related/corpus"
)

// Judgments are graded relevance judgments: for each query, the grade of
// each judged document (TREC's convention: 0 not relevant, higher more
// relevant; CSFCube grades 0-3).
type Judgments struct {
	// Queries are the query ids, in the order of first appearance.
	Queries []string
	// Grades maps a query id to its judged documents and their grades.
	Grades map[string]map[string]int
}

func newJudgments() *Judgments {
	return &Judgments{Grades: map[string]map[string]int{}}
}

func (j *Judgments) add(q, doc string, grade int) {
	g, ok := j.Grades[q]
	if !ok {
		g = map[string]int{}
		j.Grades[q] = g
		j.Queries = append(j.Queries, q)
	}
	g[doc] = grade
}

// Pairs is the number of judged (query, document) pairs.
func (j *Judgments) Pairs() int {
	n := 0
	for _, g := range j.Grades {
		n += len(g)
	}
	return n
}

// ReadQrels reads TREC relevance judgments: one judgment per line,
// `query_id doc_id grade` or the classic four columns `query_id 0 doc_id
// grade`, separated by tabs or spaces. A first line whose grade is not a
// number is a header and is skipped; blank lines and lines starting with
// '#' are skipped. Negative grades (TREC writes -1 for "not judged
// useful") count as 0. A pair judged twice with different grades is an
// error; name labels the input in errors.
func ReadQrels(r io.Reader, name string) (*Judgments, error) {
	j := newJudgments()
	firstLine := map[[2]string]int{}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 1<<20)
	line, content := 0, 0
	for sc.Scan() {
		line++
		text := strings.TrimSpace(sc.Text())
		if text == "" || strings.HasPrefix(text, "#") {
			continue
		}
		content++
		f := strings.Fields(text)
		var q, doc, g string
		switch len(f) {
		case 3:
			q, doc, g = f[0], f[1], f[2]
		case 4:
			q, doc, g = f[0], f[2], f[3]
		default:
			return nil, fmt.Errorf("%s:%d: %d fields, want 3 (query_id doc_id grade) or 4 (query_id iteration doc_id grade)", name, line, len(f))
		}
		grade, err := strconv.Atoi(g)
		if err != nil {
			if content == 1 {
				continue // a header: query_id doc_id grade
			}
			return nil, fmt.Errorf("%s:%d: grade %q is not an integer", name, line, clip(g, 40))
		}
		grade = max(grade, 0)
		key := [2]string{q, doc}
		if at, seen := firstLine[key]; seen {
			if j.Grades[q][doc] != grade {
				return nil, fmt.Errorf("%s:%d: query %q, document %q judged %d here and %d on line %d", name, line, q, doc, grade, j.Grades[q][doc], at)
			}
			continue
		}
		firstLine[key] = line
		j.add(q, doc, grade)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s:%d: %w", name, line+1, err)
	}
	if len(j.Queries) == 0 {
		return nil, fmt.Errorf("%s: no judgments", name)
	}
	return j, nil
}

func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}

// SameAuthorGrade is the grade of a pair of records that share an author.
const SameAuthorGrade = 2

// SameAuthor derives judgments from authorship: for each record with
// authors, every other record sharing an author (equal corpus.AuthorName:
// surname and first given name, folded) is relevant with SameAuthorGrade.
// Records that share an author with no other record are not queries.
// Neither the text nor the codes define this relevance, so it judges both
// sides of the blend without favouring either.
func SameAuthor(records []corpus.Record) *Judgments {
	byName := map[corpus.AuthorName][]int{}
	names := make([][]corpus.AuthorName, len(records))
	for d := range records {
		names[d] = corpus.ParseAuthors(records[d].Authors)
		for _, n := range names[d] {
			byName[n] = append(byName[n], d)
		}
	}
	j := newJudgments()
	for d := range records {
		var rel []int
		for _, n := range names[d] {
			for _, o := range byName[n] {
				if o != d {
					rel = append(rel, o)
				}
			}
		}
		if len(rel) == 0 {
			continue
		}
		sort.Ints(rel)
		rel = slices.Compact(rel)
		for _, o := range rel {
			j.add(records[d].ID, records[o].ID, SameAuthorGrade)
		}
	}
	return j
}
