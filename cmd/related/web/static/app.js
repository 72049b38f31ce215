// The page of `related serve`: a search box, result lists and talk pages,
// all drawn from the JSON API. Routes live in the URL fragment:
//   #/                 browse the talks (#/?page=2)
//   #/search?q=...     talks related to free text (&msc=...&lambda=...)
//   #/talk/ID          one talk, its codes and its related talks
// Text from the API is always inserted as text, never as HTML; its TeX is
// typeset by KaTeX (math.js) and a few words are marked (marks.js).

import {richText, richTexts} from "./marks.js";

// EXPLAIN is how many of a result's shared words the page shows and marks:
// those that carried the most, as many as `related similar` lists.
const EXPLAIN = 5;

const view = document.getElementById("view");
const statusEl = document.getElementById("status");
const form = document.getElementById("search");
const qEl = document.getElementById("q");
const mscEl = document.getElementById("msc");
const lambdaEl = document.getElementById("lambda");
const lambdaOut = document.getElementById("lambda-out");

// el builds an element: el("a", {href: "#"}, "text", child, ...).
function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k === "class") e.className = v;
    else if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v === true ? "" : v);
  }
  for (const c of children.flat()) {
    if (c === undefined || c === null || c === false) continue;
    e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return e;
}

// plural writes a count and its noun: "1 result", "2 results".
function plural(n, noun) { return n + " " + noun + (n === 1 ? "" : "s"); }

// explained lists a result's first EXPLAIN shared terms, each with how
// one side writes it: side "query" (the talk or text searched from) or
// "result".
function explained(r, side) {
  const hl = (r.highlight && r.highlight.terms) || [];
  return r.shared_terms.slice(0, EXPLAIN).map((t, i) => ({
    term: t.term, word: t.word,
    forms: hl[i] && hl[i].term === t.term ? hl[i][side] : [],
  }));
}

// carried lists the EXPLAIN terms that carried the most similarity over
// a list of results: each result's explained terms, their shares of the
// cosine summed. These are marked in a talk's abstract until a result is
// pointed at.
function carried(results) {
  const byTerm = new Map();
  for (const r of results) {
    explained(r, "query").forEach((t, i) => {
      const e = byTerm.get(t.term) || {term: t.term, word: t.word, weight: 0, forms: new Set()};
      e.weight += r.shared_terms[i].contribution;
      t.forms.forEach(f => e.forms.add(f));
      byTerm.set(t.term, e);
    });
  }
  return [...byTerm.values()]
    .sort((a, b) => b.weight - a.weight || (a.term < b.term ? -1 : a.term > b.term ? 1 : 0))
    .slice(0, EXPLAIN)
    .map(e => ({term: e.term, word: e.word, forms: [...e.forms]}));
}

function wordChips(terms) { return terms.map(t => el("span", {class: "word"}, t.word)); }

async function api(path, body) {
  const opts = body === undefined ? {} : {
    method: "POST",
    headers: {"Content-Type": "application/json"},
    body: JSON.stringify(body),
  };
  const resp = await fetch(path, opts);
  let data = null;
  try { data = await resp.json(); } catch (e) { /* not JSON */ }
  if (!resp.ok) {
    throw new Error((data && data.error) || resp.status + " " + resp.statusText);
  }
  return data;
}

function talkHref(id) { return "#/talk/" + encodeURIComponent(id); }

// show replaces the view's content, skipping absent parts.
function show(...parts) {
  view.replaceChildren(...parts.flat().filter(p => p !== null && p !== undefined && p !== false));
}

function setStatus(s) { statusEl.textContent = s || ""; }

function showError(err) {
  show(el("p", {class: "error", role: "alert"}, String(err.message || err)));
}

function codeChip(code, name, cls) {
  return el("span", {class: "code " + (cls || ""), title: name || null},
    el("b", {}, code), name ? el("span", {class: "code-name"}, " ", richText(name, [], {inline: true})) : null);
}

function scoreBadge(r) {
  return el("span", {class: "score", title: "text " + r.cosine.toFixed(3) + ", codes " + r.msc_similarity.toFixed(3)},
    r.score.toFixed(3));
}

