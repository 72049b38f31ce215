package server

import (
	"context"
	"encoding/json"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// findBrowser returns a Chromium or Chrome to drive: $RELATED_BROWSER,
// else the first found on PATH or in /usr/bin.
func findBrowser() string {
	if p := os.Getenv("RELATED_BROWSER"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "headless-shell"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	for _, p := range []string{"/usr/bin/chromium", "/usr/lib/chromium/chromium"} {
		if _, err := os.Stat(p); err == nil {
			return p
		}
	}
	return ""
}

// cspWatch runs in every document before its scripts and keeps the
// Content-Security-Policy violations, so that the test sees whether
// KaTeX's styles, fonts or scripts were refused.
const cspWatch = `window.__csp = [];
document.addEventListener("securitypolicyviolation", e => window.__csp.push(e.violatedDirective + " " + (e.blockedURI || "inline")));`

// TestBrowser drives the page in headless Chromium at phone width and at
// desktop width: type a query, see results, open a talk, see its related
// talks and a few marked words; then, on a small corpus with TeX, see the
// math typeset, the marks restrained to the words that explain the
// results, numbers that fit and "1 result". With RELATED_SCREENSHOTS=DIR
// it saves screenshots of each page and width there.
func TestBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test skipped in -short mode")
	}
	browser := findBrowser()
	if browser == "" {
		t.Skip("no Chromium found (install it with: apt-get install -y chromium; or set RELATED_BROWSER): browser test skipped")
	}
	ts := httptest.NewServer(newTestServer(t, Config{})) // 127.0.0.1:0
	defer ts.Close()
	mathTS := httptest.NewServer(newTestServer(t, Config{Load: func() (*Snapshot, error) { return mathSnapshot(t), nil }}))
	defer mathTS.Close()

	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	actx, cancelAlloc := chromedp.NewExecAllocator(ctx,
		chromedp.ExecPath(browser),
		chromedp.Flag("headless", true),
		chromedp.Flag("no-sandbox", true),
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		// Phones draw scroll bars over the page: without this flag a
		// 15px bar would leave a 390px phone 375px for the page.
		chromedp.Flag("hide-scrollbars", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(390, 844),
	)
	defer cancelAlloc()
	bctx, cancelBrowser := chromedp.NewContext(actx)
	defer cancelBrowser()
	if err := chromedp.Do(bctx); err != nil {
		t.Skipf("cannot start %s (%v): browser test skipped", browser, err)
	}
	err := chromedp.Do(bctx, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: cspWatch})
		return err
	}))
	if err != nil {
		t.Fatal(err)
	}
	shots := os.Getenv("RELATED_SCREENSHOTS")

	for _, size := range []struct {
		name          string
		width, height int64
	}{{"phone", 390, 844}, {"desktop", 1280, 900}} {
		t.Run(size.name, func(t *testing.T) {
			b := &tab{t: t, ctx: bctx, width: size.width}
			shot := func(name string) {
				if shots != "" {
					saveShot(t, bctx, filepath.Join(shots, size.name+"-"+name+".png"))
				}
			}
			b.do("search",
				chromedp.EmulateViewport(size.width, size.height),
				chromedp.Navigate(ts.URL+"/"),
				chromedp.WaitVisible(chromedp.CSS(`ol.talks li`)),
				chromedp.SendKeys(chromedp.CSS(`#q`), "neural networks trained with gradient methods"),
				chromedp.Click(chromedp.CSS(`#search button[type=submit]`)),
				chromedp.WaitVisible(chromedp.CSS(`#results .result`)),
			)
			nResults, firstTitle := b.count(`#results .result`), b.text(`#results .result a.result-title`)
			if nResults == 0 || firstTitle == "" {
				t.Fatalf("%d results, first %q", nResults, firstTitle)
			}
			if n := b.count(`#suggested .code`); n == 0 {
				t.Error("no suggested codes shown")
			}
			if v := b.text(`#view`); strings.Contains(v, "nullnull") || strings.Contains(v, "undefined") {
				t.Errorf("the page shows JavaScript's null or undefined: %q", v)
			}
			b.checkFits("the results page")
			b.checkCards()
			shot("search")

			b.do("talk page",
				chromedp.Click(chromedp.CSS(`#results .result a.result-title`)),
				chromedp.WaitVisible(chromedp.CSS(`#related .result`)),
				chromedp.WaitVisible(chromedp.CSS(`#abstract mark`)),
			)
			marked, related, nRelated := b.text(`#abstract mark`), b.text(`#related`), b.count(`#related .result`)
			if nRelated == 0 || marked == "" {
				t.Fatalf("%d related talks, marked %q", nRelated, marked)
			}
			// The marked word is one the related talks list as shared.
			if !strings.Contains(strings.ToLower(related), strings.ToLower(marked)) {
				t.Errorf("marked %q is not among the shared words of %q", marked, related)
			}
			b.checkMarks()
			b.checkFits("the talk page")
			shot("talk")
			t.Logf("%d results; opened %q: %d related, marked %q", nResults, b.text(`h1.talk-title`), nRelated, marked)

			// TeX, restrained marks and numbers on a corpus that has them.
			b.do("math talk page",
				chromedp.Navigate(mathTS.URL+"/#/talk/math-1"),
				chromedp.WaitVisible(chromedp.CSS(`#related .result`)),
				chromedp.WaitVisible(chromedp.CSS(`#abstract .katex`)),
			)
			b.checkMath()
			b.checkSplitMath()
			b.checkMarks()
			b.checkRanks()
			b.checkFits("the talk page with math")
			b.checkCSP()
			shot("math-talk")

			b.do("home page",
				chromedp.Navigate(mathTS.URL+"/"),
				chromedp.WaitVisible(chromedp.CSS(`ol.talks li .katex`)),
			)
			b.checkListNumbers()
			b.checkFits("the talk list")
			shot("math-home")

			// One result is "1 result".
			b.do("search with one result",
				chromedp.SendKeys(chromedp.CSS(`#q`), "quantum"),
				chromedp.Click(chromedp.CSS(`#search button[type=submit]`)),
				chromedp.WaitVisible(chromedp.CSS(`#results .result`)),
			)
			if n, status := b.count(`#results .result`), b.text(`#status`); n != 1 || status != "1 result" {
				t.Errorf("%d results, status %q; want 1 and %q", n, status, "1 result")
			}
			b.checkCSP()
		})
	}
}

