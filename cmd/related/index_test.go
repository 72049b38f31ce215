package main

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

const indexTestCorpus = "../../corpus/testdata/records.jsonl"

func TestIndexCommandAnswersLikeCorpus(t *testing.T) {
	dir := t.TempDir()
	idx := filepath.Join(dir, "talks.idx")
	for _, src := range [][]string{nil, {"--corpus", indexTestCorpus}} {
		args := append([]string{"index", "-o", idx}, src...)
		if code, _, errs := runCmd(t, "", args...); code != exitOK {
			t.Fatalf("index %v: exit %d: %s", src, code, errs)
		}
		for _, cmd := range [][]string{
			{"similar", "--json", "--lambda", "0.3"},
			{"query", "--json", "convex optimization of neural networks"},
			{"list"},
		} {
			_, fromCorpus, _ := runCmd(t, "", append(cmd, src...)...)
			code, fromIndex, errs := runCmd(t, "", append(cmd, "--index", idx)...)
			if cmd[0] == "similar" {
				id := firstID(t, src)
				_, fromCorpus, _ = runCmd(t, "", append(append(cmd, id), src...)...)
				code, fromIndex, errs = runCmd(t, "", append(cmd, id, "--index", idx)...)
			}
			if code != exitOK || fromIndex != fromCorpus || fromIndex == "" {
				t.Fatalf("%v with --index (exit %d, %s):\n%s\nwith the corpus:\n%s", cmd, code, errs, fromIndex, fromCorpus)
			}
		}
	}
	if code, _, errs := runCmd(t, "", "list", "--index", idx, "--corpus", indexTestCorpus); code != exitUsage {
		t.Fatalf("--index with --corpus: exit %d (%s), want usage error", code, errs)
	}
	if code, _, _ := runCmd(t, "", "index"); code != exitUsage {
		t.Fatalf("index without -o: exit %d, want usage error", code)
	}
	bad := filepath.Join(dir, "bad.idx")
	os.WriteFile(bad, []byte("not an index"), 0o644)
	code, _, errs := runCmd(t, "", "list", "--index", bad)
	if code != exitError || !strings.Contains(errs, "not a related index file") {
		t.Fatalf("bad index: exit %d, %q", code, errs)
	}
}

func firstID(t *testing.T, src []string) string {
	t.Helper()
	_, out, _ := runCmd(t, "", append([]string{"list"}, src...)...)
	return strings.Fields(out)[0]
}

func TestIndexAdd(t *testing.T) {
	dir := t.TempDir()
	idx := filepath.Join(dir, "talks.idx")
	if code, _, errs := runCmd(t, "", "index", "-o", idx); code != exitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	_, before, _ := runCmd(t, "", "list", "--index", idx)
	id := strings.Fields(before)[0]
	add := filepath.Join(dir, "add.jsonl")
	os.WriteFile(add, []byte(`{"id":"`+id+`","title":"Replaced talk","abstract":"Sheaf cohomology of toric varieties.","msc":["14F06"]}
{"id":"new-talk","title":"A new talk","abstract":"Mixing times of random walks on expander graphs.","msc":["60J10"]}
`), 0o644)
	newIdx := filepath.Join(dir, "new.idx")
	code, _, errs := runCmd(t, "", "index", "--index", idx, "--add", add, "-o", newIdx)
	if code != exitOK || !strings.Contains(errs, "1 added, 1 replaced") {
		t.Fatalf("exit %d: %s", code, errs)
	}
	_, after, _ := runCmd(t, "", "list", "--index", newIdx)
	if len(strings.Split(after, "\n")) != len(strings.Split(before, "\n"))+1 || !strings.Contains(after, "new-talk") || !strings.Contains(after, "Replaced talk") {
		t.Fatalf("list after --add:\n%s\nbefore:\n%s", after, before)
	}
	_, out, _ := runCmd(t, "", "query", "--index", newIdx, "--json", "toric varieties sheaf cohomology")
	var res resultsJSON
	if err := json.Unmarshal([]byte(out), &res); err != nil || len(res.Results) == 0 || res.Results[0].ID != id {
		t.Fatalf("the replaced record does not answer for its new text: %s", out)
	}
	// In place.
	if code, _, errs := runCmd(t, "", "index", "--index", idx, "--add", add); code != exitOK {
		t.Fatalf("in place: exit %d: %s", code, errs)
	}
	a, _ := os.ReadFile(idx)
	b, _ := os.ReadFile(newIdx)
	if string(a) != string(b) {
		t.Fatal("--add in place and to a new file differ")
	}
	if code, _, _ := runCmd(t, "", "index", "--add", add, "-o", newIdx); code != exitUsage {
		t.Fatalf("--add without --index: exit %d, want usage error", code)
	}
}

