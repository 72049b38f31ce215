package server

import (
	"fmt"
	"io/fs"
	"math"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/related/related/cmd/related/internal/schema"
	"github.com/related/related/corpus"
	"github.com/related/related/rank"
	"github.com/related/related/vectorize"
)

// talkSummary is a talk in lists.
type talkSummary struct {
	ID    string   `json:"id"`
	Title string   `json:"title"`
	MSC   []string `json:"msc"`
	Year  int      `json:"year,omitempty"`
}

// talkJSON is one talk in full.
type talkJSON struct {
	ID         string            `json:"id"`
	Title      string            `json:"title"`
	HasTitle   bool              `json:"has_title"` // false: title is the abstract's first words
	Authors    []string          `json:"authors"`
	Abstract   string            `json:"abstract"`
	MSC        []string          `json:"msc"`
	PrimaryMSC string            `json:"msc_primary,omitempty"`
	MSCNames   map[string]string `json:"msc_names,omitempty"`
	Keywords   []string          `json:"keywords"`
	Year       int               `json:"year,omitempty"`
	URL        string            `json:"url,omitempty"`
	Language   string            `json:"language"`
}

type listJSON struct {
	Total  int           `json:"total"`
	Offset int           `json:"offset"`
	Limit  int           `json:"limit"`
	Talks  []talkSummary `json:"talks"`
}

// resultsJSON is a related-talk list: the shape of `related similar|query
// --json` (package schema), each result with what the page needs too.
type resultsJSON struct {
	Query     schema.Query        `json:"query"`
	K         int                 `json:"k"`
	Lambda    float64             `json:"lambda"`
	Blend     *schema.Blend       `json:"blend,omitempty"`
	MSCPrefix string              `json:"msc_prefix,omitempty"`
	Results   []resultJSON        `json:"results"`
	Suggested *schema.Suggestions `json:"suggested_codes,omitempty"`
}

type resultJSON struct {
	schema.Result
	// Excerpt (the abstract's start) and Highlight are sent with
	// highlight=true; Excerpt only when the talk has a title.
	Excerpt   string         `json:"excerpt,omitempty"`
	Highlight *highlightJSON `json:"highlight,omitempty"`
}

type healthJSON struct {
	Status     string    `json:"status"`
	Talks      int       `json:"talks"`
	Generation uint64    `json:"generation"`
	LoadedAt   time.Time `json:"loaded_at"`
	Source     string    `json:"source,omitempty"`
	MSCNames   int       `json:"msc_names"`
}

func (s *Server) healthz(w http.ResponseWriter, r *http.Request) {
	snap := s.snap.Load()
	writeJSON(w, http.StatusOK, healthJSON{
		Status: "ok", Talks: snap.Index.Len(), Generation: snap.generation,
		LoadedAt: snap.loaded, Source: snap.Source, MSCNames: len(snap.Names),
	})
}

func (s *Server) listTalks(w http.ResponseWriter, r *http.Request) {
	snap := s.snap.Load()
	offset, limit, err := pageParams(r.URL.Query())
	if err != nil {
		writeError(w, err.status, err.msg)
		return
	}
	ix := snap.Index
	out := listJSON{Total: ix.Len(), Offset: offset, Limit: limit, Talks: []talkSummary{}}
	for d := offset; d < ix.Len() && d < offset+limit; d++ {
		rec := &ix.Records[d]
		out.Talks = append(out.Talks, talkSummary{ID: rec.ID, Title: rec.DisplayTitle(160), MSC: schema.NonNil(rec.MSC), Year: rec.Year})
	}
	writeJSON(w, http.StatusOK, out)
}

