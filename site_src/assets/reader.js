/* Glossator reader: claim popovers and highlight sync on article pages, the one-language
   switch, and sorting and filtering of the index pages. A local file: it requests nothing from
   any other host. It never parses corpus text as HTML: it clones server-rendered nodes or sets
   textContent. Without it every page still works (marks link to their claim, both languages are
   shown, the first page of each index is server-rendered). */
(function () {
  "use strict";

  var STORE = "glossator.show";

  function store(key, value) {
    try {
      if (value === undefined) return window.localStorage.getItem(key);
      window.localStorage.setItem(key, value);
    } catch (e) { /* storage refused (private mode): the choice lasts for this page only */ }
    return null;
  }

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  /* ---- One language only -------------------------------------------------------------- */
  function languages() {
    var group = document.querySelector(".gl-langs");
    var parallel = document.querySelector(".gl-parallel");
    if (!group || !parallel) return;
    var buttons = group.querySelectorAll("button[data-show]");
    function show(which) {
      if (["both", "original", "english"].indexOf(which) < 0) which = "both";
      parallel.setAttribute("data-show", which);
      buttons.forEach(function (b) {
        b.setAttribute("aria-pressed", b.getAttribute("data-show") === which ? "true" : "false");
      });
    }
    buttons.forEach(function (b) {
      b.addEventListener("click", function () {
        var which = b.getAttribute("data-show");
        store(STORE, which);
        show(which);
      });
    });
    show(store(STORE) || "both");
    group.hidden = false;
  }

  /* ---- Marks: sync and popover --------------------------------------------------------- */
  function claimsOf(mark) {
    return (mark.getAttribute("data-claims") || "").split(" ").filter(Boolean);
  }

  function marksOf(claimId) {
    return Array.prototype.filter.call(document.querySelectorAll("mark.gl-mark"), function (m) {
      return claimsOf(m).indexOf(claimId) >= 0;
    });
  }

  function light(ids, on) {
    ids.forEach(function (id) {
      marksOf(id).forEach(function (m) { m.classList.toggle("gl-lit", on); });
    });
  }

  var open = null; // {popover, mark, ids}

  function close(returnFocus) {
    if (!open) return;
    var current = open;
    open = null;
    current.popover.remove();
    current.mark.setAttribute("aria-expanded", "false");
    light(current.ids, false);
    if (returnFocus) current.mark.focus();
  }

  function popoverFor(mark, ids) {
    var popover = el("div", "gl-popover");
    popover.setAttribute("role", "dialog");
    popover.setAttribute("aria-label", ids.length === 1 ? "Claim " + ids[0] : "Claims " + ids.join(", "));
    popover.id = "gl-popover";
    var closer = el("button", "gl-popover-close", "×");
    closer.type = "button";
    closer.setAttribute("aria-label", "Close");
    closer.addEventListener("click", function () { close(true); });
    popover.appendChild(closer);
    ids.forEach(function (id) {
      var card = document.getElementById("claim-" + id);
      var part = el("div", "gl-popover-claim");
      if (!card) {
        part.appendChild(el("p", null, id));
      } else {
        ["h3.gl-claim-head", ".gl-claim-badges"].forEach(function (selector) {
          var found = card.querySelector(selector);
          if (!found) return;
          var copy = found.cloneNode(true);
          if (copy.tagName === "H3") {
            var p = el("p", "gl-claim-head");
            while (copy.firstChild) p.appendChild(copy.firstChild);
            copy = p;
          }
          part.appendChild(copy);
        });
        var links = el("p", "gl-claim-links");
        var page = card.querySelector("a.gl-claim-page");
        if (page) links.appendChild(page.cloneNode(true));
        links.appendChild(document.createTextNode(" · "));
        var toCard = el("a", "gl-to-card", "Quotes and sources below");
        toCard.href = "#claim-" + id;
        toCard.addEventListener("click", function () { close(false); });
        links.appendChild(toCard);
        part.appendChild(links);
      }
      popover.appendChild(part);
    });
    popover.addEventListener("keydown", function (event) {
      if (event.key === "Escape") {
        event.preventDefault();
        close(true);
      }
    });
    return popover;
  }

  function place(popover, mark) {
    var rect = mark.getBoundingClientRect();
    var width = Math.min(420, document.documentElement.clientWidth - 16);
    popover.style.width = width + "px";
    var left = rect.left + window.scrollX;
    var maxLeft = window.scrollX + document.documentElement.clientWidth - width - 8;
    popover.style.left = Math.max(window.scrollX + 8, Math.min(left, maxLeft)) + "px";
    popover.style.top = rect.bottom + window.scrollY + 6 + "px";
  }

  function openFor(mark) {
    var ids = claimsOf(mark);
    if (open && open.mark === mark) { close(true); return; }
    close(false);
    var popover = popoverFor(mark, ids);
    document.body.appendChild(popover);
    place(popover, mark);
    open = { popover: popover, mark: mark, ids: ids };
    mark.setAttribute("aria-expanded", "true");
    light(ids, true);
    var first = popover.querySelector("a[href]") || popover.querySelector("button");
    first.focus();
  }

  function marks() {
    var all = document.querySelectorAll("mark.gl-mark[data-claims]");
    all.forEach(function (mark) {
      mark.tabIndex = 0;
      mark.setAttribute("role", "button");
      mark.setAttribute("aria-haspopup", "dialog");
      mark.setAttribute("aria-expanded", "false");
      mark.setAttribute("aria-label", mark.textContent + " (claim " + claimsOf(mark).join(", ") + ")");
      mark.addEventListener("click", function (event) {
        event.preventDefault();
        openFor(mark);
      });
      mark.addEventListener("keydown", function (event) {
        if (event.key === "Enter" || event.key === " ") {
          event.preventDefault();
          openFor(mark);
        }
      });
      mark.addEventListener("mouseenter", function () { light(claimsOf(mark), true); });
      mark.addEventListener("mouseleave", function () {
        if (!open || open.mark !== mark) light(claimsOf(mark), false);
      });
      mark.addEventListener("focus", function () { light(claimsOf(mark), true); });
      mark.addEventListener("blur", function () {
        if (!open || open.mark !== mark) light(claimsOf(mark), false);
      });
    });
    if (!all.length) return;
    document.addEventListener("click", function (event) {
      if (open && !open.popover.contains(event.target) && !open.mark.contains(event.target)) close(false);
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && open) close(true);
    });
    window.addEventListener("resize", function () { if (open) place(open.popover, open.mark); });
  }

  /* ---- Indexes: sort and filter across every page --------------------------------------- */
  var SHOWN = 100;

  function cellText(cell) {
    if (cell === null || cell === undefined) return "";
    if (typeof cell !== "object") return String(cell);
    if (Array.isArray(cell)) return cell[0];
    if (cell.b) return cell.v;
    if (cell.n) return cell.n.map(function (n) { return n[0]; }).join(" ");
    return "";
  }

  function index() {
    var form = document.querySelector("form.gl-filters");
    var table = document.querySelector("table.gl-index");
    if (!form || !table) return;
    var tbody = table.tBodies[0];
    var original = Array.prototype.slice.call(tbody.rows);
    var templates = document.querySelector("template.gl-badge-templates");
    var status = form.querySelector(".gl-status");
    var pager = document.querySelector(".gl-pager");
    var heads = table.tHead.rows[0].cells;
    var labels = Array.prototype.map.call(heads, function (th) { return th.textContent; });
    var classes = Array.prototype.map.call(heads, function (th) { return th.className; });
    var order = {}; // badge kind -> value -> rank, from the template (the scale's order)
    if (templates) {
      Array.prototype.forEach.call(templates.content.querySelectorAll("[data-badge]"), function (n, i) {
        order[n.getAttribute("data-badge")] = i;
      });
    }
    var root = form.getAttribute("data-root") || ""; // the JSON's links are from the site's root
    var rows = null; // every row of the index, once loaded
    var loading = null;
    var sort = { column: -1, dir: 1 };
    var limit = SHOWN;

    function load() {
      if (loading) return loading;
      var count = parseInt(form.getAttribute("data-chunks"), 10) || 1;
      var base = form.getAttribute("data-base");
      var fetches = [];
      for (var i = 1; i <= count; i++) {
        fetches.push(fetch(base + i + ".json").then(function (r) {
          if (!r.ok) throw new Error(r.status);
          return r.json();
        }));
      }
      loading = Promise.all(fetches).then(function (chunks) {
        rows = [];
        chunks.forEach(function (c) { rows = rows.concat(c.rows); });
        return rows;
      });
      return loading;
    }

    function render(cell) {
      var td = el("td");
      if (cell === null || cell === undefined) return td;
      if (typeof cell !== "object") { td.textContent = String(cell); return td; }
      if (Array.isArray(cell)) {
        var a = el("a", null, cell[0]);
        a.href = root + cell[1];
        td.appendChild(a);
      } else if (cell.b) {
        var badge = templates && templates.content.querySelector('[data-badge="' + cell.b + "-" + cell.v + '"] .gl-badge');
        td.appendChild(badge ? badge.cloneNode(true) : el("span", "gl-badge", cell.v));
      } else if (cell.n) {
        cell.n.forEach(function (n, i) {
          if (i) td.appendChild(document.createTextNode(" · "));
          var name = el(i ? "span" : "a", null, n[0]);
          name.lang = n[1];
          if (!i) name.href = root + cell.h;
          td.appendChild(name);
        });
      }
      return td;
    }

    function rowFor(data) {
      var tr = el("tr");
      tr.id = data[0];
      for (var i = 1; i < data.length; i++) {
        var td = render(data[i]);
        td.setAttribute("data-label", labels[i - 1]);
        if (classes[i - 1]) td.className = classes[i - 1];
        tr.appendChild(td);
      }
      return tr;
    }

    function filters() {
      return Array.prototype.map.call(form.querySelectorAll("[data-column]"), function (f) {
        return { column: parseInt(f.getAttribute("data-column"), 10), value: f.value.trim().toLowerCase(), exact: f.tagName === "SELECT" };
      }).filter(function (f) { return f.value; });
    }

    function key(cell) {
      if (typeof cell === "number") return cell;
      if (cell && cell.b) return order[cell.b + "-" + cell.v];
      return cellText(cell).toLowerCase();
    }

    function update() {
      var active = filters();
      if (!active.length && sort.column < 0) {
        tbody.replaceChildren.apply(tbody, original);
        if (pager) pager.hidden = false;
        status.textContent = "";
        return;
      }
      status.textContent = "Loading every row…";
      load().then(function (all) {
        var found = all.filter(function (row) {
          return active.every(function (f) {
            var text = cellText(row[f.column + 1]).toLowerCase();
            return f.exact ? text === f.value : text.indexOf(f.value) >= 0;
          });
        });
        if (sort.column >= 0) {
          var c = sort.column + 1;
          found = found.slice().sort(function (a, b) {
            var x = key(a[c]), y = key(b[c]);
            return (x < y ? -1 : x > y ? 1 : 0) * sort.dir;
          });
        }
        var shown = found.slice(0, limit);
        tbody.replaceChildren.apply(tbody, shown.map(rowFor));
        if (pager) pager.hidden = true;
        status.textContent = found.length + " of " + all.length + " shown" + (found.length > shown.length ? " (first " + shown.length + ")" : "") + ".";
        var more = document.querySelector(".gl-more");
        if (found.length > shown.length) {
          if (!more) {
            more = el("button", "md-button gl-more", "Show more");
            more.type = "button";
            more.addEventListener("click", function () { limit += SHOWN; update(); });
            table.after(more);
          }
        } else if (more) {
          more.remove();
        }
      }, function () {
        status.textContent = "The index data could not be loaded; use the pages below.";
      });
    }

    Array.prototype.forEach.call(heads, function (th, i) {
      var button = el("button", null, th.textContent);
      button.type = "button";
      button.setAttribute("aria-label", "Sort by " + th.textContent);
      th.textContent = "";
      th.appendChild(button);
      button.addEventListener("click", function () {
        sort.dir = sort.column === i ? -sort.dir : 1;
        sort.column = i;
        Array.prototype.forEach.call(heads, function (h) { h.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", sort.dir > 0 ? "ascending" : "descending");
        limit = SHOWN;
        update();
      });
    });
    form.addEventListener("input", function () { limit = SHOWN; update(); });
    form.addEventListener("change", function () { limit = SHOWN; update(); });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.addEventListener("reset", function () {
      setTimeout(function () {
        sort.column = -1;
        Array.prototype.forEach.call(heads, function (h) { h.removeAttribute("aria-sort"); });
        limit = SHOWN;
        update();
      }, 0);
    });
    form.hidden = false;
  }

  function start() {
    languages();
    marks();
    index();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
