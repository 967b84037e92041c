"""``/help``: the query syntax, in the interface language, linked from every search form.

The syntax (AND/OR/NOT, phrases, prefixes, one-side and filter prefixes, sentence lookup)
was documented only in the README, which users of the web page never see. Each row is an
example query (a link that runs it) and what it finds, in zh / ja / en.
"""

from __future__ import annotations

from flask import Blueprint, render_template

from search_app.i18n import UI_LANGS, current_ui

bp = Blueprint("help", __name__)

# (example query, extra URL parameters, (zh, ja, en) explanation)
SYNTAX: list[tuple[str, dict[str, str], tuple[str, str, str]]] = [
    (
        "跨境 数据",
        {},
        (
            "空格分隔＝同时包含所有词（AND）。只含部分词的段落排在后面并标注“只含部分检索词”。",
            "スペース区切り＝すべての語を含む（AND）。一部の語だけを含む節は後ろに並び、「一部の語のみ」と表示されます。",
            "Space = every term (AND). Clauses with only some of the terms follow, flagged "
            "“some terms only”.",
        ),
    ),
    (
        "金融 OR 保险",
        {},
        ("OR＝包含任一词。", "OR＝いずれかの語を含む。", "OR = either term."),
    ),
    (
        "北京 -金融",
        {},
        (
            "-词 或 NOT 词＝排除包含该词的段落。",
            "-語 または NOT 語＝その語を含む節を除外。",
            "-word or NOT word = leave out clauses containing it.",
        ),
    ),
    (
        '"数字 贸易"',
        {},
        (
            "英文双引号＝短语，按顺序连续出现。",
            "半角の二重引用符＝フレーズ（この順に続けて現れる）。",
            "ASCII double quotes = a phrase, the words in this order.",
        ),
    ),
    (
        "財産*",
        {},
        ("词尾加 *＝前缀匹配。", "語末の *＝前方一致。", "A trailing * = prefix match."),
    ),
    (
        "zh:跨境",
        {},
        (
            "zh: 或 ja:＝只在中文或日文一侧检索，不经对译词扩展。",
            "zh: または ja:＝中国語側または日本語側だけを検索（対訳語で広げない）。",
            "zh: or ja: = one side only, with no cross-language expansion.",
        ),
    ),
    (
        "数据 item:24",
        {},
        (
            "doc:文件编号、item:条目号＝筛选（也可用页面左侧的筛选）。",
            "doc:文書ID、item:項番号＝絞り込み（画面の絞り込みと同じ）。",
            "doc:ID and item:N = filters (the same as the facets beside the results).",
        ),
    ),
    (
        "推进资金跨境流动便利",
        {"mode": "tm"},
        (
            "粘贴整句（或 mode=tm）＝按相似度查找，像翻译记忆库一样，显示相似度和不同之处。",
            "文をそのまま貼り付け（または mode=tm）＝翻訳メモリのように類似度で検索し、"
            "一致率と相違箇所を表示。",
            "Paste a whole sentence (or mode=tm) = look it up by similarity, as a translation "
            "memory does, with a match percentage and the differences.",
        ),
    ),
]

NOTES: list[tuple[str, str, str]] = [
    (
        "输入的任何一段文字都会作为子串查找：ウェア 可以找到 ソフトウェア（标注“字符串匹配”）。",
        "入力した文字列は部分一致でも検索されます：ウェア で ソフトウェア が見つかります"
        "（「部分一致」と表示）。",
        "Any piece you type is also found inside longer words: ウェア finds ソフトウェア "
        "(flagged “substring match”).",
    ),
    (
        "简体、繁体和日文汉字视为同一字（贸易＝貿易），"
        "对译词表把没有共同汉字的词连起来（跨境 → クロスボーダー）。",
        "簡体字・繁体字・日本の漢字は同じ字として扱い（贸易＝貿易）、"
        "共通の漢字がない語は対訳語集でつなぎます（跨境 → クロスボーダー）。",
        "Simplified, traditional and Japanese kanji count as one (贸易 = 貿易); the glossary "
        "links words with no kanji in common (跨境 → クロスボーダー).",
    ),
    (
        "标点不属于检索词：「知識産権」和 知識産権 相同。",
        "句読点や括弧は検索語に含まれません：「知識産権」と 知識産権 は同じです。",
        "Punctuation is not part of a term: 「知識産権」 is the same as 知識産権.",
    ),
    (
        "结果视图：“对照”逐段显示中日对照；“索引行”（KWIC）每次出现一行，检索词居中，旁边是译文，可按左右上下文或译文排序。",
        "表示：「対訳」は節ごとに中日を並べ、「KWIC」は出現ごとに1行、検索語を中央に訳語を横に表示し、左右の文脈や訳語で並べ替えられます。",
        "Views: “pairs” shows each clause side by side; “concordance” (KWIC) one line per "
        "occurrence, the term centred and its translation beside it, sortable by left or "
        "right context or by translation.",
    ),
]


@bp.get("/help")
def help_page() -> str:
    col = UI_LANGS.index(current_ui())
    rows = [(q, extra, text[col]) for q, extra, text in SYNTAX]
    notes = [n[col] for n in NOTES]
    return render_template("help.html", rows=rows, notes=notes)