// pageParams reads offset/limit or page/per_page (1-based pages).
func pageParams(q url.Values) (offset, limit int, err *apiError) {
	has := func(k string) bool { return q.Has(k) }
	if (has("offset") || has("limit")) && (has("page") || has("per_page")) {
		return 0, 0, badRequest("use offset and limit, or page and per_page, not both")
	}
	limit = DefaultLimit
	if has("page") || has("per_page") {
		page := 1
		if err := intParam(q, "page", 1, math.MaxInt32, &page); err != nil {
			return 0, 0, err
		}
		if err := intParam(q, "per_page", 1, MaxLimit, &limit); err != nil {
			return 0, 0, err
		}
		return (page - 1) * limit, limit, nil
	}
	if err := intParam(q, "offset", 0, math.MaxInt32, &offset); err != nil {
		return 0, 0, err
	}
	if err := intParam(q, "limit", 1, MaxLimit, &limit); err != nil {
		return 0, 0, err
	}
	return offset, limit, nil
}

// intParam reads an integer query parameter in [lo, hi] into v, leaving v
// alone when the parameter is absent.
func intParam(q url.Values, name string, lo, hi int, v *int) *apiError {
	if !q.Has(name) {
		return nil
	}
	s := q.Get(name)
	n, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil {
		return badRequest("%s must be an integer, got %q", name, s)
	}
	if n < lo || n > hi {
		return badRequest("%s must be in %d..%d, got %d", name, lo, hi, n)
	}
	*v = n
	return nil
}

func (s *Server) getTalk(w http.ResponseWriter, r *http.Request) {
	snap := s.snap.Load()
	id := r.PathValue("id")
	d, ok := snap.Index.Lookup(id)
	if !ok {
		writeError(w, http.StatusNotFound, fmt.Sprintf("no talk with id %q", id))
		return
	}
	rec := &snap.Index.Records[d]
	out := talkJSON{
		ID: rec.ID, Title: rec.DisplayTitle(0), HasTitle: strings.TrimSpace(rec.Title) != "",
		Authors: schema.NonNil(rec.Authors), Abstract: rec.Abstract, MSC: schema.NonNil(rec.MSC), PrimaryMSC: rec.PrimaryMSC,
		Keywords: schema.NonNil(rec.Keywords), Year: rec.Year, URL: rec.URL, Language: snap.Index.Space.Languages[d],
	}
	if snap.Names != nil {
		out.MSCNames = map[string]string{}
		for _, c := range rec.MSC {
			if n := snap.Names.Name(c); n != "" {
				out.MSCNames[c] = n
			}
		}
	}
	writeJSON(w, http.StatusOK, out)
}

// rankParams are the ranking parameters common to both searches.
type rankParams struct {
	k           int
	lambda      float64
	lambdaWords float64
	mscPrefix   string
	highlight   bool
}

var mscPrefixRE = regexp.MustCompile(`^[0-9]{2}(-([0-9]{2}|[xX]{2})|[A-Za-z]([0-9]{2}|[xX]{2})?)?$`)

func (s *Server) checkRank(p *rankParams) *apiError {
	switch {
	case p.k < 1 || p.k > MaxK:
		return badRequest("k must be in 1..%d, got %d", MaxK, p.k)
	case math.IsNaN(p.lambda) || p.lambda < 0 || p.lambda > 1:
		return badRequest("lambda must be in [0,1], got %v", p.lambda)
	case math.IsNaN(p.lambdaWords) || math.IsInf(p.lambdaWords, 0) || p.lambdaWords < 0:
		return badRequest("lambda_words must be at least 0, got %v", p.lambdaWords)
	case p.mscPrefix != "" && !mscPrefixRE.MatchString(p.mscPrefix):
		return badRequest("msc must be an MSC code or prefix (65, 65K, 65K10, 65-XX), got %q", p.mscPrefix)
	}
	return nil
}

func (s *Server) query2rank(p rankParams) rank.Query {
	// Near-duplicates fold into one result, as in the command's default.
	q := rank.DefaultQuery()
	q.K, q.Lambda, q.LambdaWords, q.MSCPrefix, q.ExplainTerms = p.k, p.lambda, p.lambdaWords, p.mscPrefix, explainTerms
	return q
}