// tab is the browser tab one subtest drives.
type tab struct {
	t     *testing.T
	ctx   context.Context
	width int64
}

func (b *tab) do(what string, steps ...chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	if err := chromedp.Do(b.ctx, steps...); err != nil {
		b.t.Fatalf("%s: %v", what, err)
	}
}

func (b *tab) count(sel string) int {
	b.t.Helper()
	return eval[int](b, `document.querySelectorAll(`+strconv.Quote(sel)+`).length`)
}

func (b *tab) text(sel string) string {
	b.t.Helper()
	s, err := chromedp.Run(b.ctx, chromedp.Text(chromedp.CSS(sel)))
	if err != nil {
		b.t.Fatalf("text of %s: %v", sel, err)
	}
	return s
}

func eval[T any](b *tab, js string) T {
	b.t.Helper()
	v, err := chromedp.Run(b.ctx, chromedp.Evaluate[T](js, chromedp.EvalAwaitPromise))
	if err != nil {
		b.t.Fatalf("%v\n%s", err, js)
	}
	return v
}

func (b *tab) checkFits(what string) {
	b.t.Helper()
	// clientWidth leaves out the scroll bar that innerWidth counts.
	if !eval[bool](b, `document.documentElement.scrollWidth <= document.documentElement.clientWidth`) {
		b.t.Errorf("%s is wider than the %dpx window", what, b.width)
	}
}

// cards are the result cards of the page: marks in each, and the words
// its explanation shows.
const cardsJS = `[...document.querySelectorAll(".result")].map(c => ({
  id: c.dataset.id,
  marks: [...c.querySelectorAll("mark")].map(m => m.dataset.term),
  words: [...c.querySelectorAll(".why-words .word")].map(w => w.textContent),
}))`

type card struct {
	ID    string   `json:"id"`
	Marks []string `json:"marks"`
	Words []string `json:"words"`
}

// checkCards: each result marks at most the words its explanation shows,
// each once.
func (b *tab) checkCards() {
	b.t.Helper()
	for _, c := range eval[[]card](b, cardsJS) {
		if len(c.Marks) > len(c.Words) || hasRepeats(c.Marks) {
			b.t.Errorf("result %s: marks %q for the explanation's words %q", c.ID, c.Marks, c.Words)
		}
	}
}

