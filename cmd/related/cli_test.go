package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestFlagErrors: a mistake in the command line is one line and a hint on
// stderr, nothing on stdout, exit 2, before anything is read (no summary
// of the corpus), whichever command and whichever check finds it.
func TestFlagErrors(t *testing.T) {
	for _, tc := range []struct {
		args []string
		msg  string
	}{
		{[]string{"similar", logistic, "-k", "0"}, "-k must be at least 1, got 0"},
		{[]string{"similar", logistic, "--lambda", "2"}, "--lambda must be in [0,1], got 2"},
		{[]string{"similar", logistic, "--lambda-words", "-1"}, "--lambda-words must be at least 0, got -1"},
		{[]string{"similar", logistic, "--ref-weight", "1.5"}, "--ref-weight must be in [0,1], got 1.5"},
		{[]string{"similar", logistic, "--msc-prefix", "65K1"}, `--msc-prefix must be an MSC code or its start (65, 65K, 65K10, 65-XX, 65Kxx), got "65K1"`},
		{[]string{"similar", logistic, "--diversify", "1"}, "--diversify must be in [0,1), got 1"},
		{[]string{"similar", logistic, "--collapse", "2"}, "--collapse must be in [0,1], got 2"},
		{[]string{"similar", logistic, "--feedback", "-1"}, "--feedback must be at least 0, got -1"},
		{[]string{"similar", logistic, "--bogus"}, "flag provided but not defined: -bogus"},
		{[]string{"query", "x", "--terms", "-1"}, "--terms must be at least 0, got -1"},
		{[]string{"query", "x", "--msc", "35.43"}, `--msc has parts that are not MSC codes: ["35.43"]`},
		{[]string{"query", "x", "--lang", "klingon"}, `--lang must be a language the analysis knows (english, french, spanish, swedish, norwegian, hungarian, russian), got "klingon"`},
		{[]string{"query", " "}, "the query text is empty"},
		{[]string{"export", "--lambda", "-1"}, "--lambda must be in [0,1], got -1"},
		{[]string{"export", "--to", "xml"}, `--to must be jsonl, csv or json, got "xml"`},
		{[]string{"eval", "--same-author", "--lambda", "2"}, "--lambda must be in [0,1], got 2"},
		{[]string{"eval", "--same-author", "--collapse", "-1"}, "--collapse must be in [0,1], got -1"},
		{[]string{"eval", "--grid"}, "--grid applies to judged queries"},
		{[]string{"list", "extra"}, `list takes no arguments, got ["extra"]`},
		{[]string{"list", "--duplicates", "newest"}, "--duplicates: unknown duplicates policy"},
		{[]string{"list", "--corpus", "-", "--corpus", "-"}, "standard input (-) given twice"},
		{[]string{"index"}, "-o FILE is required"},
		{[]string{"convert", "--to", "xml", "x"}, `--to: only jsonl is supported, got "xml"`},
		{[]string{"serve", "--log-format", "xml"}, "--log-format must be text or json"},
	} {
		code, out, errs := runCmd(t, "", tc.args...)
		want := "related " + tc.args[0] + ": " + tc.msg
		lines := strings.Split(strings.TrimSuffix(errs, "\n"), "\n")
		if code != exitUsage || out != "" || len(lines) != 2 || !strings.HasPrefix(lines[0], want) ||
			lines[1] != "Run 'related "+tc.args[0]+" --help' for usage." {
			t.Errorf("%q: exit %d, stdout %q, stderr:\n%s\nwant exit 2 and\n%s", tc.args, code, out, errs, want)
		}
	}
}

// TestIDErrors: an unknown id is an error (exit 1), not a usage error.
func TestIDErrors(t *testing.T) {
	for _, tc := range []struct {
		args []string
		msg  string
	}{
		{[]string{"similar", "nope"}, `related similar: no talk with id "nope" ('related list' shows the ids)`},
		{[]string{"show", "nope"}, `related show: no talk with id "nope" ('related list' shows the ids)`},
		{[]string{"similar", logistic, "--exclude", "gone"}, `related similar: --exclude: no talk with id "gone"`},
		{[]string{"query", "gradient", "--exclude", "gone"}, `related query: --exclude: no talk with id "gone"`},
	} {
		code, out, errs := runCmd(t, "", tc.args...)
		if code != exitError || out != "" || !strings.HasSuffix(errs, tc.msg+"\n") {
			t.Errorf("%q: exit %d, stdout %q, stderr %q", tc.args, code, out, errs)
		}
	}
}

func TestVersion(t *testing.T) {
	for _, arg := range []string{"--version", "version"} {
		code, out, errs := runCmd(t, "", arg)
		// Tests run without the module's version ("(devel)" or none).
		if code != exitOK || errs != "" || !regexp.MustCompile(`^related .*go1\.\d+`).MatchString(out) {
			t.Errorf("%s: exit %d, %q %q", arg, code, out, errs)
		}
	}
}

// TestInterrupted: a command whose context ends (Ctrl-C) stops, says so,
// exits 130 and leaves no output file.
func TestInterrupted(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	dir := t.TempDir()
	for _, args := range [][]string{
		{"list"},
		{"similar", logistic},
		{"export", "-o", filepath.Join(dir, "export.jsonl")},
		{"index", "-o", filepath.Join(dir, "talks.idx")},
		{"eval"},
		{"convert", "../../testdata/talks.txt", "-o", filepath.Join(dir, "talks.jsonl")},
	} {
		var out, errb bytes.Buffer
		e := &env{stdin: strings.NewReader(""), stdout: &out, stderr: &errb}
		code := runContext(ctx, e, args)
		if code != exitInterrupted || out.String() != "" || errb.String() != "related "+args[0]+": interrupted\n" {
			t.Errorf("%q: exit %d, stdout %q, stderr %q", args, code, out.String(), errb.String())
		}
	}
	if files, _ := os.ReadDir(dir); len(files) != 0 {
		t.Errorf("files left: %v", files)
	}
}

// TestRejectsOnIndex: index --corpus reads as every command does, and
// writes --rejects too.
func TestRejectsOnIndex(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "in.jsonl")
	os.WriteFile(in, []byte(`{"id":"a","title":"Convex optimization","msc":"90C25"}
{"id":"b"}
`), 0o644)
	rej := filepath.Join(dir, "rejects.jsonl")
	code, _, errs := runCmd(t, "", "index", "--corpus", in, "--rejects", rej, "-o", filepath.Join(dir, "in.idx"))
	data, _ := os.ReadFile(rej)
	if code != exitOK || !strings.Contains(string(data), `"id":"b","cause":"no title and no abstract"`) {
		t.Errorf("exit %d: %s\nrejects: %s", code, errs, data)
	}
}
