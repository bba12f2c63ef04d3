"""`screener search`, `screener score-pairs` and `screener calibrate`: the matcher from the shell.

`search` builds the candidate index over every active list version (a few seconds for all
lists; later calls read it back from the user's data directory while the same versions are
active, see screener/matching/index_store.py) and prints the hits at or above the review
threshold, one row per listed entity (the entries of several lists linked by
`screener.lists.entity_links`) with its memberships, at its best score. `score-pairs` and
`calibrate` need no database: reviewers score and calibrate on their own labelled pairs.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

import click

from screener.cli.context import AppContext, echo_json, fail, pass_app
from screener.collector import collector_paused_then_frozen
from screener.lists.entity_links import entity_of_entries
from screener.lists.resolve import group_hits
from screener.matching.config import MatchConfigError, load_config
from screener.matching.db_index import kept_index
from screener.matching.explain import explain_features
from screener.matching.index import Match, Query
from screener.matching.pairs import (
    PairsFileError,
    calibrate,
    labels,
    quality_at,
    read_pairs,
    score_rows,
    write_lines,
)
from screener.matching.pairs_pool import PairsPoolError, score_file
from screener.matching.phrase import phrase_match


def match_payload(match: Match) -> dict[str, Any]:
    """One hit; `why` in sentences a reviewer can sign, `score_detail` with the figures."""
    entry, score = match.entry, match.score
    features = score.features_json()
    return {
        "list": entry.source_name,
        "list_name": entry.list_name,
        "entry_key": entry.entry_key,
        "entry_name": entry.primary_name,
        "matched_name": score.candidate_name,
        "query_name": score.query_name,
        "entity_type": entry.entity_type,
        "programs": list(entry.programs),
        "score": round(score.score, 4),
        "strong": score.is_strong,
        "why": phrase_match(score.query_name, score.candidate_name, features),
        "score_detail": explain_features(
            score.score, score.query_name, score.candidate_name, features
        ),
        "list_version_id": entry.list_version_id,
    }


def entity_payload(group: list[Match]) -> dict[str, Any]:
    """One listed entity: its best hit's fields, and every membership that was hit."""
    best = match_payload(group[0])
    best["memberships"] = [
        {
            key: payload[key]
            for key in ("list", "list_name", "entry_key", "entry_name", "programs", "score")
        }
        for payload in (match_payload(m) for m in group)
    ]
    return best


@click.command("search")
@click.argument("name")
@click.option(
    "--type",
    "kind",
    type=click.Choice(["person", "company"]),
    default=None,
    help="Only persons or only organisations.",
)
@click.option(
    "--country",
    default=None,
    help="Country of the name's bearer (ISO code or name); a different country lowers a score.",
)
@click.option("--limit", default=10, show_default=True, type=click.IntRange(1, 500))
@click.option(
    "--threshold",
    default=None,
    type=click.FloatRange(0, 1),
    help="Minimum score (default: the review threshold).",
)
@click.option("--json", "as_json", is_flag=True, help="Print the hits as JSON.")
@pass_app
def search_command(
    app: AppContext,
    name: str,
    kind: str | None,
    country: str | None,
    limit: int,
    threshold: float | None,
    as_json: bool,
) -> None:
    """Search NAME in every active list version."""
    if not name.strip():
        fail("NAME is empty")
    with app.store().session() as session:
        index = kept_index(session)
        entity_of = entity_of_entries(session)
    query = Query([name], schema=kind, countries=[country] if country else [])
    # an entity's memberships are several hits: ask for more, then keep `limit` entities
    matches = index.search(query, limit=limit * 4, threshold=threshold, kind=kind)
    groups = group_hits(matches, [m.entry.entry_id for m in matches], entity_of)[:limit]
    hits = [entity_payload(group) for group in groups]
    if as_json:
        echo_json(hits)
        return
    if not hits:
        click.echo(
            f"No hits at or above {threshold or index.config.review_threshold:.2f} in {len(index)} entries."
        )
        return
    for hit in hits:
        strong = " STRONG" if hit["strong"] else ""
        click.echo(
            f"{hit['score']:.2f}{strong}  {hit['list']} {hit['entry_key']}  {hit['entry_name']}"
        )
        click.echo(f"      {hit['why']}")
        for other in hit["memberships"][1:]:
            click.echo(
                f"      same listed entity: {other['list']} {other['entry_key']}  "
                f"{other['entry_name']} ({other['score']:.2f})"
            )


