"""Turn one language's paragraphs into clauses that know their heading path.

Levels: the reply letter ("letter") holds points 一、…; an attachment ("attachment",
started by a line 附件 / 付属文書) holds parts 一、…, sections （一）… and items 1.…
Headings are recognised by their numbers (see `headings`), by typesetting (bold, or a
heading mark in plain text) and by position (the first unpunctuated paragraph of the
letter or an attachment is its title; a title printed over adjacent lines, each ending no
sentence, is one heading: readers keep the lines, the title position joins them).
Numbers must run on (n + 1, or 1 to restart); a number out of sequence is an extraction
fault that would silently misfile clauses, so it stops the build with the place named.

Laws and regulations: 第X章 "chapter" (with its title), 第X节/節 "division", 第X条
"article" — the numbered unit of a regulation, what the chart counts and `item:` filters
(`Clause.item`) — and inside an article 第X款/項 "paragraph" and 第X项/号 or （一） 1.
"subitem". The label is kept out of the clause text: "第七条 为了…" is the clause "为了…"
on the path of article 7, whose title is the label as written (第七条 / 第7条).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from indexer.errors import IngestError
from indexer.ingest.headings import Label, parse_label
from indexer.ingest.paragraphs import Paragraph, is_terminated, join_text
from indexer.ingest.sentences import split_clauses

RANK = {"letter": 0, "attachment": 0, "point": 1, "part": 1, "section": 2, "item": 3,
        "chapter": 1, "division": 2, "article": 3, "paragraph": 4, "subitem": 5}  # fmt: skip
LEGAL = ("chapter", "division", "article", "paragraph", "subitem")
_TITLE_END = "。．.；;：:!！?？ "


@dataclass(frozen=True)
class Step:
    """One heading on a path, language-neutral: level, normalised label, number."""

    level: str
    label: str
    number: int

    @property
    def code(self) -> str:
        """URL-safe component of a clause id."""
        if self.level == "letter":
            return "l"
        if self.level == "attachment":
            return "a" if self.number == 1 else f"a{self.number}"
        return str(self.number)


Path = tuple[Step, ...]
LETTER = Step("letter", "", 0)


@dataclass(frozen=True)
class Piece:
    """One clause of one language, before alignment."""

    path: Path
    kind: str  # "heading" | "text"
    text: str
    line: int


@dataclass
class Outline:
    """A language side of a source: its clauses in order and each path's heading title."""

    pieces: list[Piece] = field(default_factory=list)
    titles: dict[Path, str] = field(default_factory=dict)


def heading_title(text: str) -> str:
    """Heading text as shown on a path: without trailing punctuation."""
    return text.strip().rstrip(_TITLE_END)


@dataclass
class _State:
    name: str
    lang: str
    outline: Outline = field(default_factory=Outline)
    path: Path = (LETTER,)
    expect_title: bool = True
    last: dict[tuple[Path, str], int] = field(default_factory=dict)
    title: tuple[int, str] | None = None  # last line and raw text of a positional title

    def emit(self, kind: str, text: str, line: int) -> None:
        self.outline.pieces.append(Piece(self.path, kind, text, line))

    def emit_body(self, text: str, line: int) -> None:
        for clause in split_clauses(text):
            self.emit("text", clause, line)

    def heading(self, title: str, line: int) -> None:
        self.outline.titles.setdefault(self.path, heading_title(title))
        self.emit("heading", heading_title(title), line)


