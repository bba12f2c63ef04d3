"""Write a table the rules ship, generated from a library: its comment, its key, its rows.

The generators (make_wade_giles_table.py, make_pinyin_readings.py) copy a library's data
into rules/matching so the app need not import the library at run time; each writes the
same kind of file, said once here.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

RULES = Path(__file__).resolve().parent.parent / "rules" / "matching"


def write_table(name: str, comment: Sequence[str], key: str, rows: Sequence[str]) -> None:
    """rules/matching/`name`: `comment` as '# ' lines, then `key:` and the indented `rows`
    (each 'item: value'); says how many rows it wrote."""
    lines = [f"# {line}" for line in comment] + [f"{key}:"] + [f"  {row}" for row in rows]
    path = RULES / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(rows)} {key} written to {path}")
