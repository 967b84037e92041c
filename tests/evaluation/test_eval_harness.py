"""The spotting evaluation (`python -m eval`, `make eval`) runs end to end and counts right.

Not its figures' levels: the harness itself. A small slice of one outside source is added
as `taiyaku add` adds it, searched through `GET /api/search`, and the table is printed; the
judging rule is checked on made-up marks; every hand-written case file is well formed and
has the mix the evaluation promises (per source at least 150 cases, half per direction, at
least 60% random draws); the held-out test source is never printed without `--test`, and
a sealed source is neither indexed nor printed without `--sealed`.
"""

from __future__ import annotations

import dataclasses
from collections import Counter

import pytest

from eval.__main__ import _args, main, pick_sources
from eval.cases import Case, read_cases, read_seed_cases
from eval.metrics import judge, wilson
from eval.sources import SOURCES


def test_a_slice_runs_end_to_end(capsys):
    assert main(["--only", "tatoeba", "--limit", "12", "--no-seed-cases"]) == 0
    out = capsys.readouterr().out
    assert "indexed: seed + tatoeba" in out
    row = next(line for line in out.splitlines() if line.strip().startswith("tatoeba (dev)"))
    assert row.split()[2] == "12"  # n: every case of the slice was asked and judged
    assert "by kind" in out and "by direction" in out


@pytest.mark.parametrize("source", sorted(SOURCES))
def test_case_files_are_well_formed(source):
    cases = read_cases(source)  # raises on a term or rendering that is not in the pair
    assert len(cases) >= 150
    dirs = Counter(c.dir for c in cases)
    assert dirs["zh2ja"] == dirs["ja2zh"]
    assert sum(c.kind == "random" for c in cases) >= 0.6 * len(cases)
    assert len({(c.dir, c.pair, c.term) for c in cases}) == len(cases), "a case is repeated"


def test_the_seed_cases_are_read_as_in_sample():
    seed = read_seed_cases()
    assert len(seed) > 1000 and {c.source for c in seed} == {"seed"}


def test_the_held_out_source_is_not_printed_without_test(capsys, monkeypatch):
    """The runner reports only development sources unless asked for the final figures."""
    from eval import report

    shown: list[str] = []
    monkeypatch.setattr(
        report,
        "full",
        lambda indexed, cases, misses: shown.extend(sorted({c.source for c in cases})),
    )
    main(["--no-seed-cases"])
    test_sources = {s for s, src in SOURCES.items() if src.split == "test"}
    assert not test_sources & set(shown)
    assert ("not reported" in capsys.readouterr().out) == bool(test_sources)


@pytest.fixture
def sealed(monkeypatch) -> set[str]:
    """The sealed sources. Between a round that opened its sealed source and the next
    one's, none may be declared: a test source then stands in, sealed for the test (the
    machinery is what is tested, not which source it holds)."""
    names = {s for s, src in SOURCES.items() if src.split == "sealed"}
    if not names:
        name = sorted(s for s, src in SOURCES.items() if src.split == "test")[-1]
        monkeypatch.setitem(SOURCES, name, dataclasses.replace(SOURCES[name], split="sealed"))
        names = {name}
    return names


@pytest.mark.parametrize(
    "argv", [[], ["--test"], ["--stability"], ["--stability", "--test"], ["--misses", "--test"]]
)
def test_a_sealed_source_is_neither_indexed_nor_printed_without_sealed(
    argv, capsys, monkeypatch, sealed
):
    """Until `--sealed` opens it, a sealed source's text must not reach the index (it could
    move the other sources' figures) nor its figures the screen. The build is replaced by a
    recorder: nothing is indexed or searched here."""
    from eval import report

    seen: dict[str, set[str]] = {}

    def record(indexed, cases):
        seen["indexed"], seen["shown"] = set(indexed), {c.source for c in cases}

    monkeypatch.setattr(report, "full", lambda indexed, cases, misses: record(indexed, cases))
    monkeypatch.setattr(report, "stability", lambda indexed, _, cases: record(indexed, cases))
    assert main(["--no-seed-cases", *argv]) == 0
    assert not sealed & (seen["indexed"] | seen["shown"])
    assert "sealed source(s) neither indexed nor reported" in capsys.readouterr().out
    indexed, shown = pick_sources(_args(argv))
    assert not sealed & (set(indexed) | set(shown))


