"""`taiyaku`: build the corpus and index, report on it, search, look up the glossary, serve.

Exit codes: 0 success, 1 a search found nothing, 2 bad usage (an empty query too), 3 bad
source data (nothing was replaced), 4 no index yet, 5 the machine refused (disk full,
read-only index folder, out of memory, a busy port for `serve`), 6 damaged index
(`taiyaku check` found a file that does not match its checksum), 141 the reader of the
output went away (`… | head`), 130 / 143 a build stopped by Ctrl-C / SIGTERM (nothing was
replaced). Errors go to stderr as one line, results to
stdout.
"""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import click

import settings
from engine import IndexMissing, QueryError, SearchRequest, open_engine
from engine.api import MAX_LIMIT, Match
from engine.models import MODES, QUERY_LANGS, SORTS
from indexer.errors import EnvironmentFailure, IngestError
from search_app.cli_common import (
    EXIT_DAMAGED,
    EXIT_DATA,
    EXIT_ENVIRONMENT,
    EXIT_NO_HITS,
    EXIT_NO_INDEX,
    Group,
    data_option,
    fail,
    index_option,
    unwinding,
)
from search_app.render import result_json
from storage.errors import IndexDamaged


@click.group(cls=Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="taiyaku", message="taiyaku %(version)s")
def main() -> None:
    """Taiyaku 対訳: bilingual Chinese/Japanese search over aligned policy documents."""


@main.command()
@data_option
@index_option
@click.option("--if-stale", is_flag=True, help="Do nothing when the index matches the data.")
@click.option(
    "--procs",
    default=2,
    show_default=True,
    help="Processes for large corpora (one learns the glossary and links; the rest write).",
)
def build(data_dir: Path | None, index_dir: Path | None, if_stale: bool, procs: int) -> None:
    """Ingest and align the sources, learn the glossary, build and publish the index."""
    from indexer.ingest.report import format_report
    from indexer.pipeline import build as run_build

    resolved = settings.load()
    data_dir, index_dir = data_dir or resolved.data_dir, index_dir or resolved.index_dir
    bar = _progress_bar()

    def say(message: str) -> None:
        click.echo(f"taiyaku: {message}", err=True)

    try:  # SIGTERM unwinds like Ctrl-C: the build directory is removed
        with unwinding("nothing was replaced, the last good index stays live"):
            result = run_build(
                data_dir, index_dir, if_stale=if_stale, procs=procs, progress=bar, notify=say
            )
    except IngestError as e:
        fail(f"{e}\nnothing was replaced; the last good index stays live", EXIT_DATA)
    except EnvironmentFailure as e:
        fail(str(e), EXIT_ENVIRONMENT)
    finally:
        if bar is not None:
            bar.close()
    if result.skipped:
        click.echo(f"index is up to date: {result.generation}")
        return
    assert result.corpus is not None
    for note in result.notes:
        say(note)
    click.echo(format_report(result.corpus, lowest=3))
    secs = ", ".join(f"{k} {v:.1f}s" for k, v in result.seconds.items())
    click.echo(f"published {result.generation} ({secs})")


def _progress_bar():
    """A tqdm bar on a terminal, nothing when output is captured."""
    if not sys.stderr.isatty():
        return None
    from tqdm import tqdm

    bar = tqdm(total=0, unit="clause", desc="indexing", file=sys.stderr, leave=False)

    def update(done: int, total: int) -> None:
        bar.total = total
        bar.n = done
        bar.refresh()

    update.close = bar.close  # type: ignore[attr-defined]
    return update


@main.command()
@data_option
@click.option("--lowest", default=10, show_default=True, help="Lowest-confidence pairs to show.")
def corpus(data_dir: Path | None, lowest: int) -> None:
    """Report on the aligned corpus: clauses, pairs, unaligned clauses, weakest pairs."""
    from indexer.ingest.corpus import build_corpus
    from indexer.ingest.report import format_report

    try:
        c = build_corpus(data_dir or settings.load().data_dir)
    except IngestError as e:
        fail(str(e), EXIT_DATA)
    click.echo(format_report(c, lowest=lowest))


