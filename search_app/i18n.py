"""Interface labels in Chinese, Japanese and English.

Only the labels change language: the documents are always shown in both. The language is
chosen by ``?ui=`` (remembered in a cookie), then the cookie, then ``Accept-Language``.
"""

from __future__ import annotations

from urllib.parse import urlencode

from flask import Flask, Response, current_app, g, request

from engine.api import MAX_QUERY_CHARS

UI_LANGS = ("zh", "ja", "en")
COOKIE = "taiyaku_ui"
HTML_LANG = {"zh": "zh-CN", "ja": "ja", "en": "en"}
UI_NAMES = {"zh": "中文", "ja": "日本語", "en": "English"}

# key: (zh, ja, en)
_LABELS: dict[str, tuple[str, str, str]] = {
    "app_name": ("Taiyaku 对译检索", "Taiyaku 対訳検索", "Taiyaku bilingual search"),
    "tagline": (
        "中日对照政策文件全文检索",
        "中日対訳政策文書の全文検索",
        "Full-text search of aligned Chinese–Japanese policy documents",
    ),
    "search": ("搜索", "検索", "Search"),
    "placeholder": (
        "输入中文或日文，例如 跨境",
        "中国語か日本語で入力（例：クロスボーダー）",
        "Chinese or Japanese, e.g. 跨境",
    ),
    "query_label": ("检索词", "検索語", "Query"),
    "results": ("条结果", "件", "results"),
    "results_of": ("第 {a}–{b} 条，共 {n} 条", "{n} 件中 {a}–{b} 件", "{a}–{b} of {n}"),
    "all_results": ("全部 {n} 条", "全 {n} 件", "all {n}"),
    "no_results": ("没有找到结果。", "該当する結果はありません。", "No results."),
    # recall (#11): suggestions, query-syntax help, match kinds
    "suggestions": ("试试", "こちらで検索", "Try"),
    "syntax_help": (
        '检索语法：空格=并且，OR=或者，-词=排除，"短语"，前缀*，zh:/ja: 限定语言',
        '検索構文：スペース=AND、OR=いずれか、-語=除外、"フレーズ"、前方一致*、zh:/ja:',
        'Query syntax: space = AND, OR, -word excludes, "phrase", prefix*, zh:/ja: one side',
    ),
    "match_pct": ("相似度 {p}%", "一致率 {p}%", "{p}% match"),
    "substring_match": ("字符串匹配", "部分一致", "substring match"),
    "via": ("经由对译词 {term}", "対訳語 {term} 経由", "via {term}"),
    "learned_from": ("学自 {n} 个句对", "{n} 対から学習", "learned from {n} pairs"),
    "renderings_via": (
        "另有 {n} 条仅经由对译词找到，不计入",
        "ほかに対訳語経由のみの {n} 節（集計外）",
        "{n} more reached only via an equivalent, not counted",
    ),
    "took": ("用时 {ms} 毫秒", "{ms} ミリ秒", "{ms} ms"),
    "sort": ("排序", "並べ替え", "Sort"),
    "relevance": ("相关度", "関連度", "Relevance"),
    "document": ("文件顺序", "文書順", "Document order"),
    "show_all": ("显示全部（研究模式）", "すべて表示（調査モード）", "Show all (research mode)"),
    "paged": ("分页显示", "ページ表示", "Show pages"),
    "prev": ("上一页", "前へ", "Previous"),
    "next": ("下一页", "次へ", "Next"),
    "pages": ("分页", "ページ", "Pages"),
    "fallback": (
        "没有同时包含所有词的结果，显示包含任一词的结果。",
        "すべての語を含む結果がないため、いずれかの語を含む結果を表示しています。",
        "No clause contains every term; showing clauses with any of them.",
    ),
    "match_some": (
        "{a} 条包含所有检索词 · {b} 条只包含其中部分",
        "すべての語を含む節：{a} · 一部の語のみ：{b}",
        "{a} clauses have every term · {b} have some of them",
    ),
    "match_apart": (
        "没有与输入完全一致的结果，显示各词分开出现的结果。",
        "入力どおりに続けて現れる節がないため、語が離れて現れる節を表示しています。",
        "No clause has the words as written; showing clauses with them apart.",
    ),
    "partial_hit": ("只含部分检索词", "一部の語のみ", "some terms only"),
    "legend": ("标记", "マーク", "Marks"),
    "legend_query": ("检索词", "検索語", "your term"),
    "legend_counterpart": ("对应译文", "対応する訳語", "its translation"),
    "legend_probable": ("可能的对应译文", "推定される訳語", "probable translation"),
    "legend_diff": (
        "与粘贴的句子不同",
        "貼り付けた文と異なる部分",
        "differs from the pasted sentence",
    ),
    "renderings": ("这些句对中的译法", "これらの対訳での訳し方", "Renderings in these pairs"),
    "renderings_scanned": (
        "按相关度统计前 {n} 条",
        "関連度上位 {n} 節で集計",
        "counted over the first {n} clauses",
    ),
    "equivalents": ("检索时使用的对译词", "検索に使った対訳語", "Equivalents used"),
    "about_equivalents": ("查看对译词表", "対訳語集を見る", "Open in glossary"),
    "documents": ("文件", "文書", "Documents"),
    "items": ("各条命中数", "条項ごとのヒット数", "Hits per item"),
    "items_hint": (
        "按文件顺序排列，点击条目筛选",
        "文書順。棒をクリックすると絞り込みます",
        "In document order; click a bar to filter",
    ),
    "item": ("第 {n} 条", "第 {n} 項", "Item {n}"),
    "all_documents": ("全部文件", "すべての文書", "All documents"),
    "clear_filter": ("清除筛选", "絞り込み解除", "Clear filter"),
    "filtered_by": ("筛选", "絞り込み", "Filter"),
    "zh": ("中文", "中国語", "Chinese"),
    "ja": ("日文", "日本語", "Japanese"),
    "missing_side": ("（无对应译文）", "（対応する訳文なし）", "(no aligned text)"),
    "permalink": ("固定链接", "固定リンク", "Permalink"),
    "whole_item": ("查看整条", "項目全体を見る", "Whole item"),
    "whole_document": ("查看全文", "文書全体を見る", "Whole document"),
    "in_document": ("在文件中查看", "文書内で見る", "Show in document"),
    "doc_matches": (
        "{n} 段包含“{q}”",
        "「{q}」を含む節：{n}",
        "{n} clauses contain “{q}”",
    ),
    "first_match": ("第一处", "最初の一致", "first match"),
    "items_all_docs": (
        "各文件的条目合并显示；选择一份文件可单独查看",
        "全文書の項目を合算。文書を選ぶと個別に表示",
        "Items of all documents together; pick a document to see one",
    ),
    "neighbours": ("上下文", "前後の条文", "Neighbouring clauses"),
    "outline": ("目录", "目次", "Outline"),
    "clauses": ("段", "節", "clauses"),
    "glossary": ("对译词表", "対訳語集", "Glossary"),
    "glossary_intro": (
        "对齐句对中由词对齐标出的译法（按句对计数），以及人工整理的词条。",
        "対訳ペアの単語対応で示される訳し方（ペア数で集計）と、手作業で整備した語。",
        "Renderings the word links of the aligned pairs mark, counted in pairs, plus curated ones.",
    ),
    "dictionary_credits": (
        "词对齐在建索引时参考 CC-CEDICT（MDBG）与 JMdict/EDICT（EDRDG），均按 CC BY-SA 4.0 授权。",
        "単語対応は索引作成時に CC-CEDICT（MDBG）と JMdict/EDICT（EDRDG）を参照"
        "します（いずれも CC BY-SA 4.0）。",
        "Word links consult CC-CEDICT (MDBG) and JMdict/EDICT (EDRDG) at build time,"
        " both CC BY-SA 4.0.",
    ),
    "source": ("原词", "原語", "Term"),
    "target": ("对译", "対訳", "Equivalent"),
    "count": ("次数", "回数", "Count"),
    "score": ("得分", "スコア", "Score"),
    "origin": ("来源", "由来", "Origin"),
    "learned": ("学习", "学習", "learned"),
    "links": ("词对齐", "単語対応", "word links"),
    "curated": ("人工", "手動", "curated"),
    "weak": (
        "证据不足，不用于扩展检索",
        "根拠不足・検索拡張に不使用",
        "weak evidence, not used to expand searches",
    ),
    "folding": ("字形", "字形", "folding"),
    "examples": ("例句", "用例", "Examples"),
    "no_entries": ("没有词条。", "該当する語はありません。", "No entries."),
    "export": ("导出", "エクスポート", "Export"),
    "export_hint": (
        "导出全部结果（不止本页）",
        "全件をエクスポート（このページだけでなく）",
        "Every hit, not just this page",
    ),
    "interface": ("界面语言", "表示言語", "Interface language"),
    "json": ("JSON", "JSON", "JSON"),
    "api_docs": ("API 说明", "API 仕様", "API description"),
    "no_index_title": ("尚未建立索引", "索引がまだありません", "No index yet"),
    "no_index_body": (
        "请在服务器上运行 taiyaku build 建立索引，然后刷新本页。",
        "サーバーで taiyaku build を実行して索引を作成し、このページを再読み込みしてください。",
        "Run taiyaku build on the server to create the index, then reload this page.",
    ),
    "error": ("出错了", "エラー", "Error"),
    "back": ("返回搜索", "検索に戻る", "Back to search"),
    "skip": ("跳到结果", "結果へ移動", "Skip to results"),
    "keys_hint": ("按 / 键开始搜索", "/ キーで検索欄へ", "Press / to search"),
    "open_full": ("在 Taiyaku 中打开", "Taiyaku で開く", "Open in Taiyaku"),
    "more": ("更多结果", "さらに表示", "More results"),
    "stats": ("{d} 份文件，{c} 段", "{d} 文書・{c} 節", "{d} documents, {c} clauses"),
    "stats_one": ("{d} 份文件，{c} 段", "{d} 文書・{c} 節", "{d} document, {c} clauses"),
    "n_documents": ("{n} 份文件", "{n} 文書", "{n} documents"),
    "n_documents_one": ("{n} 份文件", "{n} 文書", "{n} document"),
    "n_items": ("{n} 条", "{n} 項目", "{n} items"),
    "n_items_one": ("{n} 条", "{n} 項目", "{n} item"),
    "n_results": ("{n} 条结果", "{n} 件", "{n} results"),
    "n_results_one": ("{n} 条结果", "{n} 件", "{n} result"),
    "filter_on": ("已筛选", "絞り込み中", "filtered"),
    "other_bar": ("其他", "その他", "other"),
    "other_hint": (
        "不属于任何编号条目的命中",
        "番号付きの項目に属さないヒット",
        "hits outside any numbered item",
    ),
    # help and the query-syntax box (#13)
    "help_link": ("检索语法说明", "検索構文の説明", "Query syntax help"),
    "help_title": ("检索语法", "検索構文", "Query syntax"),
    "help_intro": (
        "在中文或日文里输入词语；结果同时显示两种语言，并在两边标出检索词及其译文。点击例子即可检索。",
        "中国語か日本語で語を入力します。結果は両言語で表示され、検索語とその訳語が両側にマークされます。例をクリックすると検索します。",
        "Type words in Chinese or Japanese; results show both languages with the term and its "
        "translation marked on each side. Click an example to run it.",
    ),
    "help_you_type": ("输入", "入力", "You type"),
    "help_it_finds": ("找到", "検索されるもの", "It finds"),
    "help_more": ("完整的检索语法", "検索構文の詳細", "The whole query syntax"),
    "syntax_title": ("检索语法", "検索構文", "Query syntax"),
    "syntax_and": (
        "跨境 数据：同时包含两个词",
        "跨境 数据：両方の語を含む",
        "跨境 数据: both terms",
    ),
    "syntax_or": ("金融 OR 保险：任一词", "金融 OR 保険：いずれか", "金融 OR 保险: either"),
    "syntax_not": ("北京 -金融：排除", "北京 -金融：除外", "北京 -金融: leave out"),
    "syntax_phrase": ('"数字 贸易"：短语', '"数字 贸易"：フレーズ', '"数字 贸易": the phrase'),
    "syntax_side": (
        "zh:跨境 / ja:データ：只查一侧",
        "zh:跨境 / ja:データ：片側のみ",
        "zh:跨境 / ja:データ: one side only",
    ),
    "query_lang": ("按语言检索", "言語を指定", "Read the query as"),
    "lang_zh_only": ("只按中文", "中国語のみ", "Chinese only"),
    "lang_ja_only": ("只按日文", "日本語のみ", "Japanese only"),
    "lang_auto": ("两种语言", "両言語", "both languages"),
    # concordance (KWIC) view
    "view": ("显示方式", "表示", "View"),
    "view_pairs": ("对照", "対訳", "Pairs"),
    "view_kwic": ("索引行 KWIC", "KWIC", "Concordance"),
    "kwic_count": ("{n} 行（{h} 段）", "{n} 行（{h} 節）", "{n} lines in {h} clauses"),
    "kwic_count_one": ("{n} 行（{h} 段）", "{n} 行（{h} 節）", "{n} line in {h} clauses"),
    "kwic_left": ("左文", "左文脈", "Left context"),
    "kwic_keyword": ("检索词", "検索語", "Term"),
    "kwic_right": ("右文", "右文脈", "Right context"),
    "kwic_counterpart": ("译文", "訳語", "Translation"),
    "kwic_sort_hit": ("命中顺序", "ヒット順", "hit order"),
    "kwic_truncated": (
        "只显示前 {h} 段（共 {n} 段）的索引行；请缩小检索范围。",
        "全 {n} 節のうち最初の {h} 節の行のみ表示しています。条件を絞ってください。",
        "Lines of the first {h} of {n} clauses only; narrow the search to see the rest.",
    ),
    "permalink_here": ("本段", "この節", "this clause"),
    "stats_pairs": ("{n} 对齐句对", "対訳 {n} 組", "{n} aligned pairs"),
    "unknown_clause": ("没有这个段落。", "該当する条文はありません。", "No such clause."),
    "unknown_document": ("没有这份文件。", "該当する文書はありません。", "No such document."),
}