func (s *Server) similar(w http.ResponseWriter, r *http.Request) {
	snap := s.snap.Load()
	q := r.URL.Query()
	p := rankParams{k: DefaultK, lambda: s.cfg.DefaultLambda, lambdaWords: rank.DefaultLambdaWords, mscPrefix: strings.TrimSpace(q.Get("msc"))}
	if err := intParam(q, "k", math.MinInt32, math.MaxInt32, &p.k); err != nil {
		writeError(w, err.status, err.msg)
		return
	}
	if q.Has("lambda") {
		v, err := strconv.ParseFloat(strings.TrimSpace(q.Get("lambda")), 64)
		if err != nil {
			writeError(w, http.StatusBadRequest, fmt.Sprintf("lambda must be a number, got %q", q.Get("lambda")))
			return
		}
		p.lambda = v
	}
	if q.Has("lambda_words") {
		v, err := strconv.ParseFloat(strings.TrimSpace(q.Get("lambda_words")), 64)
		if err != nil {
			writeError(w, http.StatusBadRequest, fmt.Sprintf("lambda_words must be a number, got %q", q.Get("lambda_words")))
			return
		}
		p.lambdaWords = v
	}
	if q.Has("highlight") {
		v, err := strconv.ParseBool(q.Get("highlight"))
		if err != nil {
			writeError(w, http.StatusBadRequest, fmt.Sprintf("highlight must be true or false, got %q", q.Get("highlight")))
			return
		}
		p.highlight = v
	}
	if err := s.checkRank(&p); err != nil {
		writeError(w, err.status, err.msg)
		return
	}
	id := r.PathValue("id")
	d, ok := snap.Index.Lookup(id)
	if !ok {
		writeError(w, http.StatusNotFound, fmt.Sprintf("no talk with id %q", id))
		return
	}
	results, blend, err := snap.Index.SearchBlend(snap.Index.SimilarQuery(d, s.query2rank(p)))
	if err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return
	}
	rec := &snap.Index.Records[d]
	out := resultsJSON{
		Query: schema.NewQuery(rec, snap.Index.Space.Languages[d]),
		K:     p.k, Lambda: p.lambda, Blend: schema.NewBlend(blend, p.lambdaWords), MSCPrefix: p.mscPrefix,
	}
	var hl *highlighter
	if p.highlight {
		hl = newHighlighter(snap.Index.Space, recordText(rec), snap.Index.Space.Languages[d])
	}
	out.Results = s.results(snap, results, hl)
	writeJSON(w, http.StatusOK, out)
}

// queryRequest is the body of POST /api/query.
type queryRequest struct {
	Text        string   `json:"text"`
	MSC         []string `json:"msc"`
	K           *int     `json:"k"`
	Lambda      *float64 `json:"lambda"`
	LambdaWords *float64 `json:"lambda_words"`
	MSCPrefix   string   `json:"msc_prefix"`
	Lang        string   `json:"lang"`
	Highlight   bool     `json:"highlight"`
}

