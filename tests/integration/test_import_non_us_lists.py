"""UN, EU FSF, FtM, BODS and GLEIF files imported for real, on SQLite and PostgreSQL."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from screener.lists.service import import_path
from screener.models import EntryLink, EntryName, ListEntry, ListVersion
from screener.store import Store
from tests.conftest import REPO, SHARED_DATA

UNITS = [
    (SHARED_DATA / "un-consolidated" / "UN_consolidated.xml", "un-xml", 1_003, 0),
    (REPO / "tests" / "fixtures" / "eu_fsf_sample.xml", "eu-fsf-xml", 3, 0),
    (SHARED_DATA / "opensanctions-ftm", "ftm-json", 23, 21),
    (SHARED_DATA / "bods-examples", "bods-json", 50, 47),
    (SHARED_DATA / "gleif-lei-level2-samples", "gleif-xml", 13, 24),
]


@pytest.mark.parametrize(
    ("path", "format_name", "entries", "links"), UNITS, ids=lambda v: getattr(v, "name", None)
)
def test_import_detects_stores_and_recognises_a_repeat(
    any_store: Store, path: Path, format_name: str, entries: int, links: int
):
    first = import_path(any_store, path)
    assert (first.format, first.entry_count, first.link_count, first.created) == (
        format_name,
        entries,
        links,
        True,
    )
    again = import_path(any_store, path)
    assert not again.created and again.version_id == first.version_id
    with any_store.session() as session:
        assert session.scalar(select(func.count()).select_from(ListVersion)) == 1
        assert session.scalar(select(func.count()).select_from(ListEntry)) == entries
        assert session.scalar(select(func.count()).select_from(EntryLink)) == links


def test_original_script_names_survive_the_round_trip(store: Store):
    import_path(store, SHARED_DATA / "un-consolidated" / "UN_consolidated.xml")
    with store.session() as session:
        arabic = session.scalars(
            select(EntryName.name).where(EntryName.is_original_script, EntryName.script == "arabic")
        ).all()
    assert "صدام حسين التكريتي" in arabic
