/*
 * Taiyaku search widget: one <script> tag plus a <div> gives a search box on any page.
 *
 *   <script src="https://taiyaku.example/tools/taiyaku/static/widget.js" defer></script>
 *   <div data-taiyaku data-limit="5" data-placeholder="跨境 / クロスボーダー"></div>
 * Labels follow data-ui="zh|ja|en", else the host page's <html lang>.
 *
 * The widget calls the JSON API (/api/search) of the server it was loaded from, so that
 * server must list this page's origin in TAIYAKU_CORS_ORIGINS. Highlights are rebuilt from
 * the API's html field keeping only <mark>: nothing from the response is inserted as HTML.
 */
(function () {
  "use strict";
  var script = document.currentScript;
  var scriptBase = script ? script.src.replace(/static\/widget\.js(\?.*)?$/, "") : "";

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
  }

  var KINDS = ["query", "counterpart", "probable"];

  // The term panel: how the matching pairs render each term, with counts, as text only.
  function renderings(result, base) {
    var list = el("p", "tyw-renderings");
    (result.query.renderings || []).slice(0, 6).forEach(function (r, i) {
      if (i) list.appendChild(document.createTextNode(" · "));
      var a = el("a", null, r.term + " → " + r.text + " ×" + r.count);
      a.href = base + "?q=" + encodeURIComponent(r.term + " " + (r.text.indexOf(" ") >= 0 ? '"' + r.text + '"' : r.text));
      a.target = "_blank";
      a.rel = "noopener";
      list.appendChild(a);
    });
    return list;
  }

  // Parse the server's highlight HTML inertly and copy only text and <mark> elements.
  function highlighted(html, lang) {
    var box = el("div", "tyw-side tyw-" + lang);
    box.lang = lang === "zh" ? "zh-CN" : "ja";
    if (!html) return box;
    var parsed = new DOMParser().parseFromString("<body>" + html, "text/html").body;
    parsed.childNodes.forEach(function (node) {
      if (node.nodeType === 1 && node.tagName === "MARK") {
        var mark = el("mark", null, node.textContent);
        var kind = node.getAttribute("data-kind");
        if (KINDS.indexOf(kind) >= 0) mark.setAttribute("data-kind", kind);  // only known kinds
        box.appendChild(mark);
      } else {
        box.appendChild(document.createTextNode(node.textContent || ""));
      }
    });
    return box;
  }

  function loadStyles(base) {
    if (document.querySelector("link[data-taiyaku-css]")) return;
    var link = document.createElement("link");
    link.rel = "stylesheet";
    link.href = base + "static/widget.css";
    link.setAttribute("data-taiyaku-css", "");
    document.head.appendChild(link);
  }

  // Labels follow data-ui, else the host page's <html lang>, else English.
  var LABELS = {
    zh: { button: "搜索", hits: function (n) { return "共 " + n + " 条"; }, down: "无法连接 Taiyaku。" },
    ja: { button: "検索", hits: function (n) { return n + " 件"; }, down: "Taiyaku に接続できません。" },
    en: { button: "Search", hits: function (n) { return n + " hits"; }, down: "Taiyaku is not reachable." }
  };

  function labelsFor(root) {
    var lang = (root.getAttribute("data-ui") || document.documentElement.lang || "en").toLowerCase();
    return LABELS[lang.slice(0, 2)] || LABELS.en;
  }

  function mount(root) {
    var L = labelsFor(root);
    var base = root.getAttribute("data-taiyaku") || scriptBase;
    if (base && base.charAt(base.length - 1) !== "/") base += "/";
    var limit = parseInt(root.getAttribute("data-limit") || "5", 10) || 5;
    loadStyles(base);
    root.classList.add("tyw");

    var form = el("form", "tyw-form");
    form.setAttribute("role", "search");
    var input = el("input", "tyw-input");
    input.type = "search";
    input.name = "q";
    input.maxLength = 1000;
    input.placeholder = root.getAttribute("data-placeholder") || "跨境 / クロスボーダー";
    input.setAttribute("aria-label", root.getAttribute("data-label") || "Taiyaku");
    var button = el("button", "tyw-button", root.getAttribute("data-button") || L.button);
    button.type = "submit";
    form.appendChild(input);
    form.appendChild(button);
    var status = el("p", "tyw-status");
    status.setAttribute("aria-live", "polite");
    var list = el("div", "tyw-results");
    root.appendChild(form);
    root.appendChild(status);
    root.appendChild(list);

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var q = input.value.trim();
      list.textContent = "";
      if (!q) { status.textContent = ""; return; }
      status.textContent = "…";
      var url = base + "api/search?limit=" + limit + "&q=" + encodeURIComponent(q);
      fetch(url, { headers: { Accept: "application/json" }, credentials: "omit" })
        .then(function (response) {
          return response.json().then(function (body) { return { ok: response.ok, body: body }; });
        })
        .then(function (reply) {
          if (!reply.ok) {
            status.textContent = (reply.body.error && reply.body.error.message) || "Error";
            return;
          }
          render(reply.body, q);
        })
        .catch(function () { status.textContent = L.down; });
    });

    function render(result, q) {
      status.textContent = "";
      var count = el("span", "tyw-count", L.hits(result.total));
      var more = el("a", "tyw-more", "Taiyaku ↗");
      more.href = base + "?q=" + encodeURIComponent(q);
      more.target = "_blank";
      more.rel = "noopener";
      status.appendChild(count);
      status.appendChild(document.createTextNode(" · "));
      status.appendChild(more);
      if ((result.query.renderings || []).length) status.appendChild(renderings(result, base));
      result.hits.forEach(function (hit) {
        var item = el("article", "tyw-hit");
        item.setAttribute("data-clause", hit.id);
        var pair = el("div", "tyw-pair");
        pair.appendChild(highlighted(hit.zh && hit.zh.html, "zh"));
        pair.appendChild(highlighted(hit.ja && hit.ja.html, "ja"));
        var link = el("a", "tyw-link", (hit.doc.title && hit.doc.title.zh || hit.doc.id) +
          (hit.item ? " · " + hit.item : "") + " ↗");
        link.href = base + "clause/" + encodeURIComponent(hit.id);
        link.target = "_blank";
        link.rel = "noopener";
        item.appendChild(pair);
        item.appendChild(link);
        list.appendChild(item);
      });
    }
  }

  function start() {
    var roots = document.querySelectorAll("[data-taiyaku]");
    for (var i = 0; i < roots.length; i++) {
      if (!roots[i].hasAttribute("data-taiyaku-mounted")) {
        roots[i].setAttribute("data-taiyaku-mounted", "");
        mount(roots[i]);
      }
    }
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
