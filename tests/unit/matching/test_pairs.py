"""Scoring a file of pairs: the same score `score_pair` gives each pair, with records reused."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from screener.cells import neutralise_cell
from screener.matching.algorithm import score_pair
from screener.matching.config import load_config
from screener.matching.pairs import (
    PairScorer,
    PairsFileError,
    ScoredPair,
    read_pairs,
    score_rows,
    scored_lines,
    write_lines,
)
from tests.conftest import SHARED_EVAL


def test_a_file_of_pairs_scores_each_pair_as_score_pair_does() -> None:
    """Names repeat across the rows (each row also appears reversed and with countries), so
    reused records meet each other in every order; a blank name scores 0."""
    with open(SHARED_EVAL / "name_pairs_dev.csv", encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    rows += [{**r, "name1": r["name2"], "name2": r["name1"]} for r in rows]
    rows += [{**r, "country1": "RU", "country2": "China"} for r in rows[:100]]
    rows += [{"schema": "Person", "name1": "...", "name2": "Olaf Scholz"}]
    config = load_config()
    scored = list(score_rows(rows, config))
    assert len(scored) == len(rows)
    for row, item in zip(rows, scored, strict=True):
        expected = score_pair(
            row["name1"],
            row["name2"],
            row.get("schema") or None,
            row.get("country1") or None,
            row.get("country2") or None,
            config=config,
            explain=False,
        ).score
        assert item.score == expected, row
        assert item.alert == (expected >= config.review_threshold)
    assert scored[-1].score == 0.0
    assert any(item.alert for item in scored) and not all(item.alert for item in scored)


def _dict_writer_text(columns: list[str], scored: list[ScoredPair]) -> str:
    """What csv.DictWriter wrote for the same rows (the writer before it was made faster),
    every value made inert as every export makes it (`neutralise_cell`)."""
    out_columns = [*columns, *(c for c in ("score", "alert") if c not in columns)]
    handle = io.StringIO(newline="")
    writer = csv.DictWriter(handle, fieldnames=out_columns)
    writer.writerow({c: neutralise_cell(c) for c in out_columns})
    for item in scored:
        row = {k: neutralise_cell(v) for k, v in item.row.items()}
        writer.writerow(
            row | {"score": f"{item.score:.4f}", "alert": "true" if item.alert else "false"}
        )
    return handle.getvalue()


@pytest.mark.parametrize(
    "header",
    [
        "name1,name2",
        "name1,name2,schema_note,note",
        "alert,name1,score,name2",  # the input's own score and alert columns are replaced
        "name1,name2,note,note",  # a repeated header: csv.DictReader keeps the last value
        "name1,name2,extra",  # rows shorter than the header
    ],
)
def test_written_scores_are_what_a_dict_writer_writes(tmp_path: Path, header: str) -> None:
    pairs = tmp_path / "pairs.csv"
    body = [
        ["Olaf Scholz", "Scholz, Olaf", "x", "y"],
        ['He said "Ahmed"', "Ahmad", "two\nlines", ""],
        ["=HYPERLINK(1)", "+A1"],
    ]
    with pairs.open("w", encoding="utf-8", newline="") as handle:
        handle.write(header + "\n")
        csv.writer(handle).writerows(row[: len(header.split(","))] for row in body)
    columns, rows = read_pairs(pairs)
    scored = [ScoredPair(row, 0.123456 * n, n % 2 == 0) for n, row in enumerate(rows)]
    out = tmp_path / "out.csv"
    write_lines(out, columns, scored_lines(columns, [(s.row, s.score, s.alert) for s in scored]))
    assert out.read_bytes().decode("utf-8") == _dict_writer_text(columns, scored)


def test_a_formula_in_a_pair_file_is_written_inert(tmp_path: Path) -> None:
    """score-pairs' output is opened in spreadsheets; names may come from hostile lists."""
    pairs = tmp_path / "pairs.csv"
    pairs.write_text(
        'name1,name2,=note\n"=HYPERLINK(""http://x"",""y"")",+A1,-2+3\n'
        "Olaf Scholz,'=already quoted,@SUM(A1)\n",  # a quote Screener added: read as =...
        encoding="utf-8",
    )
    columns, rows = read_pairs(pairs)
    out = tmp_path / "out.csv"
    write_lines(out, columns, scored_lines(columns, [(r, 0.5, False) for r in rows]))
    with out.open(encoding="utf-8", newline="") as handle:
        written = list(csv.reader(handle))
    assert written == [
        ["name1", "name2", "'=note", "score", "alert"],
        ['\'=HYPERLINK("http://x","y")', "'+A1", "'-2+3", "0.5000", "false"],
        ["Olaf Scholz", "'=already quoted", "'@SUM(A1)", "0.5000", "false"],
    ]
    # read back (scored or calibrated again), the output gives the names the file gave
    again_columns, again = read_pairs(out)
    assert again_columns == [*columns, "score", "alert"]
    assert [[r[c] for c in columns] for r in again] == [[r[c] for c in columns] for r in rows]
    assert again[1]["name2"] == "=already quoted" and again[0]["=note"] == "-2+3"


