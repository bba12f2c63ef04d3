"""The container layer (ZIP/XLSX) and the JSON/YAML layer turn hostile input into located errors."""

from __future__ import annotations

import time
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook

from screener import safe_json
from screener.batch.reader import BatchInputError, read_batch
from screener.containers import ContainerError, open_workbook, open_zip
from screener.deals.reader import read_deal_file
from screener.risk.packs import PackError, parse_pack
from screener.safe_yaml import YamlError, load_text


def _workbook(path: Path) -> Path:
    book = Workbook()
    sheet = book.active
    sheet.append(["name", "country"])
    sheet.append(["Acme Mining", "US"])
    book.save(path)
    return path


def _rezip(source: Path, target: Path, replace: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            new.writestr(info.filename, replace.get(info.filename, old.read(info.filename)))
    return target


def test_a_truncated_workbook_is_one_located_error(tmp_path: Path) -> None:
    whole = _workbook(tmp_path / "whole.xlsx").read_bytes()
    broken = tmp_path / "register.xlsx"
    broken.write_bytes(whole[: len(whole) // 2])
    with pytest.raises(BatchInputError) as caught:
        read_batch(broken)
    assert "register.xlsx" in str(caught.value)


def test_a_corrupted_member_is_a_crc_or_deflate_error_naming_the_member(tmp_path: Path) -> None:
    path = _workbook(tmp_path / "book.xlsx")
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo("xl/worksheets/sheet1.xml")
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    for offset in range(start + 2, start + 12):
        data[offset] ^= 0x55
    path.write_bytes(bytes(data))
    with pytest.raises(ContainerError) as caught, open_workbook(path):
        pass
    assert "xl/worksheets/sheet1.xml" in caught.value.where
    assert str(path) in str(caught.value)


def test_malformed_sheet_xml_and_bad_cell_references_name_the_sheet(tmp_path: Path) -> None:
    source = _workbook(tmp_path / "source.xlsx")
    with zipfile.ZipFile(source) as archive:
        sheet = archive.read("xl/worksheets/sheet1.xml")
    bad_ref = _rezip(
        source,
        tmp_path / "ref.xlsx",
        {"xl/worksheets/sheet1.xml": sheet.replace(b'r="A2"', b'r="A-2"')},
    )
    raw = read_deal_file(bad_ref)
    assert raw.issues and all("ref.xlsx" == issue.file for issue in raw.issues)
    cut = _rezip(
        source, tmp_path / "cut.xlsx", {"xl/worksheets/sheet1.xml": sheet[: len(sheet) - 40]}
    )
    with pytest.raises(BatchInputError) as caught:
        read_batch(cut)
    assert "cut.xlsx" in str(caught.value) and "sheet" in str(caught.value)


def test_a_zip_bomb_is_refused_from_its_directory(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.zip"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("big.xml", b"\0" * (50 << 20))
    with pytest.raises(ContainerError, match="ratio"), open_zip(bomb):
        pass


@pytest.mark.parametrize(
    "text",
    ["[" * 100_000 + "]" * 100_000, '{"a":' * 100_000 + "1" + "}" * 100_000, "[" * 300 + "]" * 300],
)
def test_deep_json_is_refused_by_depth(text: str) -> None:
    with pytest.raises(safe_json.JsonError, match="nested"):
        safe_json.loads(text, "deal.json")


def test_a_5000_digit_json_number_is_refused_naming_the_file() -> None:
    with pytest.raises(safe_json.JsonError) as caught:
        safe_json.loads('{"n": ' + "7" * 5000 + "}", "deal.json")
    assert "deal.json" in str(caught.value)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("id: " + "9" * 5000, "integer longer than"),
        ("id: [" + "[" * 50_000 + "]" * 50_000 + "]", "nested deeper"),
        ("id:\n" + "".join("  " * i + "-\n" for i in range(1, 200)), "nested deeper"),
    ],
)
def test_hostile_yaml_is_a_yaml_error_with_its_line(text: str, expected: str) -> None:
    started = time.perf_counter()
    with pytest.raises(YamlError, match=expected):
        load_text(text, "pack.yaml")
    with pytest.raises(PackError, match=expected):
        parse_pack(text, "pack.yaml")
    assert time.perf_counter() - started < 5


def test_a_regex_between_literals_is_refused_before_it_runs() -> None:
    from tests.unit.risk.test_pack_loading import pack_text, rule

    when = "'" + "a" * 3000 + "!' =~ '(a+)+$'"
    started = time.perf_counter()
    with pytest.raises(PackError, match="regular-expression operators"):
        parse_pack(pack_text(rule(when)), "pack.yaml")
    assert time.perf_counter() - started < 1
