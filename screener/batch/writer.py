"""Saving batch results by the output file's extension: .json, .csv or .xlsx.

The JSON shape is a contract other tools read:
`{"results": [{"id", "name", "hits": [{"source", "entry_id", "name", "score", "why",
"score_detail", "listed_on"}]}]}`, rows in input order, hits best first, `name` in a hit being
the entry's primary name. `why` says in sentences what agrees and what differs (what a
reviewer signs, `screener.matching.phrase`); `score_detail` keeps the scorer's account with
its figures, last, as the technical appendix. A hit is a listed entity
(`screener.batch.entities.group_by_entity`): `listed_on` names every list entry of that
entity the name hit ('OFAC-SDN 6384'), the hit's own first.
CSV and XLSX hold one line per hit (and one line for a party without hits, so the report
shows every party screened), written through `screener.exports.files`, which neutralises
spreadsheet formulas. The file appears only when complete (written beside, then renamed), so
an interrupted run never leaves a half report that looks whole.
"""

from __future__ import annotations

import json
import math
import os
from collections.abc import Iterator, Mapping, Sequence
from json.encoder import encode_basestring  # type: ignore[attr-defined]
from pathlib import Path
from typing import Any

from screener.batch.model import BatchHit, BatchResult
from screener.exports.files import ExportError, export_table, write_atomically

OUTPUT_SUFFIXES = (".json", ".csv", ".xlsx")
TABLE_HEADER = (
    "id",
    "name",
    "row",
    "alert",
    "rank",
    "source",
    "entry_id",
    "listed_on",
    "entry_name",
    "matched_name",
    "score",
    "why",
    "score_detail",
)


class OutputError(Exception):
    """The output path cannot be written (unknown extension, missing folder, no permission)."""


def check_output_path(path: str | Path) -> Path:
    """Fail before screening, not after: the extension and the folder must be usable."""
    path = Path(path)
    if path.suffix.lower() not in OUTPUT_SUFFIXES:
        raise OutputError(f"{path}: the output must end in .json, .csv or .xlsx")
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise OutputError(f"{path}: the folder {folder} does not exist")
    if not os.access(folder, os.W_OK):
        raise OutputError(f"{path}: the folder {folder} is not writable")
    return path


def write_results(
    path: str | Path,
    results: Sequence[BatchResult],
    written: Mapping[int, str] | None = None,
) -> Path:
    """Write `results` to `path` in the format its extension names, atomically.

    `written`: results already written as JSON (`result_text`), by their position in
    `results`; a JSON report uses those texts for them (`screener screen` writes each result
    as its answer comes in, while the workers screen the rest)."""
    path = check_output_path(path)
    if path.suffix.lower() != ".json":
        try:
            return export_table(path, "Batch screening", TABLE_HEADER, table_rows(results))
        except ExportError as exc:
            raise OutputError(str(exc)) from None
    payload = report_text(results, written or {})
    try:
        return write_atomically(path, lambda tmp: tmp.write_text(payload, encoding="utf-8"))
    except ExportError as exc:
        raise OutputError(str(exc)) from None


def indented_json(value: Any) -> str:
    """`json.dumps(value, ensure_ascii=False, indent=1)`, byte for byte, in a third of the time.

    The report is written after the last name is screened, with nothing else left to run
    in parallel, so its encoding is time the user waits for; the standard library encodes
    indented JSON in pure Python. Strings go through the standard library's own (C) string
    encoder; anything but text, numbers, booleans, None, lists, tuples and text-keyed dicts
    is left to `json.dumps` itself."""
    out: list[str] = []
    try:
        _put(value, "\n", out)
    except TypeError:
        return json.dumps(value, ensure_ascii=False, indent=1)
    return "".join(out)


