package server

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/related/related"
	"github.com/related/related/cmd/related/web"
	"github.com/related/related/corpus"
)

// The embedded talks (their ids are hashes of their text).
const (
	logistic  = "talk-46c6396e5a"
	backprop  = "talk-258f2deb7a"
	slashID   = "arXiv:math/0405083"
	titledID  = "conv-1"
	frenchID  = "fr-1"
	lambdaDef = 0.6
)

// extraRecords add what the embedded corpus lacks: titles, an id with a
// slash, authors, keywords, another language.
var extraRecords = []corpus.Record{
	{ID: slashID, Title: "Convex optimization on Riemannian manifolds", Authors: []string{"A. Author"},
		Abstract: "We study first-order optimization methods for geodesically convex functions on manifolds, with gradient descent and its stochastic variants.",
		MSC:      []string{"90C25", "65K10", "53C22"}, PrimaryMSC: "90C25", Keywords: []string{"Riemannian optimization"}, Year: 2004},
	{ID: titledID, Title: "Semidefinite programs and low rank factorization", Abstract: "Low rank factorization of semidefinite programs: Burer-Monteiro, global optimality of first-order algorithms.",
		MSC: []string{"90C22", "65K10"}, URL: "https://example.org/conv-1"},
	{ID: frenchID, Title: "Optimisation convexe", Abstract: "Nous étudions l'optimisation convexe et les méthodes de gradient stochastique.", Language: "french", MSC: []string{"90C25"}},
}

// testSnapshot indexes the embedded corpus plus extra records (and n more
// generated ones, so that two snapshots can differ in size).
func testSnapshot(t testing.TB, n int) *Snapshot {
	t.Helper()
	c := corpus.NewCollector()
	dec, err := corpus.NewDecoder(bytes.NewReader(related.EmbeddedCorpus), related.EmbeddedCorpusName, corpus.FormatTalkDump)
	if err != nil {
		t.Fatal(err)
	}
	if err := c.ReadAll(dec); err != nil {
		t.Fatal(err)
	}
	for _, r := range extraRecords {
		c.Add(r)
	}
	for i := range n {
		c.Add(corpus.Record{ID: fmt.Sprintf("gen-%d", i), Title: fmt.Sprintf("Generated talk %d on gradient methods", i),
			Abstract: "Stochastic gradient descent for convex optimization, lecture number " + fmt.Sprint(i), MSC: []string{"65K10"}})
	}
	eng, err := related.New(c.Records, nil)
	if err != nil {
		t.Fatal(err)
	}
	names := CodeNames{"65K10": "Numerical optimization and variational techniques", "90C25": "Convex programming"}
	return &Snapshot{Engine: eng, Names: names, Source: "test"}
}

