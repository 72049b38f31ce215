package main

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/related/related"
	"github.com/related/related/corpus"
)

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

// newTable aligns the tab-separated cells of the lines written to it in
// columns two spaces apart; Flush writes them.
func newTable(w io.Writer) *tabwriter.Writer { return tabwriter.NewWriter(w, 0, 0, 2, ' ', 0) }

// writeResults writes a related list: as JSON (the README's schema), or
// as text, a line per result and a line of reasons.
func writeResults(w io.Writer, eng *related.Engine, res *related.Results, asJSON bool) error {
	if asJSON {
		return writeJSON(w, res.Rounded())
	}
	head := res.Query
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
	if s := res.Suggested; s != nil && len(s.Areas) > 0 {
		fmt.Fprintf(w, "  suggested codes: %s | %s | %s\n", suggList(s.Codes), suggList(s.Sections), suggList(s.Areas))
	}
	fmt.Fprintf(w, "  weights: %s\n", blendLine(res.Blend))
	if len(res.Results) == 0 {
		fmt.Fprintln(w, "\nNo related talks: no talk shares a word (or, with --msc and lambda > 0, a code area) with this.")
		return nil
	}
	fmt.Fprintln(w)
	for _, r := range res.Results {
		// A result carries its record's title, which is what is shown
		// unless it is empty; only then is the record looked up (by id:
		// the first look-up indexes every id, 8% of a query process at
		// 100k records).
		rec := &corpus.Record{Title: r.Title}
		if strings.TrimSpace(r.Title) == "" {
			rec, _ = eng.Record(r.ID)
		}
		fmt.Fprintf(w, "%2d. %.3f  %s  %s\n", r.Rank, r.Score, r.ID, truncate(rec.DisplayTitle(0), 60))
		fmt.Fprintf(w, "    why: %s\n", explain(r))
		if len(r.Also) > 0 {
			fmt.Fprintf(w, "    also (near-duplicates): %s\n", strings.Join(r.Also, ", "))
		}
	}
	return nil
}

// blendLine says how the scores of a list combine.
func blendLine(b *related.Blend) string {
	text := fmt.Sprintf("text %.2f", 1-b.Lambda-b.RefWeight)
	codes := strings.Join(b.Codes, ", ")
	switch b.CodesFrom {
	case "none":
		text += " (no codes to compare)"
	case "suggested":
		text += fmt.Sprintf(", codes %.2f (suggested by the nearest talks: %s)", b.Lambda, codes)
	case "categories":
		text += fmt.Sprintf(", codes %.2f (areas of its arXiv categories: %s)", b.Lambda, codes)
	default:
		text += fmt.Sprintf(", codes %.2f", b.Lambda)
	}
	if b.RefWeight > 0 {
		text += fmt.Sprintf(", references %.2f", b.RefWeight)
	}
	return fmt.Sprintf("%s; %d words shared with the library", text, b.Words)
}

// explain writes a result's reasons in one line: the words, the codes,
// the references and the parts of the score.
func explain(r related.Result) string {
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
	if len(r.Refs) > 0 {
		parts = append(parts, "cites "+strings.Join(r.Refs, ", "))
	}
	if len(parts) == 0 {
		parts = append(parts, "nothing shared")
	}
	if r.RefSim > 0 {
		return fmt.Sprintf("%s (text %.3f, codes %.3f, references %.3f)", strings.Join(parts, "; "), r.Cosine, r.MSCSim, r.RefSim)
	}
	return fmt.Sprintf("%s (text %.3f, codes %.3f)", strings.Join(parts, "; "), r.Cosine, r.MSCSim)
}

func truncate(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return strings.TrimRight(string(r[:n-1]), " ,.;:") + "…"
}

func suggList(s []related.SuggestedCode) string {
	parts := make([]string, 0, 3)
	for i, x := range s {
		if i == 3 {
			break
		}
		parts = append(parts, fmt.Sprintf("%s %.2f", x.Code, x.Score))
	}
	return strings.Join(parts, ", ")
}
