"""Parse what a user types into a small plan: groups of terms, exclusions and filters.

Punctuation is not part of a term: commas, full stops, brackets, middle dots, CJK quotation
marks and every kind of space separate terms (`separate`), so `「知識産権」`, `知識産権。` and
`知識産権` are the same query. Inside a run of Latin letters and digits, a `.`, `_` or `/`
(and a `,` between digits) is part of the token, as in `3.5`, `Node.js`, `str.format`,
`snake_case`, `TCP/IP` and `1,000`: one term that matches as written, not `3` and `5`
anywhere in the clause. Only ASCII `"…"` makes a phrase, and a pair of CJK or curly
quotation marks around text with a space in it (what a smart-quote keyboard makes of
`"数字 贸易"`); around one run they are the punctuation a pasted term carries.

The syntax is deliberately forgiving: plain words (AND), `"phrases"`, `OR`, `-word` or
`NOT word`, `prefix*`, and fields `zh:` `ja:` `doc:` `item:`. Nothing here raises: an
unbalanced quote runs to the end of the query, stray operators are dropped, and a query
made only of operators is searched as the plain words it contains. A query made only of
exclusions (`-金融`, `NOT 金融`) keeps them: it means every clause without them (the
engine lists those in document order), never the excluded word itself.

>>> p = parse('跨境 "数据 安全" OR データ -金融 item:24')
>>> [[t.text for t in g] for g in p.groups], [t.text for t in p.excluded], p.item
([['跨境'], ['数据 安全', 'データ']], ['金融'], '24')
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

FIELDS = ("zh", "ja", "doc", "item")
MAX_TERMS = 32  # more terms than this add nothing a reader wants and cost time per term
_PIECE = re.compile(r'(-?)(?:(\w+):)?(?:"([^"]*)(?:"|$)|(\S+))')


@dataclass(frozen=True)
class Term:
    """One thing to look for; `text` is a word, a run of words, or a quoted phrase."""

    text: str
    phrase: bool = False
    prefix: bool = False
    field: str | None = None  # "zh" | "ja" restrict the side searched


@dataclass
class Plan:
    groups: list[list[Term]] = field(default_factory=list)  # AND of groups, OR inside one
    excluded: list[Term] = field(default_factory=list)
    doc: str | None = None
    item: str | None = None
    dropped: int = 0  # terms beyond MAX_TERMS (or repeated) that were ignored

    @property
    def terms(self) -> list[Term]:
        return [t for g in self.groups for t in g]

    def is_empty(self) -> bool:
        """Nothing to look for, to leave out or to filter by."""
        return not self.groups and not self.excluded and not (self.doc or self.item)

    @property
    def browses(self) -> bool:
        """No term to rank by (only filters or exclusions): a listing in document order."""
        return not self.groups


SYNTAX = frozenset('"-*:|&+')  # the ASCII characters the syntax below gives a meaning
_QUOTES = re.compile(r"“([^”]*)”|「([^」]*)」|『([^』]*)』|‘([^’]*)’|《([^》]*)》")
_FIELD_PIECE = re.compile(r"-?(?:doc|item):\S+", re.IGNORECASE)
# Syntax typed with a Japanese or Chinese input method, or pasted: full-width forms of
# the ASCII operators, and a minus sign or hyphen before a term (－金融, −金融: "without").
_WIDE_SYNTAX = str.maketrans("＂＊：｜＆＋", '"*:|&+')
_MINUS = re.compile(r"(?:(?<=\s)|^)[\u2010\u2011\u2012\u2013\u2212\ufe63\uff0d](?=[^\s])")


def separate(q: str) -> str:
    """Punctuation and spaces of any width become plain spaces; the syntax stays.

    >>> separate("「知識産権」、（跨境）・クロスボーダー。")
    ' 知識産権   跨境  クロスボーダー '
    >>> separate("“数字 贸易” doc:gh.1")
    ' "数字 贸易"  doc:gh.1'
    >>> separate("－金融 −保险 北京－上海 ｜ ＂数字 贸易＂")
    '-金融 -保险 北京 上海 | "数字 贸易"'
    """
    q = _MINUS.sub("-", q.translate(_WIDE_SYNTAX))

    def quoted(m: re.Match[str]) -> str:
        inner = next(g for g in m.groups() if g is not None)
        return f' "{inner}" ' if len(inner.split()) > 1 else f" {inner} "

    q = _QUOTES.sub(quoted, q)
    pieces = re.split(r"(\s+)", q)
    return "".join(
        p
        if _FIELD_PIECE.fullmatch(p)
        else "".join(
            c if c.isalnum() or c in SYNTAX or joined(p, n) else " " for n, c in enumerate(p)
        )
        for p in pieces
    )


JOINERS = "._/"  # inside a Latin token: 3.5, Node.js, snake_case, TCP/IP


def joined(piece: str, n: int) -> bool:
    """Whether the punctuation at `piece[n]` is inside a Latin token (ASCII letters or
    digits on both sides): `.`, `_` or `/`, or a `,` between digits (1,000).

    >>> separate("3.5% Node.js TCP/IP 1,000 snake_case"), separate("跨境.数据 a. b 1, 2")
    ('3.5  Node.js TCP/IP 1,000 snake_case', '跨境 数据 a  b 1  2')
    """
    c = piece[n]
    if not 0 < n < len(piece) - 1:
        return False
    before, after = piece[n - 1], piece[n + 1]
    if c == ",":
        return before.isascii() and before.isdigit() and after.isascii() and after.isdigit()
    return c in JOINERS and _latin(before) and _latin(after)


def _latin(c: str) -> bool:
    return c.isascii() and c.isalnum()


def parse(q: str) -> Plan:
    """Turn a (normalised) query string into a Plan; never raises."""
    plan = Plan()
    q = separate(q)
    pending_or = negate_next = False
    for m in _PIECE.finditer(q):
        minus, fname, quoted, bare = m.groups()
        fname = fname.lower() if fname and fname.lower() in FIELDS else None
        if fname is None and m.group(2):  # "foo:bar" with an unknown field: plain text
            bare = m.group(0).lstrip("-") if quoted is None else m.group(2) + ":" + quoted
            quoted = None if quoted is None else bare
        if quoted is None and bare in ("OR", "|", "||"):
            pending_or = bool(plan.groups)
            continue
        if quoted is None and bare in ("AND", "&&", "+"):
            continue
        if quoted is None and bare == "NOT":
            negate_next = True
            continue
        term = _term(quoted, bare, fname)
        if fname in ("doc", "item"):
            setattr(plan, fname, term.text.strip(".") or None)
        elif term is None:
            continue
        elif minus or negate_next:
            plan.excluded.append(term)
        elif pending_or:
            plan.groups[-1].append(term)
        else:
            plan.groups.append([term])
        pending_or = negate_next = False
    if not plan.groups and not plan.excluded and not (plan.doc or plan.item):
        plan.groups = [[Term(w)] for w in re.findall(r"[^\s\"*()\-]+", q) if w not in FIELDS]
    return _bounded(plan)


def _bounded(plan: Plan) -> Plan:
    """Drop repeated groups and anything past MAX_TERMS, counting what was dropped."""
    seen: list[list[Term]] = []
    budget = MAX_TERMS
    for g in plan.groups:
        g = list(dict.fromkeys(g))[:budget]
        if g and g not in seen:
            seen.append(g)
            budget -= len(g)
        if budget <= 0:
            break
    kept = sum(len(g) for g in seen)
    excluded = list(dict.fromkeys(plan.excluded))[: max(0, MAX_TERMS - kept)]
    plan.dropped = len(plan.terms) + len(plan.excluded) - kept - len(excluded)
    plan.groups, plan.excluded = seen, excluded
    return plan


def _term(quoted: str | None, bare: str | None, fname: str | None) -> Term | None:
    if quoted is not None:
        text = " ".join(quoted.split())
        return Term(text, phrase=True, field=_side(fname)) if text else None
    text = (bare or "").strip()
    prefix = text.endswith("*") and len(text.strip("*")) > 0
    text = text.strip("*").strip("()[]{}")
    if fname in ("doc", "item"):
        return Term(text)
    return Term(text, prefix=prefix, field=_side(fname)) if text else None


def _side(fname: str | None) -> str | None:
    return fname if fname in ("zh", "ja") else None
