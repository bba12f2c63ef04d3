"""Bad inputs every parser must refuse with a located ListFormatError.

Entity bombs and external entities must never be expanded (defusedxml refuses them); a
truncated file or one in the wrong encoding must name the place where reading failed.
"""

from __future__ import annotations

from pathlib import Path

BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<{root}{attrs}><{record}>&lol3;</{record}></{root}>
"""

EXTERNAL_ENTITY = """<?xml version="1.0"?>
<!DOCTYPE foo [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>
<{root}{attrs}><{record}>&xxe;</{record}></{root}>
"""


def write_bomb(tmp_path: Path, root: str, record: str, attrs: str = "") -> Path:
    path = tmp_path / "bomb.xml"
    path.write_text(BILLION_LAUGHS.format(root=root, record=record, attrs=attrs))
    return path


def write_external_entity(tmp_path: Path, root: str, record: str, attrs: str = "") -> Path:
    path = tmp_path / "xxe.xml"
    path.write_text(EXTERNAL_ENTITY.format(root=root, record=record, attrs=attrs))
    return path


def write_truncated(tmp_path: Path, source: Path, size: int, suffix: str | None = None) -> Path:
    path = tmp_path / f"truncated{suffix or source.suffix}"
    path.write_bytes(source.read_bytes()[:size])
    return path


def write_latin1(tmp_path: Path, text: str, name: str) -> Path:
    """`text` saved as Latin-1 where the format requires UTF-8."""
    path = tmp_path / name
    path.write_bytes(text.encode("latin-1"))
    return path