// resultItem draws one related talk: its rank, its title and excerpt
// (the words that carried its similarity marked, once each), those words
// and the shared codes. The rank is in the card, not a list marker: a
// marker sits outside the card and "10." does not fit there on a phone.
function resultItem(r, onFocus) {
  const terms = explained(r, "result");
  const [title, excerpt] = richTexts([r.title || r.label, r.excerpt || ""], terms, {inline: true});
  const li = el("li", {class: "result", "data-id": r.id},
    el("div", {class: "result-head"},
      el("span", {class: "rank"}, r.rank + "."),
      el("a", {class: "result-title", href: talkHref(r.id)}, title),
      scoreBadge(r)),
    r.excerpt ? el("p", {class: "excerpt"}, excerpt) : null,
    el("div", {class: "why"},
      terms.length ? el("span", {class: "why-words"}, "Shared words: ", wordChips(terms)) : null,
      r.shared_codes.length ? el("span", {class: "why-codes"}, "Shared codes: ",
        r.shared_codes.map(c => codeChip(c.shared, c.name))) : null,
      !terms.length && !r.shared_codes.length ? el("span", {}, "Nothing shared") : null));
  if (onFocus) {
    li.addEventListener("mouseenter", () => onFocus(r));
    li.addEventListener("mouseleave", () => onFocus(null));
    li.addEventListener("focusin", () => onFocus(r));
    li.addEventListener("focusout", () => onFocus(null));
  }
  return li;
}

async function showHome(params) {
  const page = Math.max(1, parseInt(params.get("page") || "1", 10) || 1);
  setStatus("Loading…");
  const data = await api("/api/talks?page=" + page + "&per_page=20");
  setStatus(plural(data.total, "talk"));
  const pages = Math.max(1, Math.ceil(data.total / data.limit));
  const list = el("ol", {class: "talks", start: data.offset + 1},
    data.talks.map(t => el("li", {},
      el("a", {href: talkHref(t.id)}, richText(t.title, [], {inline: true})),
      el("span", {class: "codes"}, t.msc.map(c => codeChip(c))))));
  // The numbers sit in the list's padding, which the style sheet sizes
  // from the widest number's digits ("391." needs more than "9.").
  list.style.setProperty("--digits", String(String(data.offset + data.talks.length).length));
  show(
    el("h1", {}, "Talks"),
    el("p", {class: "hint"}, "Search with free text above, or open a talk to see the talks related to it and why."),
    list,
    el("nav", {class: "pager"},
      page > 1 ? el("a", {href: "#/?page=" + (page - 1)}, "← Previous") : null,
      el("span", {}, "Page " + page + " of " + pages),
      page < pages ? el("a", {href: "#/?page=" + (page + 1)}, "Next →") : null));
}

// suggested shows the codes proposed for a free text: the full codes,
// else the sections, with the share of neighbours voting for each.
function suggested(s) {
  if (!s) return null;
  const list = s.codes && s.codes.length ? s.codes : (s.sections || []);
  if (!list.length) return null;
  return el("p", {class: "suggested", id: "suggested"}, "Suggested codes: ",
    list.map(c => el("span", {title: "voted by " + Math.round(c.score * 100) + "% of the nearest talks"}, codeChip(c.code, c.name))),
    s.areas && s.areas.length ? el("span", {class: "areas"}, " areas ", s.areas.map(c => codeChip(c.code, c.name))) : null);
}

async function showSearch(params) {
  const text = params.get("q") || "";
  const msc = params.get("msc") || "";
  const lambda = params.has("lambda") ? parseFloat(params.get("lambda")) : 0.3;
  qEl.value = text;
  mscEl.value = msc;
  lambdaEl.value = String(lambda);
  lambdaOut.value = String(lambda);
  if (!text.trim()) return showHome(new URLSearchParams());
  setStatus("Searching…");
  const body = {text: text, k: 20, lambda: lambda, highlight: true};
  const codes = msc.split(/[;,\s]+/).filter(Boolean);
  if (codes.length) body.msc = codes;
  const data = await api("/api/query", body);
  setStatus(plural(data.results.length, "result"));
  const q = data.query;
  show(
    el("h1", {}, "Related to your text"),
    q.unknown_words && q.unknown_words.length ?
      el("p", {class: "hint"}, "Words no talk has (ignored): " + q.unknown_words.join(", ")) : null,
    suggested(data.suggested_codes),
    data.results.length ?
      el("ol", {class: "results", id: "results"}, data.results.map(r => resultItem(r))) :
      el("p", {class: "empty"}, "No related talks: no talk shares a word with this text" +
        (codes.length ? " or, with a code weight above 0, a code area." : ".")));
}

