package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/related/related"
	"github.com/related/related/cmd/related/internal/server"
)

// shutdownGrace is how long requests in flight may take to finish after
// SIGINT or SIGTERM.
const shutdownGrace = 10 * time.Second

// serveCommand serves the HTTP API and the web page.
type serveCommand struct {
	base
	src       sourceFlags
	addr      string
	names     string
	logFormat string
}

func newServeCommand(e *env) command {
	c := &serveCommand{}
	c.init(e, "serve", `Serves the related-talk engine over HTTP: a JSON API (described at
/api/openapi.json and in the README) and a web page at / for searching and
browsing talks, their codes and their related talks.

Signals: SIGINT or SIGTERM stop the server after the requests in flight
finish; SIGHUP reloads the corpus (or index) and the code table, and swaps
them in: new requests see the new data, requests in flight finish on the
old; if the reload fails, the old data stays. The access log goes to
standard error.`)
	c.src.register(c.fs)
	c.fs.StringVar(&c.addr, "addr", "127.0.0.1:8080", "listen on `ADDR` (host:port; port 0 picks a free one); the default is loopback only")
	c.fs.StringVar(&c.names, "msc-names", "", "MSC code names from `FILE`, a JSON Lines table with code and short_title\n(such as msc2020_codes_zbmath.jsonl); shown beside the codes")
	c.fs.StringVar(&c.logFormat, "log-format", "text", "access log `format`: text or json")
	return c
}

// Run serves until ctx ends (SIGINT, SIGTERM), then shuts down
// gracefully; SIGHUP reloads.
func (c *serveCommand) Run(ctx context.Context, args []string) error {
	if err := c.parseFlags(args); err != nil {
		return err
	}
	e := c.env
	var logger *slog.Logger
	switch c.logFormat {
	case "text":
		logger = slog.New(slog.NewTextHandler(e.stderr, nil))
	case "json":
		logger = slog.New(slog.NewJSONHandler(e.stderr, nil))
	default:
		return usagef("--log-format must be text or json, got %q", c.logFormat)
	}
	if err := c.src.check(); err != nil {
		return err
	}
	// What is served, for /healthz.
	source := "embedded corpus"
	if c.src.index != "" {
		source = "index " + c.src.index
	} else if len(c.src.corpora) > 0 {
		source = "corpus " + strings.Join(c.src.corpora, ", ")
	}
	srv, err := server.New(server.Config{
		Load:          snapshotLoader(ctx, e, &c.src, c.names, source),
		Logger:        logger,
		DefaultLambda: related.DefaultSearchOptions().Lambda,
	})
	if err != nil {
		return err
	}
	hup := make(chan os.Signal, 1)
	signal.Notify(hup, syscall.SIGHUP)
	defer signal.Stop(hup)
	return serve(ctx, e, srv, c.addr, logger, hup, nil)
}

// snapshotLoader returns the function that loads (and reloads) what the
// server serves: the engine the source flags name (checked), and the code
// table.
func snapshotLoader(ctx context.Context, e *env, src *sourceFlags, namesPath, source string) func() (*server.Snapshot, error) {
	src.serving = true
	return func() (*server.Snapshot, error) {
		var names server.CodeNames
		if namesPath != "" {
			var err error
			if names, err = server.LoadCodeNames(namesPath); err != nil {
				return nil, fmt.Errorf("--msc-names: %w", err)
			}
		}
		eng, err := src.open(ctx, e)
		if err != nil {
			return nil, err
		}
		// Before the snapshot serves: a server answers many related
		// lists, each then in a half to a quarter of the time.
		eng.PrepareSimilar()
		return &server.Snapshot{Engine: eng, Names: names, Source: source}, nil
	}
}

// serve listens on addr and serves srv until ctx ends, then shuts down
// gracefully. Each value on reload reloads the data. ready, when set, is
// told the address listened on (tests use port 0).
func serve(ctx context.Context, e *env, srv *server.Server, addr string, logger *slog.Logger, reload <-chan os.Signal, ready func(addr string)) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	hs := server.NewHTTPServer(addr, srv, logger)
	done := make(chan error, 1)
	go func() { done <- hs.Serve(ln) }()
	snap := srv.Snapshot()
	fmt.Fprintf(e.stderr, "related serve: %d talks on http://%s/ (SIGHUP reloads, SIGINT stops)\n", snap.Engine.Len(), ln.Addr())
	if ready != nil {
		ready(ln.Addr().String())
	}
	// Reloads run beside the server, one at a time; signals that come
	// during one are merged into one more reload after it. A stop signal
	// does not wait for a reload.
	pending := make(chan struct{}, 1)
	rctx, stopReloads := context.WithCancel(ctx)
	defer stopReloads()
	go func() {
		for {
			select {
			case <-rctx.Done():
				return
			case <-pending:
			}
			start := time.Now()
			logger.Info("reloading")
			if err := srv.Reload(); err != nil {
				logger.Error("reload failed; still serving the previous data", "error", err)
				continue
			}
			s := srv.Snapshot()
			logger.Info("reloaded", "talks", s.Engine.Len(), "generation", s.Generation(), "duration", time.Since(start))
		}
	}()
	for {
		select {
		case err := <-done:
			return err
		case <-reload:
			select {
			case pending <- struct{}{}:
			default: // one is already due
			}
		case <-ctx.Done():
			logger.Info("shutting down", "grace", shutdownGrace)
			sctx, cancel := context.WithTimeout(context.Background(), shutdownGrace)
			defer cancel()
			if err := hs.Shutdown(sctx); err != nil {
				return fmt.Errorf("shutdown: %w", err)
			}
			if err := <-done; err != nil && !errors.Is(err, http.ErrServerClosed) {
				return err
			}
			return nil
		}
	}
}
