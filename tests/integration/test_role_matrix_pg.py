"""Every role against every action the server can judge (7 roles x 11 actions), on PostgreSQL.

Each role gets its own database, set up with `screener office setup`, and a login holding only
that role. Each action runs through the application's own functions *without* the
application's role check, so what refuses is the server (grants and triggers). An action is
allowed or refused exactly as `screener.office.roles.ACTIONS` says, and a refused one leaves
every table as it was (a digest of every table, read by the owner, is unchanged).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import psycopg
import pytest
from click.testing import CliRunner
from sqlalchemy import select, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError

from screener import audit
from screener.audit_state import state_of
from screener.cli import main
from screener.deals import import_deal_file
from screener.demo.case import demo_case_path
from screener.lists.catalog import use_version
from screener.lists.service import import_path
from screener.models import Base, ListVersion, MatchResult, SignOff
from screener.office.roles import ACTIONS, ROLES
from screener.ownership.edit import EdgeInput, add_edge
from screener.risk.service import assess_case
from screener.store import Store, open_store
from screener.workflow import adjudication, lifecycle, notes, signoff
from screener.workflow.lifecycle import Outcome
from tests.conftest import REPO
from tests.factory import make_case, make_entry, make_match, make_version, mark_screened

LIST_FILE = REPO / "tests" / "fixtures" / "ofsi_conlist_sample.csv"


def _seed(owner: Store) -> None:
    """C-1 open with two matches and two parties; C-2 signed by a reviewer, awaiting approval;
    C-3 in review with nothing left to decide."""
    with owner.unit_of_work() as session:
        c1 = make_case(
            session,
            "C-1",
            parties=[{"key": "a", "name": "Alpha Mining"}, {"key": "b", "name": "Beta"}],
        )
        make_version(session, label="v0", is_active=False)  # the one to switch back to
        version = make_version(session)
        matches = [
            make_match(session, c1, make_entry(session, version, f"E{n}", f"N {n}"), "a")
            for n in range(2)
        ]
        c2, c3 = make_case(session, "C-2"), make_case(session, "C-3")
        for ready in (c2, c3):
            mark_screened(session, ready)  # screened and assessed: ready to sign
        sign = SignOff(case=c2, role="reviewer", user="postgres", outcome=Outcome.CLEARED)
        session.add(sign)
        session.flush()
        audit.record(session, "case.imported", "case", "C-1",
                     details=state_of([c1, c2, c3, sign, *matches]))  # fmt: skip


def _digest(owner: Store) -> dict[str, str]:
    with owner.engine.connect() as connection:
        return {
            table: connection.execute(
                text(
                    f"SELECT md5(coalesce(string_agg(t::text, ',' ORDER BY t::text), '')) FROM \"{table}\" t"
                )
            ).scalar_one()
            for table in Base.metadata.tables
        }


def _match_id(store: Store) -> int:
    with store.session() as session:
        return session.execute(select(MatchResult.id).order_by(MatchResult.id)).scalars().first()  # type: ignore[return-value]


def _version_id(store: Store) -> int:
    with store.session() as session:
        query = select(ListVersion.id).where(ListVersion.is_active.is_(False))
        return session.execute(query).scalars().first()  # type: ignore[return-value]


def _in_one_unit(work: Callable[[Any], object]) -> Callable[[Store], object]:
    def run(store: Store) -> object:
        with store.unit_of_work() as session:
            return work(session)

    return run


ATTEMPTS: dict[str, Callable[[Store], object]] = {
    "read": lambda store: store.session().execute(text("SELECT count(*) FROM cases")).scalar_one(),
    "import_deal": lambda store: import_deal_file(store, demo_case_path()),
    "adjudicate": lambda store: _in_one_unit(
        lambda s: adjudication.decide_match(s, _match_id(store), "dismiss", "other company")
    )(store),
    "edit_ownership": _in_one_unit(
        lambda s: add_edge(s, "C-1", EdgeInput("a", "b", equity_pct=30.0))
    ),
    "move_case": _in_one_unit(lambda s: lifecycle.change_status(s, "C-1", "escalated")),
    "add_note": _in_one_unit(lambda s: notes.add_note(s, "C-1", "called the registry")),
    "assess": lambda store: assess_case(store, "C-1"),
    "sign_reviewer": _in_one_unit(
        lambda s: signoff.sign_as_reviewer(s, "C-3", Outcome.CLEARED, "no hit")
    ),
    "approve": _in_one_unit(lambda s: signoff.approve(s, "C-2")),
    "import_list": lambda store: import_path(store, LIST_FILE),
    "activate_list": lambda store: _in_one_unit(lambda s: use_version(s, _version_id(store)))(
        store
    ),
}


@pytest.mark.parametrize("role", ROLES)
def test_the_server_allows_each_role_exactly_its_actions(role: str, postgres_url: str) -> None:
    owner = open_store(postgres_url)
    setup = CliRunner().invoke(main, ["--db", postgres_url, "office", "setup"])
    assert setup.exit_code == 0, setup.output
    login = f"matrix_{role}"
    with psycopg.connect(
        make_url(postgres_url).set(drivername="postgresql").render_as_string(hide_password=False)
    ) as c:
        c.autocommit = True
        if c.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (login,)).fetchone() is None:
            c.execute(f'CREATE ROLE "{login}" LOGIN')
    granted = CliRunner().invoke(main, ["--db", postgres_url, "office", "grant", login, role])
    assert granted.exit_code == 0, granted.output
    _seed(owner)
    officer = open_store(
        make_url(postgres_url).set(username=login).render_as_string(hide_password=False),
        migrate=False,
    )
    outcomes: dict[str, bool] = {}
    for key, attempt in ATTEMPTS.items():
        before = _digest(owner)
        try:
            attempt(officer)
            outcomes[key] = True
        except DBAPIError as exc:
            assert getattr(exc.orig, "sqlstate", None) == "42501", f"{key}: {exc.orig}"
            outcomes[key] = False
            assert _digest(owner) == before, f"{role} {key}: refused but something was written"
    expected = {key: ACTIONS[key].allowed({role}) for key in ATTEMPTS}
    assert outcomes == expected
    with owner.session() as session:
        from screener.audit_verify import verify_log

        assert verify_log(session).intact
    officer.dispose()
    with owner.engine.begin() as connection:
        connection.execute(text(f'DROP OWNED BY "{login}"'))
    owner.dispose()


def test_the_matrix_is_at_least_seven_by_ten() -> None:
    assert len(ROLES) >= 7 and len(ATTEMPTS) >= 10
    assert Path(LIST_FILE).is_file()
