"""Hostile names in every file Screener writes, long publisher ids, and damaged set members."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook
from sqlalchemy import select

from screener.batch.model import BatchHit, BatchQuery, BatchResult
from screener.batch.writer import write_results
from screener.cells import FORMULA_TRIGGERS
from screener.cli import main
from screener.deals import import_deal_file
from screener.deals.writer import write_template
from screener.demo.case import DEMO_CASE_ID, demo_case_path
from screener.exports.case import export_case
from screener.lists.base import ListFormatError, ParsedEntry, ParsedLink, ParsedList, ParsedName
from screener.lists.load import load_parsed_list
from screener.lists.service import import_path
from screener.models import EntryLink, ListEntry, Party
from screener.store import Store
from tests.conftest import REPO, SHARED_DATA

HOSTILE_NAMES = (
    '=HYPERLINK("http://example.com/x","Click")',
    "+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(1+1)",
    "'=already quoted",
    "\t=tabbed",
)


def _formula_cells(path: Path) -> list[str]:
    """Every cell a spreadsheet would run: XLSX formula cells, CSV cells starting a formula."""
    if path.suffix == ".xlsx":
        book = load_workbook(path)  # not data_only: formulas stay formulas
        return [
            f"{sheet.title}!{cell.coordinate}"
            for sheet in book.worksheets
            for row in sheet.iter_rows()
            for cell in row
            if cell.data_type == "f"
        ]
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return [
            cell
            for row in csv.reader(handle)
            for cell in row
            if cell.startswith(FORMULA_TRIGGERS) and not _is_number(cell)
        ]


def _is_number(text: str) -> bool:
    """A negative number ('-104.95') is read as a number by spreadsheets, not run."""
    try:
        float(text)
    except ValueError:
        return False
    return True


def _hostile_deal(tmp_path: Path) -> Path:
    document = json.loads(demo_case_path().read_text(encoding="utf-8"))
    transaction = document["transactions"][0]
    transaction["title"] = HOSTILE_NAMES[0]
    transaction["description"] = HOSTILE_NAMES[1]
    for party, name in zip(transaction["parties"], HOSTILE_NAMES, strict=False):
        party["name"] = name
    path = tmp_path / "hostile.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def _party_names(store: Store) -> dict[str, str]:
    with store.session() as session:
        rows = session.execute(select(Party.key, Party.name).where(Party.case_id == DEMO_CASE_ID))
        return dict(rows.all())


@pytest.mark.parametrize("name", ["case.xlsx", "case_csv"])
def test_deal_export_writes_no_live_formula_and_names_round_trip(
    store: Store, tmp_path: Path, name: str
) -> None:
    import_deal_file(store, _hostile_deal(tmp_path))
    before = _party_names(store)
    assert {name.strip() for name in HOSTILE_NAMES} <= set(before.values())
    out = tmp_path / name
    result = CliRunner().invoke(
        main, ["--db", store.url, "deals", "export", DEMO_CASE_ID, "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    files = sorted(out.glob("*.csv")) if out.is_dir() else [out]
    assert files and all(_formula_cells(f) == [] for f in files)
    reimport = import_deal_file(store, out)
    assert [c.outcome for c in reimport.cases] == ["unchanged"], reimport.cases
    assert _party_names(store) == before


def test_case_export_batch_output_and_template_hold_no_live_formula(
    store: Store, tmp_path: Path
) -> None:
    import_deal_file(store, _hostile_deal(tmp_path))
    written = [export_case(store, DEMO_CASE_ID, tmp_path / f"case.{s}") for s in ("xlsx", "csv")]
    results = [
        BatchResult(
            BatchQuery(row=n + 2, id=f"-{n}", name=name),
            (BatchHit("OFAC-SDN", "=1+1", name, 0.9, "@why", 7, "+x"),),
        )
        for n, name in enumerate(HOSTILE_NAMES)
    ]
    written += [write_results(tmp_path / f"batch.{s}", results) for s in ("xlsx", "csv")]
    write_template(tmp_path / "template.xlsx")
    written.append(tmp_path / "template.xlsx")
    assert {str(path): _formula_cells(path) for path in written} == {str(p): [] for p in written}


def _entry(key: str, name: str) -> ParsedEntry:
    return ParsedEntry(key, "organization", name, names=[ParsedName(name)])


def test_ids_longer_than_the_column_are_stored_distinct_and_found_again(store: Store) -> None:
    shared = "X" * 119
    first, second = shared + "A" + "-first", shared + "A" + "-second"
    parsed = ParsedList(
        "TEST-LONG",
        "test",
        "tests",
        [],
        [_entry(first, "Alpha Mining"), _entry(second, "Beta Mining"), _entry("short", "Gamma")],
        links=[ParsedLink(first, "owned_or_controlled_by", object_key=second)],
    )
    with store.unit_of_work() as session:
        load_parsed_list(session, parsed, label="long ids")
    with store.session() as session:
        keys = dict(session.execute(select(ListEntry.primary_name, ListEntry.entry_key)).all())
        link = session.execute(select(EntryLink)).scalar_one()
        data = session.execute(
            select(ListEntry.data).where(ListEntry.primary_name == "Alpha Mining")
        ).scalar_one()
    assert len({keys["Alpha Mining"], keys["Beta Mining"]}) == 2
    assert all(len(key) <= 120 for key in keys.values()) and keys["Gamma"] == "short"
    assert (link.subject_key, link.object_key) == (keys["Alpha Mining"], keys["Beta Mining"])
    assert data["published_key"] == first


@pytest.mark.parametrize("damage", ["utf-16", "random bytes", "renamed"])
def test_a_present_but_unreadable_member_refuses_the_ofac_set(
    store: Store, tmp_path: Path, damage: str
) -> None:
    folder = tmp_path / "set"
    shutil.copytree(SHARED_DATA / "ofac-consolidated-non-sdn" / "csv_2025-12-19", folder)
    alt = folder / "cons_alt.csv"
    if damage == "utf-16":
        alt.write_bytes(alt.read_text(encoding="utf-8").encode("utf-16"))
    elif damage == "random bytes":
        alt.write_bytes(bytes(range(256)) * 40)
    else:
        alt.write_bytes(alt.read_text(encoding="utf-8").encode("utf-16"))
        alt.rename(folder / "aliases.csv")
    with pytest.raises(ListFormatError) as caught:
        import_path(store, folder)
    assert ("aliases.csv" if damage == "renamed" else "cons_alt.csv") in caught.value.file
    with store.session() as session:
        assert session.execute(select(ListEntry.id)).first() is None


def test_a_big_deal_file_reports_progress_by_stage_and_rows(store: Store, tmp_path: Path) -> None:
    document = json.loads(demo_case_path().read_text(encoding="utf-8"))
    transaction = document["transactions"][0]
    transaction["parties"] += [
        {"key": f"K{i}", "name": f"Holder {i} Ltd", "party_type": "company", "role": "owner"}
        for i in range(1200)
    ]
    path = tmp_path / "big.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    heard: list[tuple[int, int, str]] = []
    import_deal_file(store, path, on_progress=lambda *report: heard.append(report))
    total = len(transaction["parties"]) + len(transaction["ownership"])
    assert heard[0] == (0, 0, "reading and checking big.json")
    assert (500, total, "parties and ownership") in heard
    assert (1000, total, "parties and ownership") in heard
    assert heard[-1] == (total, total, "saving to the database")


def _with_huge_field_on_line_2(source: Path, target: Path, delimiter: str = ",") -> Path:
    lines = source.read_text(encoding="utf-8").splitlines(keepends=True)
    cells = lines[1].split(delimiter)
    cells[1] = '"' + "y" * 200_000 + '"'
    target.write_text(lines[0] + delimiter.join(cells) + "".join(lines[2:]), encoding="utf-8")
    return target


@pytest.mark.parametrize(
    ("source", "fmt", "delimiter"),
    [
        (REPO / "resources" / "demo" / "lists" / "csl_consolidated.csv", "us-csl", ","),
        (SHARED_DATA / "us-bis-denied-persons" / "dpl.txt", "bis-dpl", "\t"),
        (
            REPO / "resources" / "demo" / "lists" / "dod_1260h_sanctions.csv",
            "us-restricted-csv",
            ",",
        ),
    ],
)
def test_a_huge_field_is_reported_on_its_own_line(
    store: Store, tmp_path: Path, source: Path, fmt: str, delimiter: str
) -> None:
    path = _with_huge_field_on_line_2(source, tmp_path / source.name, delimiter)
    with pytest.raises(ListFormatError) as caught:
        import_path(store, path, format=fmt)
    assert caught.value.where == "line 2", str(caught.value)


def test_a_repeated_ofac_key_names_the_main_file_and_both_rows(
    store: Store, tmp_path: Path
) -> None:
    folder = tmp_path / "set"
    shutil.copytree(SHARED_DATA / "ofac-consolidated-non-sdn" / "csv_2025-12-19", folder)
    main_file = folder / "cons_prim.csv"
    lines = main_file.read_text(encoding="utf-8").splitlines(keepends=True)
    main_file.write_text("".join(lines[:5] + [lines[1]] + lines[5:]), encoding="utf-8")
    with pytest.raises(ListFormatError) as caught:
        import_path(store, folder)
    message = str(caught.value)
    assert caught.value.file == str(main_file) and "first on row 2" in message
    assert not any(name in message for name in ("cons_alt", "cons_add", "cons_comments"))


def test_fuzz_findings_end_as_located_errors(store: Store, tmp_path: Path) -> None:
    """Two mutants the large fuzz run found: a CSL without an optional column, a cut header."""
    csl = REPO / "resources" / "demo" / "lists" / "csl_consolidated.csv"
    with csl.open(encoding="utf-8", newline="") as handle:
        rows = [row for _, row in zip(range(6), csv.reader(handle), strict=False)]
    dropped = rows[0].index("places_of_birth")
    without = tmp_path / "consolidated.csv"
    with without.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([r[:dropped] + r[dropped + 1 :] for r in rows])
    result = import_path(store, without, format="us-csl")
    assert result.entry_count == 5
    dpl = tmp_path / "dpl.txt"
    header = (SHARED_DATA / "us-bis-denied-persons" / "dpl.txt").read_text(encoding="utf-8")
    dpl.write_text(header[: header.index('"City"') + 3], encoding="utf-8")  # cut inside a quote
    with pytest.raises(ListFormatError) as caught:
        import_path(store, dpl, format="bis-dpl")
    assert caught.value.where == "line 1 (header)" and caught.value.file == str(dpl)
