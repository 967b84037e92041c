"""JapaneseAnalyzer's fast path (MeCab records, one parse per text) against the node path.

The fast path names a dictionary word by surface, left/right context ids and word cost,
and learns its POS and orthBase (`%f[0]`, `%f[10]`) once. That is only sound for a
dictionary where those numbers tell a surface's entries apart, and where every entry has
an orthBase field (MeCab fails on an index past the last field and fugashi then crashes
the process): the fast path is enabled only for the dictionary checked here.
"""

import csv
import struct
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from text_strategies import cjk_text

from analyzers import japanese

ROOT = Path(__file__).resolve().parents[2]
SEED_LINES = sorted(
    {
        ln.strip()
        for f in sorted((ROOT / "data").glob("0*.txt"))
        for ln in f.read_text(encoding="utf-8").splitlines()
        if ln.strip()
    }
)


def _safe(text: str) -> str:
    return japanese._FULLWIDTH.sub(japanese._fullwidth, japanese._UNSAFE.sub(" ", text))


def dictionary_entries(path: Path) -> list[list[tuple[int, int, int, str]]]:
    """Per surface of a MeCab .dic file, its entries as (left id, right id, cost, features).

    The double array (Darts) marks the end of a surface at unit i with check == i and a
    negative base; -base - 1 packs the surface's first token (>> 8) and count (& 0xff).
    """
    data = path.read_bytes()
    dsize, tsize, fsize = struct.unpack_from("<3I", data, 24)
    units = struct.iter_unpack("<iI", data[72 : 72 + dsize])
    tokens = list(struct.iter_unpack("<HHHhII", data[72 + dsize : 72 + dsize + tsize]))
    features = data[72 + dsize + tsize : 72 + dsize + tsize + fsize]

    def feature(offset: int) -> str:
        return features[offset : features.index(b"\0", offset)].decode()

    out = []
    for i, (base, check) in enumerate(units):
        if check == i and base < 0:
            first, count = (-base - 1) >> 8, (-base - 1) & 0xFF
            out.append(
                [
                    (lc, rc, cost, feature(f))
                    for lc, rc, _, cost, f, _ in tokens[first : first + count]
                ]
            )
    return out


def _fields(raw: str) -> list[str]:
    return next(csv.reader([raw])) if '"' in raw else raw.split(",")


def test_fast_path_is_on_for_the_checked_dictionary():
    info = japanese.tagger().dictionary_info[0]
    assert {k: info[k] for k in japanese.CHECKED_DICTIONARY} == japanese.CHECKED_DICTIONARY
    assert japanese._records


def test_checked_dictionary_entries_are_named_by_ids_and_have_orthbase():
    surfaces = dictionary_entries(Path(japanese.tagger().dictionary_info[0]["filename"]))
    assert sum(map(len, surfaces)) == japanese.CHECKED_DICTIONARY["size"]
    for entries in surfaces:
        seen: dict[tuple[int, int, int], tuple[str, str]] = {}
        for lc, rc, cost, raw in entries:
            fields = _fields(raw)
            assert len(fields) == 26, raw
            assert seen.setdefault((lc, rc, cost), (fields[0], fields[10])) == (
                fields[0],
                fields[10],
            ), raw


@pytest.mark.parametrize("text", SEED_LINES[:: max(1, len(SEED_LINES) // 40)])
def test_seed_lines_same_as_node_path(text):
    assert japanese._kept(text) == japanese._kept_nodes(_safe(text))


def test_whole_seed_text_same_as_node_path():
    text = "\n".join(SEED_LINES)
    assert japanese._kept(text) == japanese._kept_nodes(_safe(text))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cjk_text)
def test_any_text_same_as_node_path(text):
    assert japanese._kept(text) == japanese._kept_nodes(_safe(text))