def label(key: str, ui: str, **fields: object) -> str:
    """The label ``key`` in language ``ui``, with ``{fields}`` filled in."""
    entry = _LABELS.get(key)
    if entry is None:
        return key
    text = entry[UI_LANGS.index(ui)] if ui in UI_LANGS else entry[2]
    return text.format(**fields) if fields else text


def plural_label(key: str, n: int, ui: str, /, **fields: object) -> str:
    """``key_one`` when ``n`` is 1 and that label exists, else ``key`` (English needs it:
    "1 document", "2 documents"; Chinese and Japanese do not inflect)."""
    one = f"{key}_one"
    return label(one if n == 1 and one in _LABELS else key, ui, **fields)


def choose_ui() -> str:
    """``?ui=`` first, then the cookie, then Accept-Language, then the configured default."""
    asked = request.args.get("ui", "")
    if asked in UI_LANGS:
        return asked
    cookie = request.cookies.get(COOKIE, "")
    if cookie in UI_LANGS:
        return cookie
    best = request.accept_languages.best_match(UI_LANGS)
    if best:
        return best
    default = current_app.config.get("DEFAULT_UI", "en")
    return default if default in UI_LANGS else "en"


def current_ui() -> str:
    if "ui" not in g:
        g.ui = choose_ui()
    return g.ui


