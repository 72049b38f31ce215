package server

import (
	"errors"
	"io/fs"
	"log/slog"
	"net/http"
	"sync"
	"sync/atomic"
	"time"

	"github.com/related/related"
	"github.com/related/related/cmd/related/web"
)

// Limits of the API.
const (
	// DefaultMaxBody is the largest request body accepted (413 above).
	DefaultMaxBody = 1 << 20
	// MaxK is the largest number of results a request may ask for.
	MaxK = 100
	// DefaultK is the number of results when k is not given.
	DefaultK = 10
	// DefaultLimit and MaxLimit bound the pages of GET /api/talks.
	DefaultLimit = 20
	MaxLimit     = 500
	// explainTerms is how many shared words each result lists.
	explainTerms = 8
)

// Snapshot is one loaded collection: what every request works on.
type Snapshot struct {
	Engine *related.Engine
	// Names maps full MSC codes to their names; nil when no code table
	// was given.
	Names CodeNames
	// Source says where the records came from, for /healthz.
	Source string

	loaded     time.Time
	generation uint64
}

// Suggester proposes MSC codes for the text of POST /api/query, with the
// request's options: a seam for another way of suggesting (and for tests).
type Suggester func(eng *related.Engine, text string, opts related.QueryOptions) Suggestions

// Suggestions are proposed codes at the three levels of the hierarchy,
// best first, as `related query --json` gives them, with names when the
// code table has them.
type Suggestions = related.Suggestions

// SuggestedCode is one proposed code and the share of the neighbours'
// weight that votes for it, in [0,1].
type SuggestedCode = related.SuggestedCode

// Config sets up a Server.
type Config struct {
	// Load builds a snapshot: called once by New and again by Reload.
	Load func() (*Snapshot, error)
	// Logger receives the access log and errors; nil discards them.
	Logger *slog.Logger
	// DefaultLambda is λ when a request gives none.
	DefaultLambda float64
	// MaxBody is the request body limit in bytes; 0 means DefaultMaxBody.
	MaxBody int64
	// Suggest proposes codes for POST /api/query; nil means the engine's
	// own (related.Engine.Query: the nearest talks by text vote).
	Suggest Suggester
}

// Server answers the API and serves the web page.
type Server struct {
	cfg     Config
	log     *slog.Logger
	snap    atomic.Pointer[Snapshot]
	gen     atomic.Uint64
	reload  sync.Mutex // one Load at a time
	handler http.Handler
	static  fs.FS
}

// route is one registered pattern; the list is also what the OpenAPI test
// checks the document against.
type route struct {
	method, path string
	api          bool // described in the OpenAPI document
}

var routes = []route{
	{"GET", "/healthz", true},
	{"GET", "/api/talks", true},
	{"GET", "/api/talks/{id}", true},
	{"GET", "/api/talks/{id}/similar", true},
	{"POST", "/api/query", true},
	{"GET", "/api/openapi.json", true},
	{"GET", "/{$}", false},
	{"GET", "/static/", false},
}

// New loads the first snapshot and returns the server.
func New(cfg Config) (*Server, error) {
	if cfg.Load == nil {
		return nil, errors.New("server: no Load function")
	}
	if cfg.MaxBody <= 0 {
		cfg.MaxBody = DefaultMaxBody
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	s := &Server{cfg: cfg, log: cfg.Logger, static: web.FS}
	if err := s.Reload(); err != nil {
		return nil, err
	}
	handlers := map[string]http.HandlerFunc{
		"/healthz":                s.healthz,
		"/api/talks":              s.listTalks,
		"/api/talks/{id}":         s.getTalk,
		"/api/talks/{id}/similar": s.similar,
		"/api/query":              s.query,
		"/api/openapi.json":       s.openAPI,
		"/{$}":                    s.page,
		"/static/":                s.staticFiles,
	}
	mux := http.NewServeMux()
	for _, r := range routes {
		mux.Handle(r.method+" "+r.path, handlers[r.path])
	}
	s.handler = s.wrap(mux)
	return s, nil
}

// ServeHTTP makes the server an http.Handler.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.handler.ServeHTTP(w, r)
}

// Reload builds a new snapshot and swaps it in. On error the current one
// stays. Requests already running keep the snapshot they started with.
func (s *Server) Reload() error {
	s.reload.Lock()
	defer s.reload.Unlock()
	snap, err := s.cfg.Load()
	if err != nil {
		return err
	}
	if snap == nil || snap.Engine == nil {
		return errors.New("server: Load returned no engine")
	}
	snap.loaded = time.Now().UTC()
	snap.generation = s.gen.Add(1)
	s.snap.Store(snap)
	return nil
}

// Snapshot returns the snapshot new requests see.
func (s *Server) Snapshot() *Snapshot { return s.snap.Load() }

// Generation counts successful loads: 1 after New.
func (s *Snapshot) Generation() uint64 { return s.generation }

// NewHTTPServer wraps a handler in an http.Server with the timeouts that
// `related serve` uses.
func NewHTTPServer(addr string, h http.Handler, log *slog.Logger) *http.Server {
	return &http.Server{
		Addr:              addr,
		Handler:           h,
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       15 * time.Second,
		WriteTimeout:      30 * time.Second,
		IdleTimeout:       120 * time.Second,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
}
