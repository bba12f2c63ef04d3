"""Rebuild the demo list excerpts from the full public lists in /work/shared/data.

Usage: python resources/demo/lists/build_excerpts.py [SHARED_DATA]

Every kept row or element is copied byte for byte from the source file (line endings,
quoting, the OFAC file's trailing Ctrl-Z), so the app's ordinary parsers read the excerpts
exactly as they read the published files. Which rows are kept, and why, is written down in
PROVENANCE.md next to this script; change both together.
"""

from __future__ import annotations

import csv
import re
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_SHARED = Path("/work/shared/data")

CSL_KEYWORDS = re.compile(
    r"rare earth|tungsten|lithium|magnet|mineral|cobalt|nickel|antimony|gallium|germanium"
    r"|molybden|metal|mining|nuclear|huaxin|graphite|titanium|uranium",
    re.IGNORECASE,
)
DOD_KEYWORDS = re.compile(
    r"nuclear|chemical|material|metal|mining|amperex|energy|offshore oil|bluechemical"
    r"|north industries",
    re.IGNORECASE,
)
SDN_KEYWORDS = re.compile(
    r"MINING|MINERAL|METAL|COBALT|MAGNET|RARE EARTH|TUNGSTEN|LITHIUM|URANIUM|NUCLEAR|NICKEL"
    r"|ANTIMONY|GRAPHITE|TITANIUM|ALUMIN"
)
SDN_LINKED_TO_HUAXIN = {"23777", "23778"}  # HUAXIN SHIPPING HONGKONG LTD and its vessel
UN_INDIVIDUALS = {"CDi.043", "KPi.009", "KPi.010", "KPi.011", "KPi.049"}
UN_ENTITIES = {f"CDe.{n:03d}" for n in range(1, 10)} | {
    f"KPe.{n:03d}" for n in (1, 5, 10, 14, 15, 17, 24, 36, 37, 42, *range(55, 76))
}


def csv_records(text: str) -> Iterator[tuple[int, list[str], str]]:
    """(first line number, cells, raw text) per record, quoted newlines kept in the raw text."""
    lines = iter(text.splitlines(keepends=True))
    consumed: list[str] = []

    def feed() -> Iterator[str]:
        for line in lines:
            consumed.append(line)
            yield line

    reader = csv.reader(feed(), strict=True)
    line_number = 1
    for cells in reader:
        raw = "".join(consumed)
        yield line_number, cells, raw
        line_number += len(consumed)
        consumed.clear()


def excerpt_csv(source: Path, target: Path, keep: Callable[[dict[str, str]], bool]) -> list[int]:
    """Copy the header and every record `keep` accepts; the source line numbers kept."""
    text = source.read_bytes().decode("utf-8")
    records = csv_records(text)
    _, header, header_raw = next(records)
    kept_lines: list[int] = []
    out = [header_raw]
    for line_number, cells, raw in records:
        if keep(dict(zip(header, cells, strict=False))):
            out.append(raw)
            kept_lines.append(line_number)
    target.write_bytes("".join(out).encode("utf-8"))
    return kept_lines


def csl_keep(row: dict[str, str]) -> bool:
    source = row["source"]
    address = row["addresses"].strip()
    country = address.rsplit(",", 1)[-1].strip() if address else ""
    if "CMIC" in source or "Military End User" in source:
        return True
    if "Entity List" in source and country in {"CN", "HK"}:
        return True
    return bool(CSL_KEYWORDS.search(f"{row['name']} {row['alt_names']}"))


def dod_keep_factory(source: Path) -> Callable[[dict[str, str]], bool]:
    rows = list(csv.DictReader(source.read_text(encoding="utf-8").splitlines()))
    chosen = {
        r["Clean Name"]
        for r in rows
        if DOD_KEYWORDS.search(f"{r['Clean Name']} {r['Parent Name']} {r['Alias']}")
    }
    parents = {r["Parent Name"] for r in rows if r["Clean Name"] in chosen and r["Parent Name"]}
    wanted = {name.rstrip(".").replace(",", "") for name in chosen | parents}

    def keep(row: dict[str, str]) -> bool:
        return row["Clean Name"].rstrip(".").replace(",", "") in wanted

    return keep


def excerpt_sdn(source: Path, target: Path) -> list[int]:
    """OFAC sdn.csv: CRLF lines, no header, a Ctrl-Z after the last line (all kept)."""
    raw = source.read_bytes()
    lines = raw.split(b"\r\n")
    kept: list[int] = []
    out: list[bytes] = []
    for number, line in enumerate(lines, start=1):
        if not line or line == b"\x1a":
            continue
        cells = next(csv.reader([line.decode("ascii")]))
        is_entity = cells[2].strip() == "-0-"
        if cells[0] in SDN_LINKED_TO_HUAXIN or (is_entity and SDN_KEYWORDS.search(cells[1])):
            out.append(line + b"\r\n")
            kept.append(number)
    tail = b"\x1a" if raw.endswith(b"\x1a") else b""
    target.write_bytes(b"".join(out) + tail)
    return kept


UN_RECORD = re.compile(r"    <(INDIVIDUAL|ENTITY)>\n.*?\n    </\1>\n", re.DOTALL)
UN_REFERENCE = re.compile(r"<REFERENCE_NUMBER>\s*([^<\s]+)\s*</REFERENCE_NUMBER>")


def excerpt_un(source: Path, target: Path) -> list[str]:
    """The prolog and root element (with dateGenerated) verbatim, then the kept records."""
    text = source.read_bytes().decode("utf-8")
    head = text[: text.index("  <INDIVIDUALS>\n")]
    kept: dict[str, list[str]] = {"INDIVIDUAL": [], "ENTITY": []}
    references: list[str] = []
    for match in UN_RECORD.finditer(text):
        reference = UN_REFERENCE.search(match.group(0))
        assert reference is not None, match.group(0)[:200]
        wanted = UN_INDIVIDUALS if match.group(1) == "INDIVIDUAL" else UN_ENTITIES
        if reference.group(1) in wanted:
            kept[match.group(1)].append(match.group(0))
            references.append(reference.group(1))
    body = (
        "  <INDIVIDUALS>\n"
        + "".join(kept["INDIVIDUAL"])
        + "  </INDIVIDUALS>\n  <ENTITIES>\n"
        + "".join(kept["ENTITY"])
        + "  </ENTITIES>\n</CONSOLIDATED_LIST>"
    )
    target.write_bytes((head + body).encode("utf-8"))
    return references


def main(shared: Path) -> None:
    csl = excerpt_csv(
        shared / "us-trade-csl" / "consolidated.csv", HERE / "csl_consolidated.csv", csl_keep
    )
    dod_source = shared / "us-dod-1260h" / "sanctions.csv"
    dod = excerpt_csv(dod_source, HERE / "dod_1260h_sanctions.csv", dod_keep_factory(dod_source))
    sdn = excerpt_sdn(
        shared / "ofac-sdn-legacy-csv" / "2024-05-03_sdn-only" / "sdn.csv", HERE / "sdn.csv"
    )
    un = excerpt_un(
        shared / "un-consolidated" / "UN_consolidated.xml", HERE / "UN_consolidated.xml"
    )
    print(f"CSL records kept: {len(csl)} (source lines {csl[:3]} ...)")
    print(f"DoD 1260H rows kept: {len(dod)}: lines {dod}")
    print(f"OFAC sdn.csv rows kept: {len(sdn)}")
    print(f"UN records kept: {len(un)}: {' '.join(un)}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_SHARED)
