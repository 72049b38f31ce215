// TeX in titles, abstracts and code names: splitting text at the math
// delimiters abstracts use, and typesetting the math with KaTeX (loaded
// before this module by index.html, as the global katex).

// splitMath cuts text into pieces: {text} for prose and {tex, display,
// source} for math written $...$, $$...$$, \(...\) or \[...\]. A
// delimiter without its closing one is prose. An inline formula ends at
// the next $, and does not run across a blank line; but two dollars that
// are each followed by a digit are prices, and stay prose ("$5 and $10").
// (Pandoc's rule also wants no space inside the dollars and no digit
// after the closing one: it would leave the many "$ x $" and "$\sim$1500"
// of real abstracts as raw TeX.) \$ is an escaped dollar, never a
// delimiter.
export function splitMath(text) {
  const pieces = [];
  let prose = 0; // text[prose:i] is prose not yet emitted
  let i = 0;
  const emit = (end, next, math) => {
    if (end > prose) pieces.push({text: text.slice(prose, end)});
    pieces.push(math);
    prose = i = next;
  };
  while (i < text.length) {
    const c = text[i];
    if (c === "\\") {
      const open = text[i + 1];
      if (open === "(" || open === "[") {
        const close = open === "(" ? "\\)" : "\\]";
        const j = findClose(text, i + 2, close);
        if (j >= 0) {
          emit(i, j + 2, {tex: text.slice(i + 2, j), display: open === "[", source: text.slice(i, j + 2)});
          continue;
        }
      }
      i += 2; // an escaped character: "\$" is a dollar
      continue;
    }
    if (c === "$") {
      if (text[i + 1] === "$") {
        const j = findClose(text, i + 2, "$$");
        if (j > i + 2) {
          emit(i, j + 2, {tex: text.slice(i + 2, j), display: true, source: text.slice(i, j + 2)});
          continue;
        }
        i += 2;
        continue;
      }
      const j = inlineClose(text, i + 1);
      if (j >= 0) {
        emit(i, j + 1, {tex: text.slice(i + 1, j), display: false, source: text.slice(i, j + 1)});
        continue;
      }
    }
    i++;
  }
  if (prose < text.length) pieces.push({text: text.slice(prose)});
  return pieces;
}

// findClose returns where the closing delimiter starts, at or after from,
// skipping escaped characters; -1 when there is none. Braces are not
// counted, as in inlineClose.
function findClose(text, from, close) {
  for (let i = from; i < text.length; i++) {
    if (text.startsWith(close, i)) return i;
    if (text[i] === "\\") i++;
  }
  return -1;
}

// inlineClose finds the $ closing an inline formula opened just before
// from; -1 when the $ opens nothing. Braces are not counted: a formula
// with a brace left open ("$\frac{1$") would otherwise run on into the
// prose after it.
function inlineClose(text, from) {
  for (let i = from; i < text.length; i++) {
    const c = text[i];
    if (c === "\\") {
      i++;
    } else if (c === "$") {
      const price = /[0-9]/.test(text[from]) && /[0-9]/.test(text[i + 1] || "");
      return i > from && !price ? i : -1;
    } else if (c === "\n" && /^\n[^\S\n]*\n/.test(text.slice(i, i + 80))) {
      return -1; // a blank line ends a paragraph, and any formula
    }
  }
  return -1;
}

// KaTeX settings: no \href and the like (trust false), no warnings in the
// console for TeX that is merely unusual, bounded macro expansion.
const katexOptions = {throwOnError: true, strict: "ignore", trust: false, maxExpand: 200};

// Macros that real abstracts use and KaTeX lacks: LaTeX's \mbox, plain
// TeX's \sp and \sb (AMS and zbMATH records), AMS-TeX's \Bbb and
// zbMATH's \BbbR, and the number sets \Q and \C (KaTeX has \N, \Z,
// \R). Authors' private macros (\GL, \Gal...) stay errors: shown as
// written.
const macros = {
  "\\mbox": "\\text{#1}", "\\sp": "^", "\\sb": "_", "\\Bbb": "\\mathbb",
  "\\BbbR": "\\mathbb{R}", "\\BbbZ": "\\mathbb{Z}", "\\BbbN": "\\mathbb{N}",
  "\\BbbQ": "\\mathbb{Q}", "\\BbbC": "\\mathbb{C}", "\\Q": "\\mathbb{Q}", "\\C": "\\mathbb{C}",
};

// katexSettings are the options of one formula, with a fresh copy of the
// macros: a \gdef in one formula must not leak into the next.
export function katexSettings(displayMode) {
  return {...katexOptions, macros: {...macros}, displayMode};
}

// mathNode typesets one piece of math; inline forces display math inline
// (in titles and one-line excerpts). TeX that KaTeX cannot read stays as
// it was written, delimiters included, with the reason as a tooltip:
// KaTeX's own error rendering colours the text with a style attribute,
// which the page's Content-Security-Policy refuses.
export function mathNode(piece, inline) {
  const span = document.createElement("span");
  span.className = "math";
  const katex = globalThis.katex;
  if (!katex) { // the script did not load: the source is still readable
    span.textContent = piece.source;
    return span;
  }
  try {
    katex.render(piece.tex, span, katexSettings(piece.display && !inline));
  } catch (err) {
    span.replaceChildren(piece.source);
    span.className = "math math-error";
    span.title = String(err && err.message || err);
  }
  return span;
}
