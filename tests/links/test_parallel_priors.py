"""Prior knowledge learned offline from open parallel text (evidence O): the generator keeps
the word pairs Model 1 agrees on, the build reads its table as a prior of the aligner, the
switch turns it off, and the server never loads it."""

from __future__ import annotations

import gzip
import importlib.util
import struct
import subprocess
import sys
from pathlib import Path

import pytest

from indexer import glossary
from indexer.dictionaries.parallel import PRIORS, parallel_pairs
from indexer.links import learn
from indexer.links.pair_words import PairTokens, side
from indexer.links.priors import evidence, read_lexicon
from indexer.records import Clause

ROOT = Path(__file__).resolve().parents[2]


def _generator(name: str = "learn_priors"):
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _codes(zh: str, ja: str, table: dict, skip: frozenset[str] = frozenset()) -> dict:
    p = PairTokens(("t.0",), side(zh, "zh"), side(ja, "ja"))
    lex = read_lexicon(glossary.Glossary({"zh": {}, "ja": {}}), None, {}, parallel=table)
    return {(p.zh.keys[i], p.ja.keys[k]): cs for (i, k), cs in evidence(p, lex, skip).items()}


def test_a_table_written_by_the_generator_is_read_folded(tmp_path: Path):
    path = tmp_path / "priors.tsv.gz"
    with gzip.open(path, "wt", encoding="utf-8") as f:
        f.write("# provenance\n哭\t泣い\t22\t0.379\n哭\t泣く\t5\t0.2\n权柄\t権威\t46\t0.541\n")
    table = parallel_pairs(path)
    assert table["哭"] == {"泣い", "泣く"}
    assert table["權柄"] == {"權威"}  # both sides folded as the build's keys are
    assert parallel_pairs(tmp_path / "missing.tsv.gz") == {}


def test_a_learned_pair_is_evidence_o_and_the_switch_leaves_it_out():
    table = {"泣い": frozenset(), "哭": frozenset({"泣い"})}
    assert "O" in _codes("他哭了", "彼は泣いた", table)["哭", "泣い"]
    assert ("哭", "泣い") not in _codes("他哭了", "彼は泣いた", table, frozenset({"O"}))
    assert ("哭", "泣い") not in _codes("他哭了", "彼は泣いた", {})


def _links(pairs: list[tuple[str, str]]) -> list[tuple[str, str, str]]:
    """(zh, ja, codes) of every link of a one-document corpus."""
    cls = [
        Clause(id=f"t.{i}", doc_id="t", order=i, path=(), kind="text", zh=z, ja=j)
        for i, (z, j) in enumerate(pairs)
    ]
    out = learn.learn_links(cls, glossary.learn(cls))
    return [(c.zh[a:b], c.ja[x:y], cs) for c in cls for a, b, x, y, _, cs in out[c.id]]


def test_a_prior_links_the_whole_word_a_one_pair_document_cannot_learn(monkeypatch):
    # One pair: the document alone sees 歌 in both 唱歌 and 歌っ (a shared kanji), not
    # that 唱歌 as a whole is sung.
    pair = [("他们祷告然后唱歌", "彼らは歌ってから祈った")]
    monkeypatch.setattr(learn, "parallel_pairs", lambda: {"唱歌": frozenset({"歌っ"})})
    assert ("唱歌", "歌っ") in {(z, j) for z, j, cs in _links(pair) if "O" in cs}
    monkeypatch.setenv("TAIYAKU_PARALLEL_PRIORS", "0")  # the setting switches it off
    links = _links(pair)
    assert ("唱歌", "歌っ") not in {(z, j) for z, j, _ in links}
    assert not any("O" in cs for _, _, cs in links)


def test_the_generator_keeps_pairs_both_directions_agree_on_and_drops_grammar():
    gen = _generator()
    pairs = [
        ("他们祷告", "彼らは祈った"),
        ("我们一起祷告", "わたしたちは共に祈った"),
        ("她祷告了很久", "彼女は長く祈った"),
        ("孩子们祷告", "子供たちは祈った"),
        ("他们唱歌", "彼らは歌った"),
        ("我们一起唱歌", "わたしたちは共に歌った"),
    ]
    rows = gen.kept(*gen.agreed_links(pairs))
    found = {(z, j) for z, j, _, _ in rows}
    assert ("禱告", "祈っ") in found
    assert all(n >= gen.MIN_AGREED and dice >= gen.MIN_SHARE for _, _, n, dice in rows)
    assert not any(j in ("は", "た") for _, j in found)  # grammar is no translation


