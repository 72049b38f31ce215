// Command related recommends related mathematics talks and papers from
// their abstracts and MSC codes. Run `related help` for the subcommands.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
)

// Exit codes.
const (
	exitOK    = 0
	exitError = 1
	exitUsage = 2
)

// command is one subcommand.
type command struct {
	name    string
	args    string // synopsis of the positional arguments
	summary string
	run     func(env *env, args []string) error
}

// env is what a command sees of the outside world, so that tests can run
// commands in-process.
type env struct {
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
	isTTY  bool // stderr is a terminal (progress bars)
}

var commands []*command

func init() {
	commands = []*command{
		{"list", "", "list the talks of the corpus", runList},
		{"show", "ID", "show one talk in full", runShow},
		{"similar", "ID", "talks related to a talk of the corpus", runSimilar},
		{"query", "TEXT | -", "talks related to free text (a draft abstract, a question)", runQuery},
		{"index", "", "build an index file (or add records to one) for --index", runIndex},
		{"export", "", "write the related talks of every talk (JSON Lines, CSV, JSON)", runExport},
		{"eval", "", "measure ranking quality against MSC codes", runEval},
		{"convert", "FILE...", "write records of any supported format as normalised JSON Lines", runConvert},
		{"serve", "", "serve the JSON API and the web page over HTTP", runServe},
	}
}

func main() {
	e := &env{stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr, isTTY: isTerminal(os.Stderr)}
	os.Exit(run(e, os.Args[1:]))
}

// usageError is a mistake in the command line: exit code 2.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

func usagef(format string, a ...any) error { return &usageError{fmt.Sprintf(format, a...)} }

func run(e *env, args []string) int {
	if len(args) == 0 {
		mainUsage(e.stderr)
		return exitUsage
	}
	name := args[0]
	switch name {
	case "help", "-h", "-help", "--help":
		if len(args) > 1 {
			if c := lookup(args[1]); c != nil {
				return run(e, []string{c.name, "--help"})
			}
		}
		mainUsage(e.stdout)
		return exitOK
	}
	c := lookup(name)
	if c == nil {
		fmt.Fprintf(e.stderr, "related: unknown command %q\n\n", name)
		mainUsage(e.stderr)
		return exitUsage
	}
	err := c.run(e, args[1:])
	var ue *usageError
	switch {
	case err == nil:
		return exitOK
	case errors.Is(err, flag.ErrHelp):
		return exitOK
	case errors.As(err, &ue):
		fmt.Fprintf(e.stderr, "related %s: %s\nRun 'related %s --help' for usage.\n", c.name, ue.msg, c.name)
		return exitUsage
	default:
		fmt.Fprintf(e.stderr, "related %s: %v\n", c.name, err)
		return exitError
	}
}

func lookup(name string) *command {
	for _, c := range commands {
		if c.name == name {
			return c
		}
	}
	return nil
}

func mainUsage(w io.Writer) {
	fmt.Fprintf(w, `related recommends related mathematics talks and papers, from their
abstracts (TF-IDF cosine) blended with their MSC codes, and says why.

Usage:
  related <command> [flags] [arguments]

Commands:
`)
	cs := append([]*command(nil), commands...)
	sort.Slice(cs, func(i, j int) bool { return cs[i].name < cs[j].name })
	for _, c := range cs {
		fmt.Fprintf(w, "  %-9s %s\n", c.name, c.summary)
	}
	fmt.Fprintf(w, `
Without --corpus, commands use the talk corpus embedded in the binary.
Run 'related <command> --help' for a command's flags.
Exit status: 0 success, 1 error, 2 usage error.
`)
}

// newFlagSet makes a flag set whose --help prints a usage text naming the
// command, its arguments and what it does.
func newFlagSet(e *env, c string, description string) *flag.FlagSet {
	fs := flag.NewFlagSet(c, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	cmd := lookup(c)
	fs.Usage = func() {
		w := e.stdout
		fmt.Fprintf(w, "Usage: related %s [flags] %s\n\n%s\n\nFlags:\n", c, cmd.args, strings.TrimSpace(description))
		fs.SetOutput(w)
		fs.PrintDefaults()
		fs.SetOutput(io.Discard)
	}
	return fs
}

// parseArgs parses flags placed anywhere among the arguments (Go's flag
// package stops at the first argument), and returns the positional ones.
func parseArgs(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, err // the flag package has printed the usage
			}
			return nil, &usageError{err.Error()}
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return pos, nil
		}
		if rest[0] == "--" {
			return append(pos, rest[1:]...), nil
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
}

func isTerminal(f *os.File) bool {
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}
