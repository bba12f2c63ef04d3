"""Small real seed files, cut from the publishers' lists in ../shared/data and the shipped rules.

Each seed is a valid input the reader accepts (checked by the fuzz test), small enough that a
mutant imports in milliseconds, so ten thousand mutants fit in minutes. Excerpts are cut at
record boundaries (rows, closing tags) so the seed is still a real file of its format.
"""

from __future__ import annotations

import csv
import io
import re
import shutil
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from tests.conftest import REPO, SHARED_DATA

DEMO_LISTS = REPO / "resources" / "demo" / "lists"
FIXTURES = REPO / "tests" / "fixtures"
ROWS = 25


@dataclass(frozen=True)
class Seed:
    """What to feed a reader: `path` (file or folder), the `members` a mutant may change."""

    name: str
    kind: str  # list | deal | batch | pack
    path: Path
    members: tuple[Path, ...]
    format: str | None = None


def _head_lines(source: Path, target: Path, lines: int, encoding: str = "utf-8") -> Path:
    text = source.read_text(encoding=encoding, errors="strict")
    target.write_text("".join(text.splitlines(keepends=True)[:lines]), encoding=encoding)
    return target


def _head_csv(source: Path, target: Path, rows: int, delimiter: str = ",") -> Path:
    """The first `rows` records, quoting kept as a csv writer does (fields may hold newlines)."""
    with source.open(encoding="utf-8-sig", newline="") as handle:
        records = [
            r for _, r in zip(range(rows), csv.reader(handle, delimiter=delimiter), strict=False)
        ]
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator="\n").writerows(records)
    target.write_text(out.getvalue(), encoding="utf-8")
    return target


def _cut_xml(data: bytes, record_end: bytes, count: int, closing: bytes) -> bytes:
    position = 0
    for _ in range(count):
        position = data.index(record_end, position) + len(record_end)
    return data[:position] + b"\n" + closing


def _ofac_csv(folder: Path) -> Seed:
    source = SHARED_DATA / "ofac-consolidated-non-sdn" / "csv_2025-12-19"
    folder.mkdir()
    main = (source / "cons_prim.csv").read_bytes().decode("utf-8").splitlines(keepends=True)[:ROWS]
    (folder / "cons_prim.csv").write_text("".join(main), encoding="utf-8")
    keys = {line.split(",", 1)[0] for line in main}
    for name in ("cons_alt.csv", "cons_add.csv", "cons_comments.csv"):
        lines = (source / name).read_bytes().decode("utf-8").splitlines(keepends=True)
        kept = [line for line in lines if line.split(",", 1)[0] in keys] or lines[:0]
        (folder / name).write_text("".join(kept), encoding="utf-8")
    members = tuple(sorted(p for p in folder.iterdir() if p.stat().st_size))
    return Seed("ofac-csv set", "list", folder, members, "ofac-csv")


def _ofac_enhanced(folder: Path) -> Seed:
    source = (
        SHARED_DATA / "ofac-consolidated-non-sdn" / "enhanced-xml_2025-01-10" / "CONS_ENHANCED.ZIP"
    )
    with zipfile.ZipFile(source) as archive:
        data = archive.read("CONS_ENHANCED.XML")
    path = folder / "CONS_ENHANCED.ZIP"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "CONS_ENHANCED.XML", _cut_xml(data, b"</entity>", 6, b"</entities>\n</sanctionsData>\n")
        )
    return Seed("ofac-enhanced zip", "list", path, (path,), "ofac-enhanced-xml")


def _ofac_sdnlist(folder: Path) -> Seed:
    source = (
        SHARED_DATA / "ofac-consolidated-non-sdn" / "sdnlist-xml_2018-04-06" / "consolidated.xml"
    )
    path = folder / "consolidated.xml"
    path.write_bytes(_cut_xml(source.read_bytes(), b"</sdnEntry>", 6, b"</sdnList>\n"))
    return Seed("ofac-sdnlist xml", "list", path, (path,), "ofac-sdnlist-xml")


def _ofac_legacy_sdn(folder: Path) -> Seed:
    path = _head_lines(DEMO_LISTS / "sdn.csv", folder / "sdn.csv", ROWS, "latin-1")
    return Seed("ofac sdn.csv", "list", path, (path,), "ofac-csv")


def _uk_xlsx(folder: Path) -> Seed:
    from openpyxl import Workbook

    from screener.lists.xlsx_rows import first_sheet_rows

    book = Workbook(write_only=True)
    sheet = book.create_sheet("Consolidated List")
    for number, cells in first_sheet_rows(
        SHARED_DATA / "uk-ofsi-consolidated-list" / "UK_Sanctions_List.xlsx"
    ):
        sheet.append(cells)
        if number >= ROWS:
            break
    path = folder / "UK_Sanctions_List.xlsx"
    book.save(path)
    return Seed("uk-ofsi xlsx", "list", path, (path,), "uk-ofsi")


def _copy(source: Path, folder: Path, name: str, kind: str, fmt: str | None) -> Seed:
    path = folder / source.name
    shutil.copyfile(source, path)
    return Seed(name, kind, path, (path,), fmt)