// markState is what a talk page marks in its title and abstract, and the
// words it says carried the similarity.
type markState struct {
	Terms   []string `json:"terms"`
	Texts   []string `json:"texts"`
	Carried []string `json:"carried"`
	InMath  int      `json:"inMath"`
}

const marksJS = `(() => {
  const marks = [...document.querySelectorAll("h1.talk-title mark, #abstract mark")];
  return {
    terms: marks.map(m => m.dataset.term || ""),
    texts: marks.map(m => m.textContent),
    carried: [...document.querySelectorAll("#carried .word")].map(w => w.textContent),
    inMath: document.querySelectorAll(".katex mark, mark .katex, mark .math").length,
  };
})()`

// checkMarks: the talk marks the words that carried the similarity, each
// once, no more of them than the explanation shows (five), never inside
// math; pointing at a result marks that result's own words instead.
func (b *tab) checkMarks() {
	b.t.Helper()
	m := eval[markState](b, marksJS)
	if len(m.Terms) == 0 || len(m.Terms) > len(m.Carried) || len(m.Carried) > 5 || hasRepeats(m.Terms) {
		b.t.Errorf("talk page marks %q (terms %q) for the words that carried the similarity %q", m.Texts, m.Terms, m.Carried)
	}
	if m.InMath != 0 {
		b.t.Errorf("%d marks and math inside each other", m.InMath)
	}
	b.checkCards()
	cards := eval[[]card](b, cardsJS)
	for i, c := range cards {
		sel := `document.querySelectorAll("#related .result")[` + strconv.Itoa(i) + `]`
		h := eval[markState](b, sel+`.dispatchEvent(new MouseEvent("mouseenter")), `+marksJS)
		if len(h.Terms) > len(c.Words) || hasRepeats(h.Terms) {
			b.t.Errorf("pointing at %s: marks %q for its words %q", c.ID, h.Texts, c.Words)
		}
		eval[bool](b, sel+`.dispatchEvent(new MouseEvent("mouseleave"))`)
		if i == 0 {
			b.t.Logf("talk page: %d marks %q, carried %q; pointing at %s: %d marks %q, its words %q",
				len(m.Texts), m.Texts, m.Carried, c.ID, len(h.Texts), h.Texts, c.Words)
		}
	}
	if back := eval[markState](b, marksJS); strings.Join(back.Terms, "|") != strings.Join(m.Terms, "|") {
		b.t.Errorf("after pointing away the marks are %q, not %q", back.Terms, m.Terms)
	}
}

// checkMath: the fixture talk's TeX is typeset in its title, abstract
// (inline and display, all four delimiters), codes' names and the related
// titles; invalid TeX and prices stay as written; KaTeX's fonts load.
func (b *tab) checkMath() {
	b.t.Helper()
	type mathState struct {
		Title, Abstract, Display, Codes, Related int
		Errors                                   []string
		Text                                     string
		Fonts                                    bool
	}
	m := eval[mathState](b, `document.fonts.ready.then(() => ({
  Title: document.querySelectorAll("h1.talk-title .katex").length,
  Abstract: document.querySelectorAll("#abstract .katex").length,
  Display: document.querySelectorAll("#abstract .katex-display").length,
  Codes: document.querySelectorAll(".talk-codes .code-name .katex").length,
  Related: document.querySelectorAll("#related .result-title .katex").length,
  Errors: [...document.querySelectorAll("#abstract .math-error")].map(e => e.textContent),
  Text: document.getElementById("abstract").textContent,
  Fonts: [...document.fonts].some(f => f.family.replace(/"/g, "") === "KaTeX_Main" && f.status === "loaded"),
}))`)
	// $\Delta_G = D - A$, $G$, $n$, $p$, \(\Delta_p\), $$...$$, $\lambda_2$, \[...\].
	if m.Title != 1 || m.Abstract != 9 || m.Display != 2 || m.Codes == 0 || m.Related == 0 {
		b.t.Errorf("typeset: %d in the title (want 1), %d in the abstract (9) of which %d display (2), %d in code names, %d in related titles",
			m.Title, m.Abstract, m.Display, m.Codes, m.Related)
	}
	if len(m.Errors) != 1 || m.Errors[0] != `$\frac{1$` {
		b.t.Errorf("invalid TeX shown as %q, want it as written", m.Errors)
	}
	if !strings.Contains(m.Text, "prices such as $5 and $10.") {
		b.t.Errorf("prices are not prose: %q", m.Text)
	}
	if !m.Fonts {
		b.t.Error("KaTeX_Main was not loaded")
	}
}

