"""Bad input names the file, the row/line/element and the field; XML attacks are refused."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from screener.lists.base import ListFormatError
from screener.lists.csl import PARSER as CSL
from screener.lists.dpl import PARSER as DPL
from screener.lists.ofac_csv import PARSER as OFAC_CSV
from screener.lists.ofac_enhanced_xml import PARSER as ENHANCED
from screener.lists.ofac_sdnlist_xml import PARSER as SDNLIST
from tests.conftest import SHARED_DATA

SDN_2024 = SHARED_DATA / "ofac-sdn-legacy-csv" / "2024-05-03_sdn-only" / "sdn.csv"
CSL_FILE = SHARED_DATA / "us-trade-csl" / "consolidated.csv"


def _sdn_lines(count: int) -> bytes:
    return b"".join(SDN_2024.read_bytes().splitlines(keepends=True)[:count])


def test_truncated_ofac_csv_names_row_and_missing_column(tmp_path: Path) -> None:
    data = _sdn_lines(20)
    cut = tmp_path / "sdn.csv"
    cut.write_bytes(data[: data.rfind(b",-0- ,-0- ,-0- ,")])  # the download stopped mid-row
    with pytest.raises(ListFormatError) as caught:
        OFAC_CSV.parse(cut)
    error = caught.value
    assert error.file == str(cut)
    assert error.where == "row 20"
    assert error.field_name == "GRT"
    assert "expected 12 columns" in error.problem


def test_truncated_inside_quotes_names_row(tmp_path: Path) -> None:
    cut = tmp_path / "sdn.csv"
    data = _sdn_lines(5) + b'99999,"UNFINISHED NAME'
    cut.write_bytes(data)
    with pytest.raises(ListFormatError) as caught:
        OFAC_CSV.parse(cut)
    assert caught.value.where == "row 6"


def test_wrong_encoding_names_line_and_field(tmp_path: Path) -> None:
    lines = SDN_2024.read_bytes().splitlines(keepends=True)[:10]
    lines[6] = lines[6].replace(b"CIMEX", "CIMÉX".encode("latin-1"))  # line 7: 535,"CIMEX",...
    broken = tmp_path / "sdn.csv"
    broken.write_bytes(b"".join(lines))
    with pytest.raises(ListFormatError) as caught:
        OFAC_CSV.parse(broken)
    assert caught.value.where == "line 7"
    assert caught.value.field_name == "SDN_Name"
    assert "0xc9" in caught.value.problem and "column 9" in caught.value.problem


def test_unknown_sdn_type_names_field(tmp_path: Path) -> None:
    broken = tmp_path / "sdn.csv"
    broken.write_bytes(
        _sdn_lines(3).replace(b'"BANCO NACIONAL DE CUBA",-0- ', b'"BANCO NACIONAL DE CUBA","bank"')
    )
    with pytest.raises(ListFormatError) as caught:
        OFAC_CSV.parse(broken)
    assert (caught.value.where, caught.value.field_name) == ("row 3", "SDN_Type")


def test_csl_missing_column_is_named(tmp_path: Path) -> None:
    lines = CSL_FILE.read_text("utf-8").splitlines(keepends=True)[:30]
    header = lines[0].replace(",alt_names,", ",alternative_names,")
    broken = tmp_path / "consolidated.csv"
    broken.write_text(header + "".join(lines[1:]), "utf-8")
    with pytest.raises(ListFormatError) as caught:
        CSL.parse(broken)
    assert caught.value.where == "row 1 (header)"
    assert caught.value.field_name == "alt_names"


def test_csl_truncated_row_is_named(tmp_path: Path) -> None:
    lines = CSL_FILE.read_text("utf-8").splitlines(keepends=True)[:12]
    broken = tmp_path / "consolidated.csv"
    broken.write_text("".join(lines[:-1]) + lines[-1][:60] + "\n", "utf-8")
    with pytest.raises(ListFormatError) as caught:
        CSL.parse(broken)
    assert caught.value.where == "line 12"


def test_dpl_wrong_encoding(tmp_path: Path) -> None:
    lines = (
        (SHARED_DATA / "us-bis-denied-persons" / "dpl.txt")
        .read_bytes()
        .splitlines(keepends=True)[:5]
    )
    lines[3] = lines[3].replace(b'"', b'"\xff', 1)
    broken = tmp_path / "dpl.txt"
    broken.write_bytes(b"".join(lines))
    with pytest.raises(ListFormatError) as caught:
        DPL.parse(broken)
    assert (caught.value.where, caught.value.field_name) == ("line 4", "Name")


BOMB = """<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<sdnList xmlns="http://tempuri.org/sdnList.xsd"><sdnEntry><uid>1</uid><lastName>&lol3;</lastName>
<sdnType>Entity</sdnType></sdnEntry></sdnList>
"""
EXTERNAL = """<?xml version="1.0"?>
<!DOCTYPE sdnList [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<sdnList xmlns="http://tempuri.org/sdnList.xsd"><sdnEntry><uid>1</uid><lastName>&secret;</lastName>
<sdnType>Entity</sdnType></sdnEntry></sdnList>
"""


@pytest.mark.parametrize("document", [BOMB, EXTERNAL], ids=["entity-bomb", "external-entity"])
def test_xml_entities_are_refused(tmp_path: Path, document: str) -> None:
    hostile = tmp_path / "sdn.xml"
    hostile.write_text(document, "utf-8")
    with pytest.raises(ListFormatError) as caught:
        SDNLIST.parse(hostile)
    assert caught.value.file == str(hostile)
    assert caught.value.field_name == "DTD"


def test_entity_bomb_inside_enhanced_zip_is_refused(tmp_path: Path) -> None:
    hostile = tmp_path / "SDN_ENHANCED.ZIP"
    payload = BOMB.replace("sdnList", "sanctionsData")
    with zipfile.ZipFile(hostile, "w") as archive:
        archive.writestr("SDN_ENHANCED.XML", payload)
    with pytest.raises(ListFormatError) as caught:
        ENHANCED.parse(hostile)
    assert caught.value.field_name == "DTD"
    assert "SDN_ENHANCED.XML" in caught.value.file


def test_truncated_xml_names_line(tmp_path: Path) -> None:
    source = (
        SHARED_DATA / "ofac-consolidated-non-sdn" / "sdnlist-xml_2018-04-06" / "consolidated.xml"
    )
    cut = tmp_path / "consolidated.xml"
    cut.write_bytes(source.read_bytes()[:5000])
    with pytest.raises(ListFormatError) as caught:
        SDNLIST.parse(cut)
    assert caught.value.where.startswith("line ")
    assert "not well-formed" in caught.value.problem


def test_xml_missing_field_names_element(tmp_path: Path) -> None:
    doc = tmp_path / "consolidated.xml"
    doc.write_text(
        '<sdnList xmlns="http://tempuri.org/sdnList.xsd"><sdnEntry><uid>7</uid>'
        "<lastName>X</lastName><sdnType>Spaceship</sdnType></sdnEntry></sdnList>",
        "utf-8",
    )
    with pytest.raises(ListFormatError) as caught:
        SDNLIST.parse(doc)
    assert caught.value.where == "<sdnEntry> 1 (uid 7)"
    assert caught.value.field_name == "sdnType"