async function showTalk(id) {
  setStatus("Loading…");
  const [talk, rel] = await Promise.all([
    api("/api/talks/" + encodeURIComponent(id)),
    api("/api/talks/" + encodeURIComponent(id) + "/similar?k=10&highlight=true"),
  ]);
  setStatus(plural(rel.results.length, "related talk"));
  // Marked until a result is pointed at: the words that carried the most
  // similarity to the whole list; then that result's own.
  const mostly = carried(rel.results);
  const abstract = el("p", {class: "abstract", id: "abstract"});
  const titleEl = el("h1", {class: "talk-title"});
  const draw = terms => {
    const texts = talk.has_title ? [talk.title, talk.abstract || "(no abstract)"] : [talk.abstract || "(no abstract)"];
    const drawn = richTexts(texts, terms);
    abstract.replaceChildren(drawn[drawn.length - 1]);
    titleEl.replaceChildren(talk.has_title ? drawn[0] : "Talk " + talk.id);
  };
  draw(mostly);
  const names = talk.msc_names || {};
  show(
    el("article", {class: "talk"},
      titleEl,
      talk.authors.length ? el("p", {class: "authors"}, talk.authors.join(", ")) : null,
      el("p", {class: "meta"},
        talk.has_title ? el("span", {}, "id " + talk.id) : null,
        talk.year ? el("span", {}, String(talk.year)) : null,
        talk.url ? el("a", {href: talk.url, rel: "noopener noreferrer"}, "source") : null),
      talk.msc.length ? el("ul", {class: "talk-codes"},
        talk.msc.map(c => el("li", {}, codeChip(c, names[c], c === talk.msc_primary ? "primary" : "")))) : null,
      abstract,
      talk.keywords.length ? el("p", {class: "keywords"}, "Keywords: ", richText(talk.keywords.join("; "), [], {inline: true})) : null),
    el("section", {class: "related", id: "related"},
      el("h2", {}, "Related talks"),
      mostly.length ? el("p", {class: "hint", id: "carried"}, "Marked above, once each: the words that carried most of the similarity to these talks, ",
        el("span", {class: "why-words"}, wordChips(mostly)), " (point at a talk to see its own).") : null,
      rel.results.length ?
        el("ol", {class: "results"}, rel.results.map(r => resultItem(r, f => draw(f ? explained(f, "query") : mostly)))) :
        el("p", {class: "empty"}, "No related talks: no other talk shares a word or a code area with this one.")));
  document.title = (talk.has_title ? talk.title : "Talk " + talk.id) + " · Related talks";
}

async function route() {
  const hash = location.hash.replace(/^#/, "") || "/";
  const qi = hash.indexOf("?");
  const path = qi < 0 ? hash : hash.slice(0, qi);
  const params = new URLSearchParams(qi < 0 ? "" : hash.slice(qi + 1));
  try {
    if (path.startsWith("/talk/")) {
      await showTalk(decodeURIComponent(path.slice("/talk/".length)));
    } else if (path === "/search") {
      await showSearch(params);
    } else {
      document.title = "Related talks";
      await showHome(params);
    }
    window.scrollTo(0, 0);
  } catch (err) {
    setStatus("");
    showError(err);
  }
}

form.addEventListener("submit", ev => {
  ev.preventDefault();
  const p = new URLSearchParams({q: qEl.value});
  if (mscEl.value.trim()) p.set("msc", mscEl.value.trim());
  p.set("lambda", lambdaEl.value);
  const h = "#/search?" + p.toString();
  if (location.hash === h) route(); else location.hash = h;
});
qEl.addEventListener("keydown", ev => {
  if (ev.key === "Enter" && !ev.shiftKey) {
    ev.preventDefault();
    form.requestSubmit();
  }
});
lambdaEl.addEventListener("input", () => { lambdaOut.value = lambdaEl.value; });
window.addEventListener("hashchange", route);
route();
