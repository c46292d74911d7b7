// The run report's behaviour (inlined into report.html): the article list's search and pages,
// the article shown, and the highlighting of what belongs to a quote or an event on hover.
// Each article is kept as text in a <script class="doc-src">, the first as HTML, the others
// gzipped in base64 (data-z), and parsed the first time it is shown.
(function () {
  "use strict";
  var PAGE = 20;
  var rows = Array.prototype.slice.call(document.querySelectorAll("#doclist tbody tr"));
  var sources = {}, docs = {}, html = {};
  document.querySelectorAll("script.doc-src").forEach(function (s) { sources[s.dataset.doc] = s; });
  var view = document.getElementById("doc-view");
  var search = document.getElementById("search");
  var pager = document.getElementById("pager");
  var matches = rows, page = 0, current = null, wanted = null, texts = null, lit = [];

  // The article's HTML: at once for a plain source, else once inflated (a Promise).
  function source(id) {
    var s = sources[id];
    if (html[id] !== undefined) { return html[id]; }
    if (!s.dataset.z) { html[id] = s.textContent; return html[id]; }
    var bytes = Uint8Array.from(atob(s.textContent.trim()), function (c) { return c.charCodeAt(0); });
    var stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
    return new Response(stream).text().then(function (text) { html[id] = text; return text; });
  }

  function parse(text) {
    var holder = document.createElement("template");
    holder.innerHTML = text;
    return holder.content.firstElementChild;
  }

  function loadTexts() {
    if (!texts) {
      texts = Promise.all(rows.map(function (r) {
        return Promise.resolve(source(r.dataset.doc)).then(function (text) {
          var body = parse(text).querySelector(".text");
          r.dataset.t = body ? body.textContent.toLowerCase() : "";
        });
      }));
    }
    return texts;
  }

  function filter() {
    var words = search.value.toLowerCase().split(/\s+/).filter(Boolean);
    if (words.length && !texts) { pager.textContent = "searching the texts…"; }
    (words.length ? loadTexts() : Promise.resolve()).then(function () {
      var now = search.value.toLowerCase().split(/\s+/).filter(Boolean);
      if (now.join(" ") !== words.join(" ")) { return; }
      matches = rows.filter(function (r) {
        return words.every(function (w) {
          return r.dataset.s.indexOf(w) >= 0 || (r.dataset.t || "").indexOf(w) >= 0;
        });
      });
      page = 0;
      draw();
    });
  }

  function button(label, target, enabled) {
    var b = document.createElement("button");
    b.type = "button";
    b.textContent = label;
    b.disabled = !enabled;
    b.addEventListener("click", function () { page = target; draw(); });
    return b;
  }

  function draw() {
    var pages = Math.max(1, Math.ceil(matches.length / PAGE));
    page = Math.min(Math.max(page, 0), pages - 1);
    var on = new Set(matches.slice(page * PAGE, (page + 1) * PAGE));
    rows.forEach(function (r) { r.hidden = !on.has(r); });
    pager.textContent = matches.length + " of " + rows.length + " articles · page " + (page + 1) + " of " + pages;
    pager.appendChild(button("‹ previous", page - 1, page > 0));
    pager.appendChild(button("next ›", page + 1, page < pages - 1));
  }

  function activate(id) {
    if (id !== wanted) { return; }
    if (current) { current.classList.remove("shown"); }
    docs[id].classList.add("shown");
    current = docs[id];
    rows.forEach(function (r) { r.classList.toggle("cur", r.dataset.doc === id); });
  }

  function show(id) {
    if (!sources[id]) { return false; }
    wanted = id;
    if (docs[id]) { activate(id); return true; }
    var text = source(id);
    if (typeof text === "string") {
      docs[id] = view.appendChild(parse(text));
      activate(id);
    } else {
      text.then(function (t) {
        if (!docs[id]) { docs[id] = view.appendChild(parse(t)); }
        activate(id);
      });
    }
    return true;
  }

  function fromHash() {
    var m = /^#doc=(.*)$/.exec(location.hash);
    if (m && show(decodeURIComponent(m[1]))) {
      document.getElementById("articles").scrollIntoView();
      return true;
    }
    return false;
  }

  function clear() {
    lit.forEach(function (el) { el.classList.remove("hl"); });
    lit = [];
  }

  function highlight(event) {
    clear();
    var el = event.target.closest("[data-q],[data-ev]");
    var article = el && el.closest("article.doc");
    if (!article) { return; }
    var key = el.hasAttribute("data-q") ? "q" : "ev";
    el.getAttribute("data-" + key).split(" ").forEach(function (id) {
      article.querySelectorAll("[data-" + key + '~="' + id + '"]').forEach(function (x) {
        x.classList.add("hl");
        lit.push(x);
      });
    });
  }

  search.addEventListener("input", filter);
  window.addEventListener("hashchange", fromHash);
  document.querySelector(".viewer").addEventListener("mouseover", highlight);
  matches = rows;
  draw();
  if (!fromHash() && rows.length) { show(rows[0].dataset.doc); }
})();
