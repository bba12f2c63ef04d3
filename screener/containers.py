"""Reading ZIP containers (XLSX workbooks, zipped publisher XML) that may be damaged or hostile.

Deal files, batch registers and publisher lists arrive by e-mail and download; a truncated
download or a crafted archive must end as one error that names the file and the place, never
as a `zipfile.BadZipFile`, `zlib.error` or openpyxl `KeyError` traceback. Every ZIP goes
through `open_zip`, which checks the central directory against limits (member count, total
uncompressed size, compression ratio, supported methods, no encryption) before anything is
inflated, and hands out member streams whose read errors (bad CRC, corrupt deflate data,
truncation) become `ContainerError`. `open_workbook` does the same for openpyxl, the one
foreign parser we let read a whole workbook: the archive is checked and inflated once first,
and anything openpyxl raises on malformed sheet XML or bad cell references is reported with
the sheet and the row it was reading.
"""

from __future__ import annotations

import lzma
import struct
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from screener.file_kind import EMPTY, kind_of, not_a_workbook

MAX_MEMBERS = 10_000
MAX_MEMBER_BYTES = 1 << 30  # one member inflated: OFAC's enhanced XML is ~150 MB
MAX_TOTAL_BYTES = 2 << 30
MAX_RATIO = 200  # deflate of real XML reaches ~20x; bombs reach 1,000x
RATIO_FLOOR_BYTES = 1 << 20  # tiny members (an empty sheet) may compress better than that
MAX_SHEET_ROWS = 1_048_576  # Excel's own limit: a row number beyond it is a crafted file
_METHODS = {zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED, zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA}
_READ_ERRORS = (
    zipfile.BadZipFile,
    zlib.error,
    lzma.LZMAError,
    EOFError,
    NotImplementedError,
    OSError,
    ValueError,
    struct.error,
    OverflowError,
    RuntimeError,
)


class ContainerError(ValueError):
    """A ZIP or XLSX we refuse or cannot read: which file, where in it, and what is wrong.

    `where` is empty when the problem is the file as a whole (empty, or not a ZIP at all)."""

    def __init__(self, file: str | Path, where: str, problem: str) -> None:
        self.file = str(file)
        self.where = where
        self.problem = problem
        super().__init__(f"{self.file}, {where}: {problem}" if where else f"{self.file}: {problem}")

    def described(self) -> str:
        """Where and what, without the file: for messages that name the file themselves."""
        return f"{self.where}: {self.problem}" if self.where else self.problem


def _describe(exc: BaseException) -> str:
    text = str(exc).strip() or type(exc).__name__
    if isinstance(exc, zipfile.BadZipFile | EOFError | zlib.error | lzma.LZMAError):
        return f"damaged or truncated archive ({text})"
    if isinstance(exc, NotImplementedError):
        return f"unsupported archive feature ({text})"
    return f"{type(exc).__name__}: {text}"


class _GuardedStream:
    """A member's byte stream whose failures are `ContainerError`s and whose size is capped."""

    def __init__(self, owner: SafeZip, name: str, handle: IO[bytes], limit: int) -> None:
        self._owner, self._name, self._handle, self._left = owner, name, handle, limit

    def read(self, size: int = -1) -> bytes:
        try:
            data = self._handle.read(size)
        except _READ_ERRORS as exc:
            raise self._owner.error(f"member {self._name}", _describe(exc)) from None
        self._left -= len(data)
        if self._left < 0:
            raise self._owner.error(f"member {self._name}", "larger than its stated size")
        return data

    def close(self) -> None:
        self._handle.close()

    def __enter__(self) -> _GuardedStream:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()


class SafeZip:
    """An archive whose directory passed the limits; members read with errors translated."""

    def __init__(self, path: Path, archive: zipfile.ZipFile, shown_as: str) -> None:
        self.path = path
        self.archive = archive
        self.shown_as = shown_as

    def error(self, where: str, problem: str) -> ContainerError:
        return ContainerError(self.shown_as, where, problem)

    def names(self) -> list[str]:
        return self.archive.namelist()

    def has(self, name: str) -> bool:
        return name in self.archive.NameToInfo

    def size(self, name: str) -> int:
        return self._info(name).file_size

    def _info(self, name: str) -> zipfile.ZipInfo:
        info = self.archive.NameToInfo.get(name)
        if info is None:
            raise self.error(f"member {name}", "missing from the archive")
        return info

    def open(self, name: str) -> _GuardedStream:
        info = self._info(name)
        try:
            handle = self.archive.open(info)
        except _READ_ERRORS as exc:
            raise self.error(f"member {name}", _describe(exc)) from None
        return _GuardedStream(self, name, handle, info.file_size)

    def read(self, name: str) -> bytes:
        with self.open(name) as stream:
            return stream.read()

    def verify(self) -> None:
        """Inflate every member once: a bad CRC or corrupt data is found before parsing."""
        for name in self.names():
            with self.open(name) as stream:
                while stream.read(1 << 20):
                    pass


