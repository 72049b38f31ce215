package server

import (
	"context"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

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

// TestBrowser drives the page in headless Chromium: type a query, see
// results, open a talk, see its related talks and a highlighted word, at
// phone width and at desktop width. With RELATED_SCREENSHOTS=DIR it saves
// a screenshot of each width there.
func TestBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test skipped in -short mode")
	}
	browser := findBrowser()
	if browser == "" {
		t.Skip("no Chromium found (install it with: apt-get install -y chromium; or set RELATED_BROWSER): browser test skipped")
	}
	s := newTestServer(t, Config{})
	ts := httptest.NewServer(s) // 127.0.0.1:0
	defer ts.Close()

	ctx, cancel := context.WithTimeout(context.Background(), 45*time.Second)
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
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(390, 844),
	)
	defer cancelAlloc()
	bctx, cancelBrowser := chromedp.NewContext(actx)
	defer cancelBrowser()
	if err := chromedp.Do(bctx); err != nil {
		t.Skipf("cannot start %s (%v): browser test skipped", browser, err)
	}
	shots := os.Getenv("RELATED_SCREENSHOTS")
	css := func(s string) chromedp.CSS { return chromedp.CSS(s) }
	count := func(sel string) int {
		n, err := chromedp.Run(bctx, chromedp.Evaluate[int](`document.querySelectorAll(`+strconv.Quote(sel)+`).length`))
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	text := func(sel string) string {
		s, err := chromedp.Run(bctx, chromedp.Text(css(sel)))
		if err != nil {
			t.Fatalf("text of %s: %v", sel, err)
		}
		return s
	}
	fits := func() bool {
		ok, err := chromedp.Run(bctx, chromedp.Evaluate[bool](`document.documentElement.scrollWidth <= window.innerWidth`))
		if err != nil {
			t.Fatal(err)
		}
		return ok
	}

	for _, size := range []struct {
		name          string
		width, height int64
	}{{"phone", 390, 844}, {"desktop", 1280, 900}} {
		t.Run(size.name, func(t *testing.T) {
			err := chromedp.Do(bctx,
				chromedp.EmulateViewport(size.width, size.height),
				chromedp.Navigate(ts.URL+"/"),
				chromedp.WaitVisible(css(`ol.talks li`)),
				chromedp.SendKeys(css(`#q`), "neural networks trained with gradient methods"),
				chromedp.Click(css(`#search button[type=submit]`)),
				chromedp.WaitVisible(css(`#results .result`)),
			)
			if err != nil {
				t.Fatalf("search: %v", err)
			}
			nResults, firstTitle := count(`#results .result`), text(`#results .result a.result-title`)
			if nResults == 0 || firstTitle == "" {
				t.Fatalf("%d results, first %q", nResults, firstTitle)
			}
			if n := count(`#suggested .code`); n == 0 {
				t.Error("no suggested codes shown")
			}
			if v := text(`#view`); strings.Contains(v, "nullnull") || strings.Contains(v, "undefined") {
				t.Errorf("the page shows JavaScript's null or undefined: %q", v)
			}
			if !fits() {
				t.Errorf("the results page is wider than the %dpx window", size.width)
			}
			if shots != "" {
				saveShot(t, bctx, filepath.Join(shots, size.name+"-search.png"))
			}
			err = chromedp.Do(bctx,
				chromedp.Click(css(`#results .result a.result-title`)),
				chromedp.WaitVisible(css(`#related .result`)),
				chromedp.WaitVisible(css(`#abstract mark`)),
			)
			if err != nil {
				t.Fatalf("talk page: %v", err)
			}
			marked, related, nRelated := text(`#abstract mark`), text(`#related`), count(`#related .result`)
			if nRelated == 0 || marked == "" {
				t.Fatalf("%d related talks, marked %q", nRelated, marked)
			}
			// The marked word is one the related talks list as shared.
			if !strings.Contains(strings.ToLower(related), strings.ToLower(marked)) {
				t.Errorf("marked %q is not among the shared words of %q", marked, related)
			}
			if !fits() {
				t.Errorf("the talk page is wider than the %dpx window", size.width)
			}
			if shots != "" {
				saveShot(t, bctx, filepath.Join(shots, size.name+"-talk.png"))
			}
			t.Logf("%d results; opened %q: %d related, marked %q", nResults, text(`h1.talk-title`), nRelated, marked)
		})
	}
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