func newTestServer(t testing.TB, cfg Config) *Server {
	t.Helper()
	if cfg.Load == nil {
		snap := testSnapshot(t, 0)
		cfg.Load = func() (*Snapshot, error) { return snap, nil }
	}
	if cfg.DefaultLambda == 0 {
		cfg.DefaultLambda = lambdaDef
	}
	s, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

type response struct {
	status int
	header http.Header
	body   []byte
}

func do(t testing.TB, h http.Handler, method, target, body string) response {
	t.Helper()
	var r io.Reader
	if body != "" {
		r = strings.NewReader(body)
	}
	req := httptest.NewRequest(method, target, r)
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return response{rec.Code, rec.Header(), rec.Body.Bytes()}
}

func decode[T any](t testing.TB, r response) T {
	t.Helper()
	var v T
	dec := json.NewDecoder(bytes.NewReader(r.body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&v); err != nil {
		t.Fatalf("decoding %s: %v", r.body, err)
	}
	return v
}

func TestErrors(t *testing.T) {
	s := newTestServer(t, Config{MaxBody: 4096})
	big := `{"text": "` + strings.Repeat("a", 5000) + `"}`
	for _, tc := range []struct {
		method, target, body string
		status               int
		want                 string // in the error message
	}{
		// 400: parameters of GET /api/talks.
		{"GET", "/api/talks?offset=-1", "", 400, "offset must be in"},
		{"GET", "/api/talks?limit=0", "", 400, "limit must be in 1..500"},
		{"GET", "/api/talks?limit=501", "", 400, "limit must be in 1..500"},
		{"GET", "/api/talks?limit=ten", "", 400, "limit must be an integer"},
		{"GET", "/api/talks?page=0", "", 400, "page must be in"},
		{"GET", "/api/talks?per_page=1000", "", 400, "per_page must be in"},
		{"GET", "/api/talks?offset=2&page=1", "", 400, "not both"},
		// 400: parameters of similar.
		{"GET", "/api/talks/" + logistic + "/similar?k=0", "", 400, "k must be at least 1, got 0"}, // the engine's check, as the command line's
		{"GET", "/api/talks/" + logistic + "/similar?k=101", "", 400, "k must be in 1..100, got 101"},
		{"GET", "/api/talks/" + logistic + "/similar?k=-5", "", 400, "k must be at least 1, got -5"},
		{"GET", "/api/talks/" + logistic + "/similar?k=3.5", "", 400, "k must be an integer"},
		{"GET", "/api/talks/" + logistic + "/similar?k=99999999999999999999", "", 400, "k must be an integer"},
		{"GET", "/api/talks/" + logistic + "/similar?lambda=-0.1", "", 400, "lambda must be in [0,1]"},
		{"GET", "/api/talks/" + logistic + "/similar?lambda=1.01", "", 400, "lambda must be in [0,1]"},
		{"GET", "/api/talks/" + logistic + "/similar?lambda=NaN", "", 400, "lambda must be in [0,1]"},
		{"GET", "/api/talks/" + logistic + "/similar?lambda=Inf", "", 400, "lambda must be in [0,1]"},
		{"GET", "/api/talks/" + logistic + "/similar?lambda=half", "", 400, "lambda must be a number"},
		{"GET", "/api/talks/" + logistic + "/similar?msc=optimization", "", 400, "msc must be an MSC code"},
		{"GET", "/api/talks/" + logistic + "/similar?highlight=maybe", "", 400, "highlight must be true or false"},
		// 400: bodies of POST /api/query.
		{"POST", "/api/query", "", 400, "empty body"},
		{"POST", "/api/query", `{"text": "gradient"`, 400, "malformed JSON"},
		{"POST", "/api/query", `{"text": gradient}`, 400, "malformed JSON"},
		{"POST", "/api/query", `{"text": "gradient"} {"text": "again"}`, 400, "one JSON object"},
		{"POST", "/api/query", `["gradient"]`, 400, "must be a JSON object"},
		{"POST", "/api/query", `{"text": "gradient", "q": 1}`, 400, `unknown field "q"`},
		{"POST", "/api/query", `{"text": "gradient", "k": "5"}`, 400, `field "k" must be an integer`},
		{"POST", "/api/query", `{"text": "gradient", "k": 2.5}`, 400, `field "k" must be an integer`},
		{"POST", "/api/query", `{"text": 42}`, 400, `field "text" must be a string`},
		{"POST", "/api/query", `{"text": "gradient", "msc": "65K10"}`, 400, `field "msc" must be an array of strings`},
		{"POST", "/api/query", `{"text": "gradient", "lambda": "high"}`, 400, `field "lambda" must be a number`},
		{"POST", "/api/query", `{"text": "gradient", "highlight": 1}`, 400, `field "highlight" must be a boolean`},
		{"POST", "/api/query", `{"text": "   "}`, 400, `"text" is required`},
		{"POST", "/api/query", `{"msc": ["65K10"]}`, 400, `"text" is required`},
		{"POST", "/api/query", `{"text": "gradient", "k": 0}`, 400, "k must be at least 1, got 0"},
		{"POST", "/api/query", `{"text": "gradient", "k": 1000}`, 400, "k must be in 1..100, got 1000"},
		{"POST", "/api/query", `{"text": "gradient", "lambda": 2}`, 400, "lambda must be in [0,1], got 2"},
		{"POST", "/api/query", `{"text": "gradient", "lambda": -1e-9}`, 400, "lambda must be in [0,1]"},
		{"POST", "/api/query", `{"text": "gradient", "msc": ["65K10", "35.43"]}`, 400, "not MSC codes"},
		{"POST", "/api/query", `{"text": "gradient", "msc_prefix": "zz"}`, 400, `msc_prefix must be an MSC code or its start (65, 65K, 65K10, 65-XX, 65Kxx), got "zz"`},
		{"POST", "/api/query", `{"text": "gradient", "lambda_words": -1}`, 400, "lambda_words must be at least 0, got -1"},
		{"POST", "/api/query", `{"text": "gradient", "lang": "klingon"}`, 400, `lang must be a language the analysis knows (english,`},
		// 404: unknown ids and routes.
		{"GET", "/api/talks/nope", "", 404, `no talk with id "nope"`},
		{"GET", "/api/talks/nope/similar", "", 404, `no talk with id "nope"`},
		{"GET", "/api/talks/arXiv:math%2F9999999", "", 404, `no talk with id "arXiv:math/9999999"`},
		{"GET", "/api/nope", "", 404, "no such resource: GET /api/nope"},
		{"GET", "/api/talks/" + logistic + "/similar/more", "", 404, "no such resource"},
		{"GET", "/favicon.ico", "", 404, "no such resource"},
		{"GET", "/static/nope.js", "", 404, "no such resource"},
		{"GET", "/static/", "", 404, "no such resource"},
		{"POST", "/nope", "{}", 404, "no such resource"},
		// 405: wrong methods.
		{"GET", "/api/query", "", 405, "allowed: POST"},
		{"PUT", "/api/query", `{"text": "x"}`, 405, "allowed: POST"},
		{"POST", "/healthz", "{}", 405, "allowed: GET, HEAD"},
		{"DELETE", "/api/talks/" + logistic, "", 405, "allowed: GET, HEAD"},
		{"POST", "/api/talks/" + logistic + "/similar", "{}", 405, "allowed: GET, HEAD"},
		{"POST", "/api/talks", "{}", 405, "allowed: GET, HEAD"},
		{"POST", "/api/openapi.json", "{}", 405, "allowed: GET, HEAD"},
		{"POST", "/", "{}", 405, "allowed: GET, HEAD"},
		// 413: over the body limit (4096 bytes here).
		{"POST", "/api/query", big, 413, "request body over 4096 bytes"},
	} {
		t.Run(tc.method+" "+tc.target, func(t *testing.T) {
			r := do(t, s, tc.method, tc.target, tc.body)
			if r.status != tc.status {
				t.Fatalf("status %d, want %d: %s", r.status, tc.status, r.body)
			}
			if ct := r.header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
				t.Errorf("Content-Type %q", ct)
			}
			e := decode[errorJSON](t, r)
			if !strings.Contains(e.Error, tc.want) {
				t.Errorf("error %q, want it to contain %q", e.Error, tc.want)
			}
			if tc.status == 405 && r.header.Get("Allow") == "" {
				t.Error("405 without an Allow header")
			}
		})
	}
}

func TestHealthz(t *testing.T) {
	s := newTestServer(t, Config{})
	r := do(t, s, "GET", "/healthz", "")
	h := decode[healthJSON](t, r)
	if r.status != 200 || h.Status != "ok" || h.Talks != 8 || h.Generation != 1 || h.MSCNames != 2 || h.LoadedAt.IsZero() {
		t.Errorf("%d %+v", r.status, h)
	}
	if r := do(t, s, "HEAD", "/healthz", ""); r.status != 200 {
		t.Errorf("HEAD: %d", r.status)
	}
}

func TestListTalks(t *testing.T) {
	s := newTestServer(t, Config{})
	all := decode[listJSON](t, do(t, s, "GET", "/api/talks", ""))
	if all.Total != 8 || all.Offset != 0 || all.Limit != DefaultLimit || len(all.Talks) != 8 {
		t.Fatalf("%+v", all)
	}
	ids := func(l listJSON) []string {
		var s []string
		for _, t := range l.Talks {
			s = append(s, t.ID)
		}
		return s
	}
	for _, tc := range []struct {
		q                   string
		offset, limit, want int
	}{
		{"offset=2&limit=3", 2, 3, 3},
		{"page=2&per_page=3", 3, 3, 3},
		{"page=3&per_page=3", 6, 3, 2},
		{"limit=3", 0, 3, 3},
		{"offset=7", 7, DefaultLimit, 1},
		{"offset=100", 100, DefaultLimit, 0},
		{"page=1000000&per_page=500", 999999 * 500, 500, 0},
	} {
		r := do(t, s, "GET", "/api/talks?"+tc.q, "")
		l := decode[listJSON](t, r)
		if r.status != 200 || l.Total != 8 || l.Offset != tc.offset || l.Limit != tc.limit || len(l.Talks) != tc.want {
			t.Errorf("%s: %d %+v", tc.q, r.status, l)
			continue
		}
		if tc.want > 0 && !slices.Equal(ids(l), ids(all)[tc.offset:tc.offset+tc.want]) {
			t.Errorf("%s: %v", tc.q, ids(l))
		}
	}
	if l := decode[listJSON](t, do(t, s, "GET", "/api/talks?offset=100", "")); l.Talks == nil {
		t.Error("an empty page should be [], not null")
	}
}

func TestGetTalk(t *testing.T) {
	s := newTestServer(t, Config{})
	r := do(t, s, "GET", "/api/talks/"+strings.ReplaceAll(slashID, "/", "%2F"), "")
	if r.status != 200 {
		t.Fatalf("%d %s", r.status, r.body)
	}
	got := decode[talkJSON](t, r)
	want := talkJSON{ID: slashID, Title: extraRecords[0].Title, HasTitle: true, Authors: []string{"A. Author"},
		Abstract: extraRecords[0].Abstract, MSC: []string{"90C25", "65K10", "53C22"}, PrimaryMSC: "90C25",
		MSCNames: map[string]string{"65K10": "Numerical optimization and variational techniques", "90C25": "Convex programming"},
		Keywords: []string{"Riemannian optimization"}, Year: 2004, Language: "english"}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("got  %+v\nwant %+v", got, want)
	}
	// A talk without a title: the title is the abstract's start, lists
	// are [], never null.
	r = do(t, s, "GET", "/api/talks/"+logistic, "")
	if !bytes.Contains(r.body, []byte(`"authors":[]`)) || !bytes.Contains(r.body, []byte(`"has_title":false`)) {
		t.Errorf("%s", r.body)
	}
	// Without a code table there are no names.
	snap := testSnapshot(t, 0)
	snap.Names = nil
	s2 := newTestServer(t, Config{Load: func() (*Snapshot, error) { return snap, nil }})
	if r := do(t, s2, "GET", "/api/talks/"+titledID, ""); bytes.Contains(r.body, []byte("msc_names")) {
		t.Errorf("names without a table: %s", r.body)
	}
}

