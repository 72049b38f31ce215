package main

import (
	"context"
	"fmt"
	"strings"

	"github.com/related/related"
)

// showCommand shows one record in full.
type showCommand struct {
	base
	src    sourceFlags
	asJSON bool
}

func newShowCommand(e *env) command {
	c := &showCommand{}
	c.init(e, "show", `Shows one talk in full: title, authors, codes, keywords, abstract.`)
	c.src.register(c.fs)
	c.fs.BoolVar(&c.asJSON, "json", false, "write the record as JSON")
	return c
}

func (c *showCommand) Run(ctx context.Context, args []string) error {
	pos, err := c.parse(args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("show takes one talk id")
	}
	if err := c.src.check(); err != nil {
		return err
	}
	eng, err := c.src.open(ctx, c.env)
	if err != nil {
		return err
	}
	r, ok := eng.Record(pos[0])
	if !ok {
		return &related.NotFoundError{ID: pos[0]}
	}
	if c.asJSON {
		return writeJSON(c.env.stdout, r)
	}
	w := c.env.stdout
	fmt.Fprintf(w, "id:        %s\n", r.ID)
	if r.Title != "" {
		fmt.Fprintf(w, "title:     %s\n", r.Title)
	}
	if len(r.Authors) > 0 {
		fmt.Fprintf(w, "authors:   %s\n", strings.Join(r.Authors, "; "))
	}
	if len(r.MSC) > 0 {
		codes := strings.Join(r.MSC, " ; ")
		if r.PrimaryMSC != "" {
			codes += " (primary " + r.PrimaryMSC + ")"
		}
		fmt.Fprintf(w, "msc:       %s\n", codes)
	}
	if r.MSCRaw != "" {
		fmt.Fprintf(w, "msc (raw): %s\n", r.MSCRaw)
	}
	if len(r.Keywords) > 0 {
		fmt.Fprintf(w, "keywords:  %s\n", strings.Join(r.Keywords, "; "))
	}
	if r.Year != 0 {
		fmt.Fprintf(w, "year:      %d\n", r.Year)
	}
	if r.URL != "" {
		fmt.Fprintf(w, "url:       %s\n", r.URL)
	}
	fmt.Fprintf(w, "language:  %s\n", eng.Language(r.ID))
	fmt.Fprintf(w, "source:    %s\n\n%s\n", r.Origin, wrap(r.Abstract, 78))
	return nil
}

// wrap breaks text into lines of at most width characters, keeping the
// paragraphs of the original.
func wrap(text string, width int) string {
	var out []string
	for _, para := range strings.Split(text, "\n") {
		line := ""
		for _, w := range strings.Fields(para) {
			if line != "" && len([]rune(line))+1+len([]rune(w)) > width {
				out = append(out, line)
				line = w
			} else if line == "" {
				line = w
			} else {
				line += " " + w
			}
		}
		out = append(out, line)
	}
	return strings.Join(out, "\n")
}
