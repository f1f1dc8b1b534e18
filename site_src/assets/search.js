/* The site's search box (partials/search.html in site_src/overrides), over the pagefind bundles
   that `glossator build` writes into pagefind/: one bundle per language, each stemmed as its
   language; every bundle is searched and the hits of one record are merged into one result.

   Keys as in Material: / s f open the search, Esc closes it, arrows move through the results,
   Enter follows one. Opened from disk (file://), the box says how to serve the site instead.
   Corpus text is only ever set as text (textContent), never as HTML. A classic script (not a
   module), so that it runs from file:// too; the bundles are loaded with import() when served. */
(function () {
  "use strict";

  var script = document.currentScript;
  var root = new URL("..", script.src); // this file is assets/search.js
  var bundles = new URL("pagefind/", root);
  var SHOWN = 10; // results shown at first, and added by "more"
  var HIDDEN = "\u2042"; // what precedes the extra words of a record (see search/index.py)
  var CJK = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+/g;
  var ONE_CJK = /^[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]$/;
  var KINDS = { article: "Article", claim: "Claim", source: "Source", entity: "Entity" };
  var SERVE = "python3 -m http.server -d site";

  var box, input, toggle, meta, list, filters, here;
  var engines = null;
  var searchId = 0;
  var hits = [];
  var shown = 0;

  function init() {
    box = document.querySelector(".gl-search");
    toggle = document.getElementById("__search");
    if (!box || !toggle) return;
    input = box.querySelector(".md-search__input");
    meta = box.querySelector(".md-search-result__meta");
    list = box.querySelector(".md-search-result__list");
    filters = box.querySelector(".gl-search-filters");
    here = box.querySelector(".gl-search-here");
    if (location.protocol === "file:") {
      input.placeholder = "Search needs the site served";
      meta.textContent =
        "Search works when the site is served over HTTP, not opened from disk. In the project folder run " +
        SERVE + " and open http://localhost:8000/ in the browser.";
      box.classList.add("gl-search--offline");
    } else {
      input.addEventListener("input", preload);
      input.addEventListener("input", schedule);
      filters.addEventListener("change", function () { run(); });
      box.querySelector("form").addEventListener("reset", function () {
        setTimeout(run, 0);
      });
      var article = currentArticle();
      if (article) {
        here.hidden = false;
        here.querySelector("input").value = article;
      }
      // A reader reaches the search box a second or more after the page opens: the engines are
      // made ready when the browser is idle after loading the page, so that the first search
      // waits for its own words only. Not where the connection asks to save data: there they
      // load when the box opens.
      if (!savingData()) whenIdle(load);
    }
    input.addEventListener("focus", function () { setOpen(true); });
    toggle.addEventListener("change", function () {
      if (toggle.checked) input.focus();
    });
    document.addEventListener("keydown", onKey, true);
    box.querySelector("form").addEventListener("submit", function (event) {
      event.preventDefault();
      var answered = list.dataset.query === input.value ? Promise.resolve() : run(); // Enter while typing
      answered.then(function () {
        var first = list.querySelector("a");
        if (first) first.click();
      });
    });
  }

  function savingData() {
    var connection = navigator.connection;
    return !!connection && (connection.saveData || /2g/.test(connection.effectiveType || ""));
  }

  function whenIdle(fn) {
    function later() {
      if (window.requestIdleCallback) window.requestIdleCallback(function () { fn(); }, { timeout: 2000 });
      else setTimeout(fn, 200);
    }
    if (document.readyState === "complete") later();
    else window.addEventListener("load", later);
  }

  function currentArticle() {
    var path = location.pathname.slice(new URL(root).pathname.length);
    var match = /^articles\/([a-z0-9-]+)\.html$/.exec(path);
    return match && match[1] !== "index" ? match[1] : null;
  }

  function setOpen(open) {
    if (toggle.checked !== open) toggle.checked = open;
    if (open) {
      if (location.protocol !== "file:") load();
    } else {
      input.blur();
    }
  }

  function editable(element) {
    return element && (element.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(element.tagName));
  }

  function onKey(event) {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    var open = toggle.checked;
    if (!open) {
      if (editable(event.target)) return;
      if (event.key === "/" || event.key === "s" || event.key === "f") {
        event.preventDefault();
        setOpen(true);
        input.focus();
      }
      return;
    }
    if (event.key === "Escape") {
      event.preventDefault();
      setOpen(false);
    } else if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      var links = Array.prototype.slice.call(list.querySelectorAll("a.md-search-result__link"));
      if (!links.length) return;
      event.preventDefault();
      var at = links.indexOf(document.activeElement);
      var next = event.key === "ArrowDown" ? at + 1 : at - 1;
      if (next < 0) input.focus();
      else links[Math.min(next, links.length - 1)].focus();
    }
  }

  /* While the reader types, the index chunks of the words so far are fetched at once; not for a
     word's first two letters, which begin so many words that their chunks are much of the index
     (a Chinese character is a word). */
  function preload() {
    var query = prepare(input.value);
    if (!query || beginning(input.value)) return;
    load().then(function (engines) {
      engines.forEach(function (engine) { engine.ask("preload", { query: query, filters: chosenFilters() }); });
    });
  }

  /* The search runs 40 ms after the last keystroke; 300 ms when the last word has fewer than
     three letters, so that it is not run for the beginning of a word being typed. */
  var timer = null;
  function schedule() {
    clearTimeout(timer);
    timer = setTimeout(run, beginning(input.value) ? 300 : 40);
  }

  /* Whether the typed text ends with one or two letters or digits of a word (not a Chinese
     character, a word of its own; not a word a space has ended). */
  function beginning(typed) {
    if (/\s$/.test(typed)) return false;
    var last = prepare(typed).split(" ").pop();
    var letters = last.replace(/[^\p{L}\p{N}]/gu, "").length;
    return letters > 0 && letters < 3 && !ONE_CJK.test(last);
  }

  /* The settings (bundles, filter values) and one engine per bundle (see `engine`), each with its
     bundle's index and stemmer. pagefind.js (as search/index.py patches it) is downloaded once,
     and made a module of its own per bundle (a blob address each). Each engine starts loading
     its index at once: the search box is open, a query is coming. */
  function load() {
    if (!engines) {
      var code = fetch(new URL("pagefind.js", bundles)).then(function (response) {
        if (!response.ok) throw new Error("no search index (" + response.status + ")");
        return response.text();
      });
      engines = fetch(new URL("glossator.json", bundles))
        .then(function (response) {
          if (!response.ok) throw new Error("no search index (" + response.status + ")");
          return response.json();
        })
        .then(function (settings) {
          fillFilters(settings.filters || {});
          return code.then(function (code) {
            return Promise.all(
              settings.bundles.map(function (language) {
                var bundle = start(URL.createObjectURL(new Blob([code], { type: "text/javascript" })));
                // Long records (an entity with a long description) are not pushed far below short
                // ones that merely mention the same words: a mild length normalisation.
                var options = { basePath: new URL(language + "/", bundles).href, excerptLength: 24, noWorker: true, ranking: { pageLength: 0.25 } };
                return bundle.ask("load", { code: bundle.code, options: options }).then(function () { return bundle; });
              })
            ).then(function (ready) {
              box.dataset.engines = "ready";
              return ready;
            });
          });
        });
      engines.catch(function (error) {
        meta.textContent = "Search is not available: " + error.message + ". Build the site with glossator build.";
      });
    }
    return engines;
  }

  /* One bundle's engine, in a web worker of its own: the bundles are searched at once (on as many
     cores), and the page stays responsive. `ask(op, fields)` sends a request to the engine and
     returns a promise of its answer. Where a worker cannot be started (or fails to), the engine
     runs in the page, and what the worker was asked is asked again there. */
  function start(code) {
    var channel;
    var waiting = {};
    var next = 0;
    var loaded = null; // the `load` request
    function listen(to) {
      channel = to;
      channel.onmessage = function (event) {
        var answer = event.data;
        var promise = waiting[answer.id];
        delete waiting[answer.id];
        if (!promise) return; // the answer to the first `load`, asked again in the page
        if (answer.error) promise.reject(new Error(answer.error));
        else promise.resolve(answer.result);
      };
    }
    try {
      listen(new Worker(URL.createObjectURL(new Blob(["(" + engine + ")(self);"], { type: "text/javascript" }))));
      channel.onerror = function () {
        listen(inPage());
        if (loaded && !waiting[loaded.id]) channel.postMessage(loaded);
        Object.keys(waiting).forEach(function (id) { channel.postMessage(waiting[id].request); });
      };
    } catch (error) {
      listen(inPage());
    }
    return {
      code: code,
      ask: function (op, fields) {
        return new Promise(function (resolve, reject) {
          var request = Object.assign({ id: ++next, op: op }, fields);
          if (op === "load") loaded = request;
          waiting[request.id] = { resolve: resolve, reject: reject, request: request };
          channel.postMessage(request);
        });
      },
    };
  }

  function inPage() {
    var page = {};
    var inside = {
      postMessage: function (message) {
        setTimeout(function () { page.onmessage({ data: message }); }, 0);
      },
    };
    page.postMessage = function (message) {
      setTimeout(function () { inside.onmessage({ data: message }); }, 0);
    };
    engine(inside);
    return page;
  }

  /* The engine: pagefind over one bundle, answering requests {id, op, ...} with {id, result} or
     {id, error}. `load` imports pagefind (`code`), sets its `options` and loads the index;
     `preload` fetches the index chunks of a query; `search` answers the scores of the hits (best
     first), kept under the request's `search` number (none when a later search was asked
     meanwhile: it is not run); `data` the records of the hits at the
     places `at` of that search. The records of its first hits are fetched as soon as the search
     has run: the page asks for them once every engine has answered, and the best of all is
     often one of them. This function's source is the worker's script: it uses nothing from
     outside itself. */
  function engine(self) {
    var EARLY = 3; // the hits whose records are fetched at once
    var pagefind = null;
    var kept = { search: null, hits: [], records: [] };
    var latest = null; // the number of the last search asked: those before it are not run
    self.onmessage = function (event) {
      var request = event.data;
      if (request.op === "search") latest = request.search;
      Promise.resolve(request)
        .then(handle)
        .then(
          function (result) { self.postMessage({ id: request.id, result: result }); },
          function (error) { self.postMessage({ id: request.id, error: String((error && error.message) || error) }); }
        );
    };
    function handle(request) {
      if (request.op === "load") {
        pagefind = import(request.code).then(function (module) {
          return module.options(request.options).then(function () { return module.init(); }).then(function () { return module; });
        });
        return pagefind.then(function () { return true; });
      }
      return pagefind.then(function (module) {
        if (request.op === "preload") {
          return module.preload(request.query, { filters: request.filters }).then(function () { return null; });
        }
        if (request.op === "search") {
          if (request.search !== latest) return [];
          return module.search(request.query, { filters: request.filters }).then(function (answer) {
            if (request.search !== latest) return []; // overtaken while it ran: the later one is kept
            var hits = answer ? answer.results : [];
            kept = { search: request.search, hits: hits, records: hits.slice(0, EARLY).map(function (hit) { return hit.data(); }) };
            kept.records.forEach(function (record) { record.catch(function () {}); }); // fetched again when asked
            return hits.map(function (hit) { return hit.score; });
          });
        }
        var found = kept.search === request.search ? kept : { hits: [], records: [] };
        return Promise.all(request.at.map(function (at) {
          var hit = found.hits[at];
          if (!hit) return null;
          return found.records[at] ? found.records[at].catch(function () { return hit.data(); }) : hit.data();
        }));
      });
    }
  }

  function fillFilters(values) {
    Array.prototype.forEach.call(filters.querySelectorAll("select"), function (select) {
      var options = values[select.dataset.filter] || [];
      options.forEach(function (value) {
        var option = document.createElement("option");
        option.value = value;
        option.textContent = select.dataset.filter === "language" ? languageName(value) : value;
        select.appendChild(option);
      });
      select.parentElement.hidden = options.length < 2;
    });
    filters.hidden = false;
  }

  function languageName(code) {
    return { de: "German", en: "English", zh: "Chinese" }[code] || code;
  }

  function chosenFilters() {
    var chosen = {};
    Array.prototype.forEach.call(filters.querySelectorAll("select"), function (select) {
      if (select.value) chosen[select.dataset.filter] = select.value;
    });
    var article = here.querySelector("input");
    if (!here.hidden && article.checked) chosen.article = article.value;
    return chosen;
  }

  /* Chinese and Japanese are searched character by character, as they are indexed. */
  function prepare(query) {
    return query.replace(CJK, function (run) { return " " + run.split("").join(" ") + " "; }).trim();
  }

  function run() {
    clearTimeout(timer);
    var typed = input.value;
    var query = prepare(typed);
    var id = ++searchId;
    var chosen = chosenFilters();
    if (!query && !Object.keys(chosen).length) {
      list.textContent = "";
      meta.textContent = "Type to search articles, claims, sources and entities (German, English, Chinese).";
      return Promise.resolve();
    }
    var bundles;
    return load()
      .then(function (engines) {
        bundles = engines;
        return Promise.all(
          engines.map(function (engine) {
            return engine.ask("search", { query: query || null, filters: chosen, search: id });
          })
        );
      })
      .then(function (answers) {
        if (id !== searchId) return;
        hits = [];
        answers.forEach(function (scores, at) {
          scores.forEach(function (score, place) {
            hits.push({ score: score, engine: bundles[at], place: place });
          });
        });
        hits.sort(function (a, b) { return b.score - a.score; });
        list.textContent = "";
        shown = 0;
        return more(id, {}).then(function () {
          if (id !== searchId) return;
          list.dataset.query = typed; // the query and filters these results answer
          list.dataset.filters = JSON.stringify(chosen);
        });
      });
  }

  /* Load the next results' records (one small file each, all asked at once) and show each as
     soon as it and those above it have come; a page of claims shows as its claims. */
  function more(id, seen) {
    var batch = hits.slice(shown, shown + SHOWN + 4);
    shown += batch.length;
    var chosen = chosenFilters();
    var old = list.querySelector(".gl-search-more");
    var shownAll = Promise.resolve();
    batch.forEach(function (hit) {
      var record = hit.engine.ask("data", { search: id, at: [hit.place] });
      shownAll = shownAll.then(function () { return record; }).then(function (records) {
        if (id !== searchId || !records[0]) return;
        if (old) old.remove();
        old = null;
        claims(records[0], chosen).forEach(function (one) {
          var key = field(one, "key");
          if (seen[key]) return;
          seen[key] = true;
          list.appendChild(render(one));
        });
      });
    });
    return shownAll.then(function () {
      if (id !== searchId) return;
      if (old) old.remove();
      var count = Object.keys(seen).length;
      meta.textContent = count
        ? (shown < hits.length ? "More than " + count : count) + " result" + (count === 1 ? "" : "s")
        : "No results. Try another word, or fewer filters.";
      if (shown < hits.length) {
        var item = document.createElement("li");
        item.className = "gl-search-more";
        var button = document.createElement("button");
        button.type = "button";
        button.className = "md-button";
        button.textContent = "More results";
        button.addEventListener("click", function () { more(id, seen); });
        item.appendChild(button);
        list.appendChild(item);
      }
    });
  }

  /* The claims of a page of claims (one page per article, each claim a heading with its id:
     search/index.py), as records of their own: those the query matched (pagefind's sub-results),
     best first, that the chosen filters keep; every claim the filters keep when there is no
     query. Any other record: itself. */
  function claims(page, chosen) {
    var shown = (page.filters || {}).claim;
    if (!shown) return [page];
    var info = {};
    shown.forEach(function (text) {
      var claim = JSON.parse(text);
      info[claim.id] = claim;
    });
    var words = (page.content || "").split(/[\r\n\s]+/g);
    var anchors = (page.anchors || [])
      .filter(function (anchor) { return info[anchor.id]; })
      .sort(function (a, b) { return a.location - b.location; });
    var matched = {};
    (page.sub_results || []).forEach(function (sub) {
      if (sub.anchor) matched[sub.anchor.id] = sub;
    });
    var found = [];
    anchors.forEach(function (anchor, at) {
      var claim = info[anchor.id];
      var sub = matched[anchor.id];
      var keep = Object.keys(chosen).every(function (name) {
        return name === "type" || (" " + (claim[name] || "") + " ").indexOf(" " + chosen[name] + " ") >= 0;
      });
      if (!keep || (page.sub_results && page.sub_results.length && !sub)) return;
      var end = at + 1 < anchors.length ? anchors[at + 1].location : words.length;
      var filters = { type: ["claim"], language: claim.language.split(" ") };
      Object.keys(claim).forEach(function (name) {
        if (!filters[name]) filters[name] = [claim[name]];
      });
      found.push({
        meta: { title: anchor.text },
        filters: filters,
        content: words.slice(anchor.location, end).join(" "),
        excerpt: sub ? sub.excerpt : "",
        locations: sub ? sub.locations.map(function (l) { return l - anchor.location; }) : [],
        score: sub ? sub.weighted_locations.reduce(function (sum, l) { return sum + l.balanced_score; }, 0) : 0,
      });
    });
    return found.sort(function (a, b) { return b.score - a.score; });
  }

  /* What is shown of a record comes as pagefind filters, which are never matched (search/index.py). */
  function field(record, name) {
    return ((record.filters || {})[name] || [])[0] || "";
  }

  function render(record) {
    var item = document.createElement("li");
    item.className = "md-search-result__item";
    item.dataset.kind = field(record, "type");
    item.dataset.language = ((record.filters || {}).language || []).join(" ");
    var link = document.createElement("a");
    link.className = "md-search-result__link";
    var article = document.createElement("article");
    article.className = "md-search-result__article md-typeset";
    var kind = document.createElement("p");
    kind.className = "gl-search-kind";
    kind.textContent = [KINDS[item.dataset.kind] || item.dataset.kind, field(record, "id"), field(record, "label")]
      .filter(Boolean)
      .join(" · ");
    var title = document.createElement("h1");
    title.textContent = record.meta.title;
    var excerpt = document.createElement("p");
    excerpt.className = "gl-search-excerpt";
    link.href = address(record, showExcerpt(excerpt, record, title));
    article.append(kind, title, excerpt);
    link.appendChild(article);
    link.addEventListener("click", function () { setOpen(false); });
    item.appendChild(link);
    return item;
  }

  /* The record's address; for an article, at the paragraph holding the hit (`word`: its place
     among the record's words, -1 if unknown). Only addresses on this site are followed. */
  function address(record, word) {
    var url = new URL(field(record, "href"), root);
    if (url.origin !== root.origin) return root.href;
    if (word >= 0 && field(record, "type") === "article" && record.anchors) {
      var first = word;
      var best = null;
      record.anchors.forEach(function (anchor) {
        if (/^para-/.test(anchor.id) && anchor.location <= first && (!best || anchor.location >= best.location)) {
          best = anchor;
        }
      });
      if (best) url.hash = best.id;
    }
    return url.href;
  }

  /* Pagefind's excerpt, as text with its <mark>s. When the hit is only among the record's extra
     words (a word form, a compound's part, a synonym), the place in its text that holds the
     matched word, marked (`Schlupfloch` marks `Handelsschlupflöcher`), or else the start of its
     text and what matched. */
  function showExcerpt(element, record, heading) {
    var found = split(record);
    if (found.visible !== null) {
      var shown = withoutTitle(segments(found.visible), record.meta.title, found.text);
      if (shown.title) {
        heading.textContent = "";
        appendSegments(heading, shown.title);
      }
      var excerpt = fromSentence(shown.excerpt, found.text);
      appendSegments(element, excerpt);
      var said = squash(excerpt.map(function (piece) { return piece.text; }).join(""));
      if (hasWord(said) && !/[….!?"”»)。！？」』）]$/.test(said) && !squash(found.text).endsWith(said)) element.append("…"); // cut mid-sentence
      return record.locations.length ? Math.min.apply(null, record.locations) : -1;
    }
    var whole = found.text;
    var text = afterTitle(whole, record.meta.title); // the title is shown above the excerpt
    if (!hasWord(text)) text = whole;
    var skipped = whole.slice(0, whole.length - text.length);
    var matched = found.matched;
    var folded = fold(text);
    for (var i = 0; i < matched.length; i++) {
      var at = folded.indexOf(fold(matched[i]));
      if (at < 0) continue;
      var start = at, end = at + matched[i].length;
      while (start > 0 && /[\p{L}\p{N}]/u.test(text[start - 1])) start--;
      while (end < text.length && /[\p{L}\p{N}]/u.test(text[end])) end++;
      var from = Math.max(0, start - 80);
      while (from > 0 && from < start && /\S/.test(text[from - 1])) from++; // from a word's start
      from = sentenceStart(text, from, start);
      element.append(
        (from > 0 ? "…" : "") + text.slice(from, start),
        Object.assign(document.createElement("mark"), { textContent: text.slice(start, end) }),
        text.slice(end, end + 100) + (end + 100 < text.length ? "…" : "")
      );
      return (skipped + " " + text.slice(0, start)).split(/\s+/).filter(Boolean).length;
    }
    element.append(text.length > 180 ? text.slice(0, 180) + "…" : text);
    if (matched.length) {
      var note = document.createElement("span");
      note.className = "gl-search-via";
      note.textContent = " Found as: " + matched.join(", ") + " (a synonym or another spelling).";
      element.appendChild(note);
    }
    return -1;
  }

  /* A record's text (what precedes its extra words), the excerpt's part in it (null when the
     hit is among the extra words only), and the extra words that matched. */
  function split(record) {
    var excerpt = record.excerpt || "";
    var text = (record.content || "").split(HIDDEN)[0].trim();
    var at = excerpt.indexOf(HIDDEN);
    var visible = at >= 0 ? excerpt.slice(0, at) : excerpt;
    var plain = squash(unescape(visible.replace(/<\/?mark>/g, "")));
    var inText = plain && squash(text).indexOf(plain) >= 0;
    var matched = [];
    (inText ? excerpt.slice(visible.length) : excerpt).replace(/<mark>(.*?)<\/mark>/g, function (_, word) {
      word = unescape(word).replace(/[^\p{L}\p{N}]+$/u, "");
      if (matched.indexOf(word) < 0) matched.push(word);
    });
    var marked = inText && visible.indexOf("<mark>") >= 0;
    return { text: text, visible: marked || (inText && !matched.length) ? visible : null, matched: matched };
  }

  function squash(text) {
    return text.replace(/\s+/g, " ").trim();
  }

  /* Lower case, umlauts folded, as search/analysis.py folds the extra words (same length). */
  function fold(text) {
    return text.toLowerCase().replace(/[äöü]/g, function (c) { return { "ä": "a", "ö": "o", "ü": "u" }[c]; });
  }

  /* Pagefind's excerpt (HTML holding only <mark>s and escaped text) as text pieces, each
     marked or not: it is shown as text, never as HTML. */
  function segments(html) {
    return html.split(/(<mark>.*?<\/mark>)/).filter(Boolean).map(function (piece) {
      var match = /^<mark>(.*)<\/mark>$/.exec(piece);
      return { text: unescape(match ? match[1] : piece), marked: !!match };
    });
  }

  /* Where the record's text begins with its title (a claim's statement, then its quotes) and
     pagefind's excerpt begins inside the title (it centres the excerpt on the words found), the
     title's part of the excerpt is shown in the title above, with its marks, and the excerpt
     shows what follows the title (after its repetition, where a quote says the same words). */
  function withoutTitle(pieces, title, text) {
    var shown = pieces.map(function (piece) { return piece.text; }).join("");
    var whole = squash(text);
    var after = afterTitle(whole, title);
    var following = after !== whole && hasWord(after)
      ? [{ text: after.length > 180 ? after.slice(0, 180) + "…" : after, marked: false }]
      : [];
    var lead = /^\s*/.exec(shown)[0].length;
    var zone = whole.length - after.length; // the title, and the quotes that repeat it
    var at = title ? whole.indexOf(squash(shown)) : -1;
    if (at < 0 || at >= zone || squash(shown) !== shown.slice(lead).replace(/\s+$/, "")) {
      return { title: null, excerpt: pieces };
    }
    var copy = 0; // where the title, or the quote that repeats it, that holds the excerpt's start begins
    for (var next = whole.indexOf(title, 1); next > 0 && next <= at; next = whole.indexOf(title, next + 1)) copy = next;
    var from = Math.min(at - copy, title.length); // where in the title the excerpt begins
    var inTitle = Math.min(title.length - from, shown.length - lead); // the excerpt's part of the title
    var rest = afterTitle(shown.slice(lead + inTitle).replace(/^[\s.:;,!?]+/, ""), title);
    return {
      title: plain(title.slice(0, from))
        .concat(slice(pieces, lead, lead + inTitle))
        .concat(plain(title.slice(from + inTitle))),
      excerpt: hasWord(rest) ? slice(pieces, shown.length - rest.length, shown.length) : following,
    };
  }

  /* An excerpt that begins with the end of a sentence (pagefind cuts its excerpts by words)
     begins at the next sentence instead, after an ellipsis, when the words left out are not
     among those found. */
  function fromSentence(pieces, text) {
    var shown = pieces.map(function (piece) { return piece.text; }).join("");
    var whole = squash(text);
    var at = whole.indexOf(squash(shown));
    if (at <= 0 || /[.!?]["”“’»)]?\s$/.test(whole.slice(Math.max(0, at - 4), at))) return pieces; // a sentence's start
    var cut = sentenceStart(shown, 0, Math.min(80, shown.length), true);
    if (cut <= 0 || slice(pieces, 0, cut).some(function (piece) { return piece.marked; })) return pieces;
    return plain("…").concat(slice(pieces, cut, shown.length));
  }

  /* Where the sentence holding `text[at]` begins, if after `from` (with `first`: the first
     sentence that begins after `from` and by `at`); else `from`. A full stop after a number or a
     word of one or two letters (`15. Mai`, `z. B.`) ends no sentence. */
  function sentenceStart(text, from, at, first) {
    var begins = from;
    var ends = /(\S*)[.!?]["”“’»)]?\s+/g;
    ends.lastIndex = from;
    for (var end = ends.exec(text); end && end.index < at; end = ends.exec(text)) {
      var word = end[1].replace(/[^\p{L}\p{N}]/gu, "");
      if (ends.lastIndex <= at && !/^\p{N}+$/u.test(word) && word.length > 2) {
        begins = ends.lastIndex;
        if (first) break;
      }
    }
    return begins;
  }

  function plain(text) {
    return text ? [{ text: text, marked: false }] : [];
  }

  /* The pieces' characters from `start` to `end`. */
  function slice(pieces, start, end) {
    var kept = [];
    var at = 0;
    pieces.forEach(function (piece) {
      var from = Math.max(start - at, 0);
      var to = Math.min(end - at, piece.text.length);
      if (to > from) kept.push({ text: piece.text.slice(from, to), marked: piece.marked });
      at += piece.text.length;
    });
    return kept;
  }

  function appendSegments(element, pieces) {
    pieces.forEach(function (piece) {
      element.append(piece.marked ? Object.assign(document.createElement("mark"), { textContent: piece.text }) : piece.text);
    });
  }

  /* The text after the title it begins with (and after the title again, where a quote repeats
     it), without the punctuation that follows; the text itself when it does not begin with the
     title. */
  function afterTitle(text, title) {
    var rest = text;
    while (title && rest.indexOf(title) === 0) rest = rest.slice(title.length).replace(/^[\s.:;,!?]+/, "");
    return rest;
  }

  function hasWord(text) {
    return /[\p{L}\p{N}]/u.test(text);
  }

  function unescape(text) {
    return text.replace(/&lt;/g, "<").replace(/&gt;/g, ">");
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
