package main

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/related/related/rank"
)

// labelRunes bounds the label that stands for a talk without a title.
const labelRunes = 100

// queryInfo describes what results are related to, in the output.
type queryInfo struct {
	ID       string   `json:"id,omitempty"`    // similar: the talk's id
	Title    string   `json:"title,omitempty"` // similar: its title
	Label    string   `json:"label,omitempty"` // similar: its title, or its abstract's first words
	Text     string   `json:"text,omitempty"`  // query: the text
	MSC      []string `json:"msc"`
	Language string   `json:"language"`
	// Unknown are query words no talk has: they cannot match.
	Unknown []string `json:"unknown_words,omitempty"`
	// Suggested are MSC codes for a free text, voted by its nearest talks.
	Suggested *rank.Suggestions `json:"suggested_codes,omitempty"`
}

// resultsJSON is the --json output of similar and query (see README).
type resultsJSON struct {
	Query   queryInfo    `json:"query"`
	K       int          `json:"k"`
	Lambda  float64      `json:"lambda"`
	Results []resultJSON `json:"results"`
}

type resultJSON struct {
	Rank   int              `json:"rank"`
	ID     string           `json:"id"`
	Title  string           `json:"title,omitempty"`
	Label  string           `json:"label"`
	MSC    []string         `json:"msc"`
	Score  float64          `json:"score"`
	Cosine float64          `json:"cosine"`
	MSCSim float64          `json:"msc_similarity"`
	Terms  []rank.TermMatch `json:"shared_terms"`
	Codes  []rank.CodeMatch `json:"shared_codes"`
	Also   []string         `json:"also,omitempty"`
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

func writeResults(w io.Writer, rf rankFlags, head queryInfo, eng *engine, results []rank.Result) error {
	if rf.json {
		out := resultsJSON{Query: head, K: rf.k, Lambda: rf.lambda, Results: make([]resultJSON, len(results))}
		for i, r := range results {
			rec := &eng.records[r.Doc]
			out.Results[i] = resultJSON{
				Rank: i + 1, ID: r.ID, Title: rec.Title, Label: rec.DisplayTitle(labelRunes), MSC: nonNil(rec.MSC),
				Score: round(r.Score), Cosine: round(r.Cosine), MSCSim: round(r.MSC),
				Terms: r.Terms, Codes: r.Codes, Also: r.Also,
			}
			for j := range out.Results[i].Terms {
				out.Results[i].Terms[j].Contribution = round(out.Results[i].Terms[j].Contribution)
			}
		}
		return writeJSON(w, out)
	}
	if head.ID != "" {
		fmt.Fprintf(w, "Related to %s: %s\n", head.ID, truncate(head.Label, 70))
	} else {
		fmt.Fprintf(w, "Related to: %s\n", truncate(strings.Join(strings.Fields(head.Text), " "), 70))
	}
	if len(head.MSC) > 0 {
		fmt.Fprintf(w, "  codes: %s\n", strings.Join(head.MSC, " ; "))
	}
	if len(head.Unknown) > 0 {
		fmt.Fprintf(w, "  words no talk has (ignored): %s\n", strings.Join(head.Unknown, ", "))
	}
	if s := head.Suggested; s != nil && len(s.Areas) > 0 {
		fmt.Fprintf(w, "  suggested codes: %s | %s | %s\n", suggList(s.Codes), suggList(s.Sections), suggList(s.Areas))
	}
	if len(results) == 0 {
		fmt.Fprintln(w, "\nNo related talks: no talk shares a word (or, with --msc and lambda > 0, a code area) with this.")
		return nil
	}
	fmt.Fprintln(w)
	for i, r := range results {
		rec := &eng.records[r.Doc]
		fmt.Fprintf(w, "%2d. %.3f  %s  %s\n", i+1, r.Score, r.ID, truncate(rec.DisplayTitle(0), 60))
		fmt.Fprintf(w, "    why: %s\n", explain(r))
		if len(r.Also) > 0 {
			fmt.Fprintf(w, "    also (near-duplicates): %s\n", strings.Join(r.Also, ", "))
		}
	}
	return nil
}

// explain writes a result's reasons in one line: the words, the codes and
// the two parts of the score.
func explain(r rank.Result) string {
	var parts []string
	if len(r.Terms) > 0 {
		words := make([]string, len(r.Terms))
		for i, t := range r.Terms {
			words[i] = t.Word
		}
		parts = append(parts, "words "+strings.Join(words, ", "))
	}
	if len(r.Codes) > 0 {
		codes := make([]string, len(r.Codes))
		for i, c := range r.Codes {
			codes[i] = c.Shared
		}
		parts = append(parts, "codes "+strings.Join(codes, ", "))
	}
	if len(parts) == 0 {
		parts = append(parts, "nothing shared")
	}
	return fmt.Sprintf("%s (text %.3f, codes %.3f)", strings.Join(parts, "; "), r.Cosine, r.MSC)
}

func truncate(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return strings.TrimRight(string(r[:n-1]), " ,.;:") + "…"
}

// round keeps 6 decimals in JSON, enough to rank and compare, and stable
// across platforms' last-bit differences.
func round(x float64) float64 {
	const p = 1e6
	if x < 0 {
		return -float64(int64(-x*p+0.5)) / p
	}
	return float64(int64(x*p+0.5)) / p
}

func suggList(s []rank.Suggestion) string {
	parts := make([]string, 0, 3)
	for i, x := range s {
		if i == 3 {
			break
		}
		parts = append(parts, fmt.Sprintf("%s %.2f", x.Code, x.Score))
	}
	return strings.Join(parts, ", ")
}
