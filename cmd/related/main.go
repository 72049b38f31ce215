// Command related recommends related mathematics talks and papers from
// their abstracts and MSC codes. Run `related help` for the subcommands.
//
// Each subcommand is a type in a file of its own (litestream's shape):
// its flags become options of the public API (package related), the
// engine does the work, and the command formats what it returns.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/debug"
	"sort"
	"syscall"

	"github.com/related/related"
)

// Exit codes.
const (
	exitOK          = 0
	exitError       = 1
	exitUsage       = 2
	exitInterrupted = 130 // as shells report a command stopped by Ctrl-C
)

// env is what a command sees of the outside world, so that tests can run
// commands in-process.
type env struct {
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
	isTTY  bool // stderr is a terminal (progress bars)
}

// commandInfo names a subcommand and makes it.
type commandInfo struct {
	name    string
	args    string // synopsis of the positional arguments
	summary string
	make    func(e *env) command
}

var commands []commandInfo

func init() {
	commands = []commandInfo{
		{"list", "", "list the talks of the corpus", newListCommand},
		{"show", "ID", "show one talk in full", newShowCommand},
		{"similar", "ID", "talks related to a talk of the corpus", newSimilarCommand},
		{"query", "TEXT | -", "talks related to free text (a draft abstract, a question)", newQueryCommand},
		{"index", "", "build an index file (or add records to one) for --index", newIndexCommand},
		{"export", "", "write the related talks of every talk (JSON Lines, CSV, JSON)", newExportCommand},
		{"eval", "", "measure ranking quality against MSC codes", newEvalCommand},
		{"convert", "FILE...", "write records of any supported format as normalised JSON Lines", newConvertCommand},
		{"serve", "", "serve the JSON API and the web page over HTTP", newServeCommand},
	}
}

func main() {
	e := &env{stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr, isTTY: isTerminal(os.Stderr)}
	os.Exit(run(e, os.Args[1:]))
}

// run runs the command line args and returns the exit code. Ctrl-C (and
// SIGTERM) end the context every command works under: long loops stop
// cleanly, serve shuts down gracefully; a second Ctrl-C kills at once.
func run(e *env, args []string) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	go func() {
		<-ctx.Done()
		stop()
	}()
	return runContext(ctx, e, args)
}

// runContext is run under a given context.
func runContext(ctx context.Context, e *env, args []string) int {
	if len(args) == 0 {
		mainUsage(e.stderr)
		return exitUsage
	}
	name := args[0]
	switch name {
	case "help", "-h", "-help", "--help":
		if len(args) > 1 {
			if c := lookup(args[1]); c != nil {
				return runContext(ctx, e, []string{c.name, "--help"})
			}
		}
		mainUsage(e.stdout)
		return exitOK
	case "version", "-version", "--version":
		fmt.Fprintln(e.stdout, version())
		return exitOK
	}
	c := lookup(name)
	if c == nil {
		fmt.Fprintf(e.stderr, "related: unknown command %q\n\n", name)
		mainUsage(e.stderr)
		return exitUsage
	}
	return report(ctx, e, c.name, c.make(e).Run(ctx, args[1:]))
}

// report writes a command's error, if any, and returns the exit code: a
// mistake in the command line is one line and a hint (exit 2), naming
// the flag of a parameter the engine refuses; an interruption says so
// (130); other errors are one message (exit 1).
func report(ctx context.Context, e *env, name string, err error) int {
	var ue *usageError
	var bq *related.BadQueryError
	var nf *related.NotFoundError
	switch {
	case err == nil, errors.Is(err, flag.ErrHelp):
		return exitOK
	case errors.Is(err, context.Canceled) && ctx.Err() != nil:
		fmt.Fprintf(e.stderr, "related %s: interrupted\n", name)
		return exitInterrupted
	case errors.As(err, &bq):
		ue = &usageError{flagName(bq.Field) + " " + bq.Reason}
	case errors.As(err, &ue):
	case errors.As(err, &nf) && nf.Field != "":
		err = fmt.Errorf("%s: no talk with id %q", flagName(nf.Field), nf.ID)
	case errors.As(err, &nf):
		err = fmt.Errorf("%w ('related list' shows the ids)", err)
	}
	if ue != nil {
		fmt.Fprintf(e.stderr, "related %s: %s\nRun 'related %s --help' for usage.\n", name, ue.msg, name)
		return exitUsage
	}
	fmt.Fprintf(e.stderr, "related %s: %v\n", name, err)
	return exitError
}

func lookup(name string) *commandInfo {
	for i := range commands {
		if commands[i].name == name {
			return &commands[i]
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
	cs := append([]commandInfo(nil), commands...)
	sort.Slice(cs, func(i, j int) bool { return cs[i].name < cs[j].name })
	for _, c := range cs {
		fmt.Fprintf(w, "  %-9s %s\n", c.name, c.summary)
	}
	fmt.Fprintf(w, `
Without --corpus, commands use the talk corpus embedded in the binary.
Run 'related <command> --help' for a command's flags, 'related --version'
for the version.
Exit status: 0 success, 1 error, 2 usage error, 130 interrupted.
`)
}

// version is the module's version and the revision it was built from,
// as the Go toolchain recorded them in the binary.
func version() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "related (no build information)"
	}
	s := "related " + info.Main.Version
	var rev, when, modified string
	for _, kv := range info.Settings {
		switch kv.Key {
		case "vcs.revision":
			rev = kv.Value
		case "vcs.time":
			when = kv.Value
		case "vcs.modified":
			if kv.Value == "true" {
				modified = ", modified"
			}
		}
	}
	if rev != "" {
		s += fmt.Sprintf(" (revision %s, %s%s)", rev, when, modified)
	}
	return s + ", " + info.GoVersion
}

func isTerminal(f *os.File) bool {
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}