func TestSimilar(t *testing.T) {
	s := newTestServer(t, Config{})
	r := do(t, s, "GET", "/api/talks/"+logistic+"/similar", "")
	if r.status != 200 {
		t.Fatalf("%d %s", r.status, r.body)
	}
	res := decode[resultsJSON](t, r)
	if res.Query.ID != logistic || res.K != DefaultK || res.Lambda != lambdaDef || len(res.Results) == 0 {
		t.Fatalf("%+v", res)
	}
	if res.Results[0].ID != backprop {
		t.Errorf("first result %s, want %s", res.Results[0].ID, backprop)
	}
	for i, x := range res.Results {
		if x.ID == logistic || x.Rank != i+1 || x.Highlight != nil || x.Terms == nil || x.Codes == nil {
			t.Errorf("result %d: %+v", i, x)
		}
		if i > 0 && x.Score > res.Results[i-1].Score {
			t.Errorf("not sorted at %d", i)
		}
	}
	if res.Suggested != nil {
		t.Error("suggested_codes on similar")
	}

	// k, lambda and the msc prefix.
	res = decode[resultsJSON](t, do(t, s, "GET", "/api/talks/"+logistic+"/similar?k=1&lambda=1&lambda_words=0&msc=90C", ""))
	if res.K != 1 || res.Lambda != 1 || res.MSCPrefix != "90C" || len(res.Results) != 1 {
		t.Fatalf("%+v", res)
	}
	if x := res.Results[0]; x.Score != x.MSCSim || !slices.ContainsFunc(x.MSC, func(c string) bool { return strings.HasPrefix(c, "90C") }) {
		t.Errorf("%+v", x)
	}
	// Names of shared codes, and an id with a slash.
	res = decode[resultsJSON](t, do(t, s, "GET", "/api/talks/"+strings.ReplaceAll(slashID, "/", "%2F")+"/similar?msc=65K10", ""))
	if len(res.Results) == 0 {
		t.Fatal("no results")
	}
	named := false
	for _, x := range res.Results {
		for _, c := range x.Codes {
			if c.Shared == "65K10" {
				named = c.Name == "Numerical optimization and variational techniques"
			}
		}
	}
	if !named {
		t.Errorf("no named shared code 65K10: %+v", res.Results)
	}
}

