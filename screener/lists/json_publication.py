"""A format published as one JSON file or a folder of them (BODS statements, FtM entities).

Detection and parsing agree on which files make the publication: the file itself, or the
folder's files with the format's suffixes. A folder is claimed only if every such file looks
like the format, so a folder mixing in another publisher's JSON is never half-read by a guess.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from screener.lists.base import ListFormatError


@dataclass(frozen=True)
class JsonPublication:
    name: str  # as the error for an empty folder says it: "no {name} file found"
    suffixes: tuple[str, ...]
    looks_like: Callable[[Path], bool]  # judges one file from its head

    def files(self, path: Path) -> list[Path]:
        if path.is_dir():
            return sorted(p for p in path.iterdir() if p.suffix.lower() in self.suffixes)
        return [path] if path.is_file() else []

    def claims(self, path: Path) -> bool:
        files = self.files(path)
        return bool(files) and all(self.looks_like(f) for f in files)

    def files_to_parse(self, path: Path) -> list[Path]:
        files = self.files(path)
        if not files:
            raise ListFormatError(path, "folder", "file", f"no {self.name} file found")
        return files
