"""Batch screening end to end: `screener screen` on small real batches, CSV/XLSX in, all outs.

The lists are real: the OFAC consolidated non-SDN CSV set from ../shared/data, imported with
the lists service into a fresh SQLite database. Listed names are read back from that
database, so no list name is written into the test.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import Workbook, load_workbook
from sqlalchemy import select

from screener.batch.build import build_screener
from screener.batch.engine import HITS_PER_NAME, batch_query, prepare_query, to_hit
from screener.batch.model import BatchCancelled, BatchQuery
from screener.batch.runner import MIN_QUERIES_FOR_POOL, prepare_ahead, screen_batch
from screener.cli import main
from screener.lists.service import import_path
from screener.matching.db_index import build_index
from screener.models import AuditEvent, ListEntry
from screener.store import Store
from tests.conftest import SHARED_DATA

OFAC_CONS = SHARED_DATA / "ofac-consolidated-non-sdn" / "csv_2025-12-19"
UNLISTED = ["Zebulon Quillfeather", "Marisol Etxeberria-Van Dyck", "Quokka Upholstery GmbH"]


@pytest.fixture
def source_name(store: Store) -> str:
    """The store holds one real list; returns its source name."""
    return import_path(store, OFAC_CONS).source_name


@pytest.fixture
def listed(store: Store, source_name: str) -> list[str]:
    """Two of the list's organisations' primary names."""
    with store.session() as session:
        names = session.execute(
            select(ListEntry.primary_name)
            .where(ListEntry.entity_type != "person")
            .order_by(ListEntry.id)
            .limit(2)
        ).scalars()
        return list(names)


def write_csv(path: Path, rows: list[dict[str, str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return path


def run_screen(url: str, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["--db", url, "screen", *args])
    return result.exit_code, result.stdout, result.stderr


def test_csv_in_json_out_alerts_with_exit_1(
    tmp_path: Path, sqlite_url: str, listed: list[str], source_name: str
) -> None:
    rows = [{"id": "A", "name": listed[0], "type": "company"}]
    rows += [{"id": f"U{i}", "name": name, "type": ""} for i, name in enumerate(UNLISTED)]
    out = tmp_path / "report.json"
    code, _out, err = run_screen(
        sqlite_url, str(write_csv(tmp_path / "in.csv", rows)), "--out", str(out)
    )
    assert code == 1, err
    payload = json.loads(out.read_text(encoding="utf-8"))
    assert list(payload) == ["results"]
    assert [r["id"] for r in payload["results"]] == ["A", "U0", "U1", "U2"]
    first = payload["results"][0]
    assert set(first) == {"id", "name", "hits"} and first["name"] == listed[0]
    assert first["hits"], "a listed name must hit its own entry"
    keys = {"source", "entry_id", "name", "score", "why", "score_detail", "listed_on"}
    assert set(first["hits"][0]) == keys
    assert first["hits"][0]["name"] == listed[0] and first["hits"][0]["source"] == source_name
    why, detail = first["hits"][0]["why"], first["hits"][0]["score_detail"]
    # the reviewer reads sentences; the scorer's figures stay in the technical column
    assert "The names are written the same." in why and "Score" not in why and "[" not in why
    assert detail.startswith("Score 1.00:")
    scores = [hit["score"] for hit in first["hits"]]
    assert scores == sorted(scores, reverse=True)
    threshold = build_screener_threshold(sqlite_url)
    assert all(hit["score"] >= threshold for r in payload["results"] for hit in r["hits"])
    assert all(not r["hits"] for r in payload["results"][1:])


def build_screener_threshold(url: str) -> float:
    from screener.store import open_store

    store = open_store(url)
    try:
        return build_screener(store).description.threshold
    finally:
        store.dispose()


def test_nothing_alerts_exit_0_and_the_batch_is_audited(
    tmp_path: Path, sqlite_url: str, store: Store, listed: list[str]
) -> None:
    rows = [{"name": name} for name in UNLISTED]
    out = tmp_path / "clear.json"
    code, _o, err = run_screen(
        sqlite_url, str(write_csv(tmp_path / "in.csv", rows)), "--out", str(out)
    )
    assert code == 0, err
    assert all(r["hits"] == [] for r in json.loads(out.read_text())["results"])
    with store.session() as session:
        event = session.execute(
            select(AuditEvent).where(AuditEvent.action == "batch.screen")
        ).scalar_one()
    assert event.details["names"] == 3 and event.details["alerting"] == 0
    assert event.details["list_versions"]


def test_xlsx_in_csv_and_xlsx_out(tmp_path: Path, sqlite_url: str, listed: list[str]) -> None:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["id", "name", "type"])
    sheet.append([101, listed[1], "company"])
    sheet.append([102, "@SUM(A1:A9) Holdings", ""])
    source = tmp_path / "register.xlsx"
    workbook.save(source)

    csv_out = tmp_path / "report.csv"
    code, _o, err = run_screen(sqlite_url, str(source), "--out", str(csv_out))
    assert code == 1, err
    with csv_out.open(encoding="utf-8-sig") as handle:
        table = list(csv.DictReader(handle))
    hit_rows = [row for row in table if row["id"] == "101"]
    assert hit_rows and all(row["alert"] == "yes" for row in hit_rows)
    assert hit_rows[0]["entry_name"] == listed[1] and hit_rows[0]["rank"] == "1"
    assert "The names are written the same." in hit_rows[0]["why"] and "Score" not in hit_rows[0]["why"]
    assert hit_rows[0]["score_detail"].startswith("Score ")
    clear = [row for row in table if row["id"] == "102"]
    assert len(clear) == 1 and clear[0]["alert"] == "no"
    assert clear[0]["name"] == "'@SUM(A1:A9) Holdings", "formulas must be neutralised"

    xlsx_out = tmp_path / "report.xlsx"
    code, _o, err = run_screen(sqlite_url, str(source), "--out", str(xlsx_out))
    assert code == 1, err
    sheet = load_workbook(xlsx_out, read_only=True).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:4] == ("id", "name", "row", "alert")
    assert rows[0][-2:] == ("why", "score_detail")
    assert "The names are written the same." in rows[1][-2] and rows[1][-1].startswith("Score ")
    assert [r[0] for r in rows[1:]].count("101") == len(hit_rows)


def test_bad_input_gives_row_errors_exit_2_and_no_report(
    tmp_path: Path, sqlite_url: str, listed: list[str]
) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "id,name,type,country\n1,Someone,person,XX-land\n2,,company,\n", encoding="utf-8"
    )
    out = tmp_path / "never.json"
    code, _o, err = run_screen(sqlite_url, str(bad), "--out", str(out))
    assert code == 2
    assert "bad.csv, row 2, field 'country'" in err
    assert "bad.csv, row 3, field 'name'" in err
    assert "Traceback" not in err and not out.exists()


def test_bad_output_and_unknown_list_exit_2(
    tmp_path: Path, sqlite_url: str, listed: list[str], source_name: str
) -> None:
    source = write_csv(tmp_path / "in.csv", [{"name": listed[0]}])
    code, _o, err = run_screen(sqlite_url, str(source), "--out", str(tmp_path / "r.pdf"))
    assert code == 2 and ".json, .csv or .xlsx" in err
    code, _o, err = run_screen(
        sqlite_url, str(source), "--out", str(tmp_path / "r.json"), "--lists", "NO-SUCH-LIST"
    )
    assert code == 2 and "NO-SUCH-LIST" in err and source_name in err


def test_threshold_option_and_lists_option(
    tmp_path: Path, sqlite_url: str, listed: list[str], source_name: str
) -> None:
    source = write_csv(tmp_path / "in.csv", [{"name": listed[0]}])
    out = tmp_path / "r.json"
    code, _o, err = run_screen(
        sqlite_url, str(source), "--out", str(out), "--lists", source_name, "--threshold", "0.99"
    )
    assert code == 1, err
    hits = json.loads(out.read_text())["results"][0]["hits"]
    assert hits and all(hit["score"] >= 0.99 for hit in hits)


def test_pool_and_single_process_agree_and_cancel_returns_nothing(
    store: Store, listed: list[str]
) -> None:
    names = [listed[0], listed[1], *UNLISTED]
    queries = [  # distinct rows (a repeated row is screened once): no list has these numbers
        BatchQuery(
            row=i + 2,
            id=str(i),
            name=names[i % len(names)],
            identifiers={"registration": f"ZZ{i:08d}"},
        )
        for i in range(MIN_QUERIES_FOR_POOL + 50)
    ]
    queries += [  # Han and kana names, prepared ahead by a helper process below
        BatchQuery(row=1000 + i, id=f"c{i}", name=name)
        for i, name in enumerate(["习近平", "金正恩", "トヨタ自動車", "山田 太郎"])
    ]
    screener = build_screener(store)
    alone = screen_batch(queries, screener, workers=1)
    pooled = screen_batch(queries, screener, workers=2, chunk_size=40)
    assert pooled == alone
    ahead = prepare_ahead(queries, prepare_query, workers=2)
    assert ahead is not None and ahead.count == 4
    assert screen_batch(queries, screener, workers=2, chunk_size=40, ahead=ahead) == alone
    assert sum(1 for r in pooled if r.alerts) >= 2 * (len(queries) // len(names))

    seen: list[int] = []
    with pytest.raises(BatchCancelled):
        screen_batch(
            queries,
            screener,
            workers=2,
            chunk_size=40,
            on_progress=lambda done, _total: seen.append(done),
            is_cancelled=lambda: len(seen) > 1,
        )
    assert seen[-1] < len(queries)


def _variants(name: str) -> list[str]:
    """The list's own names damaged the ways registers damage them."""
    words = name.split()
    dropped = name[:3] + name[4:] if len(name) > 6 else name
    initial = " ".join([words[0][0], *words[1:]]) if len(words) > 1 else name
    return [name, " ".join(reversed(words)), dropped, initial]


