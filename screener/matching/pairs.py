"""Scoring a file of name pairs, and precision / recall / F1 by threshold on labelled pairs.

Reviewers calibrate thresholds on their own labelled pairs: `score_pairs_file` keeps every
input column and adds `score` and `alert`; `calibrate` needs an `is_match` column. Bad
input is reported with the file, the row and the field.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import repeat
from operator import itemgetter
from pathlib import Path

from screener.cells import FORMULA_TRIGGERS, neutralise_cell, restore_cell
from screener.matching.algorithm import score_records
from screener.matching.config import MatchConfig, load_config
from screener.matching.records import MatchRecord, make_record

REQUIRED = ("name1", "name2")
SCHEMAS = {"person", "company", "organization", "legalentity", "vessel", ""}
TRUE_WORDS = {"true", "1", "yes", "y", "t"}
FALSE_WORDS = {"false", "0", "no", "n", "f"}


class PairsFileError(ValueError):
    def __init__(self, file: Path, row: int, field: str, problem: str) -> None:
        super().__init__(f"{file}, row {row}, field {field!r}: {problem}")


@dataclass(frozen=True)
class ScoredPair:
    row: dict[str, str]
    score: float
    alert: bool


@dataclass(frozen=True)
class ThresholdQuality:
    threshold: float
    precision: float
    recall: float
    f1: float
    true_positives: int
    false_positives: int
    false_negatives: int


def read_pairs(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    """The header and every row as a dict of the header's columns (a short row's missing
    values empty), as `csv.DictReader` reads them (blank lines skipped, not counted), made
    here from plain rows: the parent reads the whole file before the workers start, so
    every microsecond a row here is one the user waits for (about 1.3 µs a row, against
    1.5 µs for the reader alone and 2.7 µs for a DictReader). A quote score-pairs put before
    a value a spreadsheet would run (`scored_lines`) is removed (`restore_cell`), so its
    output scored or calibrated again reads the names it was given; a file with no quote
    at all, the usual one, is not looked at row by row for one."""
    try:
        with open(path, encoding="utf-8-sig", newline="") as handle:
            text = handle.read()
    except UnicodeDecodeError as exc:
        raise PairsFileError(path, 0, "(encoding)", f"not UTF-8 text: {exc}") from exc
    except OSError as exc:
        raise PairsFileError(path, 0, "(file)", str(exc)) from exc
    # Lines as a file opened with newline="" gives them: ended by \n, \r or \r\n, untranslated.
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        return _rows_read(path, reader, quoted="'" in text)
    except csv.Error as exc:  # a cell past the csv module's field limit (131,072 characters)
        raise PairsFileError(
            path, reader.line_num, "(csv)", f"not valid CSV at line {reader.line_num}: {exc}"
        ) from None


def _rows_read(
    path: Path, reader: Iterator[list[str]], *, quoted: bool
) -> tuple[list[str], list[dict[str, str]]]:
    """`read_pairs`' rows from the file's csv reader; `quoted`: the file holds a quote."""
    columns = [restore_cell(c) for c in next(reader, [])]
    for name in REQUIRED:
        if name not in columns:
            raise PairsFileError(path, 1, name, "missing column (header needs name1,name2)")
    width = len(columns)
    # A column named twice keeps its last value, as in the row's dict.
    at_schema = max((i for i, c in enumerate(columns) if c == "schema"), default=None)
    checked: set[str] = set()  # schema values as written, already found known
    padding = [""] * width
    rows: list[dict[str, str]] = []
    append = rows.append
    number = 1
    for values in reader:
        if not values:
            continue  # a blank line, as DictReader skips it
        number += 1
        if len(values) != width:
            if len(values) > width:
                raise PairsFileError(path, number, "(extra)", "more values than header columns")
            values = values + padding[len(values) :]
        if quoted and "'" in "".join(values):  # one test a row; most rows hold no quote
            values = [restore_cell(v) for v in values]
        if at_schema is not None and (schema := values[at_schema]) not in checked:
            if schema.strip().casefold() not in SCHEMAS:
                raise PairsFileError(path, number, "schema", f"unknown schema {schema!r}")
            checked.add(schema)
        append(dict(zip(columns, values, strict=True)))  # padded or refused above
    return columns, rows


class PairScorer:
    """Scores rows of a pair file as `score_pair` scores them (explain=False: the score alone).

    A file names the same party in many rows (one query against many candidates, a list
    name in several pairs): each (name, schema, country) is made into a record once and the
    record reused, with the weighted words the matcher keeps on its names, as an index
    reuses an entry's record for every query. One scorer per process: the pooled run
    (`screener.matching.pairs_pool`) forks its workers with the parent's scorer."""

    def __init__(self, config: MatchConfig | None = None) -> None:
        self.config = config or load_config()
        self.records: dict[tuple[str, str | None, str | None], MatchRecord] = {}

    def record(self, name: str, schema: str | None, country: str | None) -> MatchRecord:
        key = (name, schema, country)
        made = self.records.get(key)
        if made is None:
            made = self.records[key] = make_record(
                [name], schema, countries=[country] if country else []
            )
        return made

    def records_of(self, row: dict[str, str]) -> tuple[MatchRecord, MatchRecord]:
        """The row's two names as records (made on their first row, then reused)."""
        schema = row.get("schema") or None
        return (
            self.record(row["name1"], schema, row.get("country1") or None),
            self.record(row["name2"], schema, row.get("country2") or None),
        )

    def score(self, row: dict[str, str]) -> float:
        return self.score_records(*self.records_of(row))

    def score_records(self, query: MatchRecord, candidate: MatchRecord) -> float:
        if query.names and candidate.names:
            return score_records(query, candidate, config=self.config, explain=False).score
        return 0.0  # a name with no word to compare (as score_pair scores it)

    def scores(self, rows: Sequence[dict[str, str]]) -> list[float]:
        """Each row's score, in order, as `score` gives it, but with every name of the rows
        prepared before the first pair is scored. The work is the same; done in two runs
        rather than interleaved, each run keeps its own code and tables in the processor's
        caches: on the benchmark's 20,000 pairs (one process, collector off) about 60 µs
        of CPU a pair against 70 interleaved (preparing 18 against 25, scoring 41 against
        46; benchmarks/score_pairs_speed.py --parts). Every record is kept anyway."""
        prepared = [self.records_of(row) for row in rows]
        score = self.score_records
        return [score(query, candidate) for query, candidate in prepared]

    def scored(self, row: dict[str, str], score: float) -> ScoredPair:
        return ScoredPair(row, score, score >= self.config.review_threshold)

    def lines(
        self, columns: Sequence[str], rows: Sequence[dict[str, str]]
    ) -> tuple[list[str], int]:
        """The rows' lines of the output file (`scored_lines`) and how many of them alert."""
        threshold = self.config.review_threshold
        scored = [
            (row, score, score >= threshold)
            for row, score in zip(rows, self.scores(rows), strict=True)
        ]
        return scored_lines(columns, scored), sum(1 for item in scored if item[2])