def _check_directory(archive: zipfile.ZipFile, fail: Any) -> None:
    infos = archive.infolist()
    if len(infos) > MAX_MEMBERS:
        raise fail("directory", f"{len(infos)} members (limit {MAX_MEMBERS})")
    total = 0
    for info in infos:
        if info.flag_bits & 0x1:
            raise fail(f"member {info.filename}", "encrypted members are refused")
        if info.compress_type not in _METHODS:
            raise fail(
                f"member {info.filename}", f"compression method {info.compress_type} unsupported"
            )
        if info.file_size > MAX_MEMBER_BYTES:
            raise fail(
                f"member {info.filename}",
                f"inflates to {info.file_size:,} bytes (limit {MAX_MEMBER_BYTES:,})",
            )
        if info.file_size > RATIO_FLOOR_BYTES and info.file_size > MAX_RATIO * max(
            info.compress_size, 1
        ):
            raise fail(
                f"member {info.filename}",
                f"compression ratio over {MAX_RATIO}:1 refused (zip bomb?)",
            )
        total += info.file_size
    if total > MAX_TOTAL_BYTES:
        raise fail("directory", f"inflates to {total:,} bytes (limit {MAX_TOTAL_BYTES:,})")


@contextmanager
def open_zip(path: str | Path, *, shown_as: str | None = None) -> Iterator[SafeZip]:
    """The archive at `path`, its directory checked; every failure is a `ContainerError`."""
    path = Path(path)
    label = shown_as or str(path)

    def fail(where: str, problem: str) -> ContainerError:
        return ContainerError(label, where, problem)

    kind = kind_of(path)
    if kind == EMPTY or (kind is not None and not kind.endswith("ZIP archive")):
        # not a damaged archive but another kind of file (a PDF renamed .xlsx): say so
        problem = not_a_workbook(path) if _is_workbook_name(path) else _not_a_zip(kind)
        raise fail("", problem)
    try:
        archive = zipfile.ZipFile(path)
    except _READ_ERRORS as exc:
        raise fail("archive", f"not a readable ZIP/XLSX file: {_describe(exc)}") from None
    with archive:
        _check_directory(archive, fail)
        yield SafeZip(path, archive, label)


def _is_workbook_name(path: Path) -> bool:
    return path.suffix.lower() in (".xlsx", ".xlsm")


def _not_a_zip(kind: str) -> str:
    return "the file is empty" if kind == EMPTY else f"not a ZIP archive (it is {kind})"


def is_zip(path: Path) -> bool:
    """True for a file that starts like a ZIP (what `zipfile.is_zipfile` says, never raising)."""
    try:
        return path.is_file() and zipfile.is_zipfile(path)
    except (OSError, ValueError):
        return False


# --- workbooks through openpyxl -------------------------------------------------------------


@dataclass
class SafeWorkbook:
    """An openpyxl workbook opened read-only; rows come out with failures located."""

    path: Path
    shown_as: str
    book: Any

    @property
    def sheetnames(self) -> list[str]:
        return list(self.book.sheetnames)

    def rows(self, sheet: str | None = None) -> Iterator[tuple[int, list[Any]]]:
        """(row number as Excel shows it, cell values) of `sheet` (the first when None)."""
        where = f"sheet '{sheet}'" if sheet else "first sheet"
        number = 0
        try:
            worksheet = self.book[sheet] if sheet else self.book.worksheets[0]
            # The <dimension> element is the sender's claim; padding every row to it lets a
            # one-line edit ask for 16,384 x 1,048,576 cells, so rows keep their own width.
            worksheet.reset_dimensions()
            for number, cells in enumerate(worksheet.iter_rows(values_only=True), start=1):
                if number > MAX_SHEET_ROWS:
                    raise ContainerError(
                        self.shown_as, where, f"more than {MAX_SHEET_ROWS:,} rows (crafted file?)"
                    )
                yield number, list(cells)
        except ContainerError:
            raise
        except Exception as exc:  # noqa: BLE001 - openpyxl is a foreign parser fed hostile XML
            raise ContainerError(
                self.shown_as,
                f"{where}, row {number + 1}",
                f"malformed sheet XML or cell reference ({_describe(exc)})",
            ) from None


@contextmanager
def open_workbook(path: str | Path, *, shown_as: str | None = None) -> Iterator[SafeWorkbook]:
    """An XLSX checked as an archive (limits, CRCs) and then opened by openpyxl read-only."""
    path = Path(path)
    label = shown_as or str(path)
    with open_zip(path, shown_as=label) as archive:
        archive.verify()
        if not archive.has("xl/workbook.xml"):  # a .docx or .zip renamed .xlsx
            raise ContainerError(
                label, "", "not an Excel workbook (a ZIP archive with no workbook in it)"
            )
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 - openpyxl raises KeyError, ValueError, TypeError ...
        raise ContainerError(
            label, "workbook", f"not a readable XLSX workbook ({_describe(exc)})"
        ) from None
    try:
        yield SafeWorkbook(path, label, book)
    finally:
        try:
            book.close()
        except Exception:  # noqa: BLE001, S110 - closing a damaged archive must not mask the error
            pass