def _deal_seeds(folder: Path) -> list[Seed]:
    from screener.deals.validate import validate_deal_file
    from screener.deals.writer import write_csv_folder, write_xlsx

    json_path = folder / "deal.json"
    shutil.copyfile(REPO / "resources" / "demo" / "demo_case.json", json_path)
    transactions = validate_deal_file(json_path).transactions
    xlsx_path = folder / "deal.xlsx"
    write_xlsx(transactions, xlsx_path)
    csv_folder = folder / "deal_csv"
    write_csv_folder(transactions, csv_folder)
    return [
        Seed("deal json", "deal", json_path, (json_path,)),
        Seed("deal xlsx", "deal", xlsx_path, (xlsx_path,)),
        Seed("deal csv folder", "deal", csv_folder, tuple(sorted(csv_folder.iterdir()))),
    ]


def _batch_seeds(folder: Path) -> list[Seed]:
    from openpyxl import Workbook

    rows = [["id", "name", "type", "country", "date"]]
    with (DEMO_LISTS / "dod_1260h_sanctions.csv").open(encoding="utf-8", newline="") as handle:
        for number, record in enumerate(csv.DictReader(handle), start=1):
            rows.append(
                [
                    f"P{number}",
                    record.get("name") or record.get("caption") or "x",
                    "company",
                    "CN",
                    "",
                ]
            )
            if number >= ROWS:
                break
    csv_path = folder / "register.csv"
    with csv_path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)
    book = Workbook()
    for row in rows:
        book.active.append(row)
    xlsx_path = folder / "register.xlsx"
    book.save(xlsx_path)
    return [
        Seed("batch csv", "batch", csv_path, (csv_path,)),
        Seed("batch xlsx", "batch", xlsx_path, (xlsx_path,)),
    ]


def _pack_seeds(folder: Path) -> list[Seed]:
    seeds = []
    for name in ("sanctions.yaml", "us-cfius.yaml", "jp-fefta.yaml"):
        path = folder / name
        shutil.copyfile(REPO / "rules" / name, path)
        seeds.append(Seed(f"rule pack {name}", "pack", path, (path,)))
    return seeds


def _list_files(folder: Path) -> list[Seed]:
    un = folder / "UN_consolidated.xml"
    un.write_bytes(
        _cut_xml(
            (DEMO_LISTS / "UN_consolidated.xml").read_bytes(),
            b"</INDIVIDUAL>",
            4,
            b"</INDIVIDUALS><ENTITIES></ENTITIES></CONSOLIDATED_LIST>\n",
        )
    )
    shared = SHARED_DATA
    return [
        Seed("un xml", "list", un, (un,), "un-xml"),
        _seed_of(
            _head_csv(DEMO_LISTS / "csl_consolidated.csv", folder / "consolidated.csv", ROWS),
            "us-csl csv",
            "us-csl",
        ),
        _seed_of(
            _head_lines(shared / "us-bis-denied-persons" / "dpl.txt", folder / "dpl.txt", ROWS),
            "us-bis dpl",
            "bis-dpl",
        ),
        _seed_of(
            _head_csv(DEMO_LISTS / "dod_1260h_sanctions.csv", folder / "sanctions.csv", ROWS),
            "us-dod 1260h csv",
            "us-restricted-csv",
        ),
        _seed_of(
            _head_csv(
                shared / "eu-oj-annexes-opensanctions-transcription" / "32014R0833.csv",
                folder / "32014R0833.csv",
                ROWS,
            ),
            "eu-oj csv",
            "eu-oj-csv",
        ),
        _copy(FIXTURES / "eu_fsf_sample.xml", folder, "eu-fsf xml", "list", "eu-fsf-xml"),
        _copy(FIXTURES / "ofsi_conlist_sample.csv", folder, "uk-ofsi csv", "list", "uk-ofsi"),
        _copy(
            shared / "opensanctions-ftm" / "t1_entities.ftm.json",
            folder,
            "ftm json",
            "list",
            "ftm-json",
        ),
        _copy(
            shared / "bods-examples" / "bods-package.json", folder, "bods json", "list", "bods-json"
        ),
        _copy(
            shared / "gleif-lei-level2-samples" / "rr-data.xml",
            folder,
            "gleif rr xml",
            "list",
            "gleif-xml",
        ),
    ]


def _seed_of(path: Path, name: str, fmt: str | None) -> Seed:
    return Seed(name, "list", path, (path,), fmt)


BUILDERS: tuple[Callable[[Path], Seed | list[Seed]], ...] = (
    _ofac_csv,
    _ofac_legacy_sdn,
    _ofac_enhanced,
    _ofac_sdnlist,
    _uk_xlsx,
    _list_files,
    _deal_seeds,
    _batch_seeds,
    _pack_seeds,
)


def build_seeds(folder: Path) -> list[Seed]:
    """Every seed, written under `folder` (each builder in its own sub-folder)."""
    seeds: list[Seed] = []
    for index, builder in enumerate(BUILDERS):
        place = folder / f"s{index}"
        place.mkdir(parents=True)
        built = builder(place / "ofac_csv_set" if builder is _ofac_csv else place)
        seeds.extend(built if isinstance(built, list) else [built])
    return seeds


def safe_name(seed: Seed) -> str:
    return re.sub(r"\W+", "-", seed.name)