func (s *Server) query(w http.ResponseWriter, r *http.Request) {
	snap := s.snap.Load()
	var req queryRequest
	if err := decodeBody(w, r, s.cfg.MaxBody, &req); err != nil {
		writeError(w, err.status, err.msg)
		return
	}
	p := rankParams{k: DefaultK, lambda: s.cfg.DefaultLambda, lambdaWords: rank.DefaultLambdaWords, mscPrefix: strings.TrimSpace(req.MSCPrefix), highlight: req.Highlight}
	if req.K != nil {
		p.k = *req.K
	}
	if req.Lambda != nil {
		p.lambda = *req.Lambda
	}
	if req.LambdaWords != nil {
		p.lambdaWords = *req.LambdaWords
	}
	if err := s.checkRank(&p); err != nil {
		writeError(w, err.status, err.msg)
		return
	}
	if strings.TrimSpace(req.Text) == "" {
		writeError(w, http.StatusBadRequest, `"text" is required and must not be blank`)
		return
	}
	codes := corpus.ParseCodes(strings.Join(req.MSC, " ; "))
	if len(codes.Invalid) > 0 {
		writeError(w, http.StatusBadRequest, fmt.Sprintf("msc: not MSC codes: %q", codes.Invalid))
		return
	}
	lang := corpus.NormalizeLanguage(req.Lang)
	if lang != "" && !slices.Contains(vectorize.Languages(), lang) {
		writeError(w, http.StatusBadRequest, fmt.Sprintf("lang: %q is not a language the analysis knows (%s)", req.Lang, strings.Join(vectorize.Languages(), ", ")))
		return
	}
	ix := snap.Index
	aq := ix.Space.Query(req.Text, lang)
	rq := s.query2rank(p)
	rq.Vector = aq.Vector
	rq.Codes = rank.CodeSet{Codes: codes.Codes, Primary: codes.Primary}
	results, blend, err := ix.SearchBlend(rq)
	if err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return
	}
	suggested := s.cfg.Suggest(ix, rq, results)
	for _, level := range []*[]SuggestedCode{&suggested.Areas, &suggested.Sections, &suggested.Codes} {
		if *level == nil {
			*level = []SuggestedCode{}
		}
		for i := range *level {
			c := &(*level)[i]
			c.Score = schema.Round(c.Score)
			if c.Name == "" {
				c.Name = snap.Names.Name(c.Code)
			}
		}
	}
	out := resultsJSON{
		Query:  schema.Query{Text: req.Text, MSC: schema.NonNil(codes.Codes), Language: aq.Language, Unknown: aq.Unknown},
		K:      p.k,
		Lambda: p.lambda, Blend: schema.NewBlend(blend, p.lambdaWords), MSCPrefix: p.mscPrefix,
		Suggested: &suggested,
	}
	var hl *highlighter
	if p.highlight {
		hl = newHighlighter(ix.Space, req.Text, aq.Language)
	}
	out.Results = s.results(snap, results, hl)
	writeJSON(w, http.StatusOK, out)
}

// results turns ranked results into their JSON, with code names and, when
// hl is set, the words to highlight on each side.
func (s *Server) results(snap *Snapshot, results []rank.Result, hl *highlighter) []resultJSON {
	rec := func(d int) *corpus.Record { return &snap.Index.Records[d] }
	base := schema.NewResults(results, rec, snap.Names.Name)
	out := make([]resultJSON, len(results))
	for i, res := range results {
		out[i] = resultJSON{Result: base[i]}
		if hl != nil {
			r := rec(res.Doc)
			out[i].Highlight = hl.result(r, snap.Index.Space.Languages[res.Doc], res.Terms)
			if strings.TrimSpace(r.Title) != "" {
				out[i].Excerpt = excerpt(r.Abstract, 400)
			}
		}
	}
	return out
}

func (s *Server) openAPI(w http.ResponseWriter, r *http.Request) {
	b, err := fs.ReadFile(s.static, "openapi.json")
	if err != nil {
		panic(err) // embedded: cannot be missing
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Write(b)
}

func (s *Server) page(w http.ResponseWriter, r *http.Request) {
	b, err := fs.ReadFile(s.static, "index.html")
	if err != nil {
		panic(err)
	}
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'")
	h.Set("X-Content-Type-Options", "nosniff")
	w.Write(b)
}

func (s *Server) staticFiles(w http.ResponseWriter, r *http.Request) {
	sub, err := fs.Sub(s.static, "static")
	if err != nil {
		panic(err)
	}
	if strings.HasSuffix(r.URL.Path, "/") { // no directory listings
		writeError(w, http.StatusNotFound, "no such resource: "+r.URL.Path)
		return
	}
	w.Header().Set("X-Content-Type-Options", "nosniff")
	http.StripPrefix("/static/", http.FileServerFS(sub)).ServeHTTP(w, r)
}

// excerpt is the start of text, at most n runes, cut at a space.
func excerpt(text string, n int) string {
	text = strings.Join(strings.Fields(text), " ")
	r := []rune(text)
	if len(r) <= n {
		return text
	}
	cut := string(r[:n])
	if i := strings.LastIndexByte(cut, ' '); i > n/2 {
		cut = cut[:i]
	}
	return cut + "…"
}
