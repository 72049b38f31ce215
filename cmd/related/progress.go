package main

import (
	"fmt"
	"io"
	"strings"
	"time"
)

// progress is a one-line progress bar with the time left, redrawn at most
// five times a second.
type progress struct {
	w     io.Writer
	label string
	total int
	start time.Time
	last  time.Time
}

func newProgress(w io.Writer, label string, total int) *progress {
	return &progress{w: w, label: label, total: total, start: time.Now()}
}

func (p *progress) set(done int) {
	now := time.Now()
	if now.Sub(p.last) < 200*time.Millisecond && done < p.total {
		return
	}
	p.last = now
	frac := float64(done) / float64(max(1, p.total))
	const width = 30
	fill := int(frac * width)
	eta := "--:--"
	if done > 0 {
		left := time.Duration(float64(now.Sub(p.start)) * (1 - frac) / frac)
		eta = fmt.Sprintf("%d:%02d", int(left.Minutes()), int(left.Seconds())%60)
	}
	fmt.Fprintf(p.w, "\r%s [%s%s] %d/%d %3.0f%% ETA %s ", p.label, strings.Repeat("=", fill), strings.Repeat(" ", width-fill), done, p.total, 100*frac, eta)
}

func (p *progress) finish() {
	p.set(p.total)
	fmt.Fprintf(p.w, "\n")
}

// stop ends the bar's line where it is (an interrupted run).
func (p *progress) stop() { fmt.Fprintf(p.w, "\n") }
