// Rich text for the page: math typeset, and a few words marked. Marks
// are placed in prose only, never inside math, so that neither breaks
// the other.

import {splitMath, mathNode} from "./math.js";

// A word as the server's analyzer cuts text: letters, decimal digits and
// combining marks (vectorize's isWordRune). The group keeps the words when
// splitting: odd indexes of split() are words, even ones what is between.
const wordRE = /([\p{L}\p{Nd}\p{Mn}]+)/u;
// What may stand between the two words of a pair ("neural networks",
// "Burer-Monteiro", "l'optimisation"): the analyzer pairs adjacent words
// across spaces, hyphens and apostrophes only.
const joinRE = /^[\s'’\-‐‑]+$/u;
const hyphenRE = /^[-‐‑]$/u;

// richTexts draws texts (a title, an abstract...) as fragments, one per
// text, with their math typeset and each term marked once, at its first
// occurrence in reading order across all the texts: terms are
// [{term, forms}], the forms lower-cased as highlight.terms gives them
// ("networks", "neural networks"). A term whose first occurrence is
// already inside another term's mark is not marked again. With inline,
// display math is set inline (titles, excerpts).
export function richTexts(texts, terms, {inline = false} = {}) {
  const laid = texts.map(t => lay(t || ""));
  const words = laid.flatMap(pieces => pieces.flatMap(p => p.words || []));
  for (const {term, forms} of terms || []) {
    const found = firstOccurrence(words, forms || []);
    if (!found) continue;
    const [start, end] = found;
    if (words.slice(start, end).some(w => w.marked)) continue;
    words.slice(start, end).forEach(w => { w.marked = true; });
    words[start].piece.marks.set(words[start].part, {end: words[end - 1].part, term});
  }
  return laid.map(pieces => draw(pieces, inline));
}

// richText is richTexts for one text.
export function richText(text, terms, opts) {
  return richTexts([text], terms, opts)[0];
}

// lay cuts a text into math and prose pieces, and prose into words.
function lay(text) {
  return splitMath(text).map(p => {
    if (p.tex !== undefined) return p;
    const piece = {parts: p.text.split(wordRE), marks: new Map(), words: []};
    for (let i = 1; i < piece.parts.length; i += 2) {
      piece.words.push({piece, part: i, key: piece.parts[i].normalize("NFKC").toLowerCase(), marked: false});
    }
    return piece;
  });
}

// firstOccurrence returns [start, end) of the earliest words matching one
// of the forms, or null.
function firstOccurrence(words, forms) {
  const split = forms.map(f => f.split(" ").filter(Boolean)).filter(f => f.length);
  for (let i = 0; i < words.length; i++) {
    for (const f of split) {
      const end = matchAt(words, i, f);
      if (end > i) return [i, end];
    }
  }
  return null;
}

// matchAt returns the end of form f's words matched from words[i], or -1.
// The analyzer joins a bound prefix to its word ("non-smooth" is
// "nonsmooth"), so a form's word may span two words joined by a hyphen.
function matchAt(words, i, f) {
  let j = i;
  for (let k = 0; k < f.length; k++) {
    if (k > 0 && !adjacent(words, j - 1, j, joinRE)) return -1;
    if (j < words.length && words[j].key === f[k]) {
      j++;
    } else if (adjacent(words, j, j + 1, hyphenRE) && words[j].key + words[j + 1].key === f[k]) {
      j += 2;
    } else {
      return -1;
    }
  }
  return j;
}

// adjacent says whether words a and b follow each other in one prose
// piece with only what re accepts between them.
function adjacent(words, a, b, re) {
  if (b >= words.length || words[a].piece !== words[b].piece) return false;
  return re.test(words[a].piece.parts[words[a].part + 1]);
}

function draw(pieces, inline) {
  const frag = document.createDocumentFragment();
  for (const p of pieces) {
    if (p.tex !== undefined) {
      frag.append(mathNode(p, inline));
      continue;
    }
    let plain = "";
    for (let i = 0; i < p.parts.length; i++) {
      const m = p.marks.get(i);
      if (!m) {
        plain += p.parts[i];
        continue;
      }
      if (plain) frag.append(plain);
      plain = "";
      const mark = document.createElement("mark");
      mark.dataset.term = m.term;
      mark.textContent = p.parts.slice(i, m.end + 1).join("");
      frag.append(mark);
      i = m.end;
    }
    if (plain) frag.append(plain);
  }
  return frag;
}