def test_batch_reports_the_engines_own_hits_for_each_name(store: Store, source_name: str) -> None:
    """One scoring path: a batch on worker processes, over the kept index read back from
    disk, reports for every row exactly what the engine's search over a freshly built index
    finds for that name alone (entries, scores, explanations), at two thresholds."""
    with store.session() as session:
        names = session.execute(
            select(ListEntry.primary_name).order_by(ListEntry.id).limit(110)
        ).scalars()
        texts = [v for name in names for v in _variants(name)] + UNLISTED
        fresh = build_index(session)
    queries = [
        BatchQuery(
            row=i + 2,
            id=str(i),
            name=text,
            party_type=("person", "company", None)[i % 3],
            country="RU" if i % 4 else None,
        )
        for i, text in enumerate(texts)
    ]
    assert len(queries) >= MIN_QUERIES_FOR_POOL
    for threshold in (None, 0.5):
        screener = build_screener(store, threshold=threshold)
        pooled = screen_batch(queries, screener, workers=2, chunk_size=50)
        floor = screener.description.threshold
        expected = [
            tuple(
                to_hit(m.entry, m.score)
                for m in fresh.search(batch_query(q), limit=HITS_PER_NAME, threshold=floor)
            )
            for q in queries
        ]
        assert [r.hits for r in pooled] == expected
        assert sum(1 for hits in expected if hits) > len(queries) // 3
