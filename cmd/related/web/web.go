// Package web holds the files `related serve` sends to browsers: the page
// (index.html), its script and style sheet (static/), and the OpenAPI 3
// description of the JSON API (openapi.json). Everything is embedded in
// the binary, so the page works offline; nothing is fetched from a CDN.
package web

import "embed"

// FS holds index.html, openapi.json and static/.
//
//go:embed index.html openapi.json static
var FS embed.FS
