"""`taiyaku add` and `taiyaku remove`: bring your own documents, without editing TOML.

The work is done in `indexer.ingest.adding`; this module parses options, prints what was
found and maps bad input to exit code 3 with a one-line message. Both hold the index's
build lock while they change the data folder: two `add`s run at once used to read the same
manifest and the second write dropped the first one's entry, and a build running meanwhile
could read a half-added document. A second command waits, saying for whom.

Arguments are checked before anything else (exit 2): an id is URL-safe ASCII, a date a
real date, a title or issuer free of control and bidirectional-override characters.
SIGTERM unwinds like Ctrl-C, so the copies are removed and the lock released (exit 143).
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

import click

import settings
from indexer.errors import IngestError
from search_app.cli_common import EXIT_DATA, EXIT_ENVIRONMENT, fail, unwinding

LANG_NAMES = {"zh": "Chinese", "ja": "Japanese"}


@contextlib.contextmanager
def _build_lock() -> Iterator[None]:
    """The build lock of the index folder (exit 5 when it cannot be taken)."""
    from storage.lock import build_lock

    root = settings.load().index_dir
    held = contextlib.ExitStack()
    try:
        held.enter_context(build_lock(root, lambda m: click.echo(f"taiyaku: {m}", err=True)))
    except OSError as err:
        fail(f"cannot take the build lock in {root}: {err}", EXIT_ENVIRONMENT)
    with held:
        yield


def _langs(ctx, param, values: tuple[str, ...]) -> tuple[str, ...]:
    """`--lang zh,ja` or `--lang zh --lang ja` (codes or names: zh-CN, 日本語) → ("zh", "ja")."""
    from indexer.ingest.language import language_of_code

    out = []
    for value in values:
        for code in filter(None, (c.strip() for c in value.split(","))):
            lang = language_of_code(code)
            if lang is None:
                raise click.BadParameter(f"unknown language '{code}' (zh or ja)")
            out.append(lang)
    return tuple(out)


def _date(ctx, param, value: str | None) -> str | None:
    from indexer.ingest.adding import date_problem

    if value is not None and (problem := date_problem(value)):
        raise click.BadParameter(problem)
    return value


def _id(ctx, param, value: str | None) -> str | None:
    from indexer.ingest.adding import id_problem

    if value is not None and (problem := id_problem(value)):
        raise click.BadParameter(f"{value[:80]!r} {problem}")
    return value


def _text(ctx, param, value: str | None) -> str | None:
    from indexer.ingest.adding import text_problem

    if value is not None and (problem := text_problem(value)):
        raise click.BadParameter(problem)
    return value


@click.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path, dir_okay=False))
@click.option(
    "--id",
    "doc_id",
    callback=_id,
    help="Document id (A-Z a-z 0-9 - _); default from the file name.",
)
@click.option("--title-zh", callback=_text, help="Chinese title.")
@click.option("--title-ja", callback=_text, help="Japanese title.")
@click.option("--date", callback=_date, help="Date, YYYY-MM-DD.")
@click.option("--issuer", callback=_text, help="Issuing body (shown for both languages).")
@click.option(
    "--lang",
    "langs",
    multiple=True,
    callback=_langs,
    help="Language of each file, in order: --lang zh,ja (or --lang zh --lang ja); "
    "default: detected.",
)
@click.option("--build", "then_build", is_flag=True, help="Rebuild the index afterwards.")
def add(files, doc_id, title_zh, title_ja, date, issuer, langs, then_build) -> None:
    """Add a document: one bilingual FILE, or two files (one per language, either order).

    Formats: .txt (paragraphs separated by blank lines, or one per line; line-by-line or
    page-interleaved), .tmx, .xlf/.xliff, .csv/.tsv/.xlsx (a column per language), .docx,
    .pdf, .html. The languages are detected from each file as a whole; `--lang` states
    them instead.
    """
    from indexer.ingest.adding import add_document

    data_dir = settings.load().data_dir
    meta = {"title_zh": title_zh, "title_ja": title_ja, "date": date, "issuer": issuer}
    try:
        with unwinding("nothing was changed"), _build_lock():
            added = add_document(data_dir, list(files), doc_id, meta, langs)
    except IngestError as e:
        fail(f"{e.message}\nnothing was added", EXIT_DATA)
    except OSError as e:
        fail(f"cannot add to {data_dir}: {e.strerror or e}; nothing was added", EXIT_ENVIRONMENT)
    for warning in added.duplicates:
        click.echo(f"taiyaku: warning: {warning} (already in the corpus)", err=True)
    for f, source in zip(added.found, added.spec.sources, strict=True):
        names = " + ".join(LANG_NAMES[x] for x in f.languages)
        how = " (stated)" if added.spec.langs else ""
        read = _count(len(f.reading), _unit_word(f))
        click.echo(f"{f.file.name}: {f.format}, {names}{how}, {read}")
        click.echo(f"  copied to {data_dir / source.file}")
    r = added.report
    click.echo(
        f"added '{added.spec.document.id}' to {data_dir / 'documents.toml'}: "
        f"{_count(r.clauses, 'clause')}, {_count(r.aligned, 'aligned pair')},"
        f" {len(r.unaligned)} unaligned"
    )
    if then_build:
        _build(added.spec.document.id)  # after the lock is released: build takes it
    else:
        click.echo("run `taiyaku build` to index it")


def _unit_word(found) -> str:
    from indexer.ingest.units import Unit

    return "aligned unit" if found.reading and isinstance(found.reading[0], Unit) else "paragraph"


def _count(n: int, word: str) -> str:
    """`n` and the word, plural unless n is 1 (1 aligned pair, 2 aligned pairs)."""
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _build(doc_id: str) -> None:
    from indexer.ingest.report import format_report
    from indexer.pipeline import build

    try:
        result = build(settings.load().data_dir, settings.load().index_dir)
    except IngestError as e:
        fail(f"{e.message}\nthe document was added but the index was not rebuilt", EXIT_DATA)
    assert result.corpus is not None
    click.echo(format_report(result.corpus, lowest=3, only=doc_id))
    click.echo(f"published {result.generation}")


@click.command()
@click.argument("doc_id")
def remove(doc_id: str) -> None:
    """Remove document DOC_ID from the manifest, with the source files only it used."""
    from indexer.ingest.adding import remove_document

    try:
        with unwinding("nothing was changed"), _build_lock():
            files = remove_document(settings.load().data_dir, doc_id)
    except IngestError as e:
        fail(f"{e.message}; nothing was removed", EXIT_DATA)
    except OSError as e:
        fail(f"cannot remove '{doc_id}': {e.strerror or e}; nothing was removed", EXIT_ENVIRONMENT)
    click.echo(f"removed '{doc_id}'" + (f" and {', '.join(files)}" if files else ""))
    click.echo("run `taiyaku build` to drop it from the index")
