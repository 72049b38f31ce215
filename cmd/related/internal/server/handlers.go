package server

import (
	"context"
	"errors"
	"io/fs"
	"math"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/related/related"
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
// --json` (related.Results), each result with what the page needs too.
type resultsJSON struct {
	Query     related.Query        `json:"query"`
	K         int                  `json:"k"`
	Lambda    float64              `json:"lambda"`
	Blend     *related.Blend       `json:"blend,omitempty"`
	MSCPrefix string               `json:"msc_prefix,omitempty"`
	Results   []resultJSON         `json:"results"`
	Suggested *related.Suggestions `json:"suggested_codes,omitempty"`
}

type resultJSON struct {
	related.Result
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
		Status: "ok", Talks: snap.Engine.Len(), Generation: snap.generation,
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
	eng := snap.Engine
	out := listJSON{Total: eng.Len(), Offset: offset, Limit: limit, Talks: []talkSummary{}}
	for d := offset; d < eng.Len() && d < offset+limit; d++ {
		rec := eng.RecordAt(d)
		out.Talks = append(out.Talks, talkSummary{ID: rec.ID, Title: rec.DisplayTitle(160), MSC: nonNil(rec.MSC), Year: rec.Year})
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
	rec, ok := snap.Engine.Record(id)
	if !ok {
		writeError(w, http.StatusNotFound, (&related.NotFoundError{ID: id}).Error())
		return
	}
	out := talkJSON{
		ID: rec.ID, Title: rec.DisplayTitle(0), HasTitle: strings.TrimSpace(rec.Title) != "",
		Authors: nonNil(rec.Authors), Abstract: rec.Abstract, MSC: nonNil(rec.MSC), PrimaryMSC: rec.PrimaryMSC,
		Keywords: nonNil(rec.Keywords), Year: rec.Year, URL: rec.URL, Language: snap.Engine.Language(id),
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

// searchOptions are the defaults of a request: the engine's, with the
// server's λ and explanations long enough for the page.
func (s *Server) searchOptions() related.SearchOptions {
	o := related.DefaultSearchOptions()
	o.Lambda, o.Terms = s.cfg.DefaultLambda, explainTerms
	return o
}

// searchError answers an error of the engine: 400 for a parameter out of
// range, named as the request named it (names maps the engine's names of
// fields to the request's where they differ), 404 for an unknown id, 503
// for a request canceled on the way.
func searchError(w http.ResponseWriter, err error, names map[string]string) {
	var bq *related.BadQueryError
	var nf *related.NotFoundError
	switch {
	case errors.As(err, &bq):
		field := bq.Field
		if n, ok := names[field]; ok {
			field = n
		}
		writeError(w, http.StatusBadRequest, field+" "+bq.Reason)
	case errors.As(err, &nf):
		writeError(w, http.StatusNotFound, nf.Error())
	case errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
		// The client went away (or the server is stopping): no one to
		// answer, and not a bug.
		writeError(w, http.StatusServiceUnavailable, "request canceled")
	default:
		panic(err) // the engine fails only on bad input: a bug (500)
	}
}

// checkK refuses more results than the server lists; the engine checks
// the rest.
func checkK(k int) *apiError {
	if k > MaxK {
		return badRequest("k must be in 1..%d, got %d", MaxK, k)
	}
	return nil
}

// floatParam reads a number query parameter into v, leaving v alone when
// the parameter is absent.
func floatParam(q url.Values, name string, v *float64) *apiError {
	if !q.Has(name) {
		return nil
	}
	x, err := strconv.ParseFloat(strings.TrimSpace(q.Get(name)), 64)
	if err != nil {
		return badRequest("%s must be a number, got %q", name, q.Get(name))
	}
	*v = x
	return nil
}

// similarNames are the query parameters of similar that the engine names
// otherwise.
var similarNames = map[string]string{"msc_prefix": "msc"}

func (s *Server) similar(w http.ResponseWriter, r *http.Request) {
	snap := s.snap.Load()
	q := r.URL.Query()
	opts := s.searchOptions()
	opts.MSCPrefix = strings.TrimSpace(q.Get("msc"))
	highlight := false
	err := intParam(q, "k", math.MinInt32, math.MaxInt32, &opts.K)
	if err == nil {
		err = floatParam(q, "lambda", &opts.Lambda)
	}
	if err == nil {
		err = floatParam(q, "lambda_words", &opts.LambdaWords)
	}
	if err == nil && q.Has("highlight") {
		v, perr := strconv.ParseBool(q.Get("highlight"))
		if perr != nil {
			err = badRequest("highlight must be true or false, got %q", q.Get("highlight"))
		}
		highlight = v
	}
	if err == nil {
		err = checkK(opts.K)
	}
	if err != nil {
		writeError(w, err.status, err.msg)
		return
	}
	id := r.PathValue("id")
	res, serr := snap.Engine.Similar(r.Context(), id, opts)
	if serr != nil {
		searchError(w, serr, similarNames)
		return
	}
	var hl *highlighter
	if highlight {
		rec, _ := snap.Engine.Record(id)
		hl = newHighlighter(snap.Engine, recordText(rec), res.Query.Language)
	}
	writeJSON(w, http.StatusOK, s.resultsJSON(snap, res, hl))
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
	opts := related.QueryOptions{SearchOptions: s.searchOptions(), MSC: req.MSC, Language: req.Lang}
	opts.MSCPrefix = strings.TrimSpace(req.MSCPrefix)
	if req.K != nil {
		opts.K = *req.K
	}
	if req.Lambda != nil {
		opts.Lambda = *req.Lambda
	}
	if req.LambdaWords != nil {
		opts.LambdaWords = *req.LambdaWords
	}
	if err := checkK(opts.K); err != nil {
		writeError(w, err.status, err.msg)
		return
	}
	if strings.TrimSpace(req.Text) == "" {
		writeError(w, http.StatusBadRequest, `"text" is required and must not be blank`)
		return
	}
	res, err := snap.Engine.Query(r.Context(), req.Text, opts)
	if err != nil {
		searchError(w, err, nil)
		return
	}
	if s.cfg.Suggest != nil {
		sg := s.cfg.Suggest(snap.Engine, req.Text, opts)
		res.Suggested = &sg
	}
	var hl *highlighter
	if req.Highlight {
		hl = newHighlighter(snap.Engine, req.Text, res.Query.Language)
	}
	writeJSON(w, http.StatusOK, s.resultsJSON(snap, res, hl))
}

// resultsJSON is a list as the API sends it: rounded, with code names
// and, when hl is set, the words to highlight on each side.
func (s *Server) resultsJSON(snap *Snapshot, res *related.Results, hl *highlighter) resultsJSON {
	res = res.Rounded()
	res.NameCodes(snap.Names.Name)
	out := resultsJSON{Query: res.Query, K: res.K, Lambda: res.Lambda, Blend: res.Blend, MSCPrefix: res.MSCPrefix,
		Suggested: res.Suggested, Results: make([]resultJSON, len(res.Results))}
	for i, x := range res.Results {
		out.Results[i] = resultJSON{Result: x}
		if hl != nil {
			rec, _ := snap.Engine.Record(x.ID)
			out.Results[i].Highlight = hl.result(rec, snap.Engine.Language(x.ID), x.Terms)
			if strings.TrimSpace(rec.Title) != "" {
				out.Results[i].Excerpt = excerpt(rec.Abstract, 400)
			}
		}
	}
	return out
}

// nonNil returns s, or an empty list for nil, so that JSON says [] not
// null.
func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
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