def test_the_generator_keeps_a_pronoun_or_a_kana_word_the_statistics_pair():
    # わたし and 我 are function words to the rules, yet each translates the other: the
    # statistics keep them; light verbs (いる) and formal nouns pair with nothing steadily.
    gen = _generator()
    pairs = [
        ("我祷告", "わたしは祈っている"),
        ("我唱歌", "わたしは歌っている"),
        ("我工作", "わたしは働いている"),
        ("我吃饭", "わたしは食べている"),
    ]
    found = {(z, j) for z, j, _, _ in gen.kept(*gen.agreed_links(pairs))}
    assert ("我", "わたし") in found
    assert not any(j == "いる" for _, j in found)


def test_a_prior_links_function_words_that_have_a_meaning(monkeypatch):
    # 我 and わたし are function words: the aligner's guess between them makes no link,
    # the learned pair does (and the switch takes it away).
    pair = [("我祷告", "わたしは祈った")]
    monkeypatch.setattr(learn, "parallel_pairs", lambda: {"我": frozenset({"わたし"})})
    assert ("我", "わたし") in {(z, j) for z, j, cs in _links(pair) if "O" in cs}
    monkeypatch.setenv("TAIYAKU_PARALLEL_PRIORS", "0")
    assert ("我", "わたし") not in {(z, j) for z, j, _ in _links(pair)}


def test_catalogues_pair_on_their_message_without_accelerators_or_evaluation_sources(
    tmp_path: Path,
):
    gen = _generator("assemble_catalog_pairs")
    assert gen.clean("ファイル(_F)") == "ファイル" and gen.clean("打开(&O)…") == "打开…"
    for lang in ("zh_CN", "ja"):
        for name in ("gimp20.mo", "firefox.mo"):
            folder = tmp_path / lang / "LC_MESSAGES"
            folder.mkdir(parents=True, exist_ok=True)
            (folder / name).write_bytes(b"")
    assert [z.name for z, _ in gen.pairs_of([tmp_path])] == ["gimp20.mo"]


def _mo(path: Path, messages: dict[str, str]) -> None:
    """A GNU `.mo` file of the messages (the format `gettext` reads)."""
    messages = {"": "Content-Type: text/plain; charset=UTF-8\n", **messages}
    keys = sorted(messages)
    ids = [k.encode() for k in keys]
    strs = [messages[k].encode() for k in keys]
    start = 7 * 4 + 16 * len(keys)
    table, blob = [], b""
    for data in ids + strs:
        table.append((len(data), start + len(blob)))
        blob += data + b"\0"
    head = struct.pack("<7I", 0x950412DE, 0, len(keys), 28, 28 + 8 * len(keys), 0, 0)
    path.write_bytes(head + b"".join(struct.pack("<2I", *t) for t in table) + blob)


def test_catalogues_leave_out_translator_credits(tmp_path: Path):
    gen = _generator("assemble_catalog_pairs")
    _mo(tmp_path / "k.mo", {"Open": "打开", "Your names": "张三", "EMAIL OF TRANSLATORS": "z@x"})
    assert gen.catalog(tmp_path / "k.mo") == {"Open": "打开"}


def test_the_shipped_table_is_read_and_compact():
    table = parallel_pairs()
    assert PRIORS.stat().st_size < 2_000_000
    assert len(table) > 1000
    assert "イスラエル" in table["以色列"]
    with gzip.open(PRIORS, "rt", encoding="utf-8") as f:
        header = [line for line in f if line.startswith("#")]
    assert any("sha256" in line for line in header)  # its provenance travels with it


@pytest.mark.parametrize("module", ["search_app", "engine.service"])
def test_the_server_never_loads_the_priors(module: str):
    code = (
        f"import sys, {module}; "
        "from search_app import create_app; create_app({'TESTING': True}); "
        "sys.exit('indexer.dictionaries.parallel' in sys.modules)"
    )
    assert subprocess.run([sys.executable, "-c", code], cwd=ROOT).returncode == 0
