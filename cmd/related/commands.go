package main

import (
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/related/related/cmd/related/internal/schema"
	"github.com/related/related/corpus"
	"github.com/related/related/rank"
	"github.com/related/related/vectorize"
)

func runList(e *env, args []string) error {
	fs := newFlagSet(e, "list", `Lists the talks of the corpus: id, MSC codes and title (or the first words
of the abstract). With --json, one JSON record per line (JSON Lines, the
record schema of the README).`)
	var src sourceFlags
	src.register(fs)
	asJSON := fs.Bool("json", false, "write the records as JSON Lines")
	pos, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("list takes no arguments, got %q", pos)
	}
	eng, err := src.load(e)
	if err != nil {
		return err
	}
	enc := json.NewEncoder(e.stdout)
	for i := range eng.records {
		r := &eng.records[i]
		if *asJSON {
			if err := enc.Encode(r); err != nil {
				return err
			}
			continue
		}
		fmt.Fprintf(e.stdout, "%-16s %-24s %s\n", r.ID, strings.Join(r.MSC, ";"), r.DisplayTitle(70))
	}
	return nil
}

func runShow(e *env, args []string) error {
	fs := newFlagSet(e, "show", `Shows one talk in full: title, authors, codes, keywords, abstract.`)
	var src sourceFlags
	src.register(fs)
	asJSON := fs.Bool("json", false, "write the record as JSON")
	pos, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("show takes one talk id")
	}
	eng, err := src.load(e)
	if err != nil {
		return err
	}
	d, ok := eng.index.Lookup(pos[0])
	if !ok {
		return notFound(pos[0])
	}
	r := &eng.records[d]
	if *asJSON {
		return writeJSON(e.stdout, r)
	}
	w := e.stdout
	fmt.Fprintf(w, "id:        %s\n", r.ID)
	if r.Title != "" {
		fmt.Fprintf(w, "title:     %s\n", r.Title)
	}
	if len(r.Authors) > 0 {
		fmt.Fprintf(w, "authors:   %s\n", strings.Join(r.Authors, "; "))
	}
	if len(r.MSC) > 0 {
		codes := strings.Join(r.MSC, " ; ")
		if r.PrimaryMSC != "" {
			codes += " (primary " + r.PrimaryMSC + ")"
		}
		fmt.Fprintf(w, "msc:       %s\n", codes)
	}
	if r.MSCRaw != "" {
		fmt.Fprintf(w, "msc (raw): %s\n", r.MSCRaw)
	}
	if len(r.Keywords) > 0 {
		fmt.Fprintf(w, "keywords:  %s\n", strings.Join(r.Keywords, "; "))
	}
	if r.Year != 0 {
		fmt.Fprintf(w, "year:      %d\n", r.Year)
	}
	if r.URL != "" {
		fmt.Fprintf(w, "url:       %s\n", r.URL)
	}
	fmt.Fprintf(w, "language:  %s\n", eng.index.Space.Languages[d])
	fmt.Fprintf(w, "source:    %s\n\n%s\n", r.Origin, wrap(r.Abstract, 78))
	return nil
}

func notFound(id string) error {
	return fmt.Errorf("no talk with id %q ('related list' shows the ids)", id)
}

func runSimilar(e *env, args []string) error {
	fs := newFlagSet(e, "similar", `Lists the talks most related to the talk ID, best first, with the score,
its text and code parts, the words that contributed most and the MSC codes
shared with the talk.`)
	var src sourceFlags
	var rf rankFlags
	src.register(fs)
	rf.register(fs)
	pos, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("similar takes one talk id")
	}
	eng, err := src.load(e)
	if err != nil {
		return err
	}
	d, ok := eng.index.Lookup(pos[0])
	if !ok {
		return notFound(pos[0])
	}
	q, err := rf.query(eng.index)
	if err != nil {
		return err
	}
	results, blend, err := eng.index.SearchBlend(eng.index.SimilarQuery(d, q))
	if err != nil {
		return err
	}
	r := &eng.records[d]
	head := queryInfo{Query: schema.NewQuery(r, eng.index.Space.Languages[d]), Blend: blend}
	return writeResults(e.stdout, rf, head, eng, results)
}

func runQuery(e *env, args []string) error {
	fs := newFlagSet(e, "query", `Lists the talks most related to free text: a draft abstract, a title, a few
words. TEXT is the text itself, or - to read it from standard input. With
--msc, the text's own codes count too (lambda sets how much).`)
	var src sourceFlags
	var rf rankFlags
	src.register(fs)
	rf.register(fs)
	msc := fs.String("msc", "", "the text's MSC `codes`, in any usual form: \"65K10 ; 90C25\", \"Primary 65K10; Secondary 90C25\"")
	lang := fs.String("lang", "", "the text's `language` ("+strings.Join(vectorize.Languages(), ", ")+");\ndefault: its stop words, else the library's language that knows most of its words")
	pos, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(pos) == 0 {
		return usagef("query needs the text, or - to read it from standard input")
	}
	text := strings.Join(pos, " ")
	if text == "-" {
		b, err := io.ReadAll(e.stdin)
		if err != nil {
			return fmt.Errorf("reading standard input: %w", err)
		}
		text = string(b)
	}
	if strings.TrimSpace(text) == "" {
		return usagef("the query text is empty")
	}
	codes := corpus.ParseCodes(*msc)
	if len(codes.Invalid) > 0 {
		return usagef("--msc: not MSC codes: %q", codes.Invalid)
	}
	language := corpus.NormalizeLanguage(*lang)
	if language != "" && !slices.Contains(vectorize.Languages(), language) {
		return usagef("--lang: %q is not a language the analysis knows (%s)", *lang, strings.Join(vectorize.Languages(), ", "))
	}
	eng, err := src.load(e)
	if err != nil {
		return err
	}
	q, err := rf.query(eng.index)
	if err != nil {
		return err
	}
	aq := eng.index.Space.Query(text, language)
	q.Vector = aq.Vector
	q.Codes = rank.CodeSet{Codes: codes.Codes, Primary: codes.Primary}
	results, blend, err := eng.index.SearchBlend(q)
	if err != nil {
		return err
	}
	// Suggested codes come from the nearest records by text alone, so
	// that the text's own codes do not vote for themselves.
	neighbours, err := eng.index.Search(rank.Query{Vector: aq.Vector, K: rank.SuggestNeighbours})
	if err != nil {
		return err
	}
	sugg := eng.index.Suggest(neighbours, 5)
	head := queryInfo{
		Query:     schema.Query{Text: text, MSC: schema.NonNil(codes.Codes), Language: aq.Language, Unknown: aq.Unknown},
		Suggested: &sugg,
		Blend:     blend,
	}
	return writeResults(e.stdout, rf, head, eng, results)
}

// wrap breaks text into lines of at most width characters, keeping the
// paragraphs of the original.
func wrap(text string, width int) string {
	var out []string
	for _, para := range strings.Split(text, "\n") {
		line := ""
		for _, w := range strings.Fields(para) {
			if line != "" && len([]rune(line))+1+len([]rune(w)) > width {
				out = append(out, line)
				line = w
			} else if line == "" {
				line = w
			} else {
				line += " " + w
			}
		}
		out = append(out, line)
	}
	return strings.Join(out, "\n")
}
