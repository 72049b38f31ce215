package corpus

import (
	"html"
	"regexp"
	"strings"
)

// stripMarkup returns the text of an abstract or description written in
// HTML or JATS XML (Crossref's "<jats:p>...</jats:p>", Indico's HTML
// descriptions, calendars' X-ALT-DESC), white space collapsed: tags
// removed, block elements (paragraphs, list items, line breaks) read as
// spaces, entities decoded. A leading heading that only says "Abstract"
// is dropped, and so are the contents of script, style and MathML
// annotations (a TeX copy of a formula already given). Only well-formed
// tags are markup: "p<q and r>s" in a formula stays as it is.
func stripMarkup(s string) string {
	if !strings.ContainsAny(s, "<&") {
		return collapseSpace(s)
	}
	if strings.Contains(s, "alternatives>") {
		s = dropAlternatives(s)
	}
	var b strings.Builder
	found := false
	skipUntil := ""   // a closing tag whose content is dropped
	headingAt := -1   // where in b the current heading started
	headingName := "" // and its tag
	for i := 0; i < len(s); {
		if s[i] != '<' {
			j := strings.IndexByte(s[i:], '<')
			if j < 0 {
				j = len(s) - i
			}
			if skipUntil == "" {
				b.WriteString(s[i : i+j])
			}
			i += j
			continue
		}
		rest := s[i:]
		switch {
		case strings.HasPrefix(rest, "<!--"):
			end := strings.Index(rest, "-->")
			if end < 0 {
				end = len(rest) - 3
			}
			i += end + 3
			found = true
			continue
		case strings.HasPrefix(rest, "<![CDATA["):
			end := strings.Index(rest, "]]>")
			if end < 0 {
				end = len(rest)
			}
			if skipUntil == "" {
				b.WriteString(html.EscapeString(rest[9:end])) // unescaped again below
			}
			i += min(end+3, len(rest))
			found = true
			continue
		}
		m := tagPattern.FindStringSubmatch(rest)
		if m == nil {
			if skipUntil == "" {
				b.WriteByte('<')
			}
			i++
			continue
		}
		closing, name := m[1] == "/", strings.ToLower(m[2])
		if k := strings.LastIndexByte(name, ':'); k >= 0 {
			name = name[k+1:] // jats:p, mml:math: any prefixed name is markup
		} else if !markupNames[name] {
			// "<x>" in a formula, not a tag.
			if skipUntil == "" {
				b.WriteByte('<')
			}
			i++
			continue
		}
		found = true
		i += len(m[0])
		if skipUntil != "" {
			if closing && name == skipUntil {
				skipUntil = ""
			}
			continue
		}
		if droppedElements[name] && !closing && m[4] != "/" {
			skipUntil = name
			continue
		}
		if headingElements[name] {
			if !closing {
				headingAt, headingName = b.Len(), name
			} else if headingAt >= 0 && name == headingName {
				heading := strings.ToLower(strings.Trim(collapseSpace(html.UnescapeString(b.String()[headingAt:])), " .:"))
				if strings.TrimSpace(b.String()[:headingAt]) == "" && abstractHeadings[heading] {
					// "<jats:title>Abstract</jats:title>" before the text.
					s := b.String()[:headingAt]
					b.Reset()
					b.WriteString(s)
				}
				headingAt = -1
			}
		}
		if blockElements[name] || headingElements[name] {
			b.WriteByte(' ')
		}
	}
	out := b.String()
	if found || entityPattern.MatchString(out) {
		out = html.UnescapeString(out)
	}
	return collapseSpace(out)
}

// tagPattern is one well-formed start, end or empty-element tag: a name,
// then attributes with values (quoted, or bare as HTML allows).
var tagPattern = regexp.MustCompile(`^<(/?)([A-Za-z][\w:.-]*)((?:\s+[A-Za-z_:][\w:.-]*\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'<>=` + "`" + `]+))*)\s*(/?)>`)

// entityPattern is an HTML or XML character reference.
var entityPattern = regexp.MustCompile(`&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);`)

// markupNames are the element names read as markup without a namespace
// prefix: HTML's, JATS's and MathML's that abstracts use. Any other
// "<name>" is text ("<x>" in a group presentation).
var markupNames = map[string]bool{
	"p": true, "br": true, "i": true, "b": true, "em": true, "strong": true, "sub": true, "sup": true,
	"span": true, "div": true, "a": true, "u": true, "s": true, "ul": true, "ol": true, "li": true,
	"h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true, "title": true, "sec": true,
	"italic": true, "bold": true, "sc": true, "table": true, "tr": true, "td": true, "th": true,
	"tbody": true, "thead": true, "hr": true, "code": true, "pre": true, "blockquote": true,
	"small": true, "big": true, "font": true, "img": true, "abstract": true, "section": true,
	"dl": true, "dt": true, "dd": true, "tt": true, "cite": true, "q": true, "del": true, "ins": true,
	"math": true, "mi": true, "mo": true, "mn": true, "mrow": true, "msup": true, "msub": true,
	"msubsup": true, "mfrac": true, "msqrt": true, "mtext": true, "semantics": true,
	"annotation": true, "annotation-xml": true, "inline-formula": true, "tex-math": true,
	"alternatives": true, "list": true, "list-item": true, "script": true, "style": true,
	"body": true, "html": true, "head": true, "font-family": true, "center": true, "label": true,
}

var blockElements = map[string]bool{
	"p": true, "div": true, "br": true, "li": true, "ul": true, "ol": true, "sec": true,
	"table": true, "tr": true, "td": true, "th": true, "blockquote": true, "list": true,
	"list-item": true, "section": true, "abstract": true, "hr": true, "dd": true, "dt": true,
}

var headingElements = map[string]bool{
	"title": true, "h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true,
}

var droppedElements = map[string]bool{
	"script": true, "style": true, "annotation": true, "annotation-xml": true,
}

// abstractHeadings are the headings that name the text that follows
// rather than belong to it.
var abstractHeadings = map[string]bool{
	"abstract": true, "summary": true, "résumé": true, "resume": true, "zusammenfassung": true,
	"graphical abstract": true, "abstrakt": true, "resumen": true,
}

// mathMLElement is one MathML formula.
var mathMLElement = regexp.MustCompile(`(?s)<(?:mml:)?math\b.*?</(?:mml:)?math>`)

// dropAlternatives keeps one form of each formula JATS gives in several
// (<jats:alternatives> holding <jats:tex-math> and <mml:math>): the TeX,
// which the analysis reads as math, rather than both run together.
func dropAlternatives(s string) string {
	const tag = "alternatives>" // the end of <jats:alternatives> and of its closing tag
	var b strings.Builder
	for {
		i := strings.Index(s, tag)
		if i < 0 {
			break
		}
		rest := s[i+len(tag):]
		j := strings.Index(rest, tag)
		if j < 0 {
			break
		}
		block := rest[:j]
		if strings.Contains(block, "tex-math") {
			block = mathMLElement.ReplaceAllString(block, "")
		}
		b.WriteString(s[:i+len(tag)])
		b.WriteString(block)
		b.WriteString(tag)
		s = rest[j+len(tag):]
	}
	b.WriteString(s)
	return b.String()
}