def test_only_a_sealed_source_needs_sealed(capsys, sealed):
    name = sorted(sealed)[0]
    with pytest.raises(SystemExit) as stop:
        _args(["--only", name])
    assert stop.value.code == 2
    assert "--sealed" in capsys.readouterr().err.splitlines()[-1]


def test_sealed_opens_the_sealed_source(sealed):
    indexed, shown = pick_sources(_args(["--sealed"]))
    assert set(indexed) >= sealed and set(shown) >= sealed
    assert not {s for s in shown if SOURCES[s].split == "test"}, "--test still gates the test"


def _case(counterpart: tuple[str, ...]) -> Case:
    return Case("x", "zh2ja", "x.u.1", "跨境", counterpart, "random")


@pytest.mark.parametrize(
    ("counterpart", "marks", "found", "sure", "wrong"),
    [
        (("越境",), [(2, 4, "counterpart")], 1, 1, 0),  # the rendering, sure
        (("越境",), [(2, 4, "probable")], 1, 0, 0),  # the rendering, probable only
        (("越境",), [(0, 2, "counterpart")], 0, 0, 1),  # another word
        (("越境",), [(2, 4, "counterpart"), (0, 2, "probable")], 1, 1, 1),  # right and wrong
        ((), [(0, 2, "counterpart")], 0, 0, 1),  # the translation left it out: any mark is wrong
        ((), [], 0, 0, 0),
        (("越境",), [(0, 4, "query")], 0, 0, 0),  # query marks are not counterpart marks
    ],
)
def test_judging(counterpart, marks, found, sure, wrong):
    t = judge(_case(counterpart), "資金越境流動", marks)
    assert (t.found, t.found_sure, t.wrong_cases) == (found, sure, wrong)


def test_a_missing_pair_is_a_miss():
    t = judge(_case(("越境",)), None, [])
    assert (t.found, t.pair_missing, t.with_counterpart) == (0, 1, 1)


def test_wilson_interval():
    lo, hi = wilson(95, 100)
    assert 0.88 < lo < 0.89 and 0.97 < hi < 0.98
    assert wilson(0, 0) == (0.0, 1.0)
    assert wilson(0, 10)[0] == 0.0 and wilson(10, 10)[1] == pytest.approx(1.0)


def test_rows_with_long_ids_are_found_by_their_order(tmp_path):
    """The ingester keeps short row ids and numbers the others: cases still find their pair."""
    import json

    from eval.cases import clause_id
    from eval.runner import _clause_ids
    from eval.sources import read_pairs

    ids = list(read_pairs("firefox"))
    long_one = next(i for i, p in enumerate(ids) if len(p) > 40)
    gen = tmp_path / "gen-1"
    gen.mkdir()
    rows = [{"id": f"firefox.u.{n + 1}", "doc_id": "firefox", "order": n} for n in range(len(ids))]
    (gen / "clauses.jsonl").write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    got = _clause_ids(tmp_path)
    assert got[clause_id("firefox", ids[long_one])] == f"firefox.u.{long_one + 1}"


def test_the_rule_writes_a_user_dictionary_for_the_evaluations_corpus(tmp_path):
    """`--userdict-by-rule`: the rule applied to the seed plus an outside source finds that
    source's words too (what `make userdict` gives a user on their own data)."""
    import subprocess
    import sys

    from analyzers.userdict import HEADER
    from settings import PROJECT_ROOT

    out = tmp_path / "userdict_zh.txt"
    done = subprocess.run(
        [sys.executable, "-m", "eval.rule_userdict", str(out), "tatoeba"],
        capture_output=True,
        text=True,
        cwd=PROJECT_ROOT,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    words = {ln.split()[0] for ln in out.read_text("utf-8").splitlines() if ln[:1] != "#"}
    shipped = (PROJECT_ROOT / "data" / "userdict_zh.txt").read_text("utf-8")
    seed = {ln.split()[0] for ln in shipped.splitlines() if ln[:1] != "#"}
    tatoeba = (PROJECT_ROOT / "eval" / "corpora" / "tatoeba" / "pairs.tsv").read_text("utf-8")
    assert out.read_text("utf-8").startswith(HEADER)
    assert words - seed and all(w in tatoeba for w in words - seed)