# `-金融` is an exclusion, not an option: unknown options are left to the query (a
# real option such as --limit still works anywhere on the line).
@main.command(context_settings={"ignore_unknown_options": True})
@click.argument("query", nargs=-1, required=True, type=click.UNPROCESSED)
@index_option
@click.option("--lang", type=click.Choice(QUERY_LANGS), default="auto", show_default=True)
@click.option("--limit", type=click.IntRange(1, MAX_LIMIT), default=10, show_default=True)
@click.option("--all", "all_hits", is_flag=True, help="Every hit (research mode).")
@click.option("--offset", type=click.IntRange(0), default=0)
@click.option("--sort", type=click.Choice(SORTS), default="relevance", show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Print the result object as JSON.")
@click.option("--mode", type=click.Choice(MODES), default="auto", help="tm: sentence lookup.")
def search(query, index_dir, lang, limit, all_hits, offset, sort, as_json, mode) -> None:
    """Search both languages; show each hit as Chinese | Japanese with matches marked."""
    text = " ".join(query).strip()
    if not text:
        fail("empty query: give a term, e.g. taiyaku search 跨境", 2)
    engine = open_engine(index_dir or settings.load().index_dir)
    req = SearchRequest(text, lang, None if all_hits else limit, offset, sort, mode=mode)
    try:
        result = engine.search(req)
    except QueryError as e:
        fail(str(e), 2)
    except IndexMissing as e:
        fail(str(e), EXIT_NO_INDEX)
    except IndexDamaged as e:
        fail(str(e), EXIT_DAMAGED)
    if as_json:
        click.echo(json.dumps(result_json(result), ensure_ascii=False, indent=1))
    else:
        _print_hits(result)
    if result.total == 0:
        sys.exit(EXIT_NO_HITS)


def _print_hits(result) -> None:
    from search_app.terminal import heading, side_by_side

    color = sys.stdout.isatty()
    width = shutil.get_terminal_size((120, 24)).columns
    shown = f"{result.offset + 1}–{result.offset + len(result.hits)}" if result.hits else "0"
    clauses = "clause" if result.total == 1 else "clauses"
    click.echo(
        f"{result.total} {clauses} ({shown} shown, {result.sort} order, {result.took_ms} ms)"
    )
    if note := match_note(result.query.match, result.query):
        click.echo(f"note: {note}")
    for e in result.query.expansions:
        how = f"learned from {e.learned} pairs" if e.origin == "learned" else e.origin
        click.echo(f"  {e.source} → {e.target} ×{e.count} ({how})")
    if panel := _renderings(result):
        click.echo(f"  renderings: {panel}")
    for s in result.suggestions:
        click.echo(f"  try: {s.text} ({s.lang}, {s.hits} clauses, {s.why})")
    if result.total < 3:
        click.echo("  query syntax: taiyaku search --help, or README.md › Query syntax")
    for h in result.hits:
        crumbs = [p.label + (" " + p.zh if p.zh else "") for p in h.path]
        flag = "" if h.all_terms else "  [some terms only]"
        score = f"score {h.score}" if result.sort == "relevance" else f"{h.doc.id}"
        tail = f"{score}{flag}{_match_note(h)}"
        click.echo("\n" + "\n".join(heading(f"[{h.id}]", crumbs, tail, width)))
        click.echo(side_by_side(h.zh, h.ja, width, color))


def _renderings(result) -> str:
    """The term panel on one line: 跨境 → クロスボーダー ×11 · 越境 ×1."""
    by_term: dict[str, list[str]] = {}
    for r in result.query.renderings:
        by_term.setdefault(r.term, []).append(f"{r.text} ×{r.count}")
    line = " | ".join(f"{t} → {' · '.join(rs[:8])}" for t, rs in by_term.items())
    if line and result.query.renderings_scanned < result.total:
        line += f" (first {result.query.renderings_scanned} clauses)"
    if line and result.query.renderings_via:
        line += f" ({result.query.renderings_via} more only via an equivalent, not counted)"
    return line


def match_note(match: Match, query=None) -> str | None:
    """The match status in words (the page says the same in the interface language)."""
    only_excluded = query is not None and query.excluded and not any(query.terms.values())
    if only_excluded and match.status != "none":
        return f"every clause without {' · '.join(query.excluded)}, in document order"
    if match.status == "some":
        return f"with every term: {match.all} · with some of them: {match.some}"
    if match.status == "any":
        return "no clause has every term; showing clauses with any of them"
    if match.status == "apart":
        return "no clause has the words as written; showing clauses with them apart"
    if match.status == "words":
        return "no clause has all the words, even apart; showing clauses with some of them"
    return None


def _match_note(h) -> str:
    """Recall (#11): the sentence-lookup percentage, or the substring flag; and the glossary
    equivalent a clause was reached through when it has the term on neither side."""
    via = f"  (via {h.via})" if h.via else ""
    if h.similarity is not None:
        return f"  {h.similarity:g}% {h.match_kind}{via}"
    return ("  (substring)" if h.match_kind == "substring" else "") + via


@main.command()
@click.argument("term")
@index_option
def glossary(term: str, index_dir: Path | None) -> None:
    """Print the learned equivalents of TERM with counts and example clause ids."""
    try:
        g = open_engine(index_dir or settings.load().index_dir).glossary(term)
    except IndexMissing as e:
        fail(str(e), EXIT_NO_INDEX)
    if not g["entries"]:
        click.echo(f"no equivalents known for {term}")
        sys.exit(EXIT_NO_HITS)
    for e in g["entries"]:
        ex = ", ".join(e["examples"])
        click.echo(
            f"{e['source']} ({e['source_lang']}) → {e['target']} ({e['target_lang']})"
            f"  ×{e['count']}  score {e['score']}  {e['origin']}  e.g. {ex}"
        )


@main.command()
@index_option
def check(index_dir: Path | None) -> None:
    """Verify every byte of each index generation against its checksums (exit 6 if damaged)."""
    from storage.checksums import verify
    from storage.generations import current_generation, generations, live_generation

    root = index_dir or settings.load().index_dir
    gens = generations(root)
    if not gens:
        fail(f"no index under {root}: run `taiyaku build`", EXIT_NO_INDEX)
    named = current_generation(root)
    damaged = 0
    for gen in gens:
        problems = verify(gen, full=True)
        damaged += bool(problems)
        mark = " (live)" if gen == named else ""
        click.echo(f"{gen.name}{mark}: " + ("ok" if not problems else "; ".join(problems)))
    if named is None:
        served, note = live_generation(root)
        fail(f"{note}; a server would use {served.name if served else 'nothing'}", EXIT_DAMAGED)
    if damaged:
        fail(f"{damaged} of {len(gens)} generations damaged: run `taiyaku build`", EXIT_DAMAGED)


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True)
@click.option(
    "--threads",
    default=2,
    show_default=True,
    help="Threads per worker process (queries are CPU-bound: more threads only contend "
    "for the interpreter lock; add workers instead).",
)
@click.option(
    "--workers",
    type=click.IntRange(0),
    default=0,
    help="Worker processes, forked once warm [default 0: one per core].",
)
@click.option("--connection-limit", type=click.IntRange(1), default=None, help="[default 1000]")
@click.option("--channel-timeout", type=click.IntRange(1), default=None, help="Idle seconds [15].")
def serve(host, port, threads, workers, connection_limit, channel_timeout) -> None:
    """Serve the web app and JSON API with waitress."""
    from search_app import create_app
    from search_app.serving import serve as run

    try:
        run(
            create_app(),
            host,
            port,
            threads,
            workers,
            on_listening=lambda: click.echo(f"serving on http://{host}:{port}/", err=True),
            connection_limit=connection_limit,
            channel_timeout=channel_timeout,
        )
    except OSError as e:  # the address is taken or not ours: one line, not a traceback
        fail(f"cannot listen on {host}:{port}: {e.strerror or e}; try --port", EXIT_ENVIRONMENT)