def score_rows(
    rows: Sequence[dict[str, str]], config: MatchConfig | None = None
) -> Iterator[ScoredPair]:
    """Each pair scored in this process, in order (`PairScorer.scores`)."""
    scorer = PairScorer(config)
    for row, score in zip(rows, scorer.scores(rows), strict=True):
        yield scorer.scored(row, score)


def output_columns(columns: Sequence[str]) -> list[str]:
    """The input columns as read, then `score` and `alert` (in place of input columns of
    those names)."""
    return [*columns, *(c for c in ("score", "alert") if c not in columns)]


# The first characters of a value `neutralise_cell` may change: a formula trigger, or the
# quote it adds (a value already quoted before a trigger gets one more).
_MAY_TRIGGER = frozenset(("'", *FORMULA_TRIGGERS))


class _Lines(list[str]):
    """What a csv.writer writes into: each row it writes becomes one item, its line."""

    write = list.append


def scored_lines(
    columns: Sequence[str], scored: Iterable[tuple[dict[str, str], float, bool]]
) -> list[str]:
    """Each (row, score, alert) as its line of the output file (`output_columns`), as
    `write_lines` writes it. Made where the scores are made: a pool's worker formats its own
    rows, and the parent, which the workers wait for at the end, only puts the lines in
    order. Rows are written as lists, the values in the header's order: what a
    csv.DictWriter writes, without its per-row check for keys outside the header (a row read
    by `read_pairs` has none). The file is opened in spreadsheets and its names may come
    from lists: a value a spreadsheet would run as a formula is made inert
    (`screener.cells.neutralise_cell`); only values starting with a trigger or a quote are
    looked at twice."""
    out_columns = output_columns(columns)
    at_score = [i for i, c in enumerate(out_columns) if c == "score"]
    at_alert = [i for i, c in enumerate(out_columns) if c == "alert"]
    lines = _Lines()
    write = csv.writer(lines).writerow
    blanks = repeat("")  # a missing column's value; map stops at the last column
    safe = _MAY_TRIGGER.isdisjoint
    for row, score, alert in scored:
        # Looked up and tested in C (map, isdisjoint): 1.4 µs a row against 1.8 in a loop.
        values = list(map(row.get, out_columns, blanks))
        if not safe(map(_first_character, values)):
            values = [neutralise_cell(v) for v in values]
        text, flag = f"{score:.4f}", "true" if alert else "false"
        for i in at_score:
            values[i] = text
        for i in at_alert:
            values[i] = flag
        write(values)
    return lines


_first_character = itemgetter(slice(None, 1))  # '' for ''


def write_lines(path: Path, columns: Sequence[str], lines: Sequence[str]) -> None:
    """The output file: its header (`output_columns`, made inert as the values are), then
    the rows' lines (`scored_lines`)."""
    with open(path, "w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerow([neutralise_cell(c) for c in output_columns(columns)])
        handle.write("".join(lines))


def labels(path: Path, rows: Sequence[dict[str, str]]) -> list[bool]:
    out = []
    for number, row in enumerate(rows, start=2):
        if "is_match" not in row:
            raise PairsFileError(
                path, 1, "is_match", "missing column: calibrate needs labelled pairs"
            )
        value = row["is_match"].strip().casefold()
        if value not in TRUE_WORDS | FALSE_WORDS:
            raise PairsFileError(
                path, number, "is_match", f"expected true or false, got {row['is_match']!r}"
            )
        out.append(value in TRUE_WORDS)
    return out


def quality_at(
    scores: Sequence[float], truth: Sequence[bool], threshold: float
) -> ThresholdQuality:
    tp = sum(1 for s, t in zip(scores, truth, strict=True) if s >= threshold and t)
    fp = sum(1 for s, t in zip(scores, truth, strict=True) if s >= threshold and not t)
    fn = sum(1 for s, t in zip(scores, truth, strict=True) if s < threshold and t)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
    return ThresholdQuality(threshold, precision, recall, f1, tp, fp, fn)


def calibrate(
    scores: Sequence[float], truth: Sequence[bool], thresholds: Sequence[float] | None = None
) -> list[ThresholdQuality]:
    steps = thresholds or [round(0.5 + 0.02 * i, 2) for i in range(24)]
    return [quality_at(scores, truth, t) for t in steps]