// checkSplitMath runs the page's own splitMath (static/math.js) on the
// delimiters abstracts use and on what must stay prose. Math comes back
// as [tex], display math as [[tex]].
func (b *tab) checkSplitMath() {
	b.t.Helper()
	for _, tc := range []struct{ text, want string }{
		{`$x$ and $y$`, `[x] and [y]`},
		{`$ x $`, `[ x ]`},
		{`$$a$$ b`, `[[a]] b`},
		{`\(a\) \[b\]`, `[a] [[b]]`},
		{`costs $5 and $10.`, `costs $5 and $10.`},
		{`($\sim$1500)`, `([\sim]1500)`},
		{`$2$-adic`, `[2]-adic`},
		{`\$5 $x$`, `\$5 [x]`},
		{`unclosed $x`, `unclosed $x`},
		{"a $x\n\ny$ b", "a $x\n\ny$ b"},
		{`$\frac{1$ and $5 and $10`, `[\frac{1] and $5 and $10`},
		{`\\(x\\)`, `\\(x\\)`},
	} {
		lit, _ := json.Marshal(tc.text)
		got := eval[string](b, `import("/static/math.js").then(m => m.splitMath(`+string(lit)+`).map(p =>
  p.tex === undefined ? p.text : p.display ? "[[" + p.tex + "]]" : "[" + p.tex + "]").join(""))`)
		if got != tc.want {
			b.t.Errorf("splitMath(%q) = %q, want %q", tc.text, got, tc.want)
		}
	}
}

// checkRanks: the related talks' numbers, "10." included, are whole and
// inside the window.
func (b *tab) checkRanks() {
	b.t.Helper()
	type rank struct {
		Text        string
		Left, Right float64
		Width       float64 // of the page, without the scroll bar
		Clipped     bool
	}
	ranks := eval[[]rank](b, `[...document.querySelectorAll("#related .rank")].map(r => {
  const box = r.getBoundingClientRect();
  return {Text: r.textContent, Left: box.left, Right: box.right, Width: document.documentElement.clientWidth, Clipped: r.scrollWidth > r.clientWidth};
})`)
	if len(ranks) != 10 || ranks[9].Text != "10." {
		b.t.Errorf("ranks %+v, want 1. to 10.", ranks)
	}
	for _, r := range ranks {
		if r.Left < 0 || r.Right > r.Width || r.Clipped {
			b.t.Errorf("rank %q at %.1f..%.1f in a %.0fpx page, clipped %v", r.Text, r.Left, r.Right, r.Width, r.Clipped)
		}
	}
}

// checkListNumbers: the talk list's widest number fits in the list's
// padding, where its marker sits.
func (b *tab) checkListNumbers() {
	b.t.Helper()
	type room struct {
		Number     string
		Need, Room float64
	}
	r := eval[room](b, `(() => {
  const ol = document.querySelector("ol.talks");
  const probe = document.createElement("span");
  probe.textContent = (ol.start + ol.children.length - 1) + ". ";
  probe.style.font = getComputedStyle(ol.lastElementChild).font;
  probe.style.fontVariantNumeric = "tabular-nums";
  probe.style.whiteSpace = "pre";
  probe.style.position = "absolute";
  document.body.append(probe);
  const need = probe.getBoundingClientRect().width;
  probe.remove();
  return {Number: probe.textContent, Need: need, Room: parseFloat(getComputedStyle(ol).paddingLeft)};
})()`)
	if r.Room < r.Need {
		b.t.Errorf("list number %q needs %.1fpx, the list has %.1fpx", r.Number, r.Need, r.Room)
	}
}

func (b *tab) checkCSP() {
	b.t.Helper()
	if v := eval[[]string](b, `window.__csp || ["no watch"]`); len(v) > 0 {
		b.t.Errorf("Content-Security-Policy violations: %q", v)
	}
}

func hasRepeats(s []string) bool {
	seen := map[string]bool{}
	for _, x := range s {
		if seen[x] {
			return true
		}
		seen[x] = true
	}
	return false
}

func saveShot(t *testing.T, ctx context.Context, path string) {
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Errorf("screenshot: %v", err)
		return
	}
	if err := os.WriteFile(path, png, 0o644); err != nil {
		t.Error(err)
	}
}