from search_app.cli_documents import add, remove  # noqa: E402 - registered after main
from search_app.cli_generations import keygen, pack, unpack  # noqa: E402

main.add_command(add)
main.add_command(remove)
main.add_command(pack)
main.add_command(unpack)
main.add_command(keygen)


@main.command("userdict")
@click.argument("files", nargs=-1, type=click.Path(path_type=Path, dir_okay=False, exists=True))
@index_option
@click.option("--from-index", is_flag=True, help="Propose from the live index's aligned pairs.")
@click.option("--min-count", default=2, show_default=True, help="Least frequency in FILES.")
def userdict(files: tuple[Path, ...], index_dir: Path | None, from_index: bool, min_count: int):
    """Propose Chinese words for the user dictionary (jieba format, `word  # evidence`).

    From FILES (plain Chinese text): word runs jieba splits but the text repeats. With
    --from-index: runs the aligned pairs render by one Japanese term. Review the output,
    then append what you keep to the settings' USERDICT_ZH and rebuild.
    """
    from analyzers.userdict import from_glossary, propose
    from indexer import glossary as glossary_mod
    from storage.generations import current_generation

    if not files and not from_index:
        fail("give text FILES, or --from-index", 2)
    if from_index:
        gen = current_generation(index_dir or settings.load().index_dir)
        if gen is None:
            fail("no index yet: run `taiyaku build`", EXIT_NO_INDEX)
        click.echo(f"# proposed from the aligned pairs of {gen.name}")
        for word, term, count in from_glossary(glossary_mod.load(gen / "glossary.json")):
            click.echo(f"{word}  # = {term} x{count}")
    lines = [ln for f in files for ln in f.read_text(encoding="utf-8").splitlines()]
    if lines:
        click.echo(f"# proposed from {', '.join(f.name for f in files)}")
        for word, count in propose(lines, min_count=min_count):
            click.echo(f"{word}  # {count}")


@main.command("config")
def show_config() -> None:
    """Print every setting, its value and where it came from (default, file, env)."""
    try:
        resolved = settings.load()
    except settings.SettingsError as e:
        fail(str(e), 2)
    width = max(map(len, resolved))
    for key, value in resolved.items():
        shown = ", ".join(value) if isinstance(value, list) else value
        origin = resolved.origins[key]
        if key == "USERDICT_ZH" and not value:  # the one setting whose default is derived
            shown, origin = resolved.userdict_zh, f"{origin}: <DATA_DIR>/userdict_zh.txt"
        click.echo(f"{key:<{width}}  {shown!s:<40}  ({origin})")
    if not (resolved.data_dir / "documents.toml").is_file():
        looked = ", ".join(str(p) for p in settings.data_candidates())
        click.echo(f"note: no documents.toml in DATA_DIR; default places looked at: {looked}")


if __name__ == "__main__":  # pragma: no cover
    main()
