"""`screener rules activate` and `rules active` on the embedded database (one workstation).

The activated text is what the next assessment scores with and what `rules active` names;
an unreadable or invalid pack is one line on stderr, exit 2, and nothing is activated. (The
office server's refusal of everyone but rules admins: test_office_rule_packs_pg.py.)
"""

from __future__ import annotations

import re
from pathlib import Path

from click.testing import CliRunner
from sqlalchemy import select

from screener.cli import main
from screener.models import Assessment, RulePackActivation
from screener.paths import rules_dir
from screener.risk.service import assess_case
from screener.store import Store
from tests.factory import make_case, mark_screened


def _cli(url: str, *args: str) -> object:
    return CliRunner().invoke(main, ["--db", url, *args])


def test_the_activated_pack_is_what_assessments_use(
    store: Store, sqlite_url: str, tmp_path: Path
) -> None:
    pack = tmp_path / "sanctions.yaml"
    text = (rules_dir() / "sanctions.yaml").read_text(encoding="utf-8")
    pack.write_text(re.sub(r"(?m)^version: .*$", 'version: "2026.12-office"', text, count=1))
    done = _cli(sqlite_url, "rules", "activate", str(pack))
    assert done.exit_code == 0, done.output  # type: ignore[attr-defined]
    active = _cli(sqlite_url, "rules", "active")
    first = active.output.splitlines()[0]  # type: ignore[attr-defined]
    assert first.split()[:4] == ["sanctions", "2026.12-office", "activated", "by"]
    with store.unit_of_work() as session:
        mark_screened(session, make_case(session, "C-1"), assessed=False)
    stored = assess_case(store, "C-1")
    with store.session() as session:
        used = {p["id"]: p["version"] for p in session.get_one(Assessment, stored.id).packs}
    assert used["sanctions"] == "2026.12-office"


def test_an_invalid_pack_is_one_line_and_nothing_is_activated(
    store: Store, sqlite_url: str, tmp_path: Path
) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("id: broken\nrules: [\n", encoding="utf-8")
    refused = _cli(sqlite_url, "rules", "activate", str(broken))
    assert refused.exit_code == 2  # type: ignore[attr-defined]
    lines = refused.output.strip().splitlines()  # type: ignore[attr-defined]
    assert len(lines) == 1 and lines[0].startswith(f"screener: error: {broken}")
    assert lines[0].endswith("nothing activated")
    with store.session() as session:
        assert session.execute(select(RulePackActivation)).first() is None