func TestSimilarHighlight(t *testing.T) {
	s := newTestServer(t, Config{})
	snap := s.Snapshot()
	res := decode[resultsJSON](t, do(t, s, "GET", "/api/talks/"+logistic+"/similar?highlight=true", ""))
	rec, _ := snap.Engine.Record(logistic)
	source := strings.ToLower(rec.Abstract)
	for _, x := range res.Results {
		if x.Highlight == nil {
			t.Fatalf("no highlight: %+v", x)
		}
		if len(x.Terms) > 0 && (len(x.Highlight.Query) == 0 || len(x.Highlight.Result) == 0) {
			t.Errorf("%s: shared %v but highlight %+v", x.ID, x.Terms, x.Highlight)
		}
		rd, _ := snap.Engine.Record(x.ID)
		target := strings.ToLower(recordText(rd))
		for _, w := range x.Highlight.Query {
			if !strings.Contains(source, w) {
				t.Errorf("%s: query word %q not in the talk", x.ID, w)
			}
		}
		for _, w := range x.Highlight.Result {
			if !strings.Contains(target, w) {
				t.Errorf("%s: result word %q not in the result", x.ID, w)
			}
		}
		// Terms follow shared_terms one for one, and their forms' words
		// are among the words to mark.
		if len(x.Highlight.Terms) != len(x.Terms) {
			t.Fatalf("%s: %d highlight terms for %d shared terms", x.ID, len(x.Highlight.Terms), len(x.Terms))
		}
		for i, th := range x.Highlight.Terms {
			if th.Term != x.Terms[i].Term || len(th.Query) == 0 || len(th.Result) == 0 {
				t.Errorf("%s: highlight term %d is %+v, shared term %+v", x.ID, i, th, x.Terms[i])
			}
			for _, f := range th.Query {
				for _, w := range strings.Fields(f) {
					if !slices.Contains(x.Highlight.Query, w) {
						t.Errorf("%s: form %q of %q: %q not among the query words %q", x.ID, f, th.Term, w, x.Highlight.Query)
					}
				}
			}
			for _, f := range th.Result {
				for _, w := range strings.Fields(f) {
					if !slices.Contains(x.Highlight.Result, w) {
						t.Errorf("%s: form %q of %q: %q not among the result words %q", x.ID, f, th.Term, w, x.Highlight.Result)
					}
				}
			}
		}
	}
	// The first result shares "networks"/"neural"-like words; at least one
	// word each side.
	if len(res.Results) == 0 || !slices.Contains(res.Results[0].Highlight.Query, "optimization") && len(res.Results[0].Highlight.Query) == 0 {
		t.Errorf("%+v", res.Results)
	}
	// Titled results carry an excerpt of their abstract.
	res = decode[resultsJSON](t, do(t, s, "GET", "/api/talks/"+titledID+"/similar?highlight=1", ""))
	for _, x := range res.Results {
		rd, _ := snap.Engine.Record(x.ID)
		if hasTitle := rd.Title != ""; hasTitle != (x.Excerpt != "") {
			t.Errorf("%s: title %v, excerpt %q", x.ID, hasTitle, x.Excerpt)
		}
	}
}

