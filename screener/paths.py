"""Where the app finds its shipped data (rules/, resources/) and keeps the user's database."""

from __future__ import annotations

import sys
from pathlib import Path

import platformdirs

APP_NAME = "Screener"


def _shipped_dir(name: str) -> Path:
    """A source checkout keeps rules/ and resources/ beside the package; a wheel in share/."""
    beside_package = Path(__file__).resolve().parent.parent / name
    if beside_package.is_dir():
        return beside_package
    return Path(sys.prefix) / "share" / "screener" / name


def rules_dir() -> Path:
    return _shipped_dir("rules")


def resources_dir() -> Path:
    return _shipped_dir("resources")


def user_data_dir() -> Path:
    path = Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def user_rules_dir() -> Path:
    """Where a reviewer's own copies of rule packs live: theirs, and writable on any install."""
    return user_data_dir() / "rules"


def default_database_path() -> Path:
    return user_data_dir() / "screener.sqlite3"
