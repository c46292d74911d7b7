// The run report's behaviour (inlined into report.html): the article list's search and pages,
// the article shown (each article is kept as text in a <script type="text/html"> and parsed
// the first time it is shown), and the highlighting of what belongs to a quote or an event.
(function () {
  "use strict";
  var PAGE = 20;
  var rows = Array.prototype.slice.call(document.querySelectorAll("#doclist tbody tr"));
  var sources = {}, docs = {};
  document.querySelectorAll("script.doc-src").forEach(function (s) { sources[s.dataset.doc] = s; });
  var view = document.getElementById("doc-view");
  var search = document.getElementById("search");
  var pager = document.getElementById("pager");
  var matches = rows, page = 0, current = null, texts = null, lit = [];

  function parse(id) {
    var holder = document.createElement("template");
    holder.innerHTML = sources[id] ? sources[id].textContent : "";
    return holder.content.firstElementChild;
  }

  function textOf(row) {
    if (!texts) {
      texts = new Map();
      rows.forEach(function (r) {
        var article = docs[r.dataset.doc] || parse(r.dataset.doc);
        var text = article && article.querySelector(".text");
        texts.set(r, text ? text.textContent.toLowerCase() : "");
      });
    }
    return texts.get(row);
  }

  function filter() {
    var words = search.value.toLowerCase().split(/\s+/).filter(Boolean);
    matches = rows.filter(function (r) {
      return words.every(function (w) { return r.dataset.s.indexOf(w) >= 0 || textOf(r).indexOf(w) >= 0; });
    });
    page = 0;
    draw();
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

  function show(id) {
    if (!sources[id]) { return false; }
    if (!docs[id]) { docs[id] = view.appendChild(parse(id)); }
    var article = docs[id];
    if (current) { current.classList.remove("shown"); }
    article.classList.add("shown");
    current = article;
    rows.forEach(function (r) { r.classList.toggle("cur", r.dataset.doc === id); });
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
  filter();
  if (!fromHash() && rows.length) { show(rows[0].dataset.doc); }
})();