func TestQuery(t *testing.T) {
	s := newTestServer(t, Config{})
	r := do(t, s, "POST", "/api/query", `{"text": "neural networks trained with gradient methods, and wibblequux", "msc": ["65K10"], "k": 3, "lambda": 0.5, "highlight": true}`)
	if r.status != 200 {
		t.Fatalf("%d %s", r.status, r.body)
	}
	res := decode[resultsJSON](t, r)
	if res.K != 3 || res.Lambda != 0.5 || len(res.Results) != 3 || res.Results[0].ID != logistic {
		t.Fatalf("%+v", res)
	}
	if !slices.Equal(res.Query.MSC, []string{"65K10"}) || !slices.Equal(res.Query.Unknown, []string{"wibblequux"}) || res.Query.Language != "english" {
		t.Errorf("%+v", res.Query)
	}
	// Suggested codes come from the nearest talks by text: the logistic
	// talk (65K10 ; 65K05 ; 68W99 ; 68T99) is nearest.
	if sg := res.Suggested; sg == nil || len(sg.Areas) == 0 || len(sg.Sections) == 0 || len(sg.Codes) == 0 ||
		!slices.ContainsFunc(sg.Codes, func(c SuggestedCode) bool {
			return c.Code == "65K10" && c.Name == "Numerical optimization and variational techniques" && c.Score > 0 && c.Score <= 1
		}) {
		t.Errorf("suggested_codes: %+v", res.Suggested)
	}
	if h := res.Results[0].Highlight; h == nil || !slices.Contains(h.Query, "networks") || !slices.Contains(h.Result, "networks") {
		t.Errorf("highlight %+v", h)
	}
	// Defaults, a free-form code list, a language.
	res = decode[resultsJSON](t, do(t, s, "POST", "/api/query", `{"text": "optimisation convexe", "lang": "fr", "msc": ["Primary 90C25; Secondary 65K10"]}`))
	if res.K != DefaultK || res.Lambda != lambdaDef || res.Query.Language != "french" || !slices.Equal(res.Query.MSC, []string{"90C25", "65K10"}) {
		t.Errorf("%+v", res)
	}
	if len(res.Results) == 0 || res.Results[0].ID != frenchID {
		t.Errorf("%+v", res.Results)
	}
	// Nothing matches: 200 with no results.
	r = do(t, s, "POST", "/api/query", `{"text": "wibblequux"}`)
	if res := decode[resultsJSON](t, r); r.status != 200 || res.Results == nil || len(res.Results) != 0 {
		t.Errorf("%d %s", r.status, r.body)
	}
}