func TestExportDeterministic(t *testing.T) {
	dir := t.TempDir()
	idx := filepath.Join(dir, "talks.idx")
	if code, _, errs := runCmd(t, "", "index", "-o", idx, "--corpus", indexTestCorpus); code != exitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	for _, to := range []string{"jsonl", "csv", "json"} {
		var first string
		for _, w := range []string{"1", "2", "4"} {
			code, out, errs := runCmd(t, "", "export", "--index", idx, "--to", to, "--workers", w, "-k", "3", "--explain")
			if code != exitOK {
				t.Fatalf("export --to %s --workers %s: exit %d: %s", to, w, code, errs)
			}
			if first == "" {
				first = out
			} else if out != first {
				t.Fatalf("export --to %s differs with %s workers", to, w)
			}
		}
		switch to {
		case "jsonl":
			lines := strings.Split(strings.TrimSpace(first), "\n")
			_, list, _ := runCmd(t, "", "list", "--index", idx)
			if len(lines) != len(strings.Split(strings.TrimSpace(list), "\n")) {
				t.Fatalf("%d lines, want one per record", len(lines))
			}
			var row exportRow
			if err := json.Unmarshal([]byte(lines[0]), &row); err != nil || row.ID != strings.Fields(list)[0] || len(row.Related) > 3 {
				t.Fatalf("first row %q: %v", lines[0], err)
			}
			for _, l := range lines {
				if json.Unmarshal([]byte(l), &row); len(row.Related) > 0 {
					break
				}
			}
			// The same list as `similar`.
			_, sim, _ := runCmd(t, "", "similar", "--index", idx, "--json", "-k", "3", row.ID)
			var res resultsJSON
			json.Unmarshal([]byte(sim), &res)
			for i, r := range row.Related {
				if res.Results[i].ID != r.ID || res.Results[i].Score != r.Score {
					t.Fatalf("export and similar differ at rank %d: %+v / %+v", i+1, r, res.Results[i])
				}
			}
		case "json":
			var rows []exportRow
			if err := json.Unmarshal([]byte(first), &rows); err != nil || len(rows) == 0 {
				t.Fatalf("--to json is not a JSON array: %v", err)
			}
		case "csv":
			if !strings.HasPrefix(first, "source_id,rank,id,score,cosine,msc_similarity,shared_words,shared_codes\n") {
				t.Fatalf("csv header: %q", strings.SplitN(first, "\n", 2)[0])
			}
		}
	}
	if code, _, _ := runCmd(t, "", "export", "--to", "xml"); code != exitUsage {
		t.Fatal("--to xml is not a usage error")
	}
}

// Shards 1..N of an export, concatenated, are the whole export byte for
// byte, in every format, whatever N; and so are N separate processes
// writing their shards at the same time (the way a Kubernetes Indexed Job
// or GNU parallel runs them).
func TestExportShards(t *testing.T) {
	dir := t.TempDir()
	idx := filepath.Join(dir, "talks.idx")
	if code, _, errs := runCmd(t, "", "index", "-o", idx, "--corpus", indexTestCorpus); code != exitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	for _, to := range []string{"jsonl", "csv", "json"} {
		code, whole, errs := runCmd(t, "", "export", "--index", idx, "--to", to, "-k", "3")
		if code != exitOK {
			t.Fatalf("exit %d: %s", code, errs)
		}
		for _, n := range []int{1, 2, 3, 7} {
			var cat strings.Builder
			for i := 1; i <= n; i++ {
				code, part, errs := runCmd(t, "", "export", "--index", idx, "--to", to, "-k", "3", "--shard", fmt.Sprintf("%d/%d", i, n))
				if code != exitOK {
					t.Fatalf("shard %d/%d: exit %d: %s", i, n, code, errs)
				}
				cat.WriteString(part)
			}
			if cat.String() != whole {
				t.Fatalf("--to %s: %d shards concatenated differ from the whole export", to, n)
			}
		}
	}
	for _, bad := range []string{"0/3", "4/3", "1/0", "x/2", "2"} {
		if code, _, _ := runCmd(t, "", "export", "--index", idx, "--shard", bad); code != exitUsage {
			t.Errorf("--shard %s: exit %d, want usage error", bad, code)
		}
	}
	if testing.Short() {
		return
	}
	// Separate processes, at once.
	bin := filepath.Join(dir, "related")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Skipf("cannot build the command: %v\n%s", err, out)
	}
	const n = 3
	var wg sync.WaitGroup
	errs := make([]error, n)
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			out := filepath.Join(dir, fmt.Sprintf("part%d.jsonl", i+1))
			errs[i] = exec.Command(bin, "export", "--index", idx, "-k", "3", "--shard", fmt.Sprintf("%d/%d", i+1, n), "-o", out).Run()
		}()
	}
	wg.Wait()
	var cat []byte
	for i := range n {
		if errs[i] != nil {
			t.Fatalf("process %d: %v", i+1, errs[i])
		}
		b, err := os.ReadFile(filepath.Join(dir, fmt.Sprintf("part%d.jsonl", i+1)))
		if err != nil {
			t.Fatal(err)
		}
		cat = append(cat, b...)
	}
	_, whole, _ := runCmd(t, "", "export", "--index", idx, "-k", "3")
	if string(cat) != whole {
		t.Fatal("3 processes' shards concatenated differ from the whole export")
	}
}
