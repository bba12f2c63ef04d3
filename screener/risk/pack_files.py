"""Which file each rule pack is read from: the reviewer's own copy when there is one.

The shipped packs sit in the install directory, which may be read-only (a system package, a
wheel under /usr) and is replaced on every upgrade, so a reviewer's edits never go there: a
save writes the edited pack, whole, to the user's data directory under the shipped file's
name (`screener.paths.user_rules_dir()`). Reading prefers that copy and says so (a pack's
`source` is the file it came from; the Rules window and `screener rules active` name it), so
nobody mistakes an edited pack for the shipped one. The shipped file is only ever read.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from screener.paths import user_rules_dir
from screener.risk.packs import RulePack, load_packs, shipped_pack_paths


@dataclass(frozen=True)
class PackFile:
    """One pack as installed (`shipped`) and the reviewer's copy of it (which may not exist)."""

    shipped: Path
    user_copy: Path

    @property
    def is_user_copy(self) -> bool:
        return self.user_copy.is_file()

    @property
    def in_use(self) -> Path:
        """The file the pack is read from: the user's copy if there is one, else the shipped."""
        return self.user_copy if self.is_user_copy else self.shipped


def pack_file(shipped: Path) -> PackFile:
    return PackFile(shipped=shipped, user_copy=user_rules_dir() / shipped.name)


def pack_files(shipped: Iterable[Path] | None = None) -> tuple[PackFile, ...]:
    """The shipped packs (or `shipped`), each paired with where its user copy lives."""
    return tuple(pack_file(path) for path in (shipped or shipped_pack_paths()))


def load_installed_packs() -> tuple[RulePack, ...]:
    """The packs this workstation scores with when the database activated none: each pack
    from the user's copy when there is one (its `source` is that file), else as shipped."""
    return load_packs(file.in_use for file in pack_files())


def save_user_copy(file: PackFile, text: str) -> Path:
    """Write `text` as the user's copy of the pack, whole or not at all; never the shipped file."""
    target = file.user_copy
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
            out.write(text)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return target
