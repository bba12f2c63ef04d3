"""`screener screen FILE --out OUT [--threshold T] [--lists SOURCE ...] [--column F=H ...]`.

Exit codes are what scripts branch on: 0 nothing alerts, 1 at least one party has a hit at
or above the threshold, 2 an error (bad file, unusable output path, no lists), with one
message on stderr and no report written. A progress bar is drawn only on a terminal, so cron
jobs and pipes stay quiet.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import click

from screener.batch.ahead import PreparedAhead
from screener.batch.db_side import DatabaseFailed, DatabaseHelper, DatabaseHere, database_modules
from screener.batch.engine import EngineScreener, engine_screener, prepare_query
from screener.batch.model import (
    BatchCancelled,
    BatchCounts,
    BatchQuery,
    BatchResult,
    EngineUnavailable,
    UnknownSource,
)
from screener.batch.reader import BatchInputError, read_batch
from screener.batch.runner import QueryScreener, prepare_ahead, screen_batch
from screener.batch.writer import OutputError, check_output_path, result_text, write_results
from screener.cli.context import AppContext, fail, finish, is_store_error, pass_app
from screener.collector import collector_paused_then_frozen
from screener.db_failures import describe_failure, first_line, server_of

if TYPE_CHECKING:
    from screener.batch.kept import KeptIndex

Database = DatabaseHere | DatabaseHelper


def _columns(choices: tuple[str, ...]) -> dict[str, str] | None:
    """`--column name=company` -> {"name": "company"}; None when the file is read as it is."""
    if not choices:
        return None
    columns: dict[str, str] = {}
    for choice in choices:
        field, sep, header = choice.partition("=")
        if not sep or not field.strip() or not header.strip():
            fail(f"--column {choice!r}: expected FIELD=HEADER, e.g. name=company")
        columns[field.strip().lower()] = header.strip()
    return columns


def _split_sources(values: tuple[str, ...]) -> list[str]:
    """`--lists A --lists B` and `--lists A,B` both work."""
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


@click.command("screen")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--out",
    "out",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="Report file: .json, .csv or .xlsx (the extension picks the format).",
)
@click.option(
    "--threshold",
    type=click.FloatRange(0.0, 1.0),
    default=None,
    help="Report hits scoring at least this (0 to 1; default: the shipped review threshold).",
)
@click.option(
    "--lists",
    "lists",
    multiple=True,
    metavar="SOURCE",
    help="Screen only against these list sources (repeat, or separate with commas).",
)
@click.option(
    "--workers",
    type=click.IntRange(1, 64),
    default=None,
    help="Worker processes (default: every core).",
)
@click.option(
    "--column",
    "column_choices",
    multiple=True,
    metavar="FIELD=HEADER",
    help="Read the file's column HEADER as FIELD (name, id, type, country, date or an "
    "identifier), e.g. --column name=company; repeat for several.",
)
@pass_app
def screen(
    app: AppContext,
    file: Path,
    out: Path,
    threshold: float | None,
    lists: tuple[str, ...],
    workers: int | None,
    column_choices: tuple[str, ...],
) -> None:
    """Screen every name in FILE (CSV or XLSX with a 'name' column) against the active lists.

    Optional columns: id, type (person/company), country, date and identifiers (lei, imo,
    registration, passport, national_id, tax_id, swift, ogrn, inn, duns). Exit code 0 when
    nothing alerts, 1 when at least one name has a hit, 2 on error.
    """
    on_terminal = sys.stderr.isatty()
    # The database is asked on the idle core, by a helper forked now, while this process
    # reads the batch and the kept index and starts the pool (screener/batch/db_side.py).
    helper = DatabaseHelper.start(app.store, lambda exc: _failure_line(exc, app))
    try:
        _screen(app, helper, file, out, threshold, lists, workers, column_choices, on_terminal)
    finally:  # ended already when the batch was screened; here on every other way out
        if helper is not None:
            helper.stop()


def _screen(
    app: AppContext,
    helper: DatabaseHelper | None,
    file: Path,
    out: Path,
    threshold: float | None,
    lists: tuple[str, ...],
    workers: int | None,
    column_choices: tuple[str, ...],
    on_terminal: bool,
) -> None:
    database: Database = DatabaseHere(app.store)
    try:
        check_output_path(out)
        queries = read_batch(file, _columns(column_choices))
        sources = _split_sources(lists)
        if on_terminal:
            click.echo("Loading the lists…", err=True)
        started = time.perf_counter()
        # Each result's part of a JSON report is written as its answer comes in
        # (writer.result_text), while the pool screens the rest; an entity's hits are
        # folded only at the end, so results with two hits or more are written then.
        written: dict[int, str] = {}
        write_early = _writer(out, written)
        # The pool starts on the kept index before the database is read; the database then
        # says whether it is the active lists' index (screener/batch/kept.py).
        from screener.batch.kept import StaleKeptIndex

        kept = _kept_index()
        # Without a kept index, Han and kana names are prepared on the idle core while the
        # index is built (screener/batch/ahead.py). On one, that core is the database
        # helper's until the pool starts, and a worker prepares them (its dictionaries load
        # in some 25 ms): a second helper would only take CPU from the pool.
        ahead = prepare_ahead(queries, prepare_query, workers) if kept is None else None
        if kept is not None and helper is not None:
            database = helper  # it asks the database; this process never imports SQLAlchemy
        elif helper is not None:
            helper.stop()  # building the index reads the database here
        if kept is not None:
            try:
                screener, results = _screen_early(
                    database, kept, queries, threshold, sources, workers, on_terminal, ahead,
                    write_early,
                )  # fmt: skip
            except StaleKeptIndex:  # its pool and the helpers were stopped
                kept, ahead = None, None
                written.clear()
                database.close()
                database = DatabaseHere(app.store)
        if kept is None:
            screener = _build(app, threshold, sources, ahead)
            started = time.perf_counter()
            results = _run(queries, screener, workers, on_terminal, ahead, None, write_early)
        from screener.batch.entities import group_by_entity, hit_refs

        # one hit per listed entity per name
        results = group_by_entity(results, database.entity_map(hit_refs(results)))
        elapsed = time.perf_counter() - started
        write_results(out, results, written)
    except BatchInputError as exc:
        fail(f"{exc} (or map it: --column name=HEADER)" if exc.header else str(exc))
    except (OutputError, UnknownSource, EngineUnavailable, DatabaseFailed) as exc:
        fail(str(exc))
    except (BatchCancelled, KeyboardInterrupt):
        fail("interrupted; no report was written")
    except OSError as exc:
        fail(f"{out}: {exc.strerror or exc}")
    except Exception as exc:  # the exit-code contract: 2 and one line, never a traceback
        fail(_failure_line(exc, app))
    alerts = sum(1 for result in results if result.alerts)
    try:
        database.record(file, out, BatchCounts.of(results), screener.description, elapsed)
    except DatabaseFailed as exc:
        fail(str(exc))
    database.close()
    if on_terminal:
        rate = len(results) / elapsed if elapsed > 0 else float("inf")
        click.echo(
            f"{len(results)} names screened in {elapsed:.1f} s ({rate:,.0f}/s); "
            f"{alerts} with hits at or above {screener.description.threshold:.2f} -> {out}",
            err=True,
        )
    finish(app, 1 if alerts else 0)


def _failure_line(exc: BaseException, app: AppContext) -> str:
    """What a failure of the batch or the database is to the user: one line (the store's
    own sentence when it refused the database, as every other command prints it)."""
    if is_store_error(exc):
        return str(exc)
    return describe_failure(exc, server_of(app.db_url)) or (
        f"batch screening failed: {type(exc).__name__}: {first_line(str(exc))}"
    )


def _writer(out: Path, written: dict[int, str]) -> Callable[[int, BatchResult], None] | None:
    """What `screen_batch` calls with each row's result as it comes in: its text in a JSON
    report, kept in `written` by row (None for another format)."""
    if out.suffix.lower() != ".json":
        return None

    def write(row: int, result: BatchResult) -> None:
        if len(result.hits) < 2:  # more are folded by listed entity once all are in
            text = result_text(result)
            if text is not None:
                written[row] = text

    return write


def _build(
    app: AppContext,
    threshold: float | None,
    sources: list[str],
    ahead: PreparedAhead | None,
) -> EngineScreener:
    """The screener over the active lists (`build_screener`); the helper is stopped if that
    fails and no pool will take its answer."""
    try:
        database_modules()
        from screener.batch.build import build_screener

        return build_screener(app.store(), threshold=threshold, sources=sources)
    except BaseException:
        if ahead is not None:
            ahead.close()
        raise


def _kept_index() -> KeptIndex | None:
    """The latest kept index, read before the database (screener/batch/kept.py)."""
    with collector_paused_then_frozen():
        from screener.batch.kept import latest_kept_index

        return latest_kept_index()


def _screen_early(
    database: Database,
    kept: KeptIndex,
    queries: list[BatchQuery],
    threshold: float | None,
    sources: list[str],
    workers: int | None,
    on_terminal: bool,
    ahead: PreparedAhead | None,
    on_result: Callable[[int, BatchResult], None] | None = None,
) -> tuple[EngineScreener, list[BatchResult]]:
    """The batch screened by a pool started on the kept index read ahead, while the database
    is asked whether it is the active lists' index; StaleKeptIndex when it is not (the pool
    is then ended and its answers are not used)."""
    from screener.batch.kept import checked_screener
    from screener.matching.config import load_config

    config = load_config()
    ahead_screener = engine_screener(kept.index, config, threshold=threshold, sources=sources)
    checked: list[EngineScreener] = []

    def check() -> None:
        active = database.active_lists()
        checked.append(checked_screener(kept, active, config, threshold=threshold, sources=sources))

    results = _run(queries, ahead_screener, workers, on_terminal, ahead, check, on_result)
    return checked[0], results


def _run(
    queries: list[BatchQuery],
    screener: QueryScreener,
    workers: int | None,
    on_terminal: bool,
    ahead: PreparedAhead | None,
    meanwhile: Callable[[], None] | None = None,
    on_result: Callable[[int, BatchResult], None] | None = None,
) -> list[BatchResult]:
    from tqdm import tqdm

    with tqdm(
        total=len(queries), unit="name", disable=not on_terminal, file=sys.stderr, smoothing=0.1
    ) as bar:

        def advance(done: int, _total: int) -> None:
            bar.update(done - bar.n)

        return screen_batch(
            queries,
            screener,
            workers=workers,
            on_progress=advance,
            ahead=ahead,
            meanwhile=meanwhile,
            on_result=on_result,
        )


COMMANDS = [screen]