func TestSuggestHook(t *testing.T) {
	s := newTestServer(t, Config{Suggest: func(*related.Engine, string, related.QueryOptions) Suggestions {
		return Suggestions{Codes: []SuggestedCode{{Code: "65K10", Score: 0.1234567}}}
	}})
	r := do(t, s, "POST", "/api/query", `{"text": "gradient"}`)
	res := decode[resultsJSON](t, r)
	want := []SuggestedCode{{Code: "65K10", Score: 0.123457, Name: "Numerical optimization and variational techniques"}}
	if res.Suggested == nil || !slices.Equal(res.Suggested.Codes, want) || !bytes.Contains(r.body, []byte(`"areas":[],"sections":[]`)) {
		t.Errorf("%s", r.body)
	}
}

func TestPanicIs500(t *testing.T) {
	s := newTestServer(t, Config{Suggest: func(*related.Engine, string, related.QueryOptions) Suggestions {
		panic("a bug")
	}})
	r := do(t, s, "POST", "/api/query", `{"text": "gradient"}`)
	if r.status != 500 || decode[errorJSON](t, r).Error != "internal error" {
		t.Errorf("%d %s", r.status, r.body)
	}
	// The server goes on.
	if r := do(t, s, "GET", "/healthz", ""); r.status != 200 {
		t.Errorf("after a panic: %d", r.status)
	}
}

func TestPageAndStatic(t *testing.T) {
	s := newTestServer(t, Config{})
	for _, tc := range []struct{ path, ctype, want string }{
		{"/", "text/html", `<script src="/static/app.js"`},
		{"/static/app.js", "text/javascript", "function route"},
		{"/static/style.css", "text/css", "@media"},
		{"/static/math.js", "text/javascript", "export function splitMath"},
		{"/static/marks.js", "text/javascript", "export function richTexts"},
		{"/static/favicon.svg", "image/svg+xml", "<svg"},
		{"/static/katex/katex.min.js", "text/javascript", `version:"` + web.KaTeXVersion + `"`},
		{"/static/katex/katex.min.css", "text/css", "@font-face"},
		{"/static/katex/fonts/KaTeX_Main-Regular.woff2", "font/woff2", "wOF2"},
		{"/api/openapi.json", "application/json", `"openapi": "3.`},
	} {
		r := do(t, s, "GET", tc.path, "")
		if r.status != 200 || !strings.HasPrefix(r.header.Get("Content-Type"), tc.ctype) || !bytes.Contains(r.body, []byte(tc.want)) {
			t.Errorf("%s: %d %q %.80s", tc.path, r.status, r.header.Get("Content-Type"), r.body)
		}
	}
	// No CDN: nothing the page loads comes from elsewhere.
	for _, f := range []string{"index.html", "static/app.js", "static/math.js", "static/marks.js", "static/style.css"} {
		b, _ := web.FS.ReadFile(f)
		if bytes.Contains(b, []byte("://")) {
			t.Errorf("%s refers to another site", f)
		}
	}
	// The page's Content-Security-Policy stays 'self' with KaTeX.
	if csp := do(t, s, "GET", "/", "").header.Get("Content-Security-Policy"); csp !=
		"default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'" {
		t.Errorf("Content-Security-Policy %q", csp)
	}
}

