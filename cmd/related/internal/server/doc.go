// Package server is the HTTP side of `related serve`: a JSON API over a
// related.Engine and the embedded web page that browses it. Parameters
// are checked by the engine (related.SearchOptions), so that the API
// refuses what the command line refuses, for the same reasons.
//
// Routes (Go 1.22 patterns; the OpenAPI 3 document at /api/openapi.json
// describes each):
//
//	GET  /healthz                  liveness, number of talks, generation
//	GET  /api/talks                paged list (offset/limit or page/per_page)
//	GET  /api/talks/{id}           one talk
//	GET  /api/talks/{id}/similar   talks related to it (?k=&lambda=&msc=)
//	POST /api/query                talks related to free text
//	GET  /api/openapi.json         the API description
//	GET  /                         the web page (and /static/...)
//
// Every error is JSON, {"error": "..."}, with 400 for bad parameters or
// bodies, 404 for unknown ids and routes, 405 (with Allow) for a wrong
// method and 413 for a body over the limit; a panic is logged and answered
// with a 500, never left to kill the connection.
//
// The served collection is a Snapshot behind an atomic pointer. Each
// request loads the pointer once and works on that snapshot to the end,
// so Reload swaps in a new one without stopping anything: new requests
// see the new snapshot, requests in flight finish on the old one.
package server
