package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/related/related"
)

// resultsJSON is the --json output of similar and query.
type resultsJSON = related.Results

// runCmd runs the command in-process and returns its exit code and output.
func runCmd(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	e := &env{stdin: strings.NewReader(stdin), stdout: &out, stderr: &errb}
	code := run(e, args)
	return code, out.String(), errb.String()
}

const (
	logistic  = "talk-46c6396e5a"
	perturbed = "talk-e58efbfb4b"
	backprop  = "talk-258f2deb7a"
	sqrtLasso = "talk-65a83157dd"
)

func TestSimilarOnEmbeddedCorpus(t *testing.T) {
	for _, tc := range []struct{ id, first string }{{logistic, backprop}, {backprop, logistic}} {
		code, out, errs := runCmd(t, "", "similar", tc.id)
		if code != exitOK {
			t.Fatalf("exit %d: %s", code, errs)
		}
		lines := strings.Split(out, "\n")
		var first string
		for _, l := range lines {
			if strings.HasPrefix(strings.TrimSpace(l), "1.") {
				first = l
				break
			}
		}
		if !strings.Contains(first, tc.first) {
			t.Errorf("similar %s: first line %q, want %s\n%s", tc.id, first, tc.first, out)
		}
		if !strings.Contains(out, "why: words") || !strings.Contains(out, "68T99 (text ") {
			t.Errorf("explanation missing:\n%s", out)
		}
		if want := "6 records read: 5 indexed, 1 skipped (1 empty record)"; !strings.Contains(errs, want) {
			t.Errorf("summary %q missing from stderr:\n%s", want, errs)
		}
	}
}

func TestQueryJSON(t *testing.T) {
	code, out, errs := runCmd(t, "", "query", "square-root lasso sparse regression", "--json", "-k", "2")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var got resultsJSON
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("bad JSON: %v\n%s", err, out)
	}
	if got.K != 2 || len(got.Results) == 0 || len(got.Results) > 2 {
		t.Fatalf("k=%d, %d results", got.K, len(got.Results))
	}
	r := got.Results[0]
	if r.ID != sqrtLasso || r.Rank != 1 || len(r.Terms) == 0 || r.Terms[0].Word == "" {
		t.Errorf("first result %+v", r)
	}
	if got.Query.Language != "english" || got.Query.Text == "" {
		t.Errorf("query info %+v", got.Query)
	}
}

func TestQueryFromStdinWithCodes(t *testing.T) {
	code, out, errs := runCmd(t, "We study nonsmooth optimization for machine learning.", "query", "-", "--msc", "Primary 65K10; Secondary 68T99", "--json")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var got resultsJSON
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatal(err)
	}
	if len(got.Results) == 0 || got.Results[0].ID != backprop {
		t.Errorf("first result %+v, want %s", got.Results, backprop)
	}
	if strings.Join(got.Query.MSC, ",") != "65K10,68T99" {
		t.Errorf("query codes %v", got.Query.MSC)
	}
}

func TestExitCodes(t *testing.T) {
	tests := []struct {
		args []string
		code int
		msg  string
	}{
		{[]string{}, exitUsage, "Usage"},
		{[]string{"frobnicate"}, exitUsage, "unknown command"},
		{[]string{"similar"}, exitUsage, "one talk id"},
		{[]string{"similar", "nope"}, exitError, `no talk with id "nope"`},
		{[]string{"similar", logistic, "-k", "0"}, exitUsage, "k must be at least 1"},
		{[]string{"similar", logistic, "--lambda", "2"}, exitUsage, "lambda must be in [0,1]"},
		{[]string{"similar", logistic, "--bogus"}, exitUsage, "flag provided but not defined"},
		{[]string{"query"}, exitUsage, "needs the text"},
		{[]string{"query", "x", "--msc", "35.43"}, exitUsage, "not MSC codes"},
		{[]string{"list", "--corpus", "/nonexistent/file.jsonl"}, exitError, "no such file"},
		{[]string{"list", "--format", "yaml"}, exitUsage, "unknown format"},
	}
	for _, tc := range tests {
		code, _, errs := runCmd(t, "", tc.args...)
		if code != tc.code || !strings.Contains(errs, tc.msg) {
			t.Errorf("%q: exit %d (want %d), stderr %q (want %q)", tc.args, code, tc.code, errs, tc.msg)
		}
	}
}

func TestHelp(t *testing.T) {
	for _, c := range commands {
		code, out, _ := runCmd(t, "", c.name, "--help")
		if code != exitOK || strings.Count(out, "Usage: related "+c.name) != 1 {
			t.Errorf("%s --help: exit %d, %q", c.name, code, out)
		}
	}
	code, out, _ := runCmd(t, "", "help")
	if code != exitOK || !strings.Contains(out, "similar") {
		t.Errorf("help: %d %q", code, out)
	}
}

func TestCorpusFileWithBadRecords(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "talks.jsonl")
	data := `{"id":"a","title":"Convex optimization","abstract":"Gradient methods for convex problems.","msc":"90C25"}
{"id":"b","title":"","abstract":""}
{"id":"c","title":"Proximal gradient methods","msc":["90C25","65K05"]}
not json
{"id":"d","title":"Old codes","msc_raw":"35.43"}
`
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errs := runCmd(t, "", "similar", "a", "--corpus", path)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if !strings.Contains(out, " c ") {
		t.Errorf("c should be related to a:\n%s", out)
	}
	for _, want := range []string{
		"5 records read: 3 indexed, 2 skipped",
		"talks.jsonl:2 (record 2)", "no title and no abstract",
		"talks.jsonl:4 (record 4)", "malformed JSON",
		"35.43",
	} {
		if !strings.Contains(errs, want) {
			t.Errorf("stderr lacks %q:\n%s", want, errs)
		}
	}
	// A duplicate id is reported and the first record kept; with
	// --duplicates error it stops the command.
	dup := filepath.Join(dir, "dup.jsonl")
	os.WriteFile(dup, []byte(`{"id":"a","title":"x"}`+"\n"), 0o644)
	code, out, errs = runCmd(t, "", "list", "--corpus", path, "--corpus", dup)
	if code != exitOK || !strings.Contains(errs, `dup.jsonl:1 (record 1): id "a": duplicate id, the record at `) ||
		!strings.Contains(errs, "6 records read: 3 indexed, 3 skipped (1 duplicate id, 1 malformed record, 1 no title and no abstract)") ||
		!strings.Contains(out, "Convex optimization") || strings.Contains(out, " x\n") {
		t.Errorf("duplicate ids: exit %d, %s\n%s", code, errs, out)
	}
	code, _, errs = runCmd(t, "", "list", "--corpus", path, "--corpus", dup, "--duplicates", "error")
	if code != exitError || !strings.Contains(errs, "1 duplicate id(s)") {
		t.Errorf("--duplicates error: exit %d, %s", code, errs)
	}
	code, _, errs = runCmd(t, "", "list", "--corpus", path, "--duplicates", "newest")
	if code != exitUsage || !strings.Contains(errs, "--duplicates") {
		t.Errorf("--duplicates newest: exit %d, %s", code, errs)
	}
}
