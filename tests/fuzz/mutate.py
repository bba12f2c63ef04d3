"""Mutations a careless or hostile sender produces, drawn from one seeded random generator.

Bytes are flipped, cut, repeated, re-encoded and spliced with tokens that break parsers
(quotes, NULs, entity declarations, deep brackets, 5,000-digit numbers, formula text). A ZIP
is mutated either as bytes (CRC, deflate and directory damage) or member by member, so the
sheet XML inside a valid archive gets broken too. Rule packs also get hostile YAML and
conditions spliced in (`hostile=True` marks those: a pack carrying one must be refused).
"""

from __future__ import annotations

import io
import random
import zipfile
from collections.abc import Callable
from dataclasses import dataclass

TOKENS = (
    b"\x00",
    b"\xff\xfe",
    b"\xc3",
    b'"',
    b"'",
    b",",
    b";",
    b"\t",
    b"\n",
    b"\r",
    b"<",
    b"</",
    b">",
    b"&",
    b"&lol;",
    b"]]>",
    b'<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>',
    b'<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>',
    b"[" * 5000,
    b'{"a":' * 3000,
    b"9" * 5000,
    b"-1",
    b"1e999",
    b"NaN",
    b"null",
    b"{}",
    b"[]",
    b'=HYPERLINK("http://example.com","x")',
    b"@SUM(A1)",
    b"-0- ",
    b"\x1a",
    b"x" * 70_000,
    b'r="ZZZZ0"',
    b'r="A99999999"',
    b't="s"><v>99999</v>',
    b"\xe2\x80\xae",
)

# Conditions a pack must refuse, each placed in an otherwise complete rule.
CONDITION_ATTACKS = (
    "'" + "a" * 3000 + "!' =~ '(a+)+$'",
    "'x' !~~ '(x+)+y'",
    "target.name =~ '(a|aa)+$'",
    "$re_groups('a', 'b') == null",
    "target.__class__ == null",
    "target.name.__len__ == 1",
)
# YAML a pack must refuse before anything walks it.
YAML_ATTACKS = (
    "version: " + "9" * 5000 + "\n",
    "description: " + "[" * 50_000 + "]" * 50_000 + "\n",
    "description: &a [1, 2]\ntitle: *a\n",
    "description: !!python/object/apply:os.system ['true']\n",
    "description:\n" + "".join("  " * i + "-\n" for i in range(1, 400)),
)


def _pack_attack(rng: random.Random, text: str) -> tuple[str, str]:
    if rng.random() < 0.6:
        condition = rng.choice(CONDITION_ATTACKS)
        first = text.index("\n  - id:") + 1
        end = text.find("\n  - id:", first + 1)
        rule = text[first : end + 1 if end > 0 else len(text)]
        lines = rule.splitlines(keepends=True)
        kept, skipping = [], False
        for line in lines:
            if line.startswith("    when:"):
                kept.append(f"    when: {condition!r}\n".replace("\\\\", "\\"))
                skipping = True
                continue
            if skipping and line.startswith("      "):
                continue
            skipping = False
            kept.append(line.replace("  - id: ", "  - id: HOSTILE", 1))
        return text[:first] + "".join(kept) + text[first:], f"condition {condition[:24]!r}"
    attack = rng.choice(YAML_ATTACKS)
    key = attack.split(":", 1)[0] + ":"
    cleaned = "".join(line for line in text.splitlines(keepends=True) if not line.startswith(key))
    return attack + cleaned, f"yaml {attack[:20]!r}"


@dataclass(frozen=True)
class Mutant:
    data: bytes
    how: str
    hostile: bool = False


def _flip(rng: random.Random, data: bytes) -> tuple[bytes, str]:
    out = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        if out:
            out[rng.randrange(len(out))] = rng.randrange(256)
    return bytes(out), "flip bytes"


def _truncate(rng: random.Random, data: bytes) -> tuple[bytes, str]:
    return data[: rng.randrange(max(len(data), 1))], "truncate"


def _delete(rng: random.Random, data: bytes) -> tuple[bytes, str]:
    start = rng.randrange(max(len(data), 1))
    return data[:start] + data[start + rng.randint(1, 400) :], "delete range"


def _repeat(rng: random.Random, data: bytes) -> tuple[bytes, str]:
    start = rng.randrange(max(len(data), 1))
    piece = data[start : start + rng.randint(1, 400)]
    return data[:start] + piece * rng.randint(2, 50) + data[start:], "repeat range"