// TestEmbeddedAssets checks that every file index.html links and every
// woff2 font KaTeX's style sheet names is embedded, that the style sheet
// names only files beside it, and that the KaTeX files are the recorded
// version with their licence.
func TestEmbeddedAssets(t *testing.T) {
	page, _ := web.FS.ReadFile("index.html")
	linked := regexp.MustCompile(`(?:href|src)="/static/([^"]+)"`).FindAllSubmatch(page, -1)
	if len(linked) < 5 {
		t.Errorf("index.html links %d static files", len(linked))
	}
	for _, m := range linked {
		if _, err := fs.Stat(web.FS, "static/"+string(m[1])); err != nil {
			t.Errorf("index.html links a missing file: %v", err)
		}
	}
	css, _ := web.FS.ReadFile("static/katex/katex.min.css")
	fonts := 0
	for _, m := range regexp.MustCompile(`url\(([^)]+)\)`).FindAllSubmatch(css, -1) {
		u := string(m[1])
		if strings.Contains(u, ":") || strings.HasPrefix(u, "/") || strings.Contains(u, "..") {
			t.Errorf("katex.min.css names %q, not a file beside it", u)
		}
		if strings.HasSuffix(u, ".woff2") {
			fonts++
			if _, err := fs.Stat(web.FS, "static/katex/"+u); err != nil {
				t.Errorf("katex.min.css names a font that is not embedded: %v", err)
			}
		}
	}
	if fonts == 0 {
		t.Error("katex.min.css names no woff2 font")
	}
	js, _ := web.FS.ReadFile("static/katex/katex.min.js")
	if !bytes.Contains(js, []byte(`version:"`+web.KaTeXVersion+`"`)) || !bytes.Contains(css, []byte(`content:"`+web.KaTeXVersion+`"`)) {
		t.Errorf("static/katex is not KaTeX %s (web.KaTeXVersion)", web.KaTeXVersion)
	}
	if lic, _ := web.FS.ReadFile("static/katex/LICENSE"); !bytes.Contains(lic, []byte("The MIT License")) {
		t.Error("static/katex/LICENSE is not KaTeX's MIT licence")
	}
}

// TestOpenAPI checks that the document is valid JSON, OpenAPI 3, and
// describes exactly the API routes with their methods, and that every
// error status the routes answer is documented.
func TestOpenAPI(t *testing.T) {
	var doc struct {
		OpenAPI string                                `json:"openapi"`
		Paths   map[string]map[string]json.RawMessage `json:"paths"`
	}
	b, err := web.FS.ReadFile("openapi.json")
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(doc.OpenAPI, "3.") {
		t.Errorf("openapi %q", doc.OpenAPI)
	}
	documented := map[string]bool{}
	for path, ops := range doc.Paths {
		for m := range ops {
			documented[strings.ToUpper(m)+" "+path] = true
		}
	}
	routed := map[string]bool{}
	for _, r := range routes {
		if !r.api {
			continue
		}
		routed[r.method+" "+r.path] = true
		if !documented[r.method+" "+r.path] {
			t.Errorf("%s %s is not in openapi.json", r.method, r.path)
		}
	}
	for k := range documented {
		if !routed[k] {
			t.Errorf("openapi.json has %s, which is not routed", k)
		}
	}
	// Every $ref resolves.
	var whole map[string]any
	json.Unmarshal(b, &whole)
	schemas := whole["components"].(map[string]any)["schemas"].(map[string]any)
	var walk func(v any)
	walk = func(v any) {
		switch v := v.(type) {
		case map[string]any:
			if ref, ok := v["$ref"].(string); ok {
				if _, ok := schemas[strings.TrimPrefix(ref, "#/components/schemas/")]; !ok {
					t.Errorf("unresolved %s", ref)
				}
			}
			for _, x := range v {
				walk(x)
			}
		case []any:
			for _, x := range v {
				walk(x)
			}
		}
	}
	walk(whole)
}

