package server

import (
	"net/http/httptest"
	"strings"
	"testing"
)

// The handlers' own cost (routing, parameters, ranking, JSON), without a
// network; TestServeLoad in cmd/related measures over loopback.

func benchmarkRequest(b *testing.B, method, target, body string) {
	s := newTestServer(b, Config{})
	b.ReportAllocs()
	for b.Loop() {
		req := httptest.NewRequest(method, target, nil)
		if body != "" {
			req = httptest.NewRequest(method, target, strings.NewReader(body))
		}
		rec := httptest.NewRecorder()
		s.ServeHTTP(rec, req)
		if rec.Code != 200 {
			b.Fatalf("%d %s", rec.Code, rec.Body)
		}
	}
}

func BenchmarkSimilar(b *testing.B) {
	benchmarkRequest(b, "GET", "/api/talks/"+logistic+"/similar?k=10", "")
}

func BenchmarkSimilarHighlight(b *testing.B) {
	benchmarkRequest(b, "GET", "/api/talks/"+logistic+"/similar?k=10&highlight=true", "")
}

func BenchmarkQuery(b *testing.B) {
	benchmarkRequest(b, "POST", "/api/query", `{"text": "neural networks trained with gradient methods", "k": 10}`)
}
