"""The store on embedded SQLite and on a real PostgreSQL server: migrations and round trips."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import select, text

from screener import audit
from screener.models import (
    Base,
    Case,
    EntryName,
    ListEntry,
    ListSource,
    ListVersion,
    OwnershipLink,
    Party,
    TargetAsset,
    Transaction,
)
from screener.store import (
    IMPORT_CACHE_KIB,
    Store,
    StoreError,
    current_revision,
    head_revision,
    import_page_cache,
    make_engine,
    open_store,
)


def _sample_case() -> Case:
    case = Case(id="SCR-T-1", title="Sale of a separation plant", jurisdictions=["US", "JP"])
    case.transaction = Transaction(structure="share_purchase", stake_after_pct=60.0, vetoes=["closure"])
    case.transaction.target = TargetAsset(
        name="Plant", asset_type="separation_plant", elements=["Dy", "Tb"], latitude=40.1
    )
    case.parties = [
        Party(key="acq", name="Holding Co", name_original="控股有限公司", identifiers={"lei": "X"}),
        Party(key="tgt", name="Target LLC", role="target"),
    ]
    case.ownership_links = [OwnershipLink(holder_key="acq", held_key="tgt", equity_pct=60.0, as_of=date(2026, 1, 1))]
    return case


def test_migrations_reach_head_and_match_the_models(any_store: Store) -> None:
    assert current_revision(any_store.engine) == head_revision()
    with any_store.engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    assert differences == []


def test_case_graph_round_trip(any_store: Store) -> None:
    with any_store.unit_of_work() as session:
        session.add(_sample_case())
    with any_store.session() as session:
        case = session.get(Case, "SCR-T-1")
        assert case is not None
        assert case.jurisdictions == ["US", "JP"]
        assert case.transaction is not None and case.transaction.target is not None
        assert case.transaction.target.elements == ["Dy", "Tb"]
        assert [p.name_original for p in case.parties] == ["控股有限公司", None]
        assert case.ownership_links[0].equity_pct == 60.0


def test_list_entry_round_trip(any_store: Store) -> None:
    with any_store.unit_of_work() as session:
        source = ListSource(name="TEST", publisher="Test")
        version = ListVersion(source=source, format="csv", content_hash="h" * 64)
        entry = ListEntry(
            version=version, entry_key="1", entity_type="organization",
            primary_name="ООО Ромашка", content_hash="c" * 64,
        )
        entry.names.append(EntryName(name="Romashka LLC", kind="aka", strength="weak"))
        session.add(entry)
    with any_store.session() as session:
        loaded = session.execute(select(ListEntry)).scalar_one()
        assert loaded.primary_name == "ООО Ромашка"
        assert [(n.name, n.strength) for n in loaded.names] == [("Romashka LLC", "weak")]


def test_unit_of_work_rolls_back_everything(any_store: Store) -> None:
    with pytest.raises(RuntimeError), any_store.unit_of_work() as session:
        session.add(_sample_case())
        session.flush()
        raise RuntimeError("fail half way")
    with any_store.session() as session:
        assert session.execute(select(Case)).first() is None


def test_audit_chain_detects_an_edit(any_store: Store) -> None:
    with any_store.unit_of_work() as session:
        for number in range(3):
            audit.record(session, "test", "thing", number, actor="a")
    with any_store.unit_of_work() as session:
        assert audit.verify(session) == []
        if session.get_bind().dialect.name == "postgresql":  # a superuser past the trigger
            session.execute(text("SET LOCAL session_replication_role = replica"))
        session.execute(text("UPDATE audit_events SET actor = 'mallory' WHERE id = 2"))
    with any_store.session() as session:
        assert [b.event_id for b in audit.verify(session)] == [2]


def test_sqlite_uses_wal_and_foreign_keys(store: Store) -> None:
    with store.engine.connect() as connection:
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1


def test_the_import_page_cache_is_the_import_connections_only_while_it_imports(
    store: Store,
) -> None:
    with store.unit_of_work() as session:
        before = session.execute(text("PRAGMA cache_size")).scalar()
        with import_page_cache(session):
            assert session.execute(text("PRAGMA cache_size")).scalar() == -IMPORT_CACHE_KIB
        assert session.execute(text("PRAGMA cache_size")).scalar() == before == -2000


def test_the_import_page_cache_is_given_back_when_the_import_fails(store: Store) -> None:
    with pytest.raises(RuntimeError), store.unit_of_work() as session:
        with import_page_cache(session):
            raise RuntimeError("half way")
    with store.engine.connect() as connection:  # the pool's one connection, back again
        assert connection.execute(text("PRAGMA cache_size")).scalar() == -2000


def test_database_from_a_newer_schema_is_refused_untouched(sqlite_url: str) -> None:
    open_store(sqlite_url).dispose()
    engine = make_engine(sqlite_url)
    with engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '9999_future'"))
    with pytest.raises(StoreError, match="newer version"):
        open_store(sqlite_url)
    assert current_revision(engine) == "9999_future"


def test_invalid_url_and_missing_folder_are_clear_errors(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="Invalid database URL"):
        open_store("not a url")
    with pytest.raises(StoreError, match="folder does not exist"):
        open_store(f"sqlite:///{tmp_path / 'nowhere' / 'x.sqlite3'}")


def test_unreadable_file_is_a_clear_error(tmp_path: Path) -> None:
    junk = tmp_path / "junk.sqlite3"
    junk.write_bytes(b"this is not a database" * 100)
    with pytest.raises(StoreError, match="Cannot"):
        open_store(f"sqlite:///{junk}")
    assert junk.read_bytes().startswith(b"this is not a database")