def test_a_scorers_lines_are_its_rows_scored_and_alerting_at_the_threshold(tmp_path: Path) -> None:
    """`PairScorer.lines` (what a pool's worker sends back): the scores `score_rows` gives,
    formatted as the file writes them, and the number of rows at or above the threshold."""
    with open(SHARED_EVAL / "name_pairs_dev.csv", encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        columns, rows = list(reader.fieldnames or []), list(reader)
    config = load_config()
    scored = list(score_rows(rows, config))
    lines, alerts = PairScorer(config).lines(columns, rows)
    assert alerts == sum(1 for s in scored if s.alert) > 0
    assert alerts < len(rows)
    out = tmp_path / "out.csv"
    write_lines(out, columns, lines)
    assert out.read_bytes().decode("utf-8") == _dict_writer_text(columns, scored)


@pytest.mark.parametrize("ending", ["\n", "\r\n", "\r"])
def test_a_pair_file_reads_as_a_dict_reader_reads_it(tmp_path: Path, ending: str) -> None:
    """Read whole and parsed from memory, a file gives the rows csv.DictReader gives on the
    open file: any line ending, names quoted over two lines or holding a comma, blank lines
    skipped, short rows padded, schemas in any case; a quote score-pairs put before a
    formula is removed, and only there."""
    text = ending.join(
        [
            "schema,name1,name2,country1",
            'Person,"Scholz, Olaf",Olaf Scholz,DE',
            "",
            'company,"Rosneft\nOil",Rosneft,RU',
            "PERSON,Li Wei",
            ",'=SUM(A1),O'Brien,",
            "",
        ]
    )
    pairs = tmp_path / "pairs.csv"
    pairs.write_bytes(text.encode("utf-8"))
    columns, rows = read_pairs(pairs)
    with pairs.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle, restval="")
        expected = [
            {k: v.removeprefix("'") if v.startswith("'=") else v for k, v in r.items()}
            for r in reader
        ]
        assert columns == reader.fieldnames
    assert rows == expected
    assert [r["name1"] for r in rows] == ["Scholz, Olaf", "Rosneft\nOil", "Li Wei", "=SUM(A1)"]
    assert rows[3]["name2"] == "O'Brien"


def test_an_unknown_schema_is_reported_at_its_row_after_known_ones(tmp_path: Path) -> None:
    pairs = tmp_path / "pairs.csv"
    body = "".join(f"{s},A {n},B {n}\n" for n, s in enumerate(["Person", "person", "", "Person"]))
    pairs.write_text("schema,name1,name2\n" + body + "\nPlanet,C,D\n", encoding="utf-8")
    with pytest.raises(PairsFileError, match=r"row 6, field 'schema': unknown schema 'Planet'"):
        read_pairs(pairs)
