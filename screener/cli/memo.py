"""`screener memo` and `screener export`: the printed memo and the results of one case.

Both write the file atomically, print its path, and fail with one line (exit 2) for an
unknown case, a wrong extension or a folder that cannot be written.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from screener.cli.context import AppContext, fail, pass_app
from screener.exports.case import export_case
from screener.exports.files import ExportError
from screener.memo import MemoError, write_case_memo
from screener.memo.labels import LANGUAGES

F = TypeVar("F", bound=Callable[..., Any])


def _language_option(help_text: str) -> Callable[[F], F]:
    """--lang, one of the memo's languages (English by default)."""
    return click.option(
        "--lang",
        type=click.Choice(sorted(LANGUAGES)),
        default="en",
        show_default=True,
        help=help_text,
    )


@click.command("memo")
@click.argument("case_id")
@click.option(
    "--out", "out", required=True, type=click.Path(dir_okay=False), help="The PDF to write."
)
@_language_option("Language of the memo's headings and labels.")
@pass_app
def memo_command(app: AppContext, case_id: str, out: str, lang: str) -> None:
    """Write the review memo of CASE_ID as a PDF."""
    path = Path(out)
    if path.suffix.lower() != ".pdf":
        fail(f"{path}: the memo must be written to a .pdf file")
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        fail(f"{path}: the folder {folder} does not exist")
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".pdf", dir=folder)
    os.close(handle)
    try:
        pages = write_case_memo(app.store(), case_id, temporary, lang)
        os.replace(temporary, path)
    except MemoError as exc:
        fail(str(exc))
    except OSError as exc:
        fail(f"{path}: cannot write: {exc.strerror or exc}")
    finally:
        Path(temporary).unlink(missing_ok=True)
    click.echo(f"{path} ({pages} pages)")


@click.command("export")
@click.argument("case_id")
@click.option(
    "--out",
    "out",
    required=True,
    type=click.Path(dir_okay=False),
    help="FILE.xlsx (every results sheet) or FILE.csv (the screening results).",
)
@_language_option(
    "Language of the headings, coded values, rule titles and facts (en keeps the keys)."
)
@pass_app
def export_command(app: AppContext, case_id: str, out: str, lang: str) -> None:
    """Export the results of CASE_ID to XLSX or CSV."""
    try:
        path = export_case(app.store(), case_id, out, lang)
    except (ExportError, MemoError) as exc:
        fail(str(exc))
    click.echo(str(path))


COMMANDS = [memo_command, export_command]