def parse_structure(paragraphs: list[Paragraph], name: str, lang: str) -> Outline:
    """Clauses with paths for the paragraphs of one language of one source."""
    state = _State(name, lang)
    for p in paragraphs:
        if p.shared or p.item:
            state.title = None
            if p.item:  # a list item's number is no heading number
                state.emit_body(p.text, p.line)
            else:
                state.emit("text", p.text, p.line)
            continue
        label = parse_label(p.text)
        if label is None:
            _unlabelled(state, p)
            continue
        state.title = None
        if label.kind == "marker":
            name = "附件" if label.number == 1 else f"附件{label.number}"
            state.path = (Step("attachment", name, label.number),)
            state.emit("heading", p.text, p.line)
            state.expect_title = True
        elif label.kind == "reference":
            state.path = (LETTER,)
            state.emit_body(p.text, p.line)
        else:
            _numbered(state, p, label)
    return state.outline


def _unlabelled(state: _State, p: Paragraph) -> None:
    if _continues_title(state, p):
        _extend_title(state, p)
        return
    state.title = None
    if p.bold or (state.expect_title and not is_terminated(p.text)):
        state.heading(p.text, p.line)
        state.title = None if p.bold else (p.line, p.text)
    else:
        state.emit_body(p.text, p.line)
    state.expect_title = False


def _continues_title(state: _State, p: Paragraph) -> bool:
    """The next line of a positional title: adjacent, unmarked, ending no sentence."""
    t = state.title
    return t is not None and p.line == t[0] + 1 and not p.bold and not is_terminated(p.text)


def _extend_title(state: _State, p: Paragraph) -> None:
    assert state.title is not None
    raw = join_text(state.title[1], p.text)
    last = state.outline.pieces[-1]
    state.outline.pieces[-1] = Piece(last.path, last.kind, heading_title(raw), last.line)
    if state.outline.titles.get(last.path) == heading_title(state.title[1]):
        state.outline.titles[last.path] = heading_title(raw)
    state.title = (p.line, raw)


def _numbered(state: _State, p: Paragraph, label: Label) -> None:
    if label.kind in LEGAL:
        _legal(state, p, label)
        return
    in_attachment = state.path[0].level == "attachment"
    level = {"paren": "section", "arabic": "item"}.get(label.kind)
    if level and any(s.level == "article" for s in state.path):
        _legal(state, p, Label("subitem", label.number, label.label, label.rest, label.label))
        return
    level = level or ("part" if in_attachment else "point")
    _check_sequence(state, level, label, p.line)
    base = tuple(s for s in state.path if RANK[s.level] < RANK[level])
    state.path = (*base, Step(level, label.label, label.number))
    state.expect_title = False
    if level == "point":
        state.emit_body(label.rest, p.line)
        return
    clauses = split_clauses(label.rest) or [""]
    state.heading(clauses[0], p.line)
    state.emit_body("".join(clauses[1:]), p.line)


def _legal(state: _State, p: Paragraph, label: Label) -> None:
    """A 第X… unit: its label on the path (title: the label as written), its text as
    clauses; a chapter's or division's text after the label is its heading."""
    level = label.kind
    _check_sequence(state, level, label, p.line)
    base = tuple(s for s in state.path if RANK[s.level] < RANK[level])
    state.path = (*base, Step(level, label.label, label.number))
    state.expect_title = False
    if level in ("chapter", "division"):
        state.outline.titles.setdefault(
            state.path, f"{label.written} {heading_title(label.rest)}".strip()
        )
        if label.rest:
            state.emit("heading", heading_title(label.rest), p.line)
        return
    state.outline.titles.setdefault(state.path, label.written)
    state.emit_body(label.rest, p.line)


def _check_sequence(state: _State, level: str, label: Label, line: int) -> None:
    key = (state.path[:1], level)
    last = state.last.get(key)
    if label.number != 1 and label.number != (last or 0) + 1:
        raise IngestError(
            f"{state.name}: line {line}: {state.lang} heading {label.label} follows "
            f"{last if last is not None else 'nothing'} at level {level}: "
            "heading numbers out of sequence"
        )
    state.last[key] = label.number


@dataclass(frozen=True)
class Side:
    """One language of one top-level part, as chosen from a source."""

    source: str
    pieces: tuple[Piece, ...]
    titles: dict[Path, str]
