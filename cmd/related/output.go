package main

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/related/related/cmd/related/internal/schema"
	"github.com/related/related/corpus"
	"github.com/related/related/rank"
)

// resultsJSON is the --json output of similar and query.
type resultsJSON = schema.Results

// queryInfo describes what results are related to, in the output;
// Suggested (free-text queries) goes to the top level of the JSON.
type queryInfo struct {
	schema.Query
	Suggested *rank.Suggestions
	Blend     rank.Blend
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

func writeResults(w io.Writer, rf rankFlags, head queryInfo, eng *engine, results []rank.Result) error {
	if rf.json {
		out := schema.Results{Query: head.Query, K: rf.k, Lambda: rf.lambda, Blend: schema.NewBlend(head.Blend, rf.lambdaWords), MSCPrefix: rf.mscPrefix,
			Results: schema.NewResults(results, func(d int) *corpus.Record { return &eng.records[d] }, nil)}
		if head.Suggested != nil {
			sg := schema.NewSuggestions(*head.Suggested, nil)
			out.Suggested = &sg
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
	fmt.Fprintf(w, "  weights: %s\n", blendLine(head.Blend))
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

// blendLine says how the scores of a list combine.
func blendLine(b rank.Blend) string {
	text := fmt.Sprintf("text %.2f", 1-b.Lambda-b.Refs)
	switch {
	case len(b.Codes.Codes) == 0:
		text += " (no codes to compare)"
	case b.Suggested:
		text += fmt.Sprintf(", codes %.2f (suggested by the nearest talks: %s)", b.Lambda, strings.Join(b.Codes.Codes, ", "))
	case b.Codes.FromCategories:
		text += fmt.Sprintf(", codes %.2f (areas of its arXiv categories: %s)", b.Lambda, strings.Join(b.Codes.Codes, ", "))
	default:
		text += fmt.Sprintf(", codes %.2f", b.Lambda)
	}
	if b.Refs > 0 {
		text += fmt.Sprintf(", references %.2f", b.Refs)
	}
	return fmt.Sprintf("%s; %d words shared with the library", text, b.Words)
}

// explain writes a result's reasons in one line: the words, the codes,
// the references and the parts of the score.
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
	if len(r.SharedRefs) > 0 {
		parts = append(parts, "cites "+strings.Join(r.SharedRefs, ", "))
	}
	if len(parts) == 0 {
		parts = append(parts, "nothing shared")
	}
	if r.Refs > 0 {
		return fmt.Sprintf("%s (text %.3f, codes %.3f, references %.3f)", strings.Join(parts, "; "), r.Cosine, r.MSC, r.Refs)
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

// round is schema.Round, for the exporters.
func round(x float64) float64 { return schema.Round(x) }

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