def remember_choice(response: Response) -> Response:
    """Keep an explicit ``?ui=`` choice in a cookie for the next pages."""
    asked = request.args.get("ui", "") if "ui" in request.args else ""  # no KeyError raised
    if asked in UI_LANGS and request.cookies.get(COOKIE) != asked:
        response.set_cookie(
            COOKIE,
            asked,
            max_age=365 * 24 * 3600,
            path=request.script_root or "/",
            samesite="Lax",
        )
    return response


def ui_url(code: str) -> str:
    """This very page with the interface switched to ``code`` (respects the mount prefix)."""
    # A refused overlong value is not carried into the links (a 100,000-character query
    # once made the 400 page 2.85 MB: three language links, each repeating it).
    args = [
        (k, v) for k, v in request.args.items(multi=True) if k != "ui" and len(v) <= MAX_QUERY_CHARS
    ] + [("ui", code)]
    return f"{request.script_root}{request.path}?{urlencode(args)}"


def register(app: Flask) -> None:
    app.after_request(remember_choice)

    @app.context_processor
    def labels() -> dict[str, object]:
        def t(key: str, **fields: object) -> str:
            return label(key, current_ui(), **fields)

        def tn(key: str, n: int, /, **fields: object) -> str:
            return plural_label(key, n, current_ui(), **fields)

        return {
            "t": t,
            "tn": tn,
            "ui": current_ui(),
            "ui_langs": UI_LANGS,
            "ui_names": UI_NAMES,
            "html_lang": HTML_LANG[current_ui()],
            "ui_url": ui_url,
        }