@click.command("score-pairs")
@click.argument("pairs", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--out",
    "out",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="CSV to write: the input columns plus score and alert.",
)
@click.option(
    "--config",
    "config_path",
    default=None,
    type=click.Path(exists=True, dir_okay=False),
    help="Matching configuration YAML overriding the shipped values.",
)
@click.option(
    "--workers",
    type=click.IntRange(1, 64),
    default=None,
    help="Processes scoring a large file, this one included (default: every core).",
)
def score_pairs_command(
    pairs: Path, out: Path, config_path: str | None, workers: int | None
) -> None:
    """Score every name1,name2 row of PAIRS (optional schema, country1, country2).

    A file of some thousands of rows is scored on every core; the scores are the same."""
    try:
        config = load_config(config_path)
        columns, rows = read_pairs(pairs)
        # Scoring makes millions of short-lived objects and keeps every prepared name for the
        # rows that name it again: the cyclic collector walking them was about 40 % of the
        # time per pair (benchmarks/score_pairs_speed.py); scoring makes next to no cycles,
        # and what it keeps lives until the command ends.
        with collector_paused_then_frozen():
            lines, alerts = score_file(rows, columns, config, workers=workers)
        write_lines(out, columns, lines)
    except (PairsFileError, MatchConfigError) as exc:
        fail(str(exc))
    except PairsPoolError as exc:
        fail(f"{pairs}: {exc}")
    except OSError as exc:
        fail(f"{out}: cannot write: {exc}")
    click.echo(
        f"{len(lines)} pairs scored, {alerts} alert at {config.review_threshold:.2f}; written to {out}"
    )
    if _process_is_the_command():
        _exit_without_teardown()


def _process_is_the_command() -> bool:
    """Started as `screener ...` or `python -m screener.cli ...`, not inside another program
    (a test runner, the desktop app) that goes on after the command."""
    main = sys.modules.get("__main__")
    spec = getattr(main, "__spec__", None)
    if spec is not None and spec.name == "screener.cli.__main__":
        return True
    return Path(sys.argv[0]).name == "screener"


def _exit_without_teardown() -> None:
    """End the process now, its output written and flushed: tearing down what scoring left
    (the prepared names, words and readings kept for reuse, the transliteration
    dictionaries) object by object took as long as scoring half the pairs (1.7 s after
    20,000 pairs), and the user waits for the process to end. score-pairs holds no
    database connection and no open file at this point."""
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)


@click.command("calibrate")
@click.argument("pairs", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--config",
    "config_path",
    default=None,
    type=click.Path(exists=True, dir_okay=False),
    help="Matching configuration YAML overriding the shipped values.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the table as JSON.")
def calibrate_command(pairs: Path, config_path: str | None, as_json: bool) -> None:
    """Precision, recall and F1 by threshold on PAIRS labelled with is_match."""
    try:
        config = load_config(config_path)
        _columns, rows = read_pairs(pairs)
        truth = labels(pairs, rows)
    except (PairsFileError, MatchConfigError) as exc:
        fail(str(exc))
    scores = [s.score for s in score_rows(rows, config)]
    table = calibrate(scores, truth)
    shipped = quality_at(scores, truth, config.review_threshold)
    best = max(table, key=lambda q: q.f1)
    if as_json:
        echo_json(
            {
                "pairs": len(rows),
                "review_threshold": config.review_threshold,
                "at_review_threshold": shipped.__dict__,
                "best": best.__dict__,
                "by_threshold": [q.__dict__ for q in table],
            }
        )
        return
    click.echo(f"{len(rows)} labelled pairs ({sum(truth)} matches)")
    click.echo("threshold  precision  recall     F1     TP    FP    FN")
    for q in table:
        mark = "  <- best" if q is best else ""
        click.echo(
            f"  {q.threshold:.2f}     {q.precision:.3f}     {q.recall:.3f}   {q.f1:.3f}  {q.true_positives:5d} {q.false_positives:5d} {q.false_negatives:5d}{mark}"
        )
    click.echo(
        f"at the review threshold {config.review_threshold:.2f}: precision {shipped.precision:.3f}, recall {shipped.recall:.3f}, F1 {shipped.f1:.3f}"
    )


COMMANDS = [search_command, score_pairs_command, calibrate_command]