func TestReadCodeNames(t *testing.T) {
	in := `{"code": "65K10", "parent": "65Kxx", "short_title": "Numerical optimization", "long_title": "Numerical optimization [See also 49Mxx]", "level": 2}

{"code": "90C25", "long_title": "Convex programming"}
{"code": "65-XX", "name": "Numerical analysis"}
`
	names, err := ReadCodeNames(strings.NewReader(in), "t.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	want := CodeNames{"65K10": "Numerical optimization", "90C25": "Convex programming", "65-XX": "Numerical analysis"}
	if fmt.Sprint(names) != fmt.Sprint(want) {
		t.Errorf("%v", names)
	}
	for _, bad := range []struct{ in, want string }{
		{"{\"code\": \"65K10\", \"short_title\": \"x\"}\nnot json\n", "t.jsonl:2:"},
		{`{"short_title": "x"}`, `t.jsonl:1: no "code"`},
		{"", "no code names"},
	} {
		if _, err := ReadCodeNames(strings.NewReader(bad.in), "t.jsonl"); err == nil || !strings.Contains(err.Error(), bad.want) {
			t.Errorf("%q: %v", bad.in, err)
		}
	}
	if _, err := LoadCodeNames("/nonexistent/codes.jsonl"); err == nil {
		t.Error("no error for a missing file")
	}
}

// TestAccessLog checks the structured log line of a request.
func TestAccessLog(t *testing.T) {
	var buf syncBuffer
	s := newTestServer(t, Config{Logger: newJSONLogger(&buf)})
	do(t, s, "GET", "/api/talks/nope", "")
	var line struct {
		Msg, Method, Path string
		Status            int
		Bytes             int64
		Duration          int64
	}
	if err := json.Unmarshal(buf.Bytes(), &line); err != nil {
		t.Fatalf("%v: %s", err, buf.Bytes())
	}
	if line.Msg != "request" || line.Method != "GET" || line.Path != "/api/talks/nope" || line.Status != 404 || line.Bytes == 0 || line.Duration <= 0 {
		t.Errorf("%+v", line)
	}
}

type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) Bytes() []byte {
	s.mu.Lock()
	defer s.mu.Unlock()
	return bytes.Clone(s.b.Bytes())
}

// mathSnapshot indexes testdata/mathtalks.jsonl: twelve talks on graph
// spectra whose titles, abstracts and code names hold TeX in the four
// delimiters, for the page's math and marks.
func mathSnapshot(t testing.TB) *Snapshot {
	t.Helper()
	f, err := os.Open("testdata/mathtalks.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	dec, err := corpus.NewDecoder(f, "testdata/mathtalks.jsonl", corpus.FormatJSONL)
	if err != nil {
		t.Fatal(err)
	}
	c := corpus.NewCollector()
	if err := c.ReadAll(dec); err != nil {
		t.Fatal(err)
	}
	eng, err := related.New(c.Records, nil)
	if err != nil {
		t.Fatal(err)
	}
	names := CodeNames{"05C50": "Graphs and linear algebra (matrices, eigenvalues, etc.)", "11F85": `\(p\)-adic theory, local fields`}
	return &Snapshot{Engine: eng, Names: names, Source: "test"}
}

// TestCanceledRequest: a request whose client has gone is not a panic.
func TestCanceledRequest(t *testing.T) {
	var logs bytes.Buffer
	s := newTestServer(t, Config{Logger: slog.New(slog.NewTextHandler(&logs, nil))})
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	req := httptest.NewRequestWithContext(ctx, "GET", "/api/talks/"+logistic+"/similar", nil)
	rec := httptest.NewRecorder()
	s.ServeHTTP(rec, req)
	if rec.Code != http.StatusServiceUnavailable || strings.Contains(logs.String(), "panic") {
		t.Errorf("%d %s; log: %s", rec.Code, rec.Body, logs.String())
	}
}