def _put(value: Any, newline: str, out: list[str]) -> None:
    """Append `value` as `json.dumps` indents it, `newline` being its own line's start."""
    if isinstance(value, str):
        out.append(encode_basestring(value))
    elif value is None:
        out.append("null")
    elif value is True:
        out.append("true")
    elif value is False:
        out.append("false")
    elif isinstance(value, int):
        out.append(int.__repr__(value))
    elif isinstance(value, float):
        out.append(_float_text(value))
    elif isinstance(value, dict):
        if not value:
            out.append("{}")
            return
        inner, separator = newline + " ", "{"
        for key, item in value.items():
            if key.__class__ is not str:
                raise TypeError("a key that is not text")
            head = separator + inner + encode_basestring(key) + ": "
            if item.__class__ is str:
                out.append(head + encode_basestring(item))
            elif item == [] and item.__class__ is list:
                out.append(head + "[]")
            else:
                out.append(head)
                _put(item, inner, out)
            separator = ","
        out.append(newline + "}")
    elif isinstance(value, list | tuple):
        if not value:
            out.append("[]")
            return
        inner, separator = newline + " ", "["
        for item in value:
            if item.__class__ is str:
                out.append(separator + inner + encode_basestring(item))
            else:
                out.append(separator + inner)
                _put(item, inner, out)
            separator = ","
        out.append(newline + "]")
    else:
        raise TypeError(f"{type(value).__name__} is left to json.dumps")


def _float_text(value: float) -> str:
    if value != value:
        return "NaN"
    if value in (math.inf, -math.inf):
        return "Infinity" if value > 0 else "-Infinity"
    return float.__repr__(value)


def results_as_json(results: Sequence[BatchResult]) -> dict[str, Any]:
    return {"results": [result_as_json(result) for result in results]}


def result_as_json(result: BatchResult) -> dict[str, Any]:
    return {
        "id": result.query.id,
        "name": result.query.name,
        "hits": [
            {
                "source": hit.source,
                "entry_id": hit.entry_id,
                "name": hit.name,
                "score": round(hit.score, 4),
                "why": hit.reason(result.query.name),
                "score_detail": hit.why,
                "listed_on": listed_on(hit),
            }
            for hit in result.hits
        ],
    }


# A result's place in the report: `indented_json` writes the report's list of results one
# level inside its top mapping, each result on a line of its own at this indent.
_RESULT_LINE = "\n  "


def result_text(result: BatchResult) -> str | None:
    """One result as the JSON report writes it (`indented_json(results_as_json(...))` holds
    it, byte for byte); None if `indented_json` would leave it to `json.dumps`.

    The report used to be made whole once the last name was screened: some 30 ms with one
    core left idle. `screener screen` writes each result here as its answer arrives, while
    the workers screen the others, and only puts the texts together at the end."""
    out: list[str] = []
    try:
        _put(result_as_json(result), _RESULT_LINE, out)
    except TypeError:
        return None
    return "".join(out)


def report_text(results: Sequence[BatchResult], written: Mapping[int, str]) -> str:
    """The JSON report of `results`, as `indented_json(results_as_json(results))` writes it,
    with the texts of `written` (position -> `result_text`) for the results they hold."""
    texts: list[str] = []
    for position, result in enumerate(results):
        text = written.get(position)
        if text is None:
            text = result_text(result)
            if text is None:  # something only json.dumps writes: the whole report its way
                return indented_json(results_as_json(results))
        texts.append(text)
    if not texts:
        return indented_json(results_as_json(results))
    return '{\n "results": [' + _RESULT_LINE + ("," + _RESULT_LINE).join(texts) + "\n ]\n}"


def table_rows(results: Sequence[BatchResult]) -> Iterator[list[Any]]:
    for result in results:
        query = result.query
        if not result.hits:
            yield [query.id, query.name, query.row, "no", None, "", "", "", "", "", None, "", ""]
        for rank, hit in enumerate(result.hits, start=1):
            yield [
                query.id,
                query.name,
                query.row,
                "yes",
                rank,
                hit.source,
                hit.entry_id,
                "; ".join(listed_on(hit)),
                hit.name,
                hit.matched_name,
                round(hit.score, 4),
                hit.reason(query.name),
                hit.why,
            ]


def listed_on(hit: BatchHit) -> list[str]:
    """The entity's list entries the name hit, this hit's own first."""
    own = f"{hit.source} {hit.entry_id}"
    return [own, *(m for m in hit.memberships if m != own)]
