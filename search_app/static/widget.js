/*
 * Taiyaku search widget: one <script> tag plus a <div> gives a search box on any page.
 *
 *   <script src="https://taiyaku.example/tools/taiyaku/static/widget.js" defer></script>
 *   <div data-taiyaku data-limit="5" data-placeholder="跨境 / クロスボーダー"></div>
 * Labels follow data-ui="zh|ja|en", else the host page's <html lang>.
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
  function highlighted(side, lang) {
    var box = el("div", "tyw-side tyw-" + lang);
    box.lang = lang === "zh" ? "zh-CN" : "ja";
    if (!side) return box;
    var text = side.text || "", pos = 0;
    (side.marks || []).forEach(function (m) {
      if (m.start < pos || m.end > text.length) return;
      box.appendChild(document.createTextNode(text.slice(pos, m.start)));
      var mark = el("mark", "tyw-m-" + m.kind, text.slice(m.start, m.end));
      mark.setAttribute("data-kind", m.kind);
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

  // Labels follow data-ui, else the host page's <html lang>, else English.
  var LABELS = {
    zh: {
      button: "搜索", hits: function (n) { return "共 " + n + " 条"; }, down: "无法连接 Taiyaku 服务器。",
      cors: function (o) { return "Taiyaku 服务器拒绝了本页面的跨域请求（CORS）：请管理员把 " + o + " 加入 TAIYAKU_CORS_ORIGINS。"; },
      some: function (a, b) { return a + " 条包含所有检索词 · " + b + " 条只包含其中部分"; },
      any: "没有同时包含所有词的结果，显示包含任一词的结果。", apart: "没有与输入完全一致的结果，显示各词分开出现的结果。",
      partial: "只含部分检索词", substring: "字符串匹配", pct: function (p) { return "相似度 " + p + "%"; },
      marks: ["检索词", "对应译文", "可能的对应译文"]
    },
    ja: {
      button: "検索", hits: function (n) { return n + " 件"; }, down: "Taiyaku サーバーに接続できません。",
      cors: function (o) { return "Taiyaku サーバーがこのページからの呼び出しを拒否しました（CORS）。管理者が " + o + " を TAIYAKU_CORS_ORIGINS に追加してください。"; },
      some: function (a, b) { return "すべての語を含む節：" + a + " · 一部の語のみ：" + b; },
      any: "すべての語を含む結果がないため、いずれかの語を含む結果を表示しています。", apart: "入力どおりに続けて現れる節がないため、語が離れて現れる節を表示しています。",
      partial: "一部の語のみ", substring: "部分一致", pct: function (p) { return "一致率 " + p + "%"; },
      marks: ["検索語", "対応する訳語", "推定される訳語"]
    },
    en: {
      button: "Search", hits: function (n) { return n === 1 ? "1 hit" : n + " hits"; }, down: "The Taiyaku server is not reachable.",
      cors: function (o) { return "The Taiyaku server refused this page (CORS): the administrator must add " + o + " to TAIYAKU_CORS_ORIGINS."; },
      some: function (a, b) { return a + " clauses have every term · " + b + " have some of them"; },
      any: "No clause contains every term; showing clauses with any of them.", apart: "No clause has the words as written; showing clauses with them apart.",
      partial: "some terms only", substring: "substring match", pct: function (p) { return p + "% match"; },
      marks: ["your term", "its translation", "probable translation"]
    }
  };

  function matchNote(L, match) {
    if (!match) return "";
    if (match.status === "some") return L.some(match.all, match.some);
    if (match.status === "any") return L.any;
    if (match.status === "apart") return L.apart;
    return "";
  }

  function flags(L, hit) {
    var out = [];
    if (hit.all_terms === false) out.push(["partial", L.partial]);
    if (hit.similarity !== null && hit.similarity !== undefined) out.push([hit.match_kind, L.pct(hit.similarity)]);
    else if (hit.match_kind === "substring") out.push(["substring", L.substring]);
    if (!out.length) return null;
    var box = el("p", "tyw-flags");
    out.forEach(function (f) {
      var flag = el("span", "tyw-flag", f[1]);
      flag.setAttribute("data-flag", f[0]);
      box.appendChild(flag);
    });
    return box;
  }

  function legend(L) {
    var box = el("p", "tyw-legend");
    ["query", "counterpart", "probable"].forEach(function (kind, i) {
      var mark = el("mark", "tyw-m-" + kind, L.marks[i]);
      mark.setAttribute("data-kind", kind);
      box.appendChild(mark);
      box.appendChild(document.createTextNode(" "));
    });
    return box;
  }

  // fetch() cannot tell a CORS refusal from a dead server; an opaque no-cors request can:
  // it succeeds when the server answered, whatever its CORS headers say.
  function explainFailure(L, base, status) {
    status.textContent = L.down;
    fetch(base + "healthz", { mode: "no-cors", credentials: "omit" })
      .then(function () { status.textContent = L.cors(window.location.origin); })
      .catch(function () {});
  }

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
    // No length limit here: the server owns it (engine/api.py) and a longer query gets its 400 message.
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
        .catch(function () { explainFailure(L, base, status); });
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
      var note = matchNote(L, result.query && result.query.match);
      if (note) {
        var p = el("p", "tyw-note", note);
        p.setAttribute("data-match", result.query.match.status);
        list.appendChild(p);
      }
      if (result.hits.length) list.appendChild(legend(L));
      if ((result.query.renderings || []).length) status.appendChild(renderings(result, base));
      result.hits.forEach(function (hit) {
        var item = el("article", "tyw-hit" + (hit.all_terms === false ? " tyw-partial" : ""));
        item.setAttribute("data-clause", hit.id);
        var flagged = flags(L, hit);
        if (flagged) item.appendChild(flagged);
        var pair = el("div", "tyw-pair");
        pair.appendChild(highlighted(hit.zh, "zh"));
        pair.appendChild(highlighted(hit.ja, "ja"));
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
