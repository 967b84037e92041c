/*
 * Taiyaku search widget: one <script> tag plus a <div> gives a search box on any page.
 *
 *   <script src="https://taiyaku.example/tools/taiyaku/static/widget.js" defer></script>
 *   <div data-taiyaku data-limit="5" data-placeholder="跨境 / クロスボーダー"></div>
 * Labels follow data-ui="zh|ja|en", else the host page's <html lang>; they come from the server's
 * language catalogs (widget/labels.js), the same as the pages'.
 *
 * The widget calls the JSON API (/api/search) of the server it was loaded from, so that
 * server must list this page's origin in TAIYAKU_CORS_ORIGINS; when it does not, the widget
 * says so (a CORS refusal, naming the setting) instead of "not reachable". Highlights are
 * built from each side's text and `marks` spans with textContent: nothing from the response
 * is ever parsed as HTML. Partial, substring and fuzzy hits are flagged as on the page.
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

  // A side from its text and mark spans: plain text nodes and <mark> elements only.
  function highlighted(side, lang, t) {
    var box = el("div", "tyw-side tyw-" + lang);
    box.lang = lang === "zh" ? "zh-CN" : "ja";
    if (!side) return box;
    var text = side.text || "", pos = 0;
    (side.marks || []).forEach(function (m) {
      if (m.start < pos || m.end > text.length) return;
      box.appendChild(document.createTextNode(text.slice(pos, m.start)));
      var mark = el("mark", "tyw-m-" + m.kind, text.slice(m.start, m.end));
      mark.setAttribute("data-kind", m.kind);
      mark.setAttribute("data-sr", t("legend_" + m.kind));  // said by screen readers (widget.css)
      box.appendChild(mark);
      pos = m.end;
    });
    box.appendChild(document.createTextNode(text.slice(pos)));
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

  // Labels come from the server's language catalogs (search_app/locales/), loaded as a
  // script (widget/labels.js) so that they arrive even when CORS refuses the API.
  function format(text, fields) {
    return String(text).replace(/\{(\w+)\}/g, function (all, name) {
      return Object.prototype.hasOwnProperty.call(fields || {}, name) ? String(fields[name]) : all;
    });
  }

  function translator(catalog) {
    function t(key, fields) {
      return catalog[key] === undefined ? key : format(catalog[key], fields);
    }
    t.n = function (key, n, fields) {
      return t(n === 1 && catalog[key + "_one"] !== undefined ? key + "_one" : key, fields);
    };
    return t;
  }

  // [kind, words] of the note above the hits, as the page's match note says it.
  function matchNote(t, query) {
    var match = query && query.match;
    if (!match) return null;
    var terms = query.terms || {}, excluded = query.excluded || [];
    if (excluded.length && !(terms.zh || []).length && !(terms.ja || []).length && match.status !== "none") {
      return ["excluded", t("only_excluded", { x: excluded.join(" · ") })];
    }
    if (match.status === "some") return ["some", t("match_some", { a: match.all, b: match.some })];
    if (match.status === "any") return ["any", t("fallback")];
    if (match.status === "apart") return ["apart", t("match_apart")];
    if (match.status === "words") return ["words", t("match_words")];
    return null;
  }

  function flags(t, hit) {
    var out = [];
    if (hit.all_terms === false) out.push(["partial", t("partial_hit")]);
    if (hit.similarity !== null && hit.similarity !== undefined) out.push([hit.match_kind, t("match_pct", { p: hit.similarity })]);
    else if (hit.match_kind === "substring") out.push(["substring", t("substring_match")]);
    if (!out.length) return null;
    var box = el("p", "tyw-flags");
    out.forEach(function (f) {
      var flag = el("span", "tyw-flag", f[1]);
      flag.setAttribute("data-flag", f[0]);
      box.appendChild(flag);
    });
    return box;
  }

  function legend(t) {
    var box = el("p", "tyw-legend", t("legend") + ": ");
    ["query", "counterpart", "probable"].forEach(function (kind) {
      var mark = el("mark", "tyw-m-" + kind, t("legend_" + kind));
      mark.setAttribute("data-kind", kind);
      box.appendChild(mark);
      box.appendChild(document.createTextNode(" "));
    });
    return box;
  }

  // Zero results: the server's suggestions (each a link that runs it) and the syntax help.
  function deadEnd(t, result, base) {
    var box = el("div", "tyw-suggestions");
    var list = result.suggestions || [];
    if (list.length) {
      var p = el("p", null, t("suggestions") + ": ");
      list.forEach(function (s, i) {
        if (i) p.appendChild(document.createTextNode(" · "));
        var a = el("a", "tyw-suggestion", s.text + " ×" + s.hits);
        a.href = base + "?q=" + encodeURIComponent(s.text);
        a.lang = s.lang === "zh" ? "zh-CN" : "ja";
        a.setAttribute("data-why", s.why);
        a.target = "_blank";
        a.rel = "noopener";
        p.appendChild(a);
      });
      box.appendChild(p);
    }
    var help = el("a", "tyw-help", t("help_link") + " ↗");
    help.href = base + "help";
    help.target = "_blank";
    help.rel = "noopener";
    box.appendChild(help);
    return box;
  }

  // fetch() cannot tell a CORS refusal from a dead server; an opaque no-cors request can:
  // it succeeds when the server answered, whatever its CORS headers say.
  function explainFailure(t, base, status) {
    status.textContent = t("widget_down");
    fetch(base + "healthz", { mode: "no-cors", credentials: "omit" })
      .then(function () { status.textContent = t("widget_cors", { origin: window.location.origin }); })
      .catch(function () {});
  }

  function labelsFor(root, catalogs) {
    var lang = (root.getAttribute("data-ui") || document.documentElement.lang || "").toLowerCase();
    var labels = catalogs.labels;
    return translator(labels[lang] || labels[lang.slice(0, 2)] || labels[catalogs.fallback]);
  }

  function baseOf(root) {
    var base = root.getAttribute("data-taiyaku") || scriptBase;
    if (base && base.charAt(base.length - 1) !== "/") base += "/";
    return base;
  }

  function mount(root, catalogs) {
    var t = labelsFor(root, catalogs);
    var base = baseOf(root);
    var limit = parseInt(root.getAttribute("data-limit") || "5", 10) || 5;
    loadStyles(base);
    root.classList.add("tyw");

    var form = el("form", "tyw-form");
    form.setAttribute("role", "search");
    var input = el("input", "tyw-input");
    input.type = "search";
    input.name = "q";
    // No length limit here: the server owns it (engine/api.py) and a longer query gets its 400 message.
    input.placeholder = root.getAttribute("data-placeholder") || "跨境 / クロスボーダー";
    input.setAttribute("aria-label", root.getAttribute("data-label") || "Taiyaku");
    var button = el("button", "tyw-button", root.getAttribute("data-button") || t("search"));
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
            status.textContent = (reply.body.error && reply.body.error.message) || t("error");
            return;
          }
          render(reply.body, q);
        })
        .catch(function () { explainFailure(t, base, status); });
    });

    function render(result, q) {
      status.textContent = "";
      var count = el("span", "tyw-count", result.total ? t.n("n_results", result.total, { n: result.total }) : t("no_results"));
      var more = el("a", "tyw-more", "Taiyaku ↗");
      more.href = base + "?q=" + encodeURIComponent(q);
      more.target = "_blank";
      more.rel = "noopener";
      status.appendChild(count);
      status.appendChild(document.createTextNode(" · "));
      status.appendChild(more);
      // nothing matched as written (none, or only its words apart or some of them)
      var loosened = ["apart", "words"].indexOf((result.query.match || {}).status) >= 0;
      if (!result.total || loosened) list.appendChild(deadEnd(t, result, base));
      var note = matchNote(t, result.query);
      if (note) {
        var p = el("p", "tyw-note", note[1]);
        p.setAttribute("data-match", note[0]);
        list.appendChild(p);
      }
      if (result.hits.length) list.appendChild(legend(t));
      if ((result.query.renderings || []).length) status.appendChild(renderings(result, base));
      result.hits.forEach(function (hit) {
        var item = el("article", "tyw-hit" + (hit.all_terms === false ? " tyw-partial" : ""));
        item.setAttribute("data-clause", hit.id);
        var flagged = flags(t, hit);
        if (flagged) item.appendChild(flagged);
        var pair = el("div", "tyw-pair");
        pair.appendChild(highlighted(hit.zh, "zh", t));
        pair.appendChild(highlighted(hit.ja, "ja", t));
        var link = el("a", "tyw-link", (hit.doc.title && hit.doc.title.zh || hit.doc.id) +
          (hit.item ? " · " + hit.item : "") + " ↗");
        link.href = base + "clause/" + encodeURIComponent(hit.id) + "?q=" + encodeURIComponent(q);
        link.target = "_blank";
        link.rel = "noopener";
        item.appendChild(pair);
        item.appendChild(link);
        list.appendChild(item);
      });
    }
  }

  function mountAll() {
    var roots = document.querySelectorAll("[data-taiyaku]");
    for (var i = 0; i < roots.length; i++) {
      if (!roots[i].hasAttribute("data-taiyaku-mounted")) {
        roots[i].setAttribute("data-taiyaku-mounted", "");
        mount(roots[i], window.TaiyakuLabels);
      }
    }
  }

  function start() {
    if (window.TaiyakuLabels) { mountAll(); return; }
    var first = document.querySelector("[data-taiyaku]");
    if (!first) return;
    var labels = document.createElement("script");
    labels.src = baseOf(first) + "widget/labels.js";
    labels.onload = mountAll;
    labels.onerror = function () {  // server unreachable: mount anyway, to say so
      window.TaiyakuLabels = { fallback: "en", labels: { en: { widget_down: "The Taiyaku server is not reachable." } } };
      mountAll();
    };
    document.head.appendChild(labels);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
