// Package web holds the files `related serve` sends to browsers: the page
// (index.html), its scripts, style sheet and icon (static/), and the
// OpenAPI 3 description of the JSON API (openapi.json). Everything is
// embedded in the binary, so the page works offline; nothing is fetched
// from a CDN.
//
// static/katex/ is KaTeX (https://katex.org, MIT licence, in
// static/katex/LICENSE), which typesets the TeX of titles, abstracts and
// code names: its katex.min.js, katex.min.css and fonts/*.woff2, copied
// unchanged from the npm package katex at KaTeXVersion (`npm pack katex`;
// the .woff and .ttf fonts are left out: every browser that runs the
// page reads woff2). To update, copy the same files from a newer package
// and change KaTeXVersion; a test checks that the two agree.
package web

import "embed"

// FS holds index.html, openapi.json and static/.
//
//go:embed index.html openapi.json static
var FS embed.FS

// KaTeXVersion is the version of the KaTeX files in static/katex/.
const KaTeXVersion = "0.19.1"
