package server

import (
	"fmt"
	"log/slog"
	"net/http"
	"runtime/debug"
	"strings"
	"time"
)

// responseWriter records the status and size for the access log, and
// turns the plain-text 404 and 405 answers of http.ServeMux (and of the
// static file server) into JSON errors like every other error.
type responseWriter struct {
	http.ResponseWriter
	r       *http.Request
	status  int
	bytes   int64
	swallow bool // the body after a rewritten error is dropped
}

func (w *responseWriter) WriteHeader(code int) {
	if w.status != 0 {
		return
	}
	h := w.Header()
	if (code == http.StatusNotFound || code == http.StatusMethodNotAllowed) &&
		!strings.HasPrefix(h.Get("Content-Type"), "application/json") {
		var msg string
		if code == http.StatusNotFound {
			msg = fmt.Sprintf("no such resource: %s %s", w.r.Method, w.r.URL.Path)
		} else {
			msg = fmt.Sprintf("method %s not allowed on %s (allowed: %s)", w.r.Method, w.r.URL.Path, h.Get("Allow"))
		}
		h.Del("Content-Length")
		body := errorBody(msg)
		h.Set("Content-Type", "application/json; charset=utf-8")
		w.status = code
		w.ResponseWriter.WriteHeader(code)
		if w.r.Method != http.MethodHead {
			n, _ := w.ResponseWriter.Write(body)
			w.bytes += int64(n)
		}
		w.swallow = true
		return
	}
	w.status = code
	w.ResponseWriter.WriteHeader(code)
}

func (w *responseWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.WriteHeader(http.StatusOK)
	}
	if w.swallow {
		return len(b), nil
	}
	n, err := w.ResponseWriter.Write(b)
	w.bytes += int64(n)
	return n, err
}

// Unwrap lets http.ResponseController reach the connection.
func (w *responseWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// wrap is the outermost layer: access log, JSON for the mux's own errors,
// and recovery from panics.
func (s *Server) wrap(next http.Handler) http.Handler {
	return http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		start := time.Now()
		w := &responseWriter{ResponseWriter: rw, r: r}
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					s.logAccess(r, w, start)
					panic(v)
				}
				s.log.Error("panic serving request", "method", r.Method, "path", r.URL.Path,
					"panic", fmt.Sprint(v), "stack", string(debug.Stack()))
				if w.status == 0 {
					writeError(w, http.StatusInternalServerError, "internal error")
				}
			}
			s.logAccess(r, w, start)
		}()
		next.ServeHTTP(w, r)
	})
}

func (s *Server) logAccess(r *http.Request, w *responseWriter, start time.Time) {
	status := w.status
	if status == 0 {
		status = http.StatusOK
	}
	level := slog.LevelInfo
	if status >= 500 {
		level = slog.LevelError
	}
	s.log.LogAttrs(r.Context(), level, "request",
		slog.String("method", r.Method),
		slog.String("path", r.URL.Path),
		slog.Int("status", status),
		slog.Duration("duration", time.Since(start)),
		slog.Int64("bytes", w.bytes),
		slog.String("remote", r.RemoteAddr),
	)
}