def _splice(rng: random.Random, data: bytes) -> tuple[bytes, str]:
    token = rng.choice(TOKENS)
    at = rng.randrange(len(data) + 1)
    if rng.random() < 0.5:  # at a line or tag boundary, where parsers look for structure
        boundary = data.rfind(rng.choice((b"\n", b">", b",", b":")), 0, at)
        at = boundary + 1 if boundary >= 0 else at
    return data[:at] + token + data[at:], f"splice {token[:12]!r}"


def _reencode(rng: random.Random, data: bytes) -> tuple[bytes, str]:
    encoding = rng.choice(("utf-16", "utf-32", "latin-1", "cp1252"))
    text = data.decode("utf-8", errors="replace")
    return text.encode(encoding, errors="replace"), f"re-encode {encoding}"


def _noise(rng: random.Random, data: bytes) -> tuple[bytes, str]:
    return rng.randbytes(rng.randint(0, 2000)), "random bytes"


def _swap_lines(rng: random.Random, data: bytes) -> tuple[bytes, str]:
    lines = data.split(b"\n")
    if len(lines) > 2:
        i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
        lines[i], lines[j] = lines[j], lines[i]
    return b"\n".join(lines), "swap lines"


BYTE_MUTATORS: tuple[Callable[[random.Random, bytes], tuple[bytes, str]], ...] = (
    _flip,
    _flip,
    _truncate,
    _delete,
    _repeat,
    _splice,
    _splice,
    _splice,
    _reencode,
    _noise,
    _swap_lines,
)


def mutate_bytes(rng: random.Random, data: bytes) -> tuple[bytes, str]:
    """One to three byte-level mutations stacked."""
    hows = []
    for _ in range(rng.choice((1, 1, 1, 2, 3))):
        data, how = rng.choice(BYTE_MUTATORS)(rng, data)
        hows.append(how)
    return data, " + ".join(hows)


def _zip_members(rng: random.Random, data: bytes) -> tuple[bytes, str]:
    """Break one member's content inside an archive that is itself valid."""
    with zipfile.ZipFile(io.BytesIO(data)) as old:
        infos = old.infolist()
        xml = [i for i in infos if i.filename.endswith(".xml") or i.filename.endswith(".XML")]
        victim = rng.choice(xml or infos)
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as new:
            for info in infos:
                content = old.read(info.filename)
                if info is victim:
                    content, how = mutate_bytes(rng, content)
                if not (info is victim and rng.random() < 0.05):  # sometimes drop it
                    new.writestr(info.filename, content)
    return out.getvalue(), f"member {victim.filename}: {how}"


def _zip_header(rng: random.Random, data: bytes) -> tuple[bytes, str]:
    """Damage what the directory says: compression method, sizes, CRC, a name."""
    out = bytearray(data)
    places = [i for i in range(len(out) - 4) if out[i : i + 4] in (b"PK\x03\x04", b"PK\x01\x02")]
    if not places:
        return bytes(out), "zip header (none)"
    at = rng.choice(places)
    central = out[at : at + 4] == b"PK\x01\x02"
    field, offset, size = rng.choice(
        [("method", 10 if central else 8, 2), ("crc", 16 if central else 14, 4),
         ("size", 24 if central else 22, 4), ("name length", 28 if central else 26, 2),
         ("flags", 8 if central else 6, 2)]
    )  # fmt: skip
    for i in range(size):
        if at + offset + i < len(out):
            out[at + offset + i] = rng.randrange(256)
    return bytes(out), f"zip {'central' if central else 'local'} header {field}"


def mutate(rng: random.Random, data: bytes, *, kind: str) -> Mutant:
    """A mutant of `data`; `kind` is 'zip', 'pack' or 'text' (any other file)."""
    if kind == "zip":
        choice = rng.random()
        if choice < 0.45:
            return Mutant(*_zip_members(rng, data))
        if choice < 0.65:
            return Mutant(*_zip_header(rng, data))
        return Mutant(*mutate_bytes(rng, data))
    if kind == "pack" and rng.random() < 0.3:
        text, how = _pack_attack(rng, data.decode("utf-8"))
        return Mutant(text.encode("utf-8"), how, True)
    return Mutant(*mutate_bytes(rng, data))
